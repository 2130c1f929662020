"""Render the health report: console text (rich), JSON, and an HTML page with SVG bars.

The HTML report is written beside the site (reports/), never into the published
output: it lists problems an inspector should not read before the team does.
"""

from __future__ import annotations

import html
import json
from datetime import datetime
from typing import Any

from govsite.health.collect import HealthReport
from govsite.health.findings import LABELS, LEVELS, Finding, failing
from govsite.health.rules import ColumnStatus


def summary(report: HealthReport) -> dict[str, int]:
    return {level: sum(1 for f in report.findings if f.level == level) for level in LEVELS}


def _ordered(findings: list[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (LEVELS.index(f.level), f.rule, f.path or ""))


def _column_json(s: ColumnStatus) -> dict[str, Any]:
    return {
        "id": s.column.id,
        "title": s.column.title,
        "period": s.column.period.label,
        "last_update": s.last.isoformat() if s.last else None,
        "due": s.due.isoformat() if s.due else None,
        "stale": s.stale,
        "blank": s.blank,
    }


def to_json(report: HealthReport) -> str:
    data = {
        "site": report.site_name,
        "today": report.today.isoformat(),
        "failed": failing(report.findings),
        "veto": any(f.level == "veto" for f in report.findings),
        "summary": summary(report),
        "articles": report.articles,
        "pages_scanned": report.pages_scanned,
        "home_newest": report.home_newest.isoformat() if report.home_newest else None,
        "findings": [f.to_json() for f in _ordered(report.findings)],
        "columns": [_column_json(s) for s in report.columns],
        "external_links": report.external,
    }
    return json.dumps(data, ensure_ascii=False, indent=2)


def print_text(report: HealthReport) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console(highlight=False, soft_wrap=True)
    counts = summary(report)
    console.print(
        f"[bold]{report.site_name} 网站健康报告[/bold]（检查日期 {report.today}，"
        f"文章 {report.articles} 篇，页面 {report.pages_scanned} 个）"
    )
    console.print(f"首页最新信息：{report.home_newest or '无'}")
    table = Table(title="栏目更新情况")
    for head in ("栏目", "更新周期", "最后更新", "期限", "状态"):
        table.add_column(head)
    for s in report.columns:
        state = "[red]空白[/red]" if s.blank else "[red]超期[/red]" if s.stale else "正常"
        table.add_row(
            f"{s.column.title}（{s.column.id}）",
            s.column.period.label,
            str(s.last or "—"),
            str(s.due or "—"),
            state,
        )
    console.print(table)
    colour = {"veto": "bold red", "error": "red", "warn": "yellow", "info": "cyan"}
    for f in _ordered(report.findings):
        console.print(f.render(), style=colour[f.level], markup=False)
    if report.external:
        console.print(f"外部链接 {len(report.external)} 个（用 --check-external 检查可用性）")
    verdict = (
        "[bold red]不通过：有否决项或错误[/bold red]"
        if failing(report.findings)
        else "[green]通过[/green]"
    )
    console.print(" ".join(f"{LABELS[k]} {v}" for k, v in counts.items()) + "　" + verdict)


BAR_W, ROW_H, LABEL_W = 420, 22, 200


def svg_columns(report: HealthReport) -> str:
    """One bar per column: days since its last update, against its limit (the red line)."""
    rows = []
    limit_x = LABEL_W + BAR_W / 2  # the limit sits in the middle; twice the limit fills the bar
    for i, s in enumerate(report.columns):
        y = i * ROW_H + 4
        label = html.escape(f"{s.column.title}（{s.column.period.label}）")
        if s.blank or s.last is None or s.due is None:
            ratio, colour, text = 2.0, "#999", "空白栏目"
        else:
            age = (report.today - s.last).days
            limit = max((s.due - s.last).days, 1)
            ratio = min(age / limit, 2.0)
            colour = "#c00" if s.stale else "#e90" if ratio >= 0.7 else "#393"
            text = f"{age} 天 / 限 {limit} 天"
        width = ratio * BAR_W / 2
        rows.append(
            f'<text x="{LABEL_W - 6}" y="{y + 14}" text-anchor="end">{label}</text>'
            f'<rect x="{LABEL_W}" y="{y}" width="{width:.1f}" height="{ROW_H - 6}" '
            f'fill="{colour}"><title>{html.escape(text)}</title></rect>'
            f'<text x="{LABEL_W + BAR_W + 6}" y="{y + 14}">{html.escape(text)}</text>'
        )
    height = len(report.columns) * ROW_H + 8
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" width="{LABEL_W + BAR_W + 160}" '
        f'height="{height}" font-size="12" aria-label="各栏目距上次更新天数与期限">'
        + "".join(rows)
        + f'<line x1="{limit_x}" y1="0" x2="{limit_x}" y2="{height}" stroke="#c00" '
        f'stroke-dasharray="4 3"/></svg>'
    )


def to_html(report: HealthReport) -> str:
    counts = summary(report)
    items = "\n".join(
        f'<li class="{f.level}">{html.escape(f.render())}</li>' for f in _ordered(report.findings)
    )
    ext = "\n".join(
        f"<li>{html.escape(url)}（{html.escape('、'.join(pages[:3]))}）</li>"
        for url, pages in report.external.items()
    )
    verdict = "不通过：有否决项或错误" if failing(report.findings) else "通过"
    name = html.escape(report.site_name)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>{name} 网站健康报告 {report.today}</title>
<style>body{{font-family:sans-serif;margin:1.5em;max-width:1100px}}
li.veto{{color:#b00;font-weight:bold}}li.error{{color:#b00}}li.warn{{color:#a60}}
li.info{{color:#357}}.verdict{{font-size:1.3em}}</style></head><body>
<h1>{name} 网站健康报告</h1>
<p>检查日期 {report.today}；生成于 {datetime.now():%Y-%m-%d %H:%M}；
文章 {report.articles} 篇，检查页面 {report.pages_scanned} 个。</p>
<p class="verdict">{verdict}（{"，".join(f"{LABELS[k]} {v}" for k, v in counts.items())}）</p>
<h2>栏目更新（红色虚线为更新期限）</h2>
{svg_columns(report)}
<h2>问题（{len(report.findings)}）</h2>
<ul>
{items}
</ul>
<h2>外部链接（{len(report.external)}）</h2>
<ul>
{ext}
</ul>
</body></html>
"""
