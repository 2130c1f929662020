"""二、主动公开政府信息情况, 第二十条第（一）项: 规章 and 行政规范性文件 counted (pure).

本年制发: 成文日期 in the year. 本年废止: 废止日期 in the year. 现行有效: in force on
31 December by the derived 有效性 (废止日期 and 有效期 both count). A 联合发文 counts
once for each unit that issued it (lead or co-issuer) and once in the county total,
even when several units publish their own copy of it.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from govsite.model.article import Article
from govsite.model.normative import LEGAL, validity_on


@dataclass(frozen=True)
class LegalCounts:
    issued: int = 0
    repealed: int = 0
    in_force: int = 0


def document_key(a: Article) -> str:
    """One document, however many articles publish it: 统一编号, else 发文字号, else the file."""
    n = a.normative
    if n is not None and n.reg_no:
        return f"统一编号:{n.reg_no}"
    if a.doc_no:
        return f"发文字号:{a.doc_no}"
    return f"文件:{a.path}"


def issuing_units(a: Article) -> set[str]:
    return {a.unit, *a.co_issuers}


def documents(articles: Iterable[Article], kind: str, unit: str | None) -> list[Article]:
    """The articles of ``kind`` issued by ``unit`` (None: every unit), one per document."""
    seen: dict[str, Article] = {}
    for a in sorted(articles, key=lambda a: a.path):
        if a.normative is None or a.normative.kind != kind:
            continue
        if unit is not None and unit not in issuing_units(a):
            continue
        seen.setdefault(document_key(a), a)
    return list(seen.values())


def count(articles: Iterable[Article], kind: str, year: int, unit: str | None) -> LegalCounts:
    assert kind in LEGAL
    end = date(year, 12, 31)
    docs = documents(articles, kind, unit)
    issued = sum(1 for a in docs if a.written is not None and a.written.year == year)
    repealed = sum(1 for a in docs if a.repeal_date is not None and a.repeal_date.year == year)
    in_force = sum(
        1 for a in docs if a.written is not None and a.written <= end and _in_force(a, end)
    )
    return LegalCounts(issued, repealed, in_force)


def _in_force(a: Article, day: date) -> bool:
    if a.validity in ("废止", "失效", "已修订") and a.repeal_date is not None:
        # marked later, but still in force on ``day`` if its 废止日期 is after it
        return a.repeal_date > day and (
            a.normative is None or a.normative.expires is None or day <= a.normative.expires
        )
    return validity_on(a, day) == "有效"
