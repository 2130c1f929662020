"""The inspection rules as pure functions (MON-02…05, SITE-07/16/17, META-06/08).

No I/O: each takes plain data, ``today`` and, where working days count, a
WorkCalendar whose data was loaded beforehand. Tested by tables with fixed dates.
"""

from __future__ import annotations

import calendar as _cal
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from govsite.config.calendar import WorkCalendar
from govsite.config.site import Column, Period, SiteConfig
from govsite.errors import ConfigError
from govsite.health.findings import ERROR, INFO, VETO, WARN, Finding
from govsite.model.article import Article
from govsite.model.normative import LEGAL
from govsite.site.standard_catalogue import BLANK, OVERDUE, AreaCoverage

HOME_VETO_DAYS = 14  # MON-02: newest home-page item older than two weeks
HOME_WARN_DAYS = 10
KEY_STALE_VETO, KEY_STALE_WARN = 5, 3  # MON-03: 14-day and 6-month columns
ALL_STALE_VETO, ALL_STALE_WARN = 10, 8  # MON-03: 应更新而长期未更新
BLANK_VETO = 5  # MON-04
LATE_WORKDAYS = 20  # SITE-07
INTERPRETATION_WORKDAYS = 5  # META-08
REPORT_DUE = (1, 31)  # SITE-16/17: month, day
COUNTY_REPORT_DUE = (3, 31)  # SITE-17: the county's own report
REPORT_WARN_WORKDAYS = 10
MAX_ROLL_DAYS = 21  # longest a holiday can push a due date (春节 9 days + weekends)
EXPIRY_NOTICE_DAYS = 90  # 规范性文件 expiring soon are listed to their unit


def add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, _cal.monthrange(year, month)[1]))


def deadline(last: date, period: Period) -> date:
    """The last day on which a column updated on ``last`` is still fresh."""
    return add_months(last, period.months) + timedelta(days=period.days)


def home_freshness(newest: date | None, today: date) -> list[Finding]:
    """MON-02: items without a date count as not updated, so ``newest`` None is a veto."""
    if newest is None:
        return [
            Finding(
                "MON-02",
                VETO,
                "首页没有任何带日期的信息（无日期的条目视为未更新）",
                fix="在首页栏目发布信息，并确认列表显示发布日期",
            )
        ]
    age = (today - newest).days
    if age > HOME_VETO_DAYS:
        return [
            Finding(
                "MON-02",
                VETO,
                f"首页最新信息是 {newest}，已 {age} 天未更新（超过 {HOME_VETO_DAYS} 天即单项否决）",
                fix="今天就在首页栏目发布一条信息",
            )
        ]
    if age >= HOME_WARN_DAYS:
        return [
            Finding(
                "MON-02",
                WARN,
                f"首页最新信息是 {newest}，已 {age} 天未更新（{HOME_VETO_DAYS} 天即单项否决）",
                fix=f"在 {newest + timedelta(days=HOME_VETO_DAYS)} 之前在首页栏目发布信息",
            )
        ]
    return []


@dataclass(frozen=True)
class ColumnStatus:
    column: Column
    last: date | None  # newest item in the column or its sub-columns; None = blank
    due: date | None  # last day it is still fresh
    stale: bool
    blank: bool


def column_status(site: SiteConfig, latest: Mapping[str, date], today: date) -> list[ColumnStatus]:
    """Each column's last update (its own items and its sub-columns') against its period."""
    out = []
    for col in site.columns.values():
        dates = [latest[c] for c in subtree(site, col.id) if c in latest]
        last = max(dates) if dates else None
        due = deadline(last, col.period) if last else None
        out.append(
            ColumnStatus(col, last, due, stale=due is not None and today > due, blank=last is None)
        )
    return out


def subtree(site: SiteConfig, cid: str) -> list[str]:
    out, todo = [], [cid]
    while todo:
        c = todo.pop()
        out.append(c)
        todo.extend(site.columns[c].children if c in site.columns else ())
    return out


