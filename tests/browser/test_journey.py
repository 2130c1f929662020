"""A reader's journey through the built sample site in headless Chromium (issue 2 §6).

home → column → article → catalogue filter → search (a two-character Chinese word,
a 索引号, a 发文字号) → the article; 关怀版; keyboard; no third-party requests.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.browser.conftest import ForeignRequests

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

RESULT_LINK = ".pagefind-ui__result-link"


def catalogue(built_site: Path) -> list[dict[str, str]]:
    data = json.loads((built_site / "xxgk/catalogue/catalogue.json").read_text(encoding="utf-8"))
    entries: list[dict[str, str]] = data["条目"]
    return entries


def local_path(url: str) -> str:
    """/zfb/x.html from an absolute catalogue URL or a served page URL."""
    return urlsplit(url).path


def search(page: Any, site_url: str, query: str) -> list[str]:
    """Type ``query`` into the Pagefind UI on search.html; return the result links' paths."""
    page.goto(f"{site_url}/search.html")
    box = page.locator("#search input")
    box.fill(query)
    page.locator(RESULT_LINK).first.wait_for(state="visible", timeout=15_000)
    hrefs = page.locator(RESULT_LINK).evaluate_all("links => links.map(a => a.href)")
    return [local_path(h) for h in hrefs]


def open_result(page: Any, path: str) -> None:
    page.locator(f'{RESULT_LINK}[href$="{path}"]').first.click()
    page.wait_for_url(re.compile(re.escape(path) + "$"))


def meta_value(page: Any, key: str) -> str:
    """The value next to ``key`` in an article's metadata list."""
    term = page.locator("dl.meta-list dt", has_text=re.compile(f"^{key}$"))
    text: str = term.locator("xpath=following-sibling::dd[1]").inner_text()
    return text.strip()


def test_home_column_article_catalogue(
    page: Any, site_url: str, built_site: Path, foreign: ForeignRequests
) -> None:
    page.goto(f"{site_url}/")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    assert "示例县人民政府" in page.title()

    # home → column: the column heading links to the column page
    column_link = page.locator("section.home-box h2 a").first
    column_name = column_link.inner_text().strip()
    column_link.click()
    page.wait_for_load_state()
    assert page.locator("main h1").inner_text().strip() == column_name
    items = page.locator("main ul.item-list li")
    assert items.count() > 0, f"栏目“{column_name}”没有列出文章"
    for i in range(items.count()):  # MON-02: every listed item is dated
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", items.nth(i).locator("time").inner_text())

    # column → article: the page's only h1 is the article's title
    first = items.first.locator("a").first
    title = first.inner_text().strip()
    first.click()
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1
    assert page.locator("h1").inner_text().strip() == title
    assert page.locator("meta[name=ArticleTitle]").get_attribute("content") == title

    # article → 政府信息公开 → 主动公开目录 → filter by a unit → a document
    page.get_by_role("navigation", name="主导航").get_by_role(
        "link", name="政府信息公开", exact=True
    ).click()
    page.wait_for_load_state()
    page.locator("main").get_by_role("link", name=re.compile("主动公开目录")).first.click()
    page.wait_for_url(re.compile(r"/xxgk/catalogue/(index\.html)?$"))
    entries = catalogue(built_site)
    unit = "fgw"
    expected = {e["索引号"] for e in entries if e["单位"] == unit}
    assert expected, "示例目录中没有发改委的条目"
    unit_link = page.locator(f'nav.catalogue-filters a[href$="/catalogue/unit/{unit}/"]')
    unit_link.click()
    page.wait_for_url(re.compile(f"/xxgk/catalogue/unit/{unit}/(index\\.html)?$"))
    rows = page.locator("table.catalogue tbody tr")
    shown = {rows.nth(i).locator("td").first.inner_text().strip() for i in range(rows.count())}
    assert shown == expected, f"按单位筛选后应只列出该单位的 {len(expected)} 条"
    row = rows.first
    index_number = row.locator("td").first.inner_text().strip()
    row.locator("a").first.click()
    page.wait_for_load_state()
    assert meta_value(page, "索引号") == index_number
    assert not foreign.urls, f"页面请求了第三方地址：{foreign.urls}"


