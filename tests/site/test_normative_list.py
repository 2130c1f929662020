"""现行有效规范性文件 on the built sample, and 有效性 as of the build day (META-06)."""

from __future__ import annotations

import csv
import json
from datetime import datetime
from pathlib import Path

import pytest

from govsite.clock import BEIJING
from govsite.release.build import build_site

FGW_DOC = "fgw/2026-zhengfu-touzi-xiangmu-guanli.html"  # 成文日期 2026-10-12, 有效期 5 年


def build_on(root: Path, day: str, monkeypatch: pytest.MonkeyPatch) -> Path:
    noon = datetime.fromisoformat(f"{day} 12:00").replace(tzinfo=BEIJING)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(noon.timestamp())))
    return build_site(root, search=False).output


@pytest.mark.parametrize(("day", "fgw_in_force"), [("2031-10-11", True), ("2031-10-12", False)])
def test_expiry_shown_without_an_edit(
    sample_site: Path, monkeypatch: pytest.MonkeyPatch, day: str, fgw_in_force: bool
) -> None:
    out = build_on(sample_site, day, monkeypatch)
    data = json.loads((out / "xxgk/xxyxgfxwj/xxyxgfxwj.json").read_text(encoding="utf-8"))
    numbers = [d["统一编号"] for d in data["文件"]]
    assert data["统计日期"] == day and data["件数"] == len(numbers)
    assert ("示发改规〔2026〕1号" in numbers) is fgw_in_force
    assert "示政办规〔2024〕2号" not in numbers  # 废止 by 示政办规〔2026〕3号
    page = (out / FGW_DOC).read_text(encoding="utf-8")
    assert ("<dd>已失效</dd>" in page) is not fgw_in_force
    listing = (out / "xxgk/xxyxgfxwj/index.html").read_text(encoding="utf-8")
    assert f"截至 {day}" in listing and ("示发改规〔2026〕1号" in listing) is fgw_in_force
    with (out / "xxgk/xxyxgfxwj/xxyxgfxwj.csv").open(encoding="utf-8-sig", newline="") as fh:
        assert [r["统一编号"] for r in csv.DictReader(fh)] == numbers


def test_catalogue_filters_by_kind_and_validity(
    sample_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """政策文件库: server-rendered pages per 文种 and per 有效性 (no JavaScript needed)."""
    out = build_on(sample_site, "2026-12-03", monkeypatch)
    kind = (out / "xxgk/catalogue/kind/行政规范性文件/index.html").read_text(encoding="utf-8")
    assert "示政办发〔2025〕8号" in kind and "示政办发〔2024〕5号" in kind
    assert "2025年政府信息公开工作年度报告" not in kind
    void = (out / "xxgk/catalogue/validity/废止/index.html").read_text(encoding="utf-8")
    assert "示政办发〔2024〕5号" in void and "示政办发〔2025〕8号" not in void
    index = (out / "xxgk/catalogue/index.html").read_text(encoding="utf-8")
    assert "按文种" in index and "按有效性" in index
    page = (out / FGW_DOC).read_text(encoding="utf-8")
    assert 'data-pagefind-filter="文种:行政规范性文件"' in page
    assert 'data-pagefind-filter="有效性:有效"' in page
