"""Session fixtures for the checks that run real tools on the built sample site.

The sample site is built once per session (into a temporary copy, so other work in
the tree never races the build) and served by a real ``http.server`` on 127.0.0.1.
Chromium (Debian's, driven by Playwright for Python), Java with the Nu HTML Checker
and axe-core are required: a missing tool FAILS the test with the fix, never skips.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from tests.conftest import REPO_ROOT, copy_sample

CHROMIUM = Path("/usr/bin/chromium")
VNU_JAR = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
AXE_JS = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
LOCAL_HOST = "127.0.0.1"
SHARD_SIZE = 20  # the sample's ~47 articles in 3 search shards
DEPS_HINT = "请先运行 `make test-deps` 安装测试所需的 Chromium、Java、vnu-jar 和 axe-core"

# The sample the HTML and accessibility checks run on (A11Y-01, issue 2 §6): one page
# of each template. The articles with attachments and with a validity banner
# (失效/废止/已修订) are looked up in the built site.
FIXED_SAMPLE = {
    "首页": "index.html",
    "栏目页": "columns/zwyw/index.html",
    "主动公开目录": "xxgk/catalogue/index.html",
    "站内搜索": "search.html",
    "404 页面": "404.html",
    "网站地图": "sitemap.html",
    "部门子站": "zfb/index.html",
    "政府信息公开": "xxgk/index.html",
    "法定主动公开内容": "xxgk/fdzdgknr.html",
    "目录按单位筛选": "xxgk/catalogue/unit/fgw/index.html",
    "单页（信息公开指南）": "pages/xxgkzn.html",
    "单页（关于本站）": "pages/gywm.html",
    "机构概况": "zfb/jggk.html",
    "意见征集栏目": "columns/yjzj/index.html",
    "意见征集（已结束）": "fgw/2026-gongnuan-jiage-zhengqiu-yijian.html",
    "现行有效规范性文件": "xxgk/xxyxgfxwj/index.html",
    "政务新媒体矩阵": "zwxmt/index.html",
    "基层政务公开标准目录": "bzml/index.html",
}
# The day the sample is built as (意见征集 status): one consultation open, one ended.
BUILD_DAY_EPOCH = "1796270400"  # 2026-12-03 12:00 +08:00


def require_file(path: Path, what: str) -> None:
    if not path.exists():
        pytest.fail(f"找不到{what}（{path}）。{DEPS_HINT}。", pytrace=False)


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample site built once, search index included; returns the output directory."""
    from govsite.release.build import build_site
    from govsite.site import search_index

    root = copy_sample(tmp_path_factory.mktemp("browser") / "site")
    # Small search shards, so the browser really merges several indexes (mergeIndex).
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(search_index, "SHARD_SIZE", SHARD_SIZE)
        mp.setenv("SOURCE_DATE_EPOCH", BUILD_DAY_EPOCH)
        result = build_site(root, root / "output")
    assert result.indexed and (result.output / "pagefind" / "2" / "pagefind-ui.js").exists()
    return result.output


def first_article(output: Path, marker: str, what: str) -> str:
    """Relative path of the first article page (sorted) whose HTML contains ``marker``."""
    for page in sorted(output.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        if "data-pagefind-body" in text and marker in text:
            return page.relative_to(output).as_posix()
    raise AssertionError(f"示例网站中没有{what}的文章页（示例内容应包含这种文章）")


@pytest.fixture(scope="session")
def sample_pages(built_site: Path) -> dict[str, str]:
    """Name -> path relative to the output directory, for one page of each template."""
    pages = dict(FIXED_SAMPLE)
    pages["带附件的文章"] = first_article(built_site, 'class="attachments"', "带附件")
    pages["已失效或废止的文件"] = first_article(
        built_site, 'class="validity-banner"', "带效力提示（失效/废止/已修订）"
    )
    missing = [
        f"{name}（{rel}）" for name, rel in pages.items() if not (built_site / rel).is_file()
    ]
    assert not missing, "构建结果缺少页面：" + "、".join(missing)
    return pages


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:  # the tests print their own
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL (no trailing slash) of a real HTTP server serving the built site."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    require_file(CHROMIUM, "Chromium 浏览器")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        chromium = pw.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()


class ForeignRequests:
    """Every request to a host other than 127.0.0.1 is aborted and remembered."""

    def __init__(self) -> None:
        self.urls: list[str] = []

    def handle(self, route: Any) -> None:
        url = route.request.url
        scheme = urlsplit(url).scheme
        if scheme in ("data", "blob") or urlsplit(url).hostname == LOCAL_HOST:
            route.continue_()
        else:
            self.urls.append(url)
            route.abort()


@pytest.fixture
def foreign() -> ForeignRequests:
    return ForeignRequests()


@pytest.fixture
def page(browser: Any, foreign: ForeignRequests) -> Iterator[Any]:
    """A fresh browser context (empty localStorage) whose requests never leave 127.0.0.1."""
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    context.route(re.compile(".*"), foreign.handle)
    context.set_default_timeout(10_000)
    pg = context.new_page()
    try:
        yield pg
    finally:
        context.close()
