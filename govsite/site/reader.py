"""A Pelican reader for our Markdown with Chinese YAML front matter.

The front matter is never re-interpreted here: the article comes from
govsite.model (already validated by the library), so plain ``pelican`` and
``govsite build`` see the same metadata. Only the body is converted, with the
same Markdown settings Pelican itself uses.
"""

from __future__ import annotations

import os
from datetime import datetime, timedelta, timezone
from typing import Any, ClassVar

from markdown import Markdown
from pelican.readers import MarkdownReader

from govsite.model.frontmatter import split
from govsite.site import state, urls

BEIJING = timezone(timedelta(hours=8))


class GovsiteReader(MarkdownReader):
    enabled = True
    file_extensions: ClassVar[list[str]] = ["md", "markdown"]

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        data = state.for_settings(self.settings)
        root = data.library.root
        rel = os.path.relpath(source_path, root).replace(os.sep, "/")
        with open(source_path, encoding="utf-8") as fh:
            text = fh.read()
        fm = split(text, rel)
        self._md = Markdown(**self.settings["MARKDOWN"])
        content = self._md.convert(fm.body)
        article = data.by_path.get(rel)
        if article is not None:
            path = urls.article_path(article)
            return content, {
                "title": article.title,
                "date": article.published.replace(tzinfo=BEIJING),
                "slug": path.removesuffix(".html").replace("/", "-"),
                "save_as": path,
                "url": urls.href(path),
                "summary": article.summary or "",
                "author": self.process_metadata("author", article.issuer),
                "template": "article",
                "govsite": article,
            }
        page = next((p for p in data.library.pages if p.path == rel), None)
        if page is None:  # not in the library: a file outside any unit folder
            raise ValueError(f"{rel} 不属于任何单位，未能读取")
        path = urls.page_path(page)
        meta: dict[str, Any] = {
            "title": page.title, "slug": page.slug, "save_as": path,
            "url": urls.href(path), "template": "page", "govsite": page,
        }
        if page.updated:
            meta["date"] = datetime(page.updated.year, page.updated.month, page.updated.day,
                                    tzinfo=BEIJING)
        return content, meta


def add_reader(readers: Any) -> None:
    """readers_init receiver: our reader handles every .md file."""
    readers.reader_classes["md"] = GovsiteReader
    readers.reader_classes["markdown"] = GovsiteReader
