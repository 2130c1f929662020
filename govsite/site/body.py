"""Markdown bodies of articles and pages to HTML, with the site's Markdown settings."""

from __future__ import annotations

from typing import Any

from markdown import Markdown

_MARKDOWN: dict[str, Markdown] = {}


def body_html(body: str, settings: dict[str, Any]) -> str:
    """The body as HTML with the site's Markdown settings (one converter per process).

    Pelican adds its ``meta`` extension to every Markdown reader; our front matter
    is already split off, so it is left out here: a first body line such as
    “联系人：张三” stays text instead of vanishing as metadata.
    """
    key = repr(settings)
    md = _MARKDOWN.get(key)
    if md is None:
        configs = settings.get("extension_configs", {})
        md = _MARKDOWN[key] = Markdown(
            extensions=[e for e in settings.get("extensions", configs) if not e.endswith(".meta")],
            extension_configs=configs,
            output_format=settings.get("output_format", "html5"))
    md.reset()
    return md.convert(body)