def column_rules(statuses: Sequence[ColumnStatus], today: date) -> list[Finding]:
    """MON-03/05 stale columns and MON-04 blank columns, each listed, thresholds counted."""
    found: list[Finding] = []
    stale = [s for s in statuses if s.stale]
    key = [s for s in stale if s.column.period.kind in ("14d", "6m")]
    blank = [s for s in statuses if s.blank]
    for s in stale:
        found.append(
            Finding(
                "MON-03",
                WARN,
                f"栏目“{s.column.title}”（{s.column.id}，更新周期 "
                f"{s.column.period.label}）最后更新于 {s.last}，{s.due} 起已超期",
                fix="在该栏目发布信息；确实无法维护的栏目应合并或撤销（QA-14）",
            )
        )
    for s in blank:
        found.append(
            Finding(
                "MON-04",
                WARN,
                f"栏目“{s.column.title}”（{s.column.id}）是空白栏目",
                fix="发布内容，或从 site.yml 中删除该栏目",
            )
        )
    if len(key) >= KEY_STALE_VETO:
        found.append(
            Finding(
                "MON-03",
                VETO,
                f"动态要闻、通知公告、政策文件类栏目超期未更新 "
                f"{len(key)} 个（累计 {KEY_STALE_VETO} 个即单项否决）",
                fix="逐一更新上面列出的栏目",
            )
        )
    elif len(key) >= KEY_STALE_WARN:
        found.append(
            Finding(
                "MON-03",
                WARN,
                f"动态要闻、通知公告、政策文件类栏目超期未更新 "
                f"{len(key)} 个（{KEY_STALE_VETO} 个即单项否决）",
            )
        )
    if len(stale) >= ALL_STALE_VETO:
        found.append(
            Finding(
                "MON-03",
                VETO,
                f"超期未更新的栏目共 {len(stale)} 个（{ALL_STALE_VETO} 个即单项否决）",
                fix="逐一更新上面列出的栏目",
            )
        )
    elif len(stale) >= ALL_STALE_WARN:
        found.append(
            Finding(
                "MON-03",
                WARN,
                f"超期未更新的栏目共 {len(stale)} 个（{ALL_STALE_VETO} 个即单项否决）",
            )
        )
    if len(blank) >= BLANK_VETO:
        found.append(
            Finding(
                "MON-04",
                VETO,
                f"空白栏目 {len(blank)} 个（{BLANK_VETO} 个即单项否决）",
                fix="为空白栏目发布内容，或删除无法维护的栏目",
            )
        )
    return found


def late_disclosure(articles: Iterable[Article], cal: WorkCalendar) -> list[Finding]:
    """SITE-07: 公开日期 more than 20 working days after 成文日期."""
    found = []
    for a in articles:
        if a.written is None:
            continue
        n = cal.workdays_between(a.written, a.published.date())
        if n > LATE_WORKDAYS:
            found.append(
                Finding(
                    "SITE-07",
                    WARN,
                    f"成文日期 {a.written} 后第 {n} 个工作日才公开"
                    f"（应在 {LATE_WORKDAYS} 个工作日内）",
                    path=a.path,
                    line=a.line_of("公开日期"),
                    key="公开日期",
                    fix="以后自成文之日起 20 个工作日内公开；核对成文日期是否填错",
                )
            )
    return found


def interpretation_owed(
    articles: Iterable[Article],
    interpretations: Mapping[str, Sequence[Article]],
    today: date,
    cal: WorkCalendar,
) -> list[Finding]:
    """META-08: 需要解读 but no linked 解读: warning, an error after 5 working days."""
    found = []
    for a in articles:
        if not a.needs_interpretation:
            continue
        if a.index_no and interpretations.get(a.index_no):
            continue
        due = cal.add_workdays(a.published.date(), INTERPRETATION_WORKDAYS)
        level, when = (ERROR, f"已超过期限 {due}") if today > due else (WARN, f"期限 {due}")
        found.append(
            Finding(
                "META-08",
                level,
                f"需要解读，但还没有关联的解读（{when}）",
                path=a.path,
                line=a.line_of("需要解读"),
                key="需要解读",
                fix="发布解读并在解读的“解读对象”中填写本文件的索引号",
            )
        )
    return found


