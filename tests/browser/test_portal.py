"""The portal as citizens and inspectors see it (issue 14), measured in Chromium.

Every sample template at 360 px and 1280 px, standard and 关怀版: no sideways
scrolling; the catalogue's values never broken mid-token; cards on phones in the
order 标题, 发文字号, dates, 有效性, 索引号; article tools by keyboard; search results
with unit, date and validity; 意见征集 and 机构概况 pages.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

WIDTHS = (360, 1280)
RESULT_LINK = ".pagefind-ui__result-link"


@pytest.fixture
def sized(browser: Any) -> Iterator[Any]:
    """Open pages at a width, optionally in 关怀版: sized(width, care) -> page."""
    contexts: list[Any] = []

    def open_at(width: int, care: bool = False) -> Any:
        context = browser.new_context(
            locale="zh-CN",
            viewport={"width": width, "height": 800},
            is_mobile=width < 700,
            has_touch=width < 700,
        )
        context.add_init_script(
            f"localStorage.setItem('govsite-care', '{'on' if care else 'off'}')"
        )
        contexts.append(context)
        return context.new_page()

    yield open_at
    for context in contexts:
        context.close()


@pytest.mark.parametrize("care", [False, True], ids=["标准版", "关怀版"])
@pytest.mark.parametrize("width", WIDTHS)
def test_every_template_fits_without_sideways_scrolling(
    sized: Any, site_url: str, sample_pages: dict[str, str], width: int, care: bool
) -> None:
    page = sized(width, care)
    wide = []
    for name, rel in sample_pages.items():
        page.goto(f"{site_url}/{rel}")
        assert ("care" in (page.locator("html").get_attribute("class") or "")) == care
        scroll = page.evaluate("() => document.documentElement.scrollWidth")
        if scroll > width:
            wide.append(f"{name}（{rel}）宽 {scroll}px")
    assert not wide, f"{width}px 下出现横向滚动：" + "；".join(wide)


LINES = """(sel) => [...document.querySelectorAll(sel)].map(e => {
  const r = document.createRange(); r.selectNodeContents(e);
  const tops = new Set([...r.getClientRects()].map(x => Math.round(x.top)));
  return [e.textContent.trim(), tops.size];
})"""


@pytest.mark.parametrize("width", WIDTHS)
def test_catalogue_values_never_break_mid_token(sized: Any, site_url: str, width: int) -> None:
    page = sized(width)
    page.goto(f"{site_url}/xxgk/catalogue/index.html")
    broken = []
    # 索引号 may wrap only after its "/", dates and 发文字号 not at all.
    for selector in (
        "td.c-index .nobr",
        "td.c-docno .nobr",
        "td.c-written",
        "td.c-published",
        "td.c-validity .badge",
    ):
        values = page.evaluate(LINES, selector)
        assert values, selector
        broken += [f"{selector}: {text}（{n} 行）" for text, n in values if text and n > 1]
    assert not broken, f"{width}px 下目录中的值被折断：\n" + "\n".join(broken)


def test_catalogue_is_a_table_on_desktop_and_cards_on_phones(sized: Any, site_url: str) -> None:
    desk = sized(1280)
    desk.goto(f"{site_url}/xxgk/catalogue/index.html")
    assert (
        desk.locator("table.catalogue tr").first.evaluate("e => getComputedStyle(e).display")
        == "table-row"
    )
    assert desk.locator("table.catalogue thead").is_visible()
    for care, page in ((False, sized(360)), (True, sized(1280, care=True))):
        page.goto(f"{site_url}/xxgk/catalogue/index.html")
        row = page.locator("table.catalogue tbody tr").filter(has=page.locator("td.c-docno .nobr"))
        card = row.first
        assert card.evaluate("e => getComputedStyle(e).display") == "grid", care
        tops = [
            card.locator(f"td.{c}").bounding_box()["y"]
            for c in ("c-title", "c-docno", "c-written", "c-validity", "c-index")
        ]
        assert tops == sorted(tops) and len(set(tops)) == 5, (
            f"卡片顺序不对（关怀版={care}）：{tops}"
        )
        size = card.locator("td.c-index").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        title = card.locator("td.c-title").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert size < title, "索引号应以小字显示"


def test_care_mode_is_one_column_at_desktop_width(sized: Any, site_url: str) -> None:
    for rel in ("index.html", "xxgk/index.html", "zfb/jggk.html"):
        page = sized(1280, care=True)
        page.goto(f"{site_url}/{rel}")
        lefts = page.locator("main .home-box, main .leader, main .meta-list > div").evaluate_all(
            "els => els.map(e => Math.round(e.getBoundingClientRect().left))"
        )
        assert lefts and max(lefts) - min(lefts) <= 2, (
            f"{rel}：关怀版应为一栏，实际左边距 {sorted(set(lefts))}"
        )
        size = page.locator("main").evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert size >= 24, f"{rel}：关怀版字号 {size}px"


def test_no_empty_boxes_on_home_and_disclosure(sized: Any, site_url: str) -> None:
    for rel in ("index.html", "xxgk/index.html"):
        page = sized(1280)
        page.goto(f"{site_url}/{rel}")
        assert page.locator("main .empty").count() == 0, f"{rel} 有“暂无信息”的空框"
        # Each row of boxes is filled to the right edge: no empty slot.
        boxes = page.locator("main .home-grid").evaluate_all("""gs => gs.map(g => {
            const r = g.getBoundingClientRect();
            const rows = {};
            for (const b of g.children) { const x = b.getBoundingClientRect();
              rows[Math.round(x.top)] = Math.max(rows[Math.round(x.top)] || 0, x.right); }
            return Object.values(rows).map(right => Math.round(r.right - right)); })""")
        gaps = [g for grid in boxes for g in grid if g > 2]
        assert not gaps, f"{rel}：有一行右侧留有空位（{gaps} px）"


def test_phone_header_is_compact_and_search_opens(sized: Any, site_url: str) -> None:
    page = sized(360)
    page.goto(f"{site_url}/index.html")
    header = page.locator("header.site-header").bounding_box()
    assert header["height"] <= 180, f"手机页头高 {header['height']}px"
    form = page.locator("#site-search")
    assert not form.is_visible()
    toggle = page.locator("#search-toggle")
    toggle.focus()
    page.keyboard.press("Enter")
    assert toggle.get_attribute("aria-expanded") == "true" and form.is_visible()
    assert page.evaluate("() => document.activeElement.id") == "q-head"
    for button in (toggle, form.get_by_role("button", name="搜索")):
        box = button.evaluate(
            "e => [e.getBoundingClientRect().height, parseFloat(getComputedStyle(e).lineHeight)]"
        )
        assert box[0] < box[1] * 2, "“搜索”按钮的文字折成了两行"
    page.keyboard.type("预算")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/search\.html\?q="))
    assert page.locator("#q-head").input_value() == "预算", "页头搜索框应保留搜索词"


def test_article_tools_work_by_keyboard(
    browser: Any, site_url: str, sample_pages: dict[str, str]
) -> None:
    context = browser.new_context(locale="zh-CN", viewport={"width": 360, "height": 800})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/columns/czzj/index.html")
        page.locator("main ul.item-list a").first.click()
        page.wait_for_load_state()
        article = page.url
        body = page.locator(".article-body")
        normal = body.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")

        def press(name: str) -> None:
            button = page.get_by_role("button", name=name, exact=True)
            button.focus()
            assert page.evaluate("() => document.activeElement.tagName") == "BUTTON"
            page.keyboard.press("Enter")

        press("大")
        large = body.evaluate("e => parseFloat(getComputedStyle(e).fontSize)")
        assert large > normal * 1.15
        assert (
            page.get_by_role("button", name="大", exact=True).get_attribute("aria-pressed")
            == "true"
        )
        page.reload()  # remembered
        assert body.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") == large
        press("小")
        assert body.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") < normal
        press("中")
        assert body.evaluate("e => parseFloat(getComputedStyle(e).fontSize)") == normal

        page.evaluate("() => { window.printed = 0; window.print = () => { window.printed++; }; }")
        press("打印本页")
        assert page.evaluate("() => window.printed") == 1

        press("分享（复制链接）")
        status = page.locator("#tool-status")
        status.filter(has_text="链接已复制").wait_for()
        copied = page.evaluate("() => navigator.clipboard.readText()")
        assert copied.startswith("https://www.shixian.gov.cn/") and copied.endswith(".html")
        assert copied in status.inner_text()

        press("关闭")  # opened from the column page: back to it
        page.wait_for_url(re.compile(r"/columns/czzj/"))
        assert page.url != article
    finally:
        context.close()


def test_lists_mark_repealed_documents(
    page: Any, site_url: str, sample_pages: dict[str, str]
) -> None:
    page.goto(f"{site_url}/{sample_pages['已失效或废止的文件']}")
    banner = page.locator(".validity-banner").inner_text()
    label = next(
        x for x in ("已废止", "已失效", "已修订") if x in banner or x.removeprefix("已") in banner
    )
    title = page.locator("h1").inner_text().strip()
    for rel in ("xxgk/catalogue/index.html", "xxgk/catalogue/index_2.html"):
        page.goto(f"{site_url}/{rel}")
        row = page.locator("table.catalogue tbody tr").filter(
            has=page.get_by_role("link", name=title, exact=True)
        )
        if row.count():
            assert label in row.first.locator("td.c-validity").inner_text()
            break
    else:
        raise AssertionError(f"目录中找不到“{title}”")


def test_search_results_show_unit_date_and_validity(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/search.html?q=大气污染")  # by URL
    page.locator(RESULT_LINK).first.wait_for(state="visible", timeout=15_000)
    assert page.locator("#q-head").input_value() == "大气污染"
    results = page.locator(".pagefind-ui__result")
    first = results.first
    tags = first.locator(".pagefind-ui__result-tag").all_inner_texts()
    joined = " ".join(tags)
    assert "单位" in joined and re.search(r"日期\D*\d{4}-\d{2}-\d{2}", joined), tags
    assert any("已失效" in t or "已废止" in t for t in tags), tags
    excerpts = results.locator(".pagefind-ui__result-excerpt").all_inner_texts()
    for text in excerpts:
        for label in ("索引号", "信息分类", "废止日期", "发文机构", "发布时间"):
            assert label not in text[:20], f"摘要以元数据开头：{text[:40]}"


def test_consultation_pages(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/columns/yjzj/index.html")
    items = page.locator("main ul.item-list li")
    texts = items.all_inner_texts()
    assert any("征集中" in t for t in texts) and any("已结束" in t for t in texts), texts
    page.goto(f"{site_url}/fgw/2026-gongnuan-jiage-zhengqiu-yijian.html")
    box = page.locator(".consultation")
    assert "2026-10-20 至 2026-11-19" in box.inner_text() and "已结束" in box.inner_text()
    box.get_by_role("link").click()
    page.wait_for_load_state()
    assert "意见采纳情况" in page.locator("h1").inner_text()


def test_inspector_pages_and_footer(page: Any, site_url: str) -> None:
    page.goto(f"{site_url}/xxgk/fdzdgknr.html")
    page.get_by_role("link", name="示例县发展和改革委员会机构概况").click()
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "示例县发展和改革委员会机构概况"
    for heading in ("机构职能", "内设机构", "领导信息", "联系方式"):
        assert page.get_by_role("heading", name=heading).count() == 1
    photo = page.locator(".leader img").first
    assert photo.get_attribute("alt", timeout=2000).endswith("照片")
    assert photo.evaluate("e => e.complete && e.naturalWidth > 0")
    footer = page.locator("footer")
    for name in ("关于本站", "联系我们", "网站地图", "无障碍声明", "隐私声明"):
        assert footer.get_by_role("link", name=name, exact=True).count() == 1, name
    for alt, size in (("党政机关网站标识", [55, 68]), ("我为政府网站找错", [110, 55])):
        img = footer.get_by_role("img", name=alt)
        assert img.evaluate("e => [e.naturalWidth, e.naturalHeight]") == size, alt
        assert img.get_attribute("src").startswith("/theme/img/")
    page.goto(f"{site_url}/sitemap.html")
    main = page.locator("main")
    for name in (
        "示例县人民政府信息公开指南",
        "依申请公开",
        "关于本站",
        "隐私声明",
        "示例县财政局机构概况",
    ):
        assert main.get_by_role("link", name=name, exact=True).count() >= 1, name


def test_previous_and_next_are_distinguishable(page: Any, site_url: str) -> None:
    """Two documents with one title (2024 废止, 2026 有效): 上一篇/下一篇 must still differ."""
    page.goto(f"{site_url}/zfb/2025-guifanxing-wenjian-guanli.html")
    nav = page.get_by_role("navigation", name="上一篇和下一篇")
    previous, following = (t.split("：", 1)[1] for t in nav.locator("p").all_inner_texts())
    titles = nav.locator("a").all_inner_texts()
    assert len(titles) == 2 and titles[0] == titles[1], "示例内容应有同名的上一篇和下一篇"
    assert previous != following
    assert "已废止" in previous and "示政办发〔2024〕5号" in previous
    assert "示政办发〔2026〕9号" in following
