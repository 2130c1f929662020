"""A Pelican reader for the site pages (content/pages/) with Chinese YAML front matter.

The front matter is never re-interpreted here: the page comes from
govsite.model (already validated by the library), so plain ``pelican`` and
``govsite build`` see the same metadata. Only the body is converted, with the
same Markdown settings Pelican itself uses. Articles are not read by Pelican
at all: govsite's generator renders them from the library.
"""

from __future__ import annotations

import os
from datetime import datetime
from typing import Any, ClassVar

from pelican.readers import MarkdownReader

from govsite.clock import BEIJING
from govsite.site import state, urls
from govsite.site.body import body_html


class GovsiteReader(MarkdownReader):
    enabled = True
    file_extensions: ClassVar[list[str]] = ["md", "markdown"]

    def read(self, source_path: str) -> tuple[str, dict[str, Any]]:
        data = state.for_settings(self.settings)
        root = data.library.root
        rel = os.path.relpath(source_path, root).replace(os.sep, "/")
        page = next((p for p in data.library.pages if p.path == rel), None)
        if page is None:  # not in the library: a file outside content/pages/
            raise ValueError(f"{rel} 不是 content/pages/ 下的页面，未能读取")
        content = body_html(page.body, self.settings["MARKDOWN"])
        path = urls.page_path(page)
        meta: dict[str, Any] = {
            "title": page.title,
            "slug": page.slug,
            "save_as": path,
            "url": urls.href(path),
            "template": "page",
            "govsite": page,
        }
        if page.updated:
            meta["date"] = datetime(
                page.updated.year, page.updated.month, page.updated.day, tzinfo=BEIJING
            )
        return content, meta


def add_reader(readers: Any) -> None:
    """readers_init receiver: our reader handles every .md file."""
    readers.reader_classes["md"] = GovsiteReader
    readers.reader_classes["markdown"] = GovsiteReader
