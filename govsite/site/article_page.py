"""An article page: what it shows beyond its own front matter, and its rendering.

``inputs`` computes, for every article in one pass, what its page links to
and shows: related 解读/文件, the validity banner, previous/next, attachments
with type and size, 最后更新 from git (one ``git log`` pass, see
govsite.gitlog) and its first column. That is everything the page's key needs
(govsite.site.fingerprint). The body's HTML and the QR code of the page URL
are made only when the page is actually rendered, possibly in a worker
process (see govsite.site.generator).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from govsite.config.site import Column
from govsite.errors import ContentError, Problem
from govsite.gitlog import FileDates
from govsite.library import Library
from govsite.model import consultation
from govsite.model.article import Article
from govsite.model.attachment import AttachmentEntry
from govsite.site import interpretation, listings, qrcode, urls
from govsite.site.body import body_html

TEMPLATE = "article"
TYPES = {
    "pdf": "PDF",
    "ofd": "OFD",
    "doc": "Word",
    "docx": "Word",
    "xls": "Excel",
    "xlsx": "Excel",
    "wps": "WPS",
    "et": "WPS表格",
    "zip": "ZIP",
    "rar": "RAR",
    "jpg": "图片",
    "jpeg": "图片",
    "png": "图片",
    "csv": "CSV",
    "txt": "文本",
}


@dataclass(frozen=True)
class Attachment:
    name: str  # display name (名称), else the file name
    href: str
    kind: str
    size: str
    file: str = ""  # the file name, offered as the download name


@dataclass(frozen=True)
class ArticleInputs:
    """What the template gets as ``article``, except the body HTML and the QR code."""

    govsite: Article
    gs_path: str
    gs_related: interpretation.Related
    gs_banner: str | None
    gs_near: listings.Neighbours
    gs_attachments: tuple[Attachment, ...]
    gs_updated: datetime | None
    gs_column: Column | None
    gs_feedback: Article | None = None  # 意见采纳情况 of a consultation


@dataclass(frozen=True)
class ArticleView(ArticleInputs):
    content: str = ""
    gs_qr: str = ""


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} B"
    if size < 1024 * 1024:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024 / 1024:.1f} MB"


def file_kind(name: str) -> str:
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    return TYPES.get(ext, ext.upper() or "文件")


def attachments(root: str, article: Article) -> tuple[Attachment, ...]:
    folder = os.path.dirname(os.path.join(root, article.path))
    out = []
    entries = article.attachment_entries or tuple(
        AttachmentEntry(name) for name in article.attachments
    )
    for entry in entries:
        size = os.path.getsize(os.path.join(folder, entry.file))
        out.append(
            Attachment(
                entry.title,
                urls.href(urls.attachment_path(article, entry.file)),
                file_kind(entry.file),
                human_size(size),
                entry.file,
            )
        )
    return tuple(out)


def feedback(article: Article, by_path: dict[str, Article]) -> Article | None:
    """The 意见采纳情况 article a consultation names; a name that is not there stops the build."""
    target = article.consultation.feedback_path(article.path) if article.consultation else None
    if target is None:
        return None
    found = by_path.get(target)
    if found is None:
        raise ContentError(
            Problem(
                f"意见采纳情况“{target.rsplit('/', 1)[-1]}”在本文所在目录中找不到",
                path=article.path,
                line=article.line_of(consultation.FEEDBACK),
                key=consultation.FEEDBACK,
                fix="填写与本文同目录的意见采纳情况文章的文件名，或删除这一行",
            )
        )
    return found


def inputs(
    lib: Library, dates: dict[str, FileDates], columns: dict[str, list[Article]]
) -> list[ArticleInputs]:
    near = listings.neighbours(columns)
    related = interpretation.relate(lib.articles, lib.links) if lib.links else {}
    root = str(lib.root)
    by_path = {a.path: a for a in lib.articles}
    out = []
    for art in lib.articles:
        file_dates = dates.get(art.path)
        out.append(
            ArticleInputs(
                govsite=art,
                gs_path=urls.article_path(art),
                gs_related=related.get(art.path, interpretation.Related()),
                gs_banner=interpretation.banner(art),
                gs_near=near.get(art.path, listings.Neighbours(None, None)),
                gs_attachments=attachments(root, art),
                gs_updated=file_dates.last_modified if file_dates else None,
                gs_column=lib.site.columns.get(art.columns[0]) if art.columns else None,
                gs_feedback=feedback(art, by_path),
            )
        )
    return out


def view(inp: ArticleInputs, canonical: str, markdown: dict[str, Any]) -> ArticleView:
    """The full template value: the inputs plus the body HTML and the QR code."""
    return ArticleView(
        **{name: getattr(inp, name) for name in ArticleInputs.__dataclass_fields__},
        content=body_html(inp.govsite.body, markdown),
        gs_qr=qrcode.svg(urls.absolute(canonical, inp.gs_path)),
    )
