"""Every built HTML page carries the footer (SITE-08) and the meta tags (SITE-11).

A plain parser test over the whole built sample site: no browser needed, but it
shares the session's built site with the browser tests (same xdist group).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from govsite.config import site as site_config
from govsite.config.site import SiteConfig

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

SITE_META = ("SiteName", "SiteDomain", "SiteIDCode")
COLUMN_META = ("ColumnName", "ColumnDescription", "ColumnKeywords", "ColumnType")
ARTICLE_META = ("ArticleTitle", "PubDate", "ContentSource", "Author", "Description", "Url")
PUB_DATE = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}")


@dataclass
class Page:
    lang: str | None = None
    title: str = ""
    meta: dict[str, list[str]] = field(default_factory=dict)
    canonical: list[str] = field(default_factory=list)
    footer_text: str = ""
    footer_links: list[tuple[str, str]] = field(default_factory=list)  # (href, text)
    h1: list[str] = field(default_factory=list)
    article_body: bool = False


class _PageParser(HTMLParser):
    """Collects what SITE-08/11 ask for; the stdlib parser is enough for our own output."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = Page()
        self._footer_depth = 0
        self._in: list[str] = []  # open elements whose text we collect: title, h1, a
        self._buf: dict[str, str] = {}
        self._href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "html":
            self.page.lang = a.get("lang")
        elif tag == "meta" and "name" in a:
            self.page.meta.setdefault(a["name"], []).append(a.get("content", ""))
        elif tag == "link" and "canonical" in a.get("rel", "").split():
            self.page.canonical.append(a.get("href", ""))
        elif tag == "footer":
            self._footer_depth += 1
        if "data-pagefind-body" in a:
            self.page.article_body = True
        if tag in ("title", "h1", "a"):
            self._in.append(tag)
            self._buf[tag] = ""
            if tag == "a":
                self._href = a.get("href", "")

    def handle_endtag(self, tag: str) -> None:
        if tag == "footer":
            self._footer_depth -= 1
        if tag in ("title", "h1", "a") and tag in self._in:
            self._in.remove(tag)
            text = " ".join(self._buf.pop(tag, "").split())
            if tag == "title":
                self.page.title = text
            elif tag == "h1":
                self.page.h1.append(text)
            elif self._footer_depth:
                self.page.footer_links.append((self._href, text))

    def handle_data(self, data: str) -> None:
        for tag in self._in:
            self._buf[tag] += data
        if self._footer_depth:
            self.page.footer_text += data


def parse(path: Path) -> Page:
    parser = _PageParser()
    parser.feed(path.read_text(encoding="utf-8"))
    parser.close()
    return parser.page


@pytest.fixture(scope="session")
def site() -> SiteConfig:
    from tests.conftest import REPO_ROOT

    return site_config.load(REPO_ROOT)


@pytest.fixture(scope="session")
def html_pages(built_site: Path) -> dict[str, Page]:
    pages = {
        p.relative_to(built_site).as_posix(): parse(p)
        for p in sorted(built_site.rglob("*.html"))
        if "pagefind" not in p.relative_to(built_site).parts
    }
    assert len(pages) >= 40, f"构建结果只有 {len(pages)} 个 HTML 页面"
    return pages


def meta_value(page: Page, name: str) -> tuple[str, str | None]:
    """(content, problem): the tag must appear exactly once with a non-empty content."""
    values = page.meta.get(name, [])
    if len(values) != 1:
        return "", f'<meta name="{name}"> 应出现一次，实际 {len(values)} 次'
    if not values[0].strip():
        return "", f'<meta name="{name}"> 的 content 为空'
    return values[0], None


def footer_problems(page: Page, site: SiteConfig) -> list[str]:
    text = " ".join(page.footer_text.split())
    wanted = {
        "主办单位": site.sponsor,
        "承办单位": site.organizer,
        "联系方式": site.contact,
        "网站标识码": site.id_code,
        "ICP备案号": site.icp,
        "公安备案号": site.police,
    }
    problems = [
        f"页脚缺少{key}“{value}”"
        for key, value in wanted.items()
        if " ".join(value.split()) not in text
    ]
    texts = {t for _, t in page.footer_links}
    problems += [
        f"页脚缺少“{t}”链接"
        for t in ("网站地图", "联系我们", "关于本站", "无障碍声明", "隐私声明")
        if t not in texts
    ]
    if site.conac_url and site.conac_url not in {h for h, _ in page.footer_links}:
        problems.append("页脚缺少党政机关网站标识链接")
    return problems


