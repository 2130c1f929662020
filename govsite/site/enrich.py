"""Attach what an article page shows beyond its own front matter (adapter).

Runs once after Pelican has read every article (article_generator_finalized):
related 解读/文件, the validity banner, previous/next, attachments with type
and size, 最后更新 from git (one ``git log`` pass, see govsite.gitlog) and the
QR code of the page URL.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from govsite.model.article import Article
from govsite.site import interpretation, listings, qrcode, state, urls

TYPES = {"pdf": "PDF", "ofd": "OFD", "doc": "Word", "docx": "Word", "xls": "Excel",
         "xlsx": "Excel", "wps": "WPS", "et": "WPS表格", "zip": "ZIP", "rar": "RAR",
         "jpg": "图片", "jpeg": "图片", "png": "图片", "csv": "CSV", "txt": "文本"}


@dataclass(frozen=True)
class Attachment:
    name: str
    href: str
    kind: str
    size: str


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def file_kind(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return TYPES.get(ext, ext.upper() or "文件")


def attachments(root: str, article: Article) -> list[Attachment]:
    folder = os.path.dirname(os.path.join(root, article.path))
    out = []
    for name in article.attachments:
        size = os.path.getsize(os.path.join(folder, name))
        out.append(Attachment(name, urls.href(urls.attachment_path(article, name)),
                              file_kind(name), human_size(size)))
    return out


def enrich_articles(generator: Any) -> None:
    """article_generator_finalized receiver."""
    data = state.for_settings(generator.settings)
    lib = data.library
    columns = listings.by_column(lib.site, lib.articles)
    near = listings.neighbours(columns)
    related = interpretation.relate(lib.articles, lib.links) if lib.links else {}
    canonical = generator.settings.get("GOVSITE_CANONICAL") or generator.settings["SITEURL"]
    root = str(lib.root)
    for page in generator.articles:
        art: Article | None = getattr(page, "govsite", None)
        if art is None:
            continue
        path = urls.article_path(art)
        page.gs_path = path
        page.gs_related = related.get(art.path, interpretation.Related())
        page.gs_banner = interpretation.banner(art)
        page.gs_near = near.get(art.path, listings.Neighbours(None, None))
        page.gs_attachments = attachments(root, art)
        dates = data.dates.get(art.path)
        page.gs_updated = dates.last_modified if dates else None
        page.gs_column = lib.site.columns.get(art.columns[0]) if art.columns else None
        page.gs_qr = qrcode.svg(urls.absolute(canonical, path))
