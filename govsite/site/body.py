"""Markdown bodies of articles and pages to HTML, with the site's Markdown settings.

Always through govsite.markup: rendered, then cleaned by the sanitiser's
allowlist, so no raw HTML, event handler or script URL reaches a page.
"""

from __future__ import annotations

from typing import Any

from govsite import markup


def body_html(body: str, settings: dict[str, Any]) -> str:
    """The body as safe HTML with the site's Markdown settings (one converter per process).

    Pelican adds its ``meta`` extension to every Markdown reader; our front matter
    is already split off, so it is left out here: a first body line such as
    “联系人：张三” stays text instead of vanishing as metadata.
    """
    return markup.render(body, settings)