@pytest.mark.parametrize("word", ["供暖", "预算"])
def test_search_two_character_word(
    page: Any, site_url: str, built_site: Path, foreign: ForeignRequests, word: str
) -> None:
    targets = {local_path(e["网址"]) for e in catalogue(built_site) if word in e["标题"]}
    targets |= {
        "/" + p.relative_to(built_site).as_posix()
        for p in built_site.rglob("*.html")
        if "data-pagefind-body" in (text := p.read_text(encoding="utf-8"))
        and word in text.split("<h1>", 1)[-1].split("</h1>", 1)[0]
    }
    assert targets, f"示例网站中没有标题含“{word}”的文章，请换一个词"
    # from the home page's search box (header form → search.html?q=…, Pagefind UI)
    page.goto(f"{site_url}/")
    page.get_by_role("search").get_by_label("站内搜索").fill(word)
    page.get_by_role("search").get_by_role("button", name="搜索").click()
    page.wait_for_url(re.compile(r"/search\.html\?q="))
    page.locator(RESULT_LINK).first.wait_for(state="visible", timeout=15_000)
    found = [
        local_path(h)
        for h in page.locator(RESULT_LINK).evaluate_all("links => links.map(a => a.href)")
    ]
    hits = [p for p in found if p in targets]
    assert hits, f"搜索“{word}”应找到 {sorted(targets)} 之一，实际结果：{found}"
    open_result(page, hits[0])
    assert word in page.locator("h1").inner_text()
    assert not foreign.urls, f"页面请求了第三方地址：{foreign.urls}"


@pytest.mark.parametrize("key", ["索引号", "发文字号"])
def test_search_by_document_identifier(
    page: Any, site_url: str, built_site: Path, foreign: ForeignRequests, key: str
) -> None:
    entry = next(e for e in catalogue(built_site) if e.get("发文字号"))
    found = search(page, site_url, entry[key])
    target = local_path(entry["网址"])
    assert target in found[:3], f"按{key}“{entry[key]}”搜索，{target} 应在前三条，实际：{found}"
    open_result(page, target)
    assert meta_value(page, key) == entry[key]
    assert not foreign.urls, f"页面请求了第三方地址：{foreign.urls}"


def test_no_third_party_requests(
    page: Any, site_url: str, sample_pages: dict[str, str], foreign: ForeignRequests
) -> None:
    """A11Y-03 / issue 2 §3: no page loads anything from another host, search included."""
    for name, rel in sample_pages.items():
        page.goto(f"{site_url}/{rel}", wait_until="networkidle")
        assert not foreign.urls, f"{name}（{rel}）请求了第三方地址：{foreign.urls}"
    search(page, site_url, "政务公开")
    page.wait_for_load_state("networkidle")
    assert not foreign.urls, f"搜索页请求了第三方地址：{foreign.urls}"


def test_third_party_guard_catches_other_hosts(
    page: Any, site_url: str, foreign: ForeignRequests
) -> None:
    """The guard above really sees requests: another host is caught (and never reached)."""
    page.goto(f"{site_url}/404.html")
    page.evaluate("""() => { const img = document.createElement('img');
        img.alt = ''; img.src = 'https://cdn.example.invalid/x.png';
        document.body.append(img); }""")
    page.wait_for_load_state("networkidle")
    assert foreign.urls == ["https://cdn.example.invalid/x.png"]


def font_size(page: Any, selector: str) -> float:
    size: str = page.locator(selector).first.evaluate("e => getComputedStyle(e).fontSize")
    return float(size.removesuffix("px"))


