"""文种 and the 规范性文件 rules (pure): 统一编号, 有效期, derived 有效性 (META-03/06).

Keys in the article's front matter::

    文种: 行政规范性文件        # enum WENZHONG; the annual report counts by it
    统一编号: 示政办规〔2025〕1号  # required for 行政规范性文件; pattern in site.yml
    有效期: 5                   # years from 成文日期; default in site.yml (暂行/试行: shorter)
    废止旧文件: [索引号, …]       # on a new document: the documents it repeals or amends

A document past its 有效期 is 失效 on that day without an edit (``validity_on``).
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Protocol

from govsite.errors import Problem

# e.g. 内政办规〔2021〕3号, 示政规〔2025〕1号: issuer abbreviation + 规 + 〔year〕 + serial.
DEFAULT_PATTERN = r"^[\u4e00-\u9fa5]{1,12}规〔(?P<year>\d{4})〕(?P<serial>[1-9]\d*)号$"
DEFAULT_YEARS = 5
DEFAULT_TRIAL_YEARS = 2


@dataclass(frozen=True)
class NormativeRule:
    """site.yml 规范性文件: the 统一编号 pattern and the default 有效期 (read by config)."""

    pattern: str = DEFAULT_PATTERN
    years: int = DEFAULT_YEARS  # 有效期 when the document does not state one
    trial_years: int = DEFAULT_TRIAL_YEARS  # for 暂行 / 试行 titles

    def matches(self, text: str) -> bool:
        return re.match(self.pattern, text) is not None


KIND, REG_NO, YEARS, REPEALS = "文种", "统一编号", "有效期", "废止旧文件"
REGULATION, NORMATIVE = "规章", "行政规范性文件"
# The document kinds the 30号 report and the 政策文件库 count by; 体裁 stays the 公文文种.
WENZHONG = (
    REGULATION,
    NORMATIVE,
    "其他政策文件",
    "政策解读",
    "规划计划",
    "工作报告",
    "公告公示",
    "工作动态",
    "其他",
)
LEGAL = (REGULATION, NORMATIVE)  # documents with 有效期 and 统一编号 (regulations: 有效期 only)
KEYS = {
    KIND: f"文件类别：{' / '.join(WENZHONG)}",
    REG_NO: "行政规范性文件的统一编号（登记号），如 示政办规〔2025〕1号",
    YEARS: "有效期（年，自成文日期起算），行政规范性文件默认 5 年，暂行、试行默认 2 年",
    REPEALS: "本文件废止（或修订）的旧文件的索引号列表",
}
_YEARS = re.compile(r"^\s*([1-9]\d?)\s*年?\s*$")


@dataclass(frozen=True)
class Normative:
    kind: str | None = None
    reg_no: str | None = None
    years: int | None = None  # None: no 有效期 (not a 规范性文件)
    expires: date | None = None  # the last day in force by its 有效期
    repeals: tuple[str, ...] = ()


class HasValidity(Protocol):
    @property
    def validity(self) -> str: ...
    @property
    def repeal_date(self) -> date | None: ...
    @property
    def normative(self) -> Normative | None: ...


def add_years(day: date, years: int) -> date:
    year = day.year + years
    return date(year, day.month, min(day.day, calendar.monthrange(year, day.month)[1]))


def validity_on(article: HasValidity, day: date) -> str:
    """有效性 on ``day``: as written, but 废止 from its 废止日期 and 失效 after its 有效期."""
    if article.validity != "有效":
        return article.validity
    if article.repeal_date is not None and article.repeal_date <= day:
        return "废止"
    n = article.normative
    if n is not None and n.expires is not None and day > n.expires:
        return "失效"
    return "有效"


Found = list[tuple[str, str, str]]  # (key, message, fix) for the article reader


def check(
    kind: str | None,
    reg_no: str | None,
    years_raw: object,
    repeals: tuple[str, ...],
    *,
    title: str,
    written: date | None,
    rule: NormativeRule,
    present: set[str],
) -> tuple[Normative | None, Found]:
    problems: Found = []
    if not present:
        return None, problems
    if kind is not None and kind not in WENZHONG:
        problems.append((KIND, f"“{kind}”不是可用的文种", f"只能填写 {' / '.join(WENZHONG)}"))
        kind = None
    years: int | None = None
    if years_raw is not None and years_raw != "":
        m = _YEARS.match(str(years_raw)) if not isinstance(years_raw, bool) else None
        if m is None:
            problems.append((YEARS, f"“{years_raw}”不是有效的年数", "写成整数年，如 有效期: 5"))
        else:
            years = int(m[1])
    if kind in LEGAL:
        if years is None and years_raw in (None, ""):
            years = rule.trial_years if ("暂行" in title or "试行" in title) else rule.years
        if written is None:
            problems.append(
                (KIND, f"{kind}须填写成文日期（有效期自成文日期起算）", "添加“成文日期: 年-月-日”")
            )
    elif years is not None:
        problems.append(
            (YEARS, "只有规章和行政规范性文件有有效期", f"删除“有效期”，或把文种改为 {NORMATIVE}")
        )
        years = None
    if kind == NORMATIVE:
        if reg_no is None:
            problems.append(
                (
                    REG_NO,
                    "行政规范性文件须填写统一编号",
                    "添加“统一编号: …”，如 示政办规〔2025〕1号（由合法性审核机构登记编号）",
                )
            )
        elif not rule.matches(reg_no):
            problems.append(
                (
                    REG_NO,
                    f"统一编号“{reg_no}”不符合 site.yml 中的统一编号格式",
                    "写成 机关简称+规+〔年份〕+序号+号，如 示政办规〔2025〕1号",
                )
            )
    elif reg_no is not None:
        problems.append(
            (REG_NO, "只有行政规范性文件有统一编号", f"删除“统一编号”，或把文种改为 {NORMATIVE}")
        )
        reg_no = None
    expires = None
    if years is not None and written is not None:
        expires = add_years(written, years) - timedelta(days=1)
    return Normative(kind, reg_no, years, expires, repeals), problems


class Linked(HasValidity, Protocol):
    @property
    def path(self) -> str: ...
    @property
    def index_no(self) -> str | None: ...
    @property
    def written(self) -> date | None: ...
    @property
    def repealed_by(self) -> str | None: ...
    def line_of(self, key: str) -> int: ...


def repeal_consistency(articles: Iterable[Linked], by_index: Mapping[str, Linked]) -> list[Problem]:
    """META-06: a new document's 废止旧文件 and the old one's 废止文件 agree on both sides,
    so a PR that repeals a document also marks the old one (and the other way round)."""
    problems: list[Problem] = []
    for new in sorted(articles, key=lambda a: a.path):
        n = new.normative
        for old_no in n.repeals if n else ():
            line = new.line_of(REPEALS)
            old = by_index.get(old_no)
            if old is None:
                problems.append(
                    Problem(
                        f"废止旧文件 {old_no} 在本站找不到",
                        path=new.path,
                        line=line,
                        key=REPEALS,
                        fix="填写被废止旧文件的索引号，并确认旧文件已在 content/ 中",
                    )
                )
                continue
            if old.path == new.path:
                problems.append(
                    Problem("废止旧文件不能是自己", path=new.path, line=line, key=REPEALS)
                )
                continue
            if old.validity not in ("废止", "已修订") or old.repealed_by != new.index_no:
                problems.append(
                    Problem(
                        f"本文件废止 {old_no}，但旧文件 {old.path} 没有标注",
                        path=new.path,
                        line=line,
                        key=REPEALS,
                        fix=f"在同一个 PR 里修改 {old.path}：“有效性: 废止”（或 已修订）、"
                        f"“废止日期: …”、“废止文件: {new.index_no}”",
                    )
                )
            elif (
                old.repeal_date is not None
                and new.written is not None
                and old.repeal_date < new.written
            ):
                problems.append(
                    Problem(
                        f"旧文件 {old.path} 的废止日期 {old.repeal_date} 早于本文件的成文日期 "
                        f"{new.written}",
                        path=old.path,
                        line=old.line_of("废止日期"),
                        key="废止日期",
                        fix="核对旧文件的废止日期（应为新文件施行之日）",
                    )
                )
    for old in sorted(articles, key=lambda a: a.path):
        if old.repealed_by is None:
            continue
        new_doc = by_index.get(old.repealed_by)
        if new_doc is None or new_doc.normative is None or not new_doc.normative.repeals:
            continue  # the new document need not list what it repeals; if it lists, it agrees
        if old.index_no not in new_doc.normative.repeals:
            problems.append(
                Problem(
                    f"标注为被 {old.repealed_by} 废止，但该文件的“废止旧文件”中没有本文件",
                    path=old.path,
                    line=old.line_of("废止文件"),
                    key="废止文件",
                    fix=f"在 {new_doc.path} 的“废止旧文件”中加上 {old.index_no}，或核对废止文件",
                )
            )
    return problems
