"""二、主动公开 table: 规章 / 行政规范性文件 counted across year boundaries (pure, by table)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from govsite.model.article import Article
from govsite.model.normative import NORMATIVE, REGULATION, Normative, validity_on
from govsite.reports.legal_counts import LegalCounts, count


def doc(
    name: str,
    written: str,
    *,
    unit: str = "zfb",
    kind: str = NORMATIVE,
    validity: str = "有效",
    repealed: str | None = None,
    expires: str | None = None,
    co: tuple[str, ...] = (),
    reg_no: str | None = None,
) -> Article:
    return Article(
        path=f"content/{unit}/{name}.md",
        unit=unit,
        stem=name,
        title=name,
        published=datetime.fromisoformat(written + " 09:00"),
        columns=("gfxwj",),
        issuer=unit,
        written=date.fromisoformat(written),
        validity=validity,
        repeal_date=date.fromisoformat(repealed) if repealed else None,
        co_issuers=co,
        normative=Normative(
            kind=kind,
            reg_no=reg_no or f"{name}规〔2025〕1号",
            years=5,
            expires=date.fromisoformat(expires) if expires else None,
        ),
    )


@pytest.mark.parametrize(
    ("docs", "year", "unit", "expected"),
    [
        # issued in the year by 成文日期, not 公开日期; 31 Dec and 1 Jan fall on either side
        ([doc("a", "2025-12-31"), doc("b", "2026-01-01")], 2025, "zfb", LegalCounts(1, 0, 1)),
        ([doc("a", "2025-12-31"), doc("b", "2026-01-01")], 2026, "zfb", LegalCounts(1, 0, 2)),
        # repealed on 1 Jan 2026: in force at the end of 2025, counted as 废止 in 2026
        (
            [doc("a", "2024-03-01", validity="废止", repealed="2026-01-01")],
            2025,
            "zfb",
            LegalCounts(0, 0, 1),
        ),
        (
            [doc("a", "2024-03-01", validity="废止", repealed="2026-01-01")],
            2026,
            "zfb",
            LegalCounts(0, 1, 0),
        ),
        # repealed on 31 Dec: no longer in force that day
        (
            [doc("a", "2024-03-01", validity="废止", repealed="2025-12-31")],
            2025,
            "zfb",
            LegalCounts(0, 1, 0),
        ),
        # 有效期 ends within the year: 失效 without an edit, not counted as in force
        ([doc("a", "2020-06-01", expires="2025-05-31")], 2025, "zfb", LegalCounts(0, 0, 0)),
        ([doc("a", "2020-06-01", expires="2025-12-31")], 2025, "zfb", LegalCounts(0, 0, 1)),
        # 联合发文: once for each issuing unit, once in the county total
        ([doc("j", "2025-04-01", unit="fgw", co=("czj",))], 2025, "fgw", LegalCounts(1, 0, 1)),
        ([doc("j", "2025-04-01", unit="fgw", co=("czj",))], 2025, "czj", LegalCounts(1, 0, 1)),
        ([doc("j", "2025-04-01", unit="fgw", co=("czj",))], 2025, "zfb", LegalCounts(0, 0, 0)),
        (
            [
                doc("j", "2025-04-01", unit="fgw", co=("czj",), reg_no="示发改规〔2025〕1号"),
                doc("j2", "2025-04-01", unit="czj", co=("fgw",), reg_no="示发改规〔2025〕1号"),
            ],
            2025,
            None,
            LegalCounts(1, 0, 1),
        ),
        (
            [
                doc("j", "2025-04-01", unit="fgw", co=("czj",), reg_no="示发改规〔2025〕1号"),
                doc("j2", "2025-04-01", unit="czj", co=("fgw",), reg_no="示发改规〔2025〕1号"),
            ],
            2025,
            "czj",
            LegalCounts(1, 0, 1),
        ),
        # other 文种 are not counted
        ([doc("x", "2025-04-01", kind="其他政策文件")], 2025, None, LegalCounts(0, 0, 0)),
        # written after the year: not yet in force at its end
        ([doc("a", "2026-02-01")], 2025, None, LegalCounts(0, 0, 0)),
    ],
)
def test_normative_counts(
    docs: list[Article], year: int, unit: str | None, expected: LegalCounts
) -> None:
    assert count(docs, NORMATIVE, year, unit) == expected


def test_regulations_counted_apart() -> None:
    docs = [doc("r", "2025-04-01", kind=REGULATION), doc("n", "2025-04-01")]
    assert count(docs, REGULATION, 2025, None) == LegalCounts(1, 0, 1)
    assert count(docs, NORMATIVE, 2025, None) == LegalCounts(1, 0, 1)


@pytest.mark.parametrize(
    ("validity", "repealed", "expires", "day", "expected"),
    [
        ("有效", None, "2030-05-25", "2030-05-25", "有效"),
        ("有效", None, "2030-05-25", "2030-05-26", "失效"),
        ("有效", "2027-01-01", "2030-05-25", "2026-12-31", "有效"),
        ("有效", "2027-01-01", "2030-05-25", "2027-01-01", "废止"),
        ("废止", "2027-01-01", None, "2026-01-01", "废止"),
        ("已修订", None, None, "2026-01-01", "已修订"),
    ],
)
def test_validity_on(
    validity: str, repealed: str | None, expires: str | None, day: str, expected: str
) -> None:
    a = doc("a", "2025-05-26", validity=validity, repealed=repealed, expires=expires)
    assert validity_on(a, date.fromisoformat(day)) == expected
