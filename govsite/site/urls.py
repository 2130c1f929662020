"""The URL scheme of the built site (pure). Keep it simple and stable: links are cited.

======================================  ==========================================
page                                    path in output/ (URL = SITEURL + "/" + path)
======================================  ==========================================
portal home                             index.html
article content/<unit>/<a>/<b>.md       <unit>/<a>/<b>.html (attachments sit beside it)
site page content/pages/<slug>.md       pages/<slug>.html
unit sub-site (部门子站)                <unit>/index.html, <unit>/index_<n>.html
机构概况 (content/<unit>/机构概况.yml)  <unit>/jggk.html
column                                  columns/<id>/index.html, columns/<id>/index_<n>.html
column feed (Atom)                      columns/<id>/feed.xml
政府信息公开                            xxgk/index.html
法定主动公开内容                        xxgk/fdzdgknr.html
主动公开目录 (all, by unit/topic/year)  xxgk/catalogue/index.html,
                                        xxgk/catalogue/unit/<unit>/index.html,
                                        xxgk/catalogue/topic/<信息分类>/index.html,
                                        xxgk/catalogue/year/<YYYY>/index.html (+ index_<n>.html)
catalogue exports                       xxgk/catalogue/catalogue.json, catalogue.csv
search, 网站地图, 404, sitemap          search.html, sitemap.html, 404.html, sitemap.xml
======================================  ==========================================

Page 1 of a listing is always ``index.html``; page n > 1 is ``index_<n>.html``
(the usual form on government sites). Links in pages are root-relative
("/xxgk/index.html") so a build previews correctly on localhost; the canonical
link and the Url meta tag are absolute (SITEURL).
"""

from __future__ import annotations

from urllib.parse import quote

from govsite.model.article import Article, Page

HOME = "index.html"
XXGK = "xxgk/index.html"
STATUTORY = "xxgk/fdzdgknr.html"
CATALOGUE = "xxgk/catalogue"
CATALOGUE_JSON = f"{CATALOGUE}/catalogue.json"
CATALOGUE_CSV = f"{CATALOGUE}/catalogue.csv"
SEARCH = "search.html"
SITEMAP_HTML = "sitemap.html"
SITEMAP_XML = "sitemap.xml"
NOT_FOUND = "404.html"


def article_path(article: Article) -> str:
    """content/zfb/2025/x.md -> zfb/2025/x.html."""
    rel = article.path.removeprefix("content/")
    return rel.removesuffix(".md") + ".html"


def attachment_path(article: Article, name: str) -> str:
    rel = article.path.removeprefix("content/")
    folder = rel.rsplit("/", 1)[0]
    return f"{folder}/{name}"


def page_path(page: Page) -> str:
    return f"pages/{page.slug}.html"


def listing(folder: str, number: int = 1) -> str:
    """Path of page ``number`` of a paginated listing living in ``folder``."""
    return f"{folder}/index.html" if number <= 1 else f"{folder}/index_{number}.html"


def unit_folder(unit_id: str) -> str:
    return unit_id


def unit_profile(unit_id: str) -> str:
    return f"{unit_id}/jggk.html"


def content_file(path: str) -> str:
    """content/<unit>/x.jpg -> <unit>/x.jpg (a file copied beside the pages)."""
    return path.removeprefix("content/")


def column_folder(column_id: str) -> str:
    return f"columns/{column_id}"


def column_feed(column_id: str) -> str:
    return f"columns/{column_id}/feed.xml"


def catalogue_folder(kind: str = "", key: str = "") -> str:
    """kind: '' (all entries), 'unit', 'topic', 'kind' (文种), 'year' or 'validity'."""
    return f"{CATALOGUE}/{kind}/{key}" if kind else CATALOGUE


def href(path: str) -> str:
    """Root-relative link for a path in output/, percent-encoded (topics are Chinese)."""
    if path.endswith("/index.html") or path == HOME:
        path = path.removesuffix("index.html")
    return "/" + quote(path)


def absolute(siteurl: str, path: str) -> str:
    return siteurl.rstrip("/") + href(path)
