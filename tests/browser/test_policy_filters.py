"""政策文件库 (issue 16 item 4): combined filters and the filter state in the URL, in Chromium.

Without JavaScript the catalogue offers one page per value of each facet (server-rendered);
combinations go through the catalogue's form to the search page, where Pagefind's filters
combine. The search page writes the state back to the address (history.replaceState), so a
reloaded or shared link shows the same results.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

import pytest

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

RESULT_LINK = ".pagefind-ui__result-link"
ISSUER, YEAR = "示例县人民政府办公室", "2025"


def pages_with(output: Path, *filters: str) -> set[str]:
    """Article URLs whose page carries every ``key:value`` Pagefind filter (the truth)."""
    found = set()
    for page in output.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        if all(f'data-pagefind-filter="{f}"' in text for f in filters):
            found.add("/" + page.relative_to(output).as_posix())
    return found


def _paths(hrefs: list[str]) -> set[str]:
    return {unquote(re.sub(r"^https?://[^/]+", "", h)) for h in hrefs}


def ui_results(page: Any) -> set[str]:
    """Every result Pagefind's UI lists for the current state ("load more" until none)."""
    page.locator(".pagefind-ui__message").first.wait_for(state="visible", timeout=15_000)
    page.wait_for_function(
        "() => !document.querySelector('.pagefind-ui__result-link') ||"
        " document.querySelectorAll('.pagefind-ui__result').length ==="
        " document.querySelectorAll('.pagefind-ui__result-link').length",
        timeout=15_000,
    )
    more = page.locator("button.pagefind-ui__button")
    while more.count() and more.first.is_visible():
        more.first.click()
        page.wait_for_timeout(300)
    page.wait_for_load_state("networkidle")
    links = page.locator(RESULT_LINK).evaluate_all("els => els.map(e => e.getAttribute('href'))")
    return _paths(links)


def test_two_filters_written_to_the_url_and_restored(
    page: Any, site_url: str, built_site: Path
) -> None:
    page.goto(f"{site_url}/search.html?q=示例县")
    page.locator(RESULT_LINK).first.wait_for(state="visible", timeout=15_000)
    unfiltered = ui_results(page)
    for name, value in (("发文机构", ISSUER), ("年份", YEAR)):
        box = page.locator(f'input.pagefind-ui__filter-checkbox[name="{name}"][value="{value}"]')
        if not box.is_visible():  # the filter group is folded
            page.locator("summary.pagefind-ui__filter-name", has_text=name).first.click()
        box.check()
    page.wait_for_url(re.compile(quote("年份") + "=2025"), timeout=10_000)
    assert f"{quote('发文机构')}={quote(ISSUER)}" in page.url and "q=" in page.url, page.url
    page.wait_for_timeout(500)
    filtered = ui_results(page)
    # both filters apply together: fewer results, each carrying both filters
    both = pages_with(built_site, f"发文机构:{ISSUER}", f"年份:{YEAR}")
    assert filtered and filtered < unfiltered and filtered <= both, (filtered, unfiltered)
    shared = page.url
    page.goto("about:blank")
    page.goto(shared)  # the shared link: a fresh load restores query and both filters
    page.locator(RESULT_LINK).first.wait_for(state="visible", timeout=15_000)
    assert ui_results(page) == filtered
    for name, value in (("发文机构", ISSUER), ("年份", YEAR)):
        box = page.locator(f'input.pagefind-ui__filter-checkbox[name="{name}"][value="{value}"]')
        assert box.is_checked(), name
    assert page.locator("input.pagefind-ui__search-input").input_value() == "示例县"


def test_catalogue_form_combines_filters_without_a_search_term(
    page: Any, site_url: str, built_site: Path
) -> None:
    want = pages_with(built_site, f"发文机构:{ISSUER}", f"年份:{YEAR}")
    assert 1 < len(want) < len(pages_with(built_site, f"发文机构:{ISSUER}"))
    page.goto(f"{site_url}/xxgk/catalogue/year/{YEAR}/")
    form = page.locator("form.catalogue-form")
    assert form.locator('select[name="年份"]').input_value() == YEAR  # the page's own facet
    form.locator('select[name="发文机构"]').select_option(ISSUER)
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(r"/search\.html\?"))
    links = page.locator(".filter-result-link")
    page.wait_for_function(
        "n => document.querySelectorAll('.filter-result-link').length === n",
        arg=len(want),
        timeout=15_000,
    )
    assert _paths(links.evaluate_all("els => els.map(e => e.getAttribute('href'))")) == want
    assert f"共 {len(want)} 篇" in page.locator("#filter-results h2").inner_text()


def test_form_is_plain_html(built_site: Path) -> None:
    """Server-rendered: the form, its options and the one-facet pages are in the HTML."""
    html = (built_site / "xxgk/catalogue/index.html").read_text(encoding="utf-8")
    form = html.split('<form class="catalogue-form"')[1].split("</form>")[0]
    assert 'action="/search.html" method="get"' in form
    for name in ("发文机构", "文种", "信息分类", "年份", "有效性"):
        assert f'name="{name}"' in form
    assert f'<option value="{ISSUER}">' in form and "行政规范性文件" in form
    assert (built_site / "xxgk/catalogue/kind/行政规范性文件/index.html").is_file()
