"""Rendering of the report: JSON fields and the SVG bars of the HTML report (pure)."""

from __future__ import annotations

import json
from datetime import date

from govsite.config.site import PERIODS, Column
from govsite.health import report as render
from govsite.health.collect import HealthReport
from govsite.health.findings import VETO, WARN, Finding
from govsite.health.rules import ColumnStatus

TODAY = date(2026, 6, 30)


def sample() -> HealthReport:
    cols = [
        ColumnStatus(
            Column("zwyw", "政务要闻", PERIODS["要闻"]),
            date(2026, 6, 28),
            date(2026, 7, 12),
            stale=False,
            blank=False,
        ),
        ColumnStatus(
            Column("tzgg", "通知公告", PERIODS["通知公告"]),
            date(2025, 12, 1),
            date(2026, 6, 1),
            stale=True,
            blank=False,
        ),
        ColumnStatus(
            Column("rsxx", "人事信息", PERIODS["人事"]), None, None, stale=False, blank=True
        ),
    ]
    findings = [
        Finding("MON-04", WARN, "栏目“人事信息”（rsxx）是空白栏目"),
        Finding("QA-03", VETO, "页面含有禁止内容", path="index.html", line=3),
    ]
    return HealthReport(
        today=TODAY,
        site_name="示例县人民政府",
        findings=findings,
        columns=cols,
        home_newest=date(2026, 6, 28),
    )


def test_json() -> None:
    data = json.loads(render.to_json(sample()))
    assert data["failed"] is True and data["veto"] is True
    assert data["summary"] == {"veto": 1, "error": 0, "warn": 1, "info": 0}
    assert data["findings"][0]["rule"] == "QA-03"  # vetoes first
    assert data["columns"][1] == {
        "id": "tzgg",
        "title": "通知公告",
        "period": "通知公告",
        "last_update": "2025-12-01",
        "due": "2026-06-01",
        "stale": True,
        "blank": False,
    }


def test_svg_bars() -> None:
    svg = render.svg_columns(sample())
    assert svg.count("<rect") == 3
    assert 'fill="#393"><title>2 天 / 限 14 天</title>' in svg  # fresh: green
    assert 'fill="#c00"><title>211 天 / 限 182 天</title>' in svg  # stale: red
    assert 'fill="#999"><title>空白栏目</title>' in svg
    page = render.to_html(sample())
    assert "不通过：有否决项或错误" in page and page.count("<li class=") == 2
