"""Markdown to HTML that is safe by construction: the one HTML policy of build and check.

Every body is rendered by Python-Markdown and then cleaned by nh3 (ammonia, an
HTML5 parser, so tags split across lines, comment tricks and entity-encoded
schemes are read as a browser reads them) with an allowlist: the tags Markdown
makes, the attributes the theme and Markdown's own extensions use, and the URL
schemes http, https, mailto, tel and relative URLs. Raw HTML, event handlers,
``javascript:``/``data:`` URLs and attr_list attributes beyond ``#id`` never
reach a page, whatever ``govsite check`` said; ``govsite check`` and the build
report the same cases as errors (govsite.checks.markdown) so editors learn
before the build. Pure: no I/O.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from typing import Any

import nh3
from markdown import Markdown

# Python-Markdown settings of the site (Pelican's MARKDOWN setting). Pelican's
# ``meta`` extension is never used: the front matter is already split off.
MARKDOWN: dict[str, Any] = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.sane_lists": {},
    },
    "output_format": "html5",
}

SCHEMES = frozenset({"http", "https", "mailto", "tel"})
TAGS = frozenset(
    {
        "p",
        "br",
        "hr",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "strong",
        "em",
        "b",
        "i",
        "u",
        "s",
        "del",
        "ins",
        "sub",
        "sup",
        "small",
        "mark",
        "blockquote",
        "ul",
        "ol",
        "li",
        "dl",
        "dt",
        "dd",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "tr",
        "th",
        "td",
        "caption",
        "colgroup",
        "col",
        "pre",
        "code",
        "kbd",
        "samp",
        "var",
        "a",
        "img",
        "abbr",
        "div",
        "span",
    }
)
# Removed with everything inside them (a script's text is not content either).
DROP = frozenset(
    {
        "script",
        "style",
        "iframe",
        "object",
        "embed",
        "template",
        "noscript",
        "textarea",
        "select",
        "title",
        "svg",
        "math",
        "frame",
        "frameset",
        "noembed",
        "noframes",
        "xmp",
        "plaintext",
        "applet",
    }
)
ATTRIBUTES: dict[str, set[str]] = {
    "*": {"id"},
    "a": {"href", "title", "class"},
    "img": {"src", "alt", "title", "width", "height"},
    "abbr": {"title"},
    "ol": {"start"},
    "th": {"style", "colspan", "rowspan", "scope"},
    "td": {"style", "colspan", "rowspan"},
    "code": {"class"},
    "div": {"class"},
    "p": {"class"},
    "h2": {"class"},
    "h3": {"class"},
}
URL_ATTRIBUTES = frozenset({"href", "src"})
# 公文版式 (theme/static/css/site.css, docs/导入与迁移.md): the attr_list classes
# ``govsite import`` writes and editors may write, one per element.
GONGWEN_P = frozenset(
    {"gw-zhusong", "gw-fujian", "gw-luokuan", "gw-date", "gw-fuzhu", "gw-fujian-title"}
)
GONGWEN_H = frozenset({"gw-zhang", "gw-jie"})
# Classes Markdown's footnotes and fenced code write, and the 公文 classes; the theme
# styles none other in a body, so other attr_list classes are not kept.
CLASSES = {
    "a": frozenset({"footnote-ref", "footnote-backref"}),
    "div": frozenset({"footnote"}),
    "p": GONGWEN_P,
    "h2": GONGWEN_H,
    "h3": GONGWEN_H,
}
_LANGUAGE = re.compile(r"language-[A-Za-z0-9_+#-]{1,40}")
_FOOTNOTE_ID = re.compile(r"fn(?:ref\d*)?:[0-9A-Za-z_-]{1,40}")
_ID = re.compile(r"[A-Za-z][A-Za-z0-9_-]{0,63}")
# Ids the theme's pages use themselves: a body must not clobber them (skip link, search).
THEME_IDS = frozenset({"main", "search", "print-button", "q-head"})
_ALIGN = re.compile(r"text-align:\s*(left|right|center);?")
_CONTROL = re.compile(r"[\x00-\x20\x7f]+")
_SCHEME = re.compile(r"([a-z][a-z0-9+.\-]*):")


def url_scheme(value: str) -> str | None:
    """The scheme a browser sees in ``value`` (entities decoded, control characters and
    whitespace dropped, as the URL parser does), lower-case; None for a relative URL."""
    text = _CONTROL.sub("", html.unescape(value)).lower()
    m = _SCHEME.match(text)
    return m[1] if m else None


def allowed_url(value: str) -> bool:
    scheme = url_scheme(value)
    return scheme is None or scheme in SCHEMES


def allowed_attribute(tag: str, attr: str, value: str) -> bool:
    """Whether the cleaned HTML keeps ``attr="value"`` on ``tag`` (the whole policy)."""
    if attr not in ATTRIBUTES.get(tag, set()) and attr not in ATTRIBUTES["*"]:
        return False
    if attr in URL_ATTRIBUTES:
        return allowed_url(value)
    if attr == "id":
        return bool(_FOOTNOTE_ID.fullmatch(value)) or (
            bool(_ID.fullmatch(value))
            and value not in THEME_IDS
            and not value.startswith(("h-", "st-", "sm-"))
        )
    if attr == "class":
        return (tag == "code" and bool(_LANGUAGE.fullmatch(value))) or (
            value in CLASSES.get(tag, frozenset())
        )
    if attr == "style":
        return bool(_ALIGN.fullmatch(value.strip()))
    if attr in ("colspan", "rowspan", "start", "width", "height"):
        return value.isascii() and value.isdigit() and len(value) <= 4
    if attr == "scope":
        return value in ("row", "col", "rowgroup", "colgroup")
    return True


def _filter(tag: str, attr: str, value: str) -> str | None:
    return value if allowed_attribute(tag, attr, value) else None


_CLEANER = nh3.Cleaner(
    tags=set(TAGS),
    clean_content_tags=set(DROP),
    attributes={k: set(v) for k, v in ATTRIBUTES.items()},
    attribute_filter=_filter,
    url_schemes=set(SCHEMES),
    strip_comments=True,
    link_rel=None,
)


def clean(fragment: str) -> str:
    """``fragment`` with everything outside the allowlist removed."""
    return _CLEANER.clean(fragment)


_CONVERTERS: dict[str, Markdown] = {}


def render_raw(body: str, settings: dict[str, Any] | None = None) -> str:
    """Markdown's own HTML, not yet cleaned (what ``check`` inspects)."""
    settings = MARKDOWN if settings is None else settings
    key = repr(settings)
    md = _CONVERTERS.get(key)
    if md is None:
        configs = settings.get("extension_configs", {})
        md = _CONVERTERS[key] = Markdown(
            extensions=[e for e in settings.get("extensions", configs) if not e.endswith(".meta")],
            extension_configs=configs,
            output_format=settings.get("output_format", "html5"),
        )
    md.reset()
    return str(md.convert(body))


def render(body: str, settings: dict[str, Any] | None = None) -> str:
    """The body as the HTML a page shows: rendered, then cleaned."""
    return clean(render_raw(body, settings))


class _Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.found.append((tag, [(k, v or "") for k, v in attrs]))


def elements(fragment: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every start tag of ``fragment`` with its attributes (values decoded)."""
    parser = _Elements()
    parser.feed(fragment)
    parser.close()
    return parser.found
