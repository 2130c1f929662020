"""sitemap.xml (pure): every article, page and listing's first page, with lastmod."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from xml.sax.saxutils import escape

from govsite.site import urls


def sitemap_xml(siteurl: str, entries: Iterable[tuple[str, date | datetime | None]]) -> str:
    lines = [
        '<?xml version="1.0" encoding="UTF-8"?>',
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">',
    ]
    for path, when in entries:
        lines.append(
            "<url><loc>"
            + escape(urls.absolute(siteurl, path))
            + "</loc>"
            + (f"<lastmod>{when:%Y-%m-%d}</lastmod>" if when else "")
            + "</url>"
        )
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