def test_care_mode_toggles_and_persists(
    page: Any, site_url: str, sample_pages: dict[str, str]
) -> None:
    page.goto(f"{site_url}/")
    toggle = page.locator("#care-toggle")
    assert toggle.get_attribute("aria-pressed") == "false"
    normal = font_size(page, "main")
    toggle.click()
    assert toggle.get_attribute("aria-pressed") == "true"
    assert "care" in (page.locator("html").get_attribute("class") or "").split()
    assert font_size(page, "main") >= normal * 1.25, "关怀版应明显放大字号（A11Y-03）"

    # kept across reloads and on other pages
    page.reload()
    assert page.locator("#care-toggle").get_attribute("aria-pressed") == "true"
    page.goto(f"{site_url}/{sample_pages['带附件的文章']}")
    assert "care" in (page.locator("html").get_attribute("class") or "").split()
    assert font_size(page, "main") >= normal * 1.25

    # and switched off again, also kept
    page.locator("#care-toggle").click()
    page.goto(f"{site_url}/")
    assert page.locator("#care-toggle").get_attribute("aria-pressed") == "false"
    assert font_size(page, "main") == pytest.approx(normal)


def test_skip_link_is_first_and_moves_focus(
    page: Any, site_url: str, sample_pages: dict[str, str]
) -> None:
    for name, rel in sample_pages.items():
        page.goto(f"{site_url}/{rel}")
        page.keyboard.press("Tab")
        focused = page.evaluate(
            "() => [document.activeElement.tagName,"
            " document.activeElement.getAttribute('href'),"
            " document.activeElement.textContent.trim()]"
        )
        assert focused == ["A", "#main", "跳到主要内容"], f"{name}：第一个可聚焦元素是 {focused}"
        box = page.locator("a.skip-link").bounding_box()
        assert box and box["y"] >= 0 and box["width"] > 1, f"{name}：跳转链接聚焦时应可见"
        page.keyboard.press("Enter")
        assert page.evaluate("() => document.activeElement.id") == "main", name


def test_pages_fit_a_phone_screen(
    browser: Any, site_url: str, sample_pages: dict[str, str]
) -> None:
    """Issue 2 §3: works on a phone — no sideways scrolling of the page at 375 px."""
    context = browser.new_context(
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    try:
        page = context.new_page()
        for name, rel in sample_pages.items():
            page.goto(f"{site_url}/{rel}")
            width = page.evaluate("() => document.documentElement.scrollWidth")
            assert width <= 375, f"{name}（{rel}）在手机上宽 {width}px，出现横向滚动"
    finally:
        context.close()


FOCUS_STYLE = """() => {
  const e = document.activeElement, s = getComputedStyle(e);
  const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
  return [e.tagName + (e.id ? '#' + e.id : '') + ' ' + (e.textContent || '').trim().slice(0, 20),
          outline || s.boxShadow !== 'none'];
}"""


def test_keyboard_focus_is_visible(page: Any, site_url: str) -> None:
    """A11Y-02: walking the home page with Tab, every focused control shows a focus ring."""
    page.goto(f"{site_url}/")
    hidden = []
    for _ in range(12):
        page.keyboard.press("Tab")
        name, visible = page.evaluate(FOCUS_STYLE)
        if not visible:
            hidden.append(name)
    assert not hidden, f"这些元素获得键盘焦点时没有可见的焦点样式：{hidden}"


def test_search_merges_every_shard(
    page: Any, site_url: str, built_site: Path, foreign: ForeignRequests
) -> None:
    """One article of each search shard is found by its title from the one search page."""
    from govsite.site import search_index

    articles = sorted(
        "/" + p.relative_to(built_site).as_posix()
        for p in built_site.rglob("*.html")
        if "data-pagefind-body" in p.read_text(encoding="utf-8")
    )
    count = len(list((built_site / "pagefind").glob("*/pagefind-entry.json")))
    assert count >= 3
    for shard in range(count):
        path = next(p for p in articles if search_index.shard_of(p[1:], count) == shard)
        title = (
            (built_site / path[1:])
            .read_text(encoding="utf-8")
            .split("<h1>", 1)[1]
            .split("</h1>", 1)[0]
        )
        page.goto(f"{site_url}/search.html?q={title}")
        page.locator(RESULT_LINK).first.wait_for(state="visible", timeout=15_000)
        found = [
            local_path(h)
            for h in page.locator(RESULT_LINK).evaluate_all("links => links.map(a => a.href)")
        ]
        assert path in found, f"分片 {shard} 的文章“{title}”应能搜到，实际结果：{found}"
    assert not foreign.urls, f"页面请求了第三方地址：{foreign.urls}"
