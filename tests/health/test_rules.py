"""The inspection rules, by tables with fixed dates (pure functions)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from govsite.config.calendar import WorkCalendar
from govsite.config.site import PERIODS, Column, Disclosure, SiteConfig
from govsite.health import rules
from govsite.health.findings import ERROR, INFO, VETO, WARN
from govsite.model.article import Article
from govsite.model.normative import Normative

D = date.fromisoformat
CAL = WorkCalendar()


def art(
    path: str = "content/zfb/a.md",
    *,
    published: str = "2025-10-09 09:00",
    written: str | None = None,
    columns: tuple[str, ...] = ("tzgg",),
    **kw: object,
) -> Article:
    return Article(
        path=path,
        unit="zfb",
        stem="a",
        title=str(kw.pop("title", "标题")),
        published=datetime.fromisoformat(published),
        columns=columns,
        issuer="示例县人民政府办公室",
        written=D(written) if written else None,
        **kw,
    )  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("newest", "today", "level"),
    [
        ("2026-01-01", "2026-01-10", None),  # 9 days
        ("2026-01-01", "2026-01-11", WARN),  # 10 days: warn
        ("2026-01-01", "2026-01-15", WARN),  # 14 days: still fine for the veto
        ("2026-01-01", "2026-01-16", VETO),  # 15 days
        (None, "2026-01-16", VETO),  # no dated item at all
    ],
)
def test_home_freshness(newest: str | None, today: str, level: str | None) -> None:
    found = rules.home_freshness(D(newest) if newest else None, D(today))
    assert [f.level for f in found] == ([level] if level else [])
    assert all(f.rule == "MON-02" for f in found)


def test_home_veto_message() -> None:
    [f] = rules.home_freshness(D("2026-01-01"), D("2026-01-20"))
    assert f.render() == (
        "[否决] MON-02 首页最新信息是 2026-01-01，已 19 天未更新"
        "（超过 14 天即单项否决）。修改方法：今天就在首页栏目发布一条信息"
    )


@pytest.mark.parametrize(
    ("last", "period", "due"),
    [
        ("2026-01-01", "动态", "2026-01-15"),
        ("2025-08-31", "通知公告", "2026-02-28"),  # month end clamps
        ("2024-02-29", "年度", "2025-02-28"),
        ("2026-01-31", "月度", "2026-02-28"),
        ("2026-01-15", "季度", "2026-04-15"),
    ],
)
def test_deadline(last: str, period: str, due: str) -> None:
    assert rules.deadline(D(last), PERIODS[period]) == D(due)


def site_with(
    columns: dict[str, str], *, annual: str | None = "gknb", report: str | None = "wzndbb"
) -> SiteConfig:
    cols = {cid: Column(cid, f"栏目{cid}", PERIODS[p]) for cid, p in columns.items()}
    return SiteConfig(
        name="示例县人民政府",
        url="https://www.shixian.gov.cn",
        id_code="1525990001",
        sponsor="",
        organizer="",
        contact="",
        icp="",
        police="",
        columns=cols,
        disclosure=Disclosure(annual_report=annual, site_report=report),
    )


def levels(found: list, rule: str) -> list[str]:
    return sorted(f.level for f in found if f.rule == rule)


TODAY = D("2026-06-30")
FRESH14, STALE14 = D("2026-06-20"), D("2026-06-01")  # 14-day columns
STALE6M = D("2025-12-01")


@pytest.mark.parametrize(
    ("stale14", "stale6m", "stale_other", "blank", "mon03", "mon04"),
    [
        (0, 0, 0, 0, [], []),
        (2, 0, 0, 0, [WARN] * 2, []),
        (2, 1, 0, 0, [WARN] * 4, []),  # 3 key columns stale: warn
        (3, 2, 0, 0, [VETO] + [WARN] * 5, []),  # 5 key columns: veto
        (0, 0, 8, 0, [WARN] * 9, []),  # 8 stale in all: warn
        (2, 2, 6, 0, [VETO] + [WARN] * 11, []),  # 10 stale in all: veto (4 key: warn)
        (0, 0, 0, 4, [], [WARN] * 4),
        (0, 0, 0, 5, [], [VETO] + [WARN] * 5),
    ],
)
def test_column_thresholds(
    stale14: int, stale6m: int, stale_other: int, blank: int, mon03: list[str], mon04: list[str]
) -> None:
    cols: dict[str, str] = {"fresh": "动态"}
    latest = {"fresh": FRESH14}
    for i in range(stale14):
        cols[f"d{i}"], latest[f"d{i}"] = "动态", STALE14
    for i in range(stale6m):
        cols[f"t{i}"], latest[f"t{i}"] = "通知公告", STALE6M
    for i in range(stale_other):
        cols[f"q{i}"], latest[f"q{i}"] = "季度", STALE6M
    for i in range(blank):
        cols[f"b{i}"] = "年度"
    statuses = rules.column_status(site_with(cols), latest, TODAY)
    found = rules.column_rules(statuses, TODAY)
    assert levels(found, "MON-03") == sorted(mon03)
    assert levels(found, "MON-04") == sorted(mon04)


def test_parent_column_takes_children_dates() -> None:
    site = site_with({"yw": "动态", "zwyw": "要闻"})
    site.columns["yw"] = Column("yw", "要闻动态", PERIODS["动态"], children=("zwyw",))
    [parent, _child] = rules.column_status(site, {"zwyw": D("2026-06-25")}, TODAY)
    assert parent.last == D("2026-06-25") and not parent.stale and not parent.blank


@pytest.mark.parametrize(
    ("written", "published", "late"),
    [
        ("2025-09-01", "2025-09-28 10:00", False),  # 20 working days: the 调休 Sunday 28th counts
        ("2025-09-01", "2025-09-29 10:00", True),  # 21
        ("2025-09-05", "2025-10-09 10:00", False),  # 19: Oct 1–8 are not working days
        ("2025-09-05", "2025-10-10 10:00", False),  # 20
        ("2025-09-05", "2025-10-11 10:00", True),  # 21: Saturday 11th is worked
    ],
)
def test_late_disclosure_across_national_day(written: str, published: str, late: bool) -> None:
    found = rules.late_disclosure([art(written=written, published=published)], CAL)
    assert bool(found) is late
    if late:
        assert found[0].rule == "SITE-07" and found[0].key == "公开日期"


@pytest.mark.parametrize(
    ("published", "today", "linked", "level"),
    [
        ("2025-09-29 10:00", "2025-10-08", False, WARN),  # only 1 working day (30th) so far
        ("2025-09-29 10:00", "2025-10-13", False, WARN),  # 30, 9, 10, 11 (Saturday), 13: due
        ("2025-09-29 10:00", "2025-10-14", False, ERROR),
        ("2025-09-29 10:00", "2025-10-14", True, None),
    ],
)
def test_interpretation_owed(published: str, today: str, linked: bool, level: str | None) -> None:
    doc = art(published=published, needs_interpretation=True, index_no="X/2025-00001")
    interp = {"X/2025-00001": [art("content/zfb/jd.md", interprets="X/2025-00001")]}
    found = rules.interpretation_owed([doc], interp if linked else {}, D(today), CAL)
    assert [f.level for f in found] == ([level] if level else [])


@pytest.mark.parametrize(
    ("today", "titles", "expected"),
    [
        ("2026-01-05", {}, [("SITE-16", WARN)]),
        ("2026-01-31", {}, [("SITE-16", WARN)]),
        # 31 January 2026 is a Saturday: still due on Monday 2 February
        ("2026-02-02", {"gknb": ["示例县2025年政府信息公开工作年度报告"]}, [("SITE-16", WARN)]),
        ("2026-02-03", {"gknb": ["示例县2025年政府信息公开工作年度报告"]}, [("SITE-16", ERROR)]),
        (
            "2026-02-01",
            {
                "gknb": ["示例县2025年政府信息公开工作年度报告"],
                "wzndbb": ["示例县人民政府网站2025年度工作报表"],
            },
            [],
        ),
        ("2026-02-03", {"gknb": ["示例县2024年政府信息公开工作年度报告"]}, [("SITE-16", ERROR)]),
    ],
)
def test_annual_reports(
    today: str, titles: dict[str, list[str]], expected: list[tuple[str, str]]
) -> None:
    site = site_with({"gknb": "年度", "wzndbb": "年度"})
    found = rules.annual_reports(titles, site, D(today), CAL)
    assert sorted((f.rule, f.level) for f in found) == expected


@pytest.mark.parametrize(
    ("validity", "repeal", "today", "flagged"),
    [
        ("有效", "2026-01-01", "2025-12-31", False),
        ("有效", "2026-01-01", "2026-01-01", True),
        ("废止", "2026-01-01", "2026-03-01", False),
        ("有效", None, "2026-03-01", False),
    ],
)
def test_validity(validity: str, repeal: str | None, today: str, flagged: bool) -> None:
    a = art(validity=validity, repeal_date=D(repeal) if repeal else None)
    found = rules.validity([a], D(today))
    assert bool(found) is flagged


@pytest.mark.parametrize(
    ("feedback", "today", "flagged"),
    [
        (None, "2026-12-20", False),  # the end day: still open
        (None, "2026-12-21", True),
        ("fankui.md", "2026-12-21", False),
    ],
)
def test_consultation_feedback(feedback: str | None, today: str, flagged: bool) -> None:
    from govsite.model.consultation import Consultation

    a = art(
        consultation=Consultation(D("2026-11-20"), D("2026-12-20"), feedback),
        key_lines={"征集截止日期": 7},
    )
    found = rules.consultation_feedback([a], D(today))
    assert [f.render() for f in found] == (
        [
            "[警告] SITE-13 content/zfb/a.md:7: 意见采纳情况: 意见征集已于 2026-12-20 结束，"
            "尚未公布意见采纳情况。修改方法：发布意见采纳情况文章，并在本文添加“意见采纳情况: 该文章的文件名”"
        ]
        if flagged
        else []
    )


@pytest.mark.parametrize(
    ("year", "unit_due", "county_due"),
    [
        (2019, "2019-01-31", "2019-04-01"),  # 31 March a Sunday
        (2020, "2020-02-03", "2020-03-31"),  # 春节 holiday, extended to 2 February
        (2021, "2021-02-01", "2021-03-31"),  # 31 January a Sunday
        (2022, "2022-02-07", "2022-03-31"),  # 31 January is 除夕, 春节 holiday 31.1.–6.2.
        (2023, "2023-01-31", "2023-03-31"),  # both working days: unchanged
        (2024, "2024-01-31", "2024-04-01"),  # 31 March a Sunday
        (2025, "2025-02-05", "2025-03-31"),  # 春节 28.1.–4.2.
        (2026, "2026-02-02", "2026-03-31"),  # 31 January a Saturday
    ],
)
def test_report_due_moves_to_next_working_day(year: int, unit_due: str, county_due: str) -> None:
    assert rules.report_due(year, False, CAL) == D(unit_due)
    assert rules.report_due(year, True, CAL) == D(county_due)


def test_report_due_uses_the_platforms_holiday_file() -> None:
    # a year past chinesecalendar, from hooks/holidays/<year>.yml: 31 January 2031 is a
    # Friday inside the (made-up) holiday, 1–2 February the weekend, 3 February worked
    from govsite.config.calendar import YearData

    off = frozenset(D(f"2031-01-{d}") for d in range(28, 32))
    cal = WorkCalendar({2031: YearData(2031, off, frozenset())})
    assert rules.report_due(2031, False, cal) == D("2031-02-03")
    assert rules.report_due(2031, True, cal) == D("2031-03-31")


def test_report_due_in_an_unknown_year() -> None:
    from govsite.errors import ConfigError

    with pytest.raises(ConfigError):  # no 2031 data: the due date cannot be known
        rules.report_due(2031, False, CAL)
    with pytest.raises(ConfigError):  # still within reach of a 春节 holiday
        rules.report_due(2031, False, CAL, D("2031-02-15"))
    # long past any holiday: overdue whichever way it falls, the nominal date is named
    assert rules.report_due(2031, False, CAL, D("2031-06-01")) == D("2031-01-31")
    assert rules.report_due(2031, True, CAL, D("2031-06-01")) == D("2031-03-31")


UNIT_REPORT = rules.ExpectedReport(
    "示例县财政局2025年政府信息公开工作年度报告", county=False, unit="czj"
)
COUNTY_REPORT = rules.ExpectedReport("示例县人民政府2025年政府信息公开工作年度报告", county=True)


@pytest.mark.parametrize(
    ("today", "published", "unit", "county"),
    [
        (
            "2026-01-05",
            [],
            (INFO, "还有 21 个工作日（28 天）"),
            (INFO, "还有 58 个工作日（85 天）"),
        ),
        (
            "2026-01-20",
            [],
            (WARN, "还有 10 个工作日（13 天）"),
            (INFO, "还有 47 个工作日（70 天）"),
        ),
        # 2026-01-31 is a Saturday: the unit's due date moves to Monday 2 February
        ("2026-01-31", [], (WARN, "还有 1 个工作日（2 天）"), (INFO, "还有 38 个工作日（59 天）")),
        ("2026-02-02", [], (WARN, "还有 1 个工作日（0 天）"), (INFO, "还有 38 个工作日（57 天）")),
        ("2026-02-03", [], (ERROR, "已超过期限 2026-02-02"), (INFO, "还有 37 个工作日（56 天）")),
        (
            "2026-04-01",
            ["《示例县财政局2025年政府信息公开工作年度报告》"],
            None,
            (ERROR, "已超过期限 2026-03-31"),
        ),
        (
            "2026-04-01",
            [
                "示例县财政局2025年政府信息公开工作年度报告",
                "示例县人民政府2025年政府信息公开工作年度报告",
            ],
            None,
            None,
        ),
    ],
)
def test_disclosure_report_due(
    today: str, published: list[str], unit: tuple[str, str] | None, county: tuple[str, str] | None
) -> None:
    found = rules.disclosure_report_due([UNIT_REPORT, COUNTY_REPORT], published, D(today), CAL)
    got = {("county" if "人民政府" in f.message else "unit"): f for f in found}
    assert all(f.rule == "SITE-17" and f.fix for f in found)
    for who, want in (("unit", unit), ("county", county)):
        if want is None:
            assert who not in got
        else:
            assert got[who].level == want[0] and want[1] in got[who].message, got[who].message


def normative_doc(expires: str, validity: str = "有效") -> Article:
    return art(
        "content/czj/gf.md",
        written="2021-01-10",
        validity=validity,
        normative=Normative(
            kind="行政规范性文件", reg_no="示财规〔2021〕1号", years=5, expires=D(expires)
        ),
    )


@pytest.mark.parametrize(
    ("expires", "validity", "today", "expected"),
    [
        ("2026-01-09", "有效", "2025-10-10", None),  # 91 days
        ("2026-01-09", "有效", "2025-10-11", (WARN, "还有 90 天")),
        ("2026-01-09", "有效", "2026-01-09", (WARN, "还有 0 天")),
        ("2026-01-09", "有效", "2026-01-10", (INFO, "已于 2026-01-09 届满")),
        ("2026-01-09", "失效", "2026-01-10", None),  # already marked
    ],
)
def test_normative_expiry(
    expires: str, validity: str, today: str, expected: tuple[str, str] | None
) -> None:
    found = rules.normative_expiry([normative_doc(expires, validity)], D(today))
    if expected is None:
        assert found == []
    else:
        [f] = found
        assert (f.level, f.rule) == (expected[0], "META-06") and expected[1] in f.message
        assert "单位 zfb" in f.message and f.path == "content/czj/gf.md"
