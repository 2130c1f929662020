"""Gather everything the health report needs (adapter: content, git, built output)."""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path

from govsite import clock
from govsite.checks import disclosure
from govsite.checks.runner import lists_for_site, scan_html_prohibited
from govsite.config import standard_catalogue
from govsite.config.calendar import load_calendar
from govsite.config.site import SiteConfig
from govsite.gitlog import file_dates
from govsite.health import integrity, links, rules
from govsite.health.findings import ERROR, VETO, WARN, Finding
from govsite.health.published import scan_published
from govsite.library import Library, load_library
from govsite.reports.build import county_unit, title_for
from govsite.site.standard_catalogue import coverage


@dataclass
class HealthReport:
    today: date
    site_name: str
    findings: list[Finding] = field(default_factory=list)
    columns: list[rules.ColumnStatus] = field(default_factory=list)
    home_newest: date | None = None
    external: dict[str, list[str]] = field(default_factory=dict)
    articles: int = 0
    pages_scanned: int = 0


def collect(
    root: Path, today: date, *, output: Path | None = None, check_external: bool = False
) -> HealthReport:
    root = Path(root).resolve()
    output = Path(output) if output else root / "output"
    cal = load_calendar(root)  # ConfigError (exit 2) for a bad holiday file
    # 公开日期 in the future: judged against the clock, or the report's day (``--today``)
    # when that is later (a report run ahead); a report for a past day leaves today's
    # articles alone (MON-08 compares each with its landing time).
    lib = load_library(root, now=max(clock.now(), datetime.combine(today, time(23, 59, 59))))
    lib.raise_if_problems()
    site = lib.site
    live = [a for a in lib.articles if a.published.date() <= today]
    report = HealthReport(today=today, site_name=site.name, articles=len(live))
    found = report.findings

    latest: dict[str, date] = {}
    titles: dict[str, list[str]] = defaultdict(list)
    for a in live:
        for c in a.columns:
            d = a.published.date()
            latest[c] = max(latest.get(c, d), d)
            titles[c].append(a.title)
    home_ids = {c for col in site.home_columns() for c in rules.subtree(site, col.id)}
    if not home_ids:  # MON-02: a navigation-only home page -> every second-level column counts
        home_ids = {c.id for c in site.columns.values() if not c.top_level}
    home_dates = [latest[c] for c in home_ids if c in latest]
    report.home_newest = max(home_dates) if home_dates else None
    found += rules.home_freshness(report.home_newest, today)
    report.columns = rules.column_status(site, latest, today)
    found += rules.column_rules(report.columns, today)
    found += rules.late_disclosure(live, cal)
    interpretations = lib.links.interpretations if lib.links else {}
    found += rules.interpretation_owed(live, interpretations, today, cal)
    found += rules.annual_reports(titles, site, today, cal)
    found += rules.disclosure_report_due(
        expected_reports(lib, today.year - 1), titles_in_annual_column(site, titles), today, cal
    )
    found += rules.normative_expiry(live, today)
    standard = standard_catalogue.load(root, site.columns)  # ConfigError (exit 2) if invalid
    if standard is not None:
        areas = coverage(standard, live, site, today, cal)
        found += rules.standard_catalogue(areas, standard_catalogue.FILE)
    profiles = len(list((root / "content").glob("*/机构概况.yml")))
    for rule, message, fix in disclosure.nightly(site, latest, rules.subtree, profiles):
        found.append(Finding(rule, WARN, message, path="site.yml", key="政府信息公开", fix=fix))
    found += rules.validity(live, today)
    found += rules.consultation_feedback(live, today)
    found += scan_published(root, live)  # SEC-15: today's rules over published content

    dates = file_dates(root)
    if dates:
        # every article, not only the live ones: a 公开日期 in the future is itself suspect
        found += integrity.check_dates(
            lib.articles,
            dates,
            integrity.original_dates(root, lib.articles, dates),
            integrity.baseline_commits(root, since=site.gate_since),
        )

    if not (output / "index.html").is_file():
        found.append(
            Finding(
                "MON-09",
                ERROR,
                f"没有找到构建输出 {output}/index.html，无法检查链接和页面内容",
                fix="先运行 govsite build",
            )
        )
        return report
    checked = links.check_output(output, site.url)
    report.pages_scanned = checked.pages
    report.external = checked.external
    found += checked.broken
    if check_external:
        found += links.check_external(checked.external)
    found += scan_prohibited(root, output)
    return report


def expected_reports(lib: Library, year: int) -> list[rules.ExpectedReport]:
    """The county's report and one per unit that publishes 公开目录 entries, except the
    unit that issues the county's report (the site's 主办单位)."""
    county = county_unit(lib)
    catalogue = {c.id for c in lib.site.catalogue_columns()}
    units = sorted({a.unit for a in lib.articles if catalogue.intersection(a.columns)})
    out = [rules.ExpectedReport(title_for(lib, year, None), county=True)]
    out += [
        rules.ExpectedReport(title_for(lib, year, u), county=False, unit=u)
        for u in units
        if u != county
    ]
    return out


def titles_in_annual_column(site: SiteConfig, titles: dict[str, list[str]]) -> list[str]:
    cid = site.disclosure.annual_report
    return [t for c in (rules.subtree(site, cid) if cid else []) for t in titles.get(c, ())]


def scan_prohibited(root: Path, output: Path) -> list[Finding]:
    """QA-03 on the rendered HTML: injected spam shows up here, not in the Markdown."""
    lists = lists_for_site(root)
    out = []
    for dirpath, _dirs, files in os.walk(output):
        for name in files:
            if not name.endswith((".html", ".htm")):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(output).as_posix()
            if rel.startswith(links.SKIP_DIRS):
                continue
            html = path.read_text(encoding="utf-8", errors="replace")
            for f in scan_html_prohibited(html, rel, lists):
                # An entry the platform marked [警告] in prohibited.txt warns here too.
                level = VETO if f.is_error else WARN
                out.append(
                    Finding(
                        "QA-03",
                        level,
                        f"页面含有禁止内容：{f.message}",
                        path=rel,
                        line=f.line,
                        fix="立即删除；若源文件中没有，说明页面被篡改，"
                        "按应急预案从 git 重新发布并排查入侵",
                    )
                )
    return out
