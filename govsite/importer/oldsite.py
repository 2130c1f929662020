"""A page saved from an old vendor CMS (TRS, 大汉, 开普云 …) as what an article needs (pure).

Disclosure pages carry a metadata table (索引号 or 信息索取号, 发布机构, 生成日期 or
成文日期, 文号, 信息分类, 有效性, 名称) or, on older sites, the same labels as a list;
the text sits in a content container whose class differs by vendor. lxml parses
the vendors' HTML however broken it is.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import pairwise
from posixpath import dirname, join, normpath
from urllib.parse import unquote, urlsplit

import lxml.html
from lxml.etree import ParserError, _Element

from govsite.importer.blocks import CENTER, LEFT, RIGHT, Block

# Label as written (spaces removed) -> our key.
LABELS = {
    "索引号": "索引号",
    "信息索取号": "索引号",
    "索取号": "索引号",
    "发布机构": "发文机构",
    "发文机关": "发文机构",
    "发文单位": "发文机构",
    "发布单位": "发文机构",
    "生成日期": "成文日期",
    "成文日期": "成文日期",
    "发文日期": "成文日期",
    "发布日期": "公开日期",
    "公开日期": "公开日期",
    "发布时间": "公开日期",
    "文号": "发文字号",
    "发文字号": "发文字号",
    "信息分类": "信息分类",
    "主题分类": "信息分类",
    "分类": "信息分类",
    "有效性": "有效性",
    "效力状态": "有效性",
    "名称": "标题",
    "标题": "标题",
    "文件名称": "标题",
}
CONTENT = (
    "TRS_Editor",
    "TRS_UEDITOR",
    "zoom",
    "article-content",
    "bt_content",
    "content",
    "art_con",
    "xxgk_content",
    "main-txt",
    "pages_content",
)
ATTACHMENT_EXT = (
    ".pdf",
    ".doc",
    ".docx",
    ".xls",
    ".xlsx",
    ".wps",
    ".et",
    ".ofd",
    ".zip",
    ".rar",
    ".txt",
    ".csv",
    ".ppt",
    ".pptx",
)
_LABEL_VALUE = re.compile(rf"^({'|'.join(sorted(LABELS, key=len, reverse=True))})[:：]\s*(.*)$")
_DATE = re.compile(
    r"(\d{4})\s*[-年/.]\s*(\d{1,2})\s*[-月/.]\s*(\d{1,2})\s*日?"
    r"(?:\s*(\d{1,2}):(\d{2})(?::\d{2})?)?"
)
_IN_TEXT = re.compile(
    r"(?:发布时间|发布日期|公开日期|日期)[:：]\s*(\d{4}-\d{1,2}-\d{1,2}"
    r"(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?)"
)
_URL_DATE = (
    re.compile(r"/art/(\d{4})/(\d{1,2})/(\d{1,2})/"),
    re.compile(r"t(\d{4})(\d{2})(\d{2})_"),
)


@dataclass
class Link:
    href: str  # resolved path inside the saved site ("/…"), or the absolute URL
    text: str


@dataclass
class OldPage:
    url: str  # "/art/2021/3/31/art_123_456.html"
    meta: dict[str, str] = field(default_factory=dict)
    title: str = ""
    published: datetime | None = None
    blocks: list[Block] = field(default_factory=list)
    attachments: list[Link] = field(default_factory=list)
    images: dict[str, str] = field(default_factory=dict)  # block image key -> saved path
    image_alts: dict[str, str] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def text_of(el: _Element) -> str:
    return " ".join("".join(el.itertext()).split())


def _label(text: str) -> str:
    return re.sub(r"[\s\u3000]", "", text).rstrip(":：")


def metadata(doc: _Element) -> dict[str, str]:
    """Label/value pairs from tables (label cell, value cell) and from list items."""
    meta: dict[str, str] = {}
    for row in doc.iter("tr"):
        cells = [c for c in row if isinstance(c.tag, str) and c.tag in ("td", "th")]
        for label_cell, value_cell in pairwise(cells):
            key = LABELS.get(_label(text_of(label_cell)))
            value = text_of(value_cell)
            if key and value and _label(value) not in LABELS:
                meta.setdefault(key, value)
    for el in doc.iter("li", "p", "span", "div", "td"):
        text = re.sub(r"^([^:：]{1,6})[:：]", lambda m: _label(m[1]) + "：", text_of(el))
        m = _LABEL_VALUE.match(text)
        if m and m[2] and len(text) < 200:
            value = re.split(r"\s{2,}|\s(?=[^\d\s]{2,6}[:：])", m[2])[0].strip()
            if value:
                meta.setdefault(LABELS[m[1]], value)
    return meta


def parse_date(text: str) -> datetime | None:
    m = _DATE.search(text)
    if not m:
        return None
    try:
        return datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4] or 0), int(m[5] or 0))
    except ValueError:
        return None


def url_date(url: str) -> date | None:
    """TRS (t20210331_123456.html) and 大汉 (/art/2021/3/31/art_…) put the day in the URL."""
    for pattern in _URL_DATE:
        m = pattern.search(url)
        if m:
            try:
                return date(int(m[1]), int(m[2]), int(m[3]))
            except ValueError:
                return None
    return None


def resolve(page_url: str, href: str) -> str | None:
    """A link of the page as a path inside the saved site; None for other sites' links."""
    parts = urlsplit(href.strip())
    if parts.scheme in ("http", "https") or parts.netloc:
        return None
    if parts.scheme or not parts.path:
        return None
    path = unquote(parts.path)
    full = path if path.startswith("/") else join(dirname(page_url), path)
    return normpath(full)