def report_due(year: int, county: bool, cal: WorkCalendar, today: date | None = None) -> date:
    """The due date in ``year`` of last year's report: 31 January for a unit (and the
    年度报表), 31 March for the county (条例第五十条), moved to the next working day
    when it falls on a weekend or holiday (民法典第二百零三条: a period whose last day
    is a 法定休假日 ends on the day after the holiday).

    A year the calendar does not know is a ConfigError, except when ``today`` is so far
    past the nominal date that no holiday could move the due date beyond it (春节 and a
    weekend add at most about two weeks): the report is overdue either way, and the
    nominal date is the one named."""
    nominal = date(year, *(COUNTY_REPORT_DUE if county else REPORT_DUE))
    try:
        return cal.roll_forward(nominal)
    except ConfigError:
        if today is not None and today > nominal + timedelta(days=MAX_ROLL_DAYS):
            return nominal
        raise


def annual_reports(
    titles_by_column: Mapping[str, Sequence[str]],
    site: SiteConfig,
    today: date,
    cal: WorkCalendar,
) -> list[Finding]:
    """SITE-16: last year's 年度报表 in its column by 31 January, or the next working day
    (warned from 1 January)."""
    found = []
    year = today.year - 1
    due = report_due(today.year, False, cal, today)
    # SITE-17 has its own due dates per report: disclosure_report_due
    wanted = (("SITE-16", site.disclosure.site_report, "政府网站工作年度报表"),)
    for rule, cid, name in wanted:
        if cid is None:
            found.append(
                Finding(
                    rule,
                    WARN,
                    f"site.yml 没有指定{name}的栏目",
                    path="site.yml",
                    key="政府信息公开",
                    fix="在“政府信息公开”下填写“年报”和“网站年度报表”的栏目编号",
                )
            )
            continue
        titles = [t for c in subtree(site, cid) for t in titles_by_column.get(c, ())]
        if any(f"{year}年" in t or f"{year}年度" in t for t in titles):
            continue
        level = ERROR if today > due else WARN
        found.append(
            Finding(
                rule,
                level,
                f"{year} 年度的{name}尚未发布（期限 {due}）",
                fix=f"在栏目 {cid} 发布标题含“{year}年”的{name}",
            )
        )
    return found


def validity(articles: Iterable[Article], today: date) -> list[Finding]:
    """META-06: 废止日期 passed while 有效性 still says 有效."""
    return [
        Finding(
            "META-06",
            ERROR,
            f"废止日期 {a.repeal_date} 已过，有效性仍为“有效”",
            path=a.path,
            line=a.line_of("有效性"),
            key="有效性",
            fix="把有效性改为“废止”或“失效”，并填写废止文件",
        )
        for a in articles
        if a.validity == "有效" and a.repeal_date is not None and a.repeal_date <= today
    ]


def consultation_feedback(articles: Iterable[Article], today: date) -> list[Finding]:
    """意见征集: an ended consultation must publish its 意见采纳情况 (SITE-13: outcomes
    are published). A warning, since the report may still be in preparation."""
    found = []
    for a in articles:
        c = a.consultation
        if c is None or c.feedback is not None or today <= c.end:
            continue
        found.append(
            Finding(
                "SITE-13",
                WARN,
                f"意见征集已于 {c.end} 结束，尚未公布意见采纳情况",
                path=a.path,
                line=a.line_of("征集截止日期"),
                key="意见采纳情况",
                fix="发布意见采纳情况文章，并在本文添加“意见采纳情况: 该文章的文件名”",
            )
        )
    return found


@dataclass(frozen=True)
class ExpectedReport:
    title: str  # the title it must start with, e.g. 示例县财政局2025年政府信息公开工作年度报告
    county: bool  # the county's report (31 March) or a unit's (31 January)
    unit: str | None = None


