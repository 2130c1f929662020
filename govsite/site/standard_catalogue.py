"""The 基层政务公开标准目录 page's live coverage per 事项 (pure; the page and the nightly).

For each 事项 of data/标准目录.yml: the articles of its 栏目 (and sub-columns) published
by ``today``, the last update, and whether it is blank or overdue against its 公开时限:
- ``N个工作日`` / ``N日``: an article published more than N working (calendar) days after
  its 成文日期 is late; articles without 成文日期 are not judged;
- ``每年M月D日前``: after that day (moved to the next working day) the column must have an
  article published this year;
- 实时/及时/长期: no deadline, only blank is reported.
A 依申请 事项 is listed without coverage: it is answered on request, not published.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from govsite.config.calendar import WorkCalendar
from govsite.config.site import SiteConfig
from govsite.config.standard_catalogue import ANNUAL, DAYS, WORKDAYS, Area, Item
from govsite.model.article import Article

PAGE = "bzml/index.html"
OK, BLANK, OVERDUE, ON_REQUEST = "正常", "空白", "逾期", "依申请公开"


@dataclass(frozen=True)
class Coverage:
    item: Item
    count: int = 0
    last: date | None = None
    state: str = OK
    late: tuple[str, ...] = ()  # paths of articles published after the 公开时限
    due: date | None = None  # the yearly due date, for ``每年M月D日前``
    note: str = ""  # why it is overdue, in words for the page and the report


@dataclass(frozen=True)
class AreaCoverage:
    area: Area
    items: tuple[Coverage, ...] = field(default_factory=tuple)


def _subtree(site: SiteConfig, cid: str) -> set[str]:
    out, todo = set(), [cid]
    while todo:
        c = todo.pop()
        out.add(c)
        todo.extend(site.columns[c].children if c in site.columns else ())
    return out


def item_coverage(
    item: Item, articles: Sequence[Article], site: SiteConfig, today: date, cal: WorkCalendar
) -> Coverage:
    if not item.proactive or item.column is None:
        return Coverage(item, state=ON_REQUEST)
    cols = _subtree(site, item.column)
    mine = [a for a in articles if cols.intersection(a.columns) and a.published.date() <= today]
    if not mine:
        return Coverage(item, state=BLANK, note=f"栏目 {item.column} 中没有文章")
    last = max(a.published.date() for a in mine)
    t = item.time
    late: list[str] = []
    if t.kind in (WORKDAYS, DAYS):
        for a in sorted(mine, key=lambda a: a.path):
            if a.written is None:
                continue
            limit = (
                cal.add_workdays(a.written, t.n)
                if t.kind == WORKDAYS
                else a.written + timedelta(days=t.n)
            )
            if a.published.date() > limit:
                late.append(a.path)
        if late:
            unit = "个工作日" if t.kind == WORKDAYS else "日"
            note = f"{len(late)} 篇超过成文后 {t.n} {unit}才公开"
            return Coverage(item, len(mine), last, OVERDUE, tuple(late), note=note)
    elif t.kind == ANNUAL:
        due = cal.roll_forward(date(today.year, t.month, t.day))
        if today > due and last.year < today.year:
            note = f"{today.year} 年尚未公开（期限 {due}）"
            return Coverage(item, len(mine), last, OVERDUE, due=due, note=note)
        return Coverage(item, len(mine), last, OK, due=due)
    return Coverage(item, len(mine), last, OK)


def coverage(
    areas: Iterable[Area],
    articles: Sequence[Article],
    site: SiteConfig,
    today: date,
    cal: WorkCalendar,
) -> list[AreaCoverage]:
    return [
        AreaCoverage(a, tuple(item_coverage(i, articles, site, today, cal) for i in a.items))
        for a in areas
    ]


def totals(areas: Sequence[AreaCoverage]) -> dict[str, int]:
    """How many 事项 in each state, for the page's summary line."""
    out = {OK: 0, BLANK: 0, OVERDUE: 0, ON_REQUEST: 0}
    for a in areas:
        for c in a.items:
            out[c.state] += 1
    return out