def _content(doc: _Element) -> _Element | None:
    for name in CONTENT:
        found = doc.xpath(
            f"//*[@id='{name}' or contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"
        )
        if found:
            return max(found, key=lambda e: len(text_of(e)))
    return None


def _align(el: _Element) -> str:
    style = (el.get("style") or "").replace(" ", "").lower()
    align = (el.get("align") or "").lower()
    if "text-align:center" in style or align == "center":
        return CENTER
    if "text-align:right" in style or align == "right":
        return RIGHT
    return LEFT


def _blocks(root: _Element, page: OldPage) -> list[Block]:
    out: list[Block] = []
    for el in root.iter("p", "table", "img", "h1", "h2", "h3", "h4", "li", "a", "div"):
        if el.tag == "table":
            rows = tuple(
                tuple(text_of(c) for c in tr if isinstance(c.tag, str) and c.tag in ("td", "th"))
                for tr in el.iter("tr")
            )
            rows = tuple(r for r in rows if r)
            if rows:
                out.append(Block("table", rows=rows))
            continue
        if any(a.tag == "table" for a in el.iterancestors()):
            continue
        if el.tag == "img":
            src = resolve(page.url, el.get("src") or "")
            if src is None:
                page.problems.append(f"图片 {el.get('src')} 不在本站，未导入")
                continue
            key = f"img{len(page.images) + 1}"
            page.images[key] = src
            page.image_alts[key] = (el.get("alt") or el.get("title") or "").strip()
            out.append(Block("image", image=key))
            continue
        if el.tag == "a":
            href = el.get("href") or ""
            target = resolve(page.url, href)
            if target and target.lower().endswith(ATTACHMENT_EXT):
                page.attachments.append(Link(target, text_of(el) or target.rsplit("/", 1)[-1]))
            continue
        if el.tag == "div" and any(
            isinstance(c.tag, str) and c.tag in ("p", "div", "table") for c in el
        ):
            continue  # a wrapper: its paragraphs come on their own
        if any(a.tag in ("p", "li") for a in el.iterancestors()) and el.tag != "li":
            continue
        text = text_of(el)
        if not text:
            continue
        if any(_is_attachment_link(a, page.url) for a in el.iter("a")) and text == " ".join(
            text_of(a) for a in el.iter("a")
        ):
            continue  # a paragraph that is only attachment links: they are the 附件
        out.append(Block("p", text=text, align=_align(el)))
    return out


def _is_attachment_link(a: _Element, page_url: str) -> bool:
    target = resolve(page_url, a.get("href") or "")
    return bool(target and target.lower().endswith(ATTACHMENT_EXT))


def parse(html: bytes, url: str) -> OldPage:
    page = OldPage(url=url)
    try:
        doc = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        page.problems.append("无法解析 HTML")
        return page
    for bad in doc.xpath("//script|//style|//noscript"):
        bad.drop_tree()
    page.meta = metadata(doc)
    heading = doc.xpath("//h1") or doc.xpath("//*[contains(@class,'title')]")
    title_tag = doc.findtext(".//title") or ""
    page.title = (
        page.meta.get("标题")
        or (text_of(heading[0]) if heading else "")
        or re.split(r"[_|—-]", title_tag)[0]
    ).strip()
    body = _content(doc)
    if body is None:
        page.problems.append("没有找到正文区域（TRS_Editor、zoom、article-content 等）")
    else:
        page.blocks = _blocks(body, page)
        if not any(b.clean for b in page.blocks if b.kind == "p") and not page.attachments:
            page.problems.append("正文为空")
        # Vendors put the 附件 list under the content box as often as inside it.
        seen = {a.href for a in page.attachments}
        for a in doc.iter("a"):
            target = resolve(url, a.get("href") or "")
            if (
                target
                and target.lower().endswith(ATTACHMENT_EXT)
                and target not in seen
                and not any(x is body for x in a.iterancestors())
            ):
                page.attachments.append(Link(target, text_of(a) or target.rsplit("/", 1)[-1]))
                seen.add(target)
    text = text_of(doc)
    when = _IN_TEXT.search(text)
    page.published = parse_date(page.meta.get("公开日期", "")) or (
        parse_date(when[1]) if when else None
    )
    if page.published is None:
        day = url_date(url)
        if day is not None:
            page.published = datetime(day.year, day.month, day.day)
    if not page.title:
        page.problems.append("没有找到标题")
    if page.published is None:
        page.problems.append("没有找到发布日期（页面和网址中都没有）")
    return page