def disclosure_report_due(
    expected: Sequence[ExpectedReport], published: Iterable[str], today: date, cal: WorkCalendar
) -> list[Finding]:
    """SITE-17: each of last year's 政府信息公开工作年度报告 by its due date, with the
    days left (working days on the official calendar) in the nightly report."""
    titles = [_plain(t) for t in published]
    found = []
    for e in expected:
        if any(t.startswith(_plain(e.title)) for t in titles):
            continue
        due = report_due(today.year, e.county, cal, today)
        who = "全县" if e.county else f"单位 {e.unit}"
        if today > due:
            found.append(
                Finding(
                    "SITE-17",
                    ERROR,
                    f"《{e.title}》尚未发布，已超过期限 {due}",
                    fix=f"用 govsite annual-report --year {today.year - 1}"
                    f"{'' if e.county else f' --unit {e.unit}'} 生成草稿，"
                    "补写后尽快发布",
                )
            )
            continue
        left = cal.workdays_between(today, due) + (1 if cal.is_workday(today) else 0)
        level = WARN if left <= REPORT_WARN_WORKDAYS else INFO
        found.append(
            Finding(
                "SITE-17",
                level,
                f"《{e.title}》（{who}）应在 {due} 前发布，"
                f"还有 {left} 个工作日（{(due - today).days} 天）",
                fix=f"用 govsite annual-report --year {today.year - 1}"
                f"{'' if e.county else f' --unit {e.unit}'} 生成草稿和统计表",
            )
        )
    return found


def _plain(title: str) -> str:
    return "".join(ch for ch in title if ch not in " 《》（）()")


def normative_expiry(articles: Iterable[Article], today: date) -> list[Finding]:
    """规范性文件 whose 有效期 ends within 90 days, listed to their unit for 清理/评估; those
    already past it are shown 失效 on the site without an edit (listed once as info)."""
    found = []
    for a in sorted(articles, key=lambda a: a.path):
        n = a.normative
        if n is None or n.kind not in LEGAL or n.expires is None or a.validity != "有效":
            continue
        if a.repeal_date is not None and a.repeal_date <= today:
            continue
        left = (n.expires - today).days
        if 0 <= left <= EXPIRY_NOTICE_DAYS:
            found.append(
                Finding(
                    "META-06",
                    WARN,
                    f"{n.kind}（单位 {a.unit}）有效期至 {n.expires}，还有 {left} 天",
                    path=a.path,
                    line=a.line_of("有效期"),
                    key="有效期",
                    fix="到期前评估：需要继续施行的重新制定公布，否则到期自动失效",
                )
            )
        elif left < 0:
            found.append(
                Finding(
                    "META-06",
                    INFO,
                    f"{n.kind}（单位 {a.unit}）有效期已于 {n.expires} 届满，网站已显示为失效",
                    path=a.path,
                    line=a.line_of("有效性"),
                    key="有效性",
                    fix=f"清理时把有效性改为“失效”并填写“废止日期: {n.expires}”",
                )
            )
    return found


def standard_catalogue(areas: Sequence[AreaCoverage], source: str) -> list[Finding]:
    """基层政务公开标准目录 (国办发〔2019〕54号, SITE-06's county extras): each 主动公开
    事项 whose column is blank, or that is overdue against its 公开时限, listed like a
    blank column (a warning: the inspection deducts, it does not veto)."""
    found = []
    for a in areas:
        for c in a.items:
            i = c.item
            what = f"标准目录事项“{i.area}·{i.group + '·' if i.group else ''}{i.name}”"
            if c.state == BLANK:
                found.append(
                    Finding(
                        "SITE-06",
                        WARN,
                        f"{what}（栏目 {i.column}）空白，尚未发布任何信息",
                        path=source,
                        line=i.line,
                        key=i.key,
                        fix=f"由{i.subject}在栏目 {i.column} 发布该事项；"
                        "本县确无此事项的，从标准目录中删除并说明理由",
                    )
                )
            elif c.state == OVERDUE:
                late = (
                    f"：{'、'.join(c.late[:5])}{' 等' if len(c.late) > 5 else ''}" if c.late else ""
                )
                found.append(
                    Finding(
                        "SITE-06",
                        WARN,
                        f"{what}（栏目 {i.column}，公开时限“{i.time_text}”）逾期，{c.note}{late}",
                        path=source,
                        line=i.time_line,
                        key=f"{i.key}.公开时限",
                        fix=f"由{i.subject}按公开时限发布；以后自成文之日起在时限内公开，"
                        "并核对文章的成文日期",
                    )
                )
    return found
