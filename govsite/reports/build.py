"""Assemble one annual report from the library and the data files (adapter level).

Kept out of the command so the nightly and the tests build the same report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from govsite.errors import ConfigError, Problem
from govsite.library import Library
from govsite.model.article import Article
from govsite.model.normative import LEGAL
from govsite.reports import application as ap
from govsite.reports import data, legal_counts, similarity
from govsite.reports.annual import AnnualReport

REPORT_NAME = "政府信息公开工作年度报告"


@dataclass
class Outcome:
    report: AnnualReport
    problems: list[Problem] = field(default_factory=list)  # blocking
    warnings: list[str] = field(default_factory=list)
    this_year: Article | None = None  # the published report of the year, if any
    last_year: Article | None = None


def title_for(lib: Library, year: int, unit: str | None) -> str:
    name = lib.site.name if unit is None else lib.policy.units[unit].name
    return f"{name}{year}年{REPORT_NAME}"


def county_unit(lib: Library) -> str | None:
    """The unit that issues the county's report: the one named as the site's 主办单位."""
    for uid, u in lib.policy.units.items():
        if u.name == lib.site.sponsor:
            return uid
    return None


def _norm(title: str) -> str:
    return re.sub(r"[\s《》（）()]", "", title)


def subtree(lib: Library, cid: str) -> set[str]:
    out, todo = set(), [cid]
    while todo:
        c = todo.pop()
        out.add(c)
        todo.extend(lib.site.columns[c].children if c in lib.site.columns else ())
    return out


def find_report(lib: Library, year: int, unit: str | None) -> Article | None:
    cid = lib.site.disclosure.annual_report
    columns = subtree(lib, cid) if cid else set()
    wanted = _norm(title_for(lib, year, unit))
    for a in sorted(lib.articles, key=lambda a: a.path):
        if columns & set(a.columns) and _norm(a.title).startswith(wanted):
            return a
    return None


def build(
    lib: Library,
    year: int,
    unit: str | None,
    *,
    threshold: float = similarity.THRESHOLD,
    due: date | None = None,
) -> Outcome:
    root = Path(lib.root)
    if unit is not None and unit not in lib.policy.units:
        raise ConfigError(
            Problem(
                f"单位“{unit}”不存在",
                key="--unit",
                fix=f"可用的单位：{'、'.join(lib.policy.units)}",
            )
        )
    problems: list[Problem] = []
    warnings: list[str] = []
    if unit is None:
        units = data.units_with_data(root, year)
        if not units:
            folder = f"{data.DATA}/{data.APPLICATION_DIR}/{year}"
            problems.append(
                Problem(
                    f"{folder}/ 下没有任何单位的数据文件",
                    path=folder,
                    fix="各单位按 docs/年度报告.md 填写 <单位>.yml 后再生成全县报告",
                )
            )
        datas = []
        for uid in units:
            if uid not in lib.policy.units:
                problems.append(
                    Problem(
                        f"数据文件的单位“{uid}”不在 reviewers.yml 中",
                        path=data.application_path(year, uid),
                        fix="文件名用 reviewers.yml 中的单位编号",
                    )
                )
                continue
            d, found, warned = data.application(root, year, uid)
            problems += found
            warnings += warned
            datas.append(d)
        total = ap.total(datas, "全县", year)
        issuer = lib.site.name
    else:
        total, found, warned = data.application(root, year, unit)
        problems += found
        warnings += warned
        issuer = lib.policy.units[unit].name
    legal = {kind: legal_counts.count(lib.articles, kind, year, unit) for kind in LEGAL}
    report = AnnualReport(
        year=year,
        unit=unit,
        title=title_for(lib, year, unit),
        issuer=issuer,
        legal=legal,
        data=total,
        due=due,
    )
    out = Outcome(report, problems, warnings)
    out.this_year = find_report(lib, year, unit)
    out.last_year = find_report(lib, year - 1, unit)
    if out.this_year is not None and out.last_year is not None:
        this = similarity.section(out.this_year.body)
        last = similarity.section(out.last_year.body)
        for s in similarity.compare(this, last, threshold):
            out.warnings.append(
                f"{out.this_year.path}: 总体情况第 {s.this_no} 段（“{s.excerpt}…”）与上年报告 "
                f"{out.last_year.path} 第 {s.last_no} 段相似度 {s.ratio:.0%}"
                f"（超过 {threshold:.0%}），请结合本年实际重写，避免“内容雷同”"
            )
    elif out.this_year is not None:
        out.warnings.append(
            f"没有找到 {year - 1} 年的报告（标题“"
            f"{title_for(lib, year - 1, unit)}”），无法与上年比对总体情况"
        )
    return out
