"""axe-core in headless Chromium on one page of each template (A11Y-01/02).

Fails on any serious or critical violation, in the normal and the 关怀版 (A11Y-03)
presentation, and prints each violation with the elements and how to fix it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.browser.conftest import AXE_JS, require_file

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

BLOCKING = ("serious", "critical")


def axe_violations(page: Any) -> list[dict[str, Any]]:
    require_file(AXE_JS, "axe-core（node_modules/axe-core/axe.min.js）")
    page.add_script_tag(path=str(AXE_JS))
    result: dict[str, Any] = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    violations: list[dict[str, Any]] = result["violations"]
    return violations


def describe(page_name: str, rel: str, violation: dict[str, Any]) -> str:
    lines = [
        f"{page_name}（{rel}）：[{violation['impact']}] {violation['id']}："
        f"{violation['help']}（{violation['helpUrl']}）"
    ]
    for node in violation["nodes"][:5]:
        lines.append(f"    元素 {', '.join(map(str, node['target']))}: {node['html'][:160]}")
        summary = str(node.get("failureSummary", "")).replace("\n", " ")
        if summary:
            lines.append(f"      {summary[:300]}")
    if len(violation["nodes"]) > 5:
        lines.append(f"    …另有 {len(violation['nodes']) - 5} 个元素")
    return "\n".join(lines)


@pytest.mark.parametrize("care", [False, True], ids=["标准版", "关怀版"])
def test_no_serious_or_critical_violations(
    page: Any, site_url: str, sample_pages: dict[str, str], care: bool
) -> None:
    if care:
        page.goto(f"{site_url}/")
        page.locator("#care-toggle").click()  # kept in localStorage for the pages below
    found: list[str] = []
    for name, rel in sample_pages.items():
        page.goto(f"{site_url}/{rel}", wait_until="networkidle")
        classes = (page.locator("html").get_attribute("class") or "").split()
        assert ("care" in classes) == care, f"{name}：关怀版状态不对（class={classes}）"
        if rel == "search.html":  # audit the results too, not only the empty box
            page.locator("#search input").fill("政务公开")
            page.locator(".pagefind-ui__result-link").first.wait_for(timeout=15_000)
        found += [describe(name, rel, v) for v in axe_violations(page) if v["impact"] in BLOCKING]
    assert not found, (
        "axe-core 发现严重（serious/critical）无障碍问题，"
        "请修改 theme/ 中的模板或样式：\n" + "\n".join(found)
    )


def test_axe_reports_real_violations(page: Any, site_url: str, built_site: Path) -> None:
    """axe really runs: a page with an unlabelled image and input must be reported."""
    page.set_content(
        '<!DOCTYPE html><html lang="zh-CN"><head><title>坏页面</title></head>'
        '<body><main><img src="data:,"><input type="text"></main></body></html>'
    )
    ids = {v["id"] for v in axe_violations(page) if v["impact"] in BLOCKING}
    assert {"image-alt", "label"} <= ids, ids
