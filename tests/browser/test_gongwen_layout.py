"""公文 on the page (issue 15 §3): the gw- classes the importer writes, styled as a 公文
looks, on screen and in print, measured in Chromium on the built sample site."""

from __future__ import annotations

from typing import Any

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

STYLE = """(sel) => { const e = document.querySelector(sel); if (!e) return null;
  const s = getComputedStyle(e);
  return {align: s.textAlign, indent: parseFloat(s.textIndent), weight: parseInt(s.fontWeight),
          family: s.fontFamily, size: parseFloat(s.fontSize)}; }"""


def styles(page: Any, *selectors: str) -> dict[str, Any]:
    out = {sel: page.evaluate(STYLE, sel) for sel in selectors}
    missing = [sel for sel, s in out.items() if s is None]
    assert not missing, f"页面上没有 {missing}"
    return out


def test_regulation_looks_like_a_gongwen(page: Any, site_url: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site_url}/zfb/2025-guifanxing-wenjian-guanli.html")
    body = ".article-body"
    s = styles(
        page,
        f"{body} h2.gw-zhang",
        f"{body} p.gw-zhusong",
        f"{body} p.gw-luokuan",
        f"{body} p.gw-date",
        f"{body} p.gw-fuzhu",
        f"{body} p > strong:first-child",
        f"{body} p.gw-fujian + ul a",
    )
    assert s[f"{body} h2.gw-zhang"]["align"] == "center"
    assert s[f"{body} p.gw-zhusong"]["indent"] == 0
    assert s[f"{body} p.gw-luokuan"]["align"] == "right"
    assert s[f"{body} p.gw-date"]["align"] == "right"
    assert s[f"{body} p > strong:first-child"]["weight"] >= 700
    first_text = page.evaluate(STYLE, f"{body} p:not([class])")
    assert first_text["indent"] > 0  # 正文 indented two characters
    assert first_text["indent"] == pytest.approx(2 * first_text["size"], rel=0.05)
    link = page.locator(f"{body} p.gw-fujian + ul a").first
    assert link.get_attribute("href") == "shizhengbanfa-2025-8.pdf"
    # 落款 sits right of the body text's middle, 成文日期 under it.
    boxes = page.evaluate("""() => ['p.gw-luokuan', 'p.gw-date', 'p:not([class])']
        .map(s => { const r = document.createRange();
                    r.selectNodeContents(document.querySelector('.article-body ' + s));
                    const b = r.getBoundingClientRect(); return [b.left, b.right]; })""")
    body_left, body_right = boxes[2]
    assert boxes[0][0] > (body_left + body_right) / 2
    assert abs(boxes[0][1] - boxes[1][1]) < 2  # both end at the same right edge


def test_print_layout_matches(page: Any, site_url: str) -> None:
    page.emulate_media(media="print")
    page.goto(f"{site_url}/zfb/2025-guifanxing-wenjian-guanli.html")
    s = styles(
        page, ".article-body p.gw-date", ".article-body h2.gw-zhang", ".article-body p:not([class])"
    )
    assert s[".article-body p.gw-date"]["align"] == "right"
    assert s[".article-body h2.gw-zhang"]["align"] == "center"
    assert "仿宋" in s[".article-body p:not([class])"]["family"]
    assert s[".article-body p:not([class])"]["size"] == pytest.approx(16 * 96 / 72, rel=0.02)
    assert page.locator(".site-header").is_hidden()