def meta_problems(rel: str, page: Page, site: SiteConfig) -> list[str]:
    problems: list[str] = []

    def check(names: tuple[str, ...]) -> dict[str, str]:
        found: dict[str, str] = {}
        for name in names:
            value, problem = meta_value(page, name)
            if problem:
                problems.append(problem)
            else:
                found[name] = value
        return found

    site_meta = check(SITE_META)
    expected = {
        "SiteName": site.name,
        "SiteDomain": urlsplit(site.url).hostname or "",
        "SiteIDCode": site.id_code,
    }
    problems += [
        f"{k} 应为“{v}”，实际“{site_meta[k]}”"
        for k, v in expected.items()
        if k in site_meta and site_meta[k] != v
    ]
    if page.lang != "zh-CN":
        problems.append(f"<html lang> 应为 zh-CN，实际 {page.lang!r}")
    if not page.title:
        problems.append("缺少 <title>")
    if len(page.canonical) != 1 or not page.canonical[0].startswith(site.url.rstrip("/")):
        problems.append(f"应有一个指向 {site.url} 的 canonical 链接，实际 {page.canonical}")
    if rel.startswith("columns/"):
        column = check(COLUMN_META)
        column_id = rel.split("/")[1]
        title = site.columns[column_id].title if column_id in site.columns else None
        if "ColumnName" in column and column["ColumnName"] != title:
            problems.append(f"ColumnName 应为“{title}”，实际“{column['ColumnName']}”")
    if page.article_body:
        article = check(ARTICLE_META)
        if "PubDate" in article and not PUB_DATE.fullmatch(article["PubDate"]):
            problems.append(f"PubDate 应为 YYYY-MM-DD HH:MM，实际“{article['PubDate']}”")
        if "ArticleTitle" in article and page.h1 != [article["ArticleTitle"]]:
            problems.append(f"ArticleTitle“{article['ArticleTitle']}”与页面标题 {page.h1} 不符")
        if "Url" in article and not article["Url"].endswith("/" + rel):
            problems.append(f"Url 应指向本页 {rel}，实际“{article['Url']}”")
    return problems


def test_every_page_has_the_footer(html_pages: dict[str, Page], site: SiteConfig) -> None:
    bad = [f"{rel}: {p}" for rel, page in html_pages.items() for p in footer_problems(page, site)]
    assert not bad, "以下页面的底部功能区不完整（SITE-08，theme 的页脚模板）：\n" + "\n".join(bad)


def test_every_page_has_the_meta_tags(html_pages: dict[str, Page], site: SiteConfig) -> None:
    bad = [
        f"{rel}: {p}" for rel, page in html_pages.items() for p in meta_problems(rel, page, site)
    ]
    assert not bad, "以下页面缺少或写错 meta 标签（SITE-11）：\n" + "\n".join(bad)


def test_the_sample_covers_every_kind_of_page(html_pages: dict[str, Page]) -> None:
    """The checks above must have seen columns and articles, or they prove little."""
    assert sum(p.article_body for p in html_pages.values()) >= 40
    assert any(rel.startswith("columns/") for rel in html_pages)


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<footer><p>主办单位：甲</p></footer>", "页脚缺少承办单位"),
        ('<footer><a href="/sitemap.html">网站地图</a></footer>', "页脚缺少“联系我们”链接"),
    ],
)
def test_footer_check_reports_gaps(
    tmp_path: Path, site: SiteConfig, html: str, expected: str
) -> None:
    path = tmp_path / "p.html"
    path.write_text(
        f'<!DOCTYPE html><html lang="zh-CN"><body>{html}</body></html>', encoding="utf-8"
    )
    assert any(p.startswith(expected) for p in footer_problems(parse(path), site))


def test_meta_check_reports_gaps(tmp_path: Path, site: SiteConfig) -> None:
    path = tmp_path / "a.html"
    path.write_text(
        '<!DOCTYPE html><html lang="zh"><head><title>t</title>'
        '<meta name="SiteName" content="别的网站">'
        '<meta name="PubDate" content="2025-1-2">'
        "</head><body><article data-pagefind-body><h1>题</h1></article></body></html>",
        encoding="utf-8",
    )
    problems = meta_problems("zfb/a.html", parse(path), site)
    assert f"SiteName 应为“{site.name}”，实际“别的网站”" in problems
    assert "<html lang> 应为 zh-CN，实际 'zh'" in problems
    assert "PubDate 应为 YYYY-MM-DD HH:MM，实际“2025-1-2”" in problems
    assert '<meta name="ArticleTitle"> 应出现一次，实际 0 次' in problems
