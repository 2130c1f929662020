"""The 标准目录's live coverage per 事项 (pure), its nightly findings, and the page."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from govsite.config.calendar import WorkCalendar
from govsite.config.site import PERIODS, Column, Disclosure, SiteConfig
from govsite.config.standard_catalogue import Area, Item, TimeLimit, parse_time
from govsite.health import rules
from govsite.health.findings import WARN
from govsite.model.article import Article
from govsite.site import standard_catalogue as sc

D = date.fromisoformat
CAL = WorkCalendar()
SITE = SiteConfig(
    name="示例县人民政府",
    url="https://www.shixian.gov.cn",
    id_code="1525990001",
    sponsor="",
    organizer="",
    contact="",
    icp="",
    police="",
    columns={
        "czzj": Column("czzj", "财政预决算", PERIODS["年度"], children=("bmys",)),
        "bmys": Column("bmys", "部门预算", PERIODS["年度"], parent="czzj"),
        "jyxx": Column("jyxx", "教育信息", PERIODS["季度"]),
    },
    disclosure=Disclosure(),
)


def item(time: str, column: str | None = "czzj", manner: str = "主动") -> Item:
    limit = parse_time(time)
    assert limit is not None
    return Item(
        area="财政预决算",
        group="政府预决算",
        name="政府预算",
        content="预算",
        basis="《中华人民共和国预算法》第十四条",
        time_text=time,
        time=limit,
        subject="县财政局",
        channels=("政府网站",),
        audience="全社会",
        manner=manner,
        levels=("县级",),
        column=column,
        key="领域[0].事项[0]",
        line=12,
        time_line=15,
    )


def art(path: str, published: str, written: str | None, columns: tuple[str, ...]) -> Article:
    return Article(
        path=path,
        unit="czj",
        stem=path.rsplit("/", 1)[-1].removesuffix(".md"),
        title="标题",
        published=datetime.fromisoformat(published),
        columns=columns,
        issuer="示例县财政局",
        written=D(written) if written else None,
    )  # type: ignore[call-arg]


@pytest.mark.parametrize(
    ("time", "articles", "today", "state", "late"),
    [
        # blank: nothing in the column (or only in another column, or not yet published)
        ("20个工作日内", [], "2026-06-30", sc.BLANK, ()),
        (
            "20个工作日内",
            [("a", "2026-03-02 09:00", "2026-03-01", ("jyxx",))],
            "2026-06-30",
            sc.BLANK,
            (),
        ),
        (
            "20个工作日内",
            [("a", "2026-07-02 09:00", "2026-07-01", ("czzj",))],
            "2026-06-30",
            sc.BLANK,
            (),
        ),
        # working days across 春节 2026 (15–23 February off, 14 and 28 February worked):
        # written 2026-02-02, the 20th working day after it is 2026-03-06 (Friday)
        (
            "20个工作日内",
            [("a", "2026-03-06 09:00", "2026-02-02", ("czzj",))],
            "2026-06-30",
            sc.OK,
            (),
        ),
        (
            "20个工作日内",
            [("a", "2026-03-09 09:00", "2026-02-02", ("czzj",))],
            "2026-06-30",
            sc.OVERDUE,
            ("a",),
        ),
        # a sub-column's articles count; an article without 成文日期 is not judged
        (
            "20个工作日内",
            [
                ("a", "2026-03-09 09:00", "2026-02-02", ("bmys",)),
                ("b", "2026-05-06 09:00", None, ("czzj",)),
            ],
            "2026-06-30",
            sc.OVERDUE,
            ("a",),
        ),
        ("20个工作日内", [("b", "2026-05-06 09:00", None, ("bmys",))], "2026-06-30", sc.OK, ()),
        # calendar days: 20 days after 2026-01-23 is 2026-02-12
        (
            "批准后20日内",
            [("a", "2026-02-12 09:00", "2026-01-23", ("czzj",))],
            "2026-06-30",
            sc.OK,
            (),
        ),
        (
            "批准后20日内",
            [("a", "2026-02-13 09:00", "2026-01-23", ("czzj",))],
            "2026-06-30",
            sc.OVERDUE,
            ("a",),
        ),
        # yearly: 2026-03-31 is a Tuesday; this year's item is owed from 1 April
        ("每年3月31日前", [("a", "2025-03-20 09:00", None, ("czzj",))], "2026-03-31", sc.OK, ()),
        (
            "每年3月31日前",
            [("a", "2025-03-20 09:00", None, ("czzj",))],
            "2026-04-01",
            sc.OVERDUE,
            (),
        ),
        ("每年3月31日前", [("a", "2026-03-30 09:00", None, ("czzj",))], "2026-04-01", sc.OK, ()),
        # 2024-03-31 is a Sunday: due Monday 1 April, owed from the 2nd
        ("每年3月31日前", [("a", "2023-03-20 09:00", None, ("czzj",))], "2024-04-01", sc.OK, ()),
        (
            "每年3月31日前",
            [("a", "2023-03-20 09:00", None, ("czzj",))],
            "2024-04-02",
            sc.OVERDUE,
            (),
        ),
        # no deadline: only blank counts
        ("及时", [("a", "2020-03-06 09:00", "2019-01-01", ("czzj",))], "2026-06-30", sc.OK, ()),
    ],
)
def test_item_coverage(
    time: str,
    articles: list[tuple[str, str, str | None, tuple[str, ...]]],
    today: str,
    state: str,
    late: tuple[str, ...],
) -> None:
    arts = [art(f"content/czj/{p}.md", pub, w, cols) for p, pub, w, cols in articles]
    got = sc.item_coverage(item(time), arts, SITE, D(today), CAL)
    assert got.state == state, got
    assert got.late == tuple(f"content/czj/{p}.md" for p in late)
    live = [a for a in arts if a.published.date() <= D(today) and {"czzj", "bmys"} & set(a.columns)]
    assert got.count == len(live)
    assert got.last == (max(a.published.date() for a in live) if live else None)


def test_on_request_item_has_no_coverage() -> None:
    got = sc.item_coverage(
        item("及时", column=None, manner="依申请"), [], SITE, D("2026-06-30"), CAL
    )
    assert got.state == sc.ON_REQUEST


def test_findings_for_blank_and_overdue_items() -> None:
    areas = sc.coverage(
        [Area("财政预决算", "", (item("20个工作日内"), item("每年3月31日前", column="jyxx")))],
        [art("content/czj/a.md", "2025-03-20 09:00", "2025-03-19", ("jyxx",))],
        SITE,
        D("2026-04-01"),
        CAL,
    )
    assert sc.totals(areas) == {sc.OK: 0, sc.BLANK: 1, sc.OVERDUE: 1, sc.ON_REQUEST: 0}
    found = rules.standard_catalogue(areas, "data/标准目录.yml")
    assert [f.render() for f in found] == [
        "[警告] SITE-06 data/标准目录.yml:12: 领域[0].事项[0]: 标准目录事项“财政预决算·政府预决算·"
        "政府预算”（栏目 czzj）空白，尚未发布任何信息。修改方法：由县财政局在栏目 czzj 发布该事项；"
        "本县确无此事项的，从标准目录中删除并说明理由",
        "[警告] SITE-06 data/标准目录.yml:15: 领域[0].事项[0].公开时限: 标准目录事项“财政预决算·"
        "政府预决算·政府预算”（栏目 jyxx，公开时限“每年3月31日前”）逾期，2026 年尚未公开"
        "（期限 2026-03-31）。修改方法：由县财政局按公开时限发布；以后自成文之日起在时限内公开，"
        "并核对文章的成文日期",
    ]
    assert all(f.level == WARN for f in found)


def test_limit_dataclass_is_hashable() -> None:  # kept in page keys (fingerprint repr)
    assert hash(TimeLimit("workdays", n=20)) == hash(TimeLimit("workdays", n=20))
