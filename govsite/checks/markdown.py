"""Markdown-only 三校 rules: format.raw-html, format.unsafe-link, format.attr-list,
format.image-alt, format.sign-off-date, and format.doc-no for 发文字号 cited in the body
(QA-10/11).

These rules read the body only (not the front matter) and skip code. The HTML
rules report what govsite.markup's sanitiser removes from the page anyway
(raw HTML, script URLs, attr_list attributes): the build runs them too and
stops (``html_findings``), so an editor learns it from ``check`` first.
"""

from __future__ import annotations

import re

from govsite import markup
from govsite.checks.base import Finding, TextDoc
from govsite.model import doc_number

_FENCE = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", re.M | re.S)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
# A comment as HTML ends it (WHATWG): not "<!-->" or "<!--->", and no "--!>" or
# "<!--" inside. A comment trick ("<!--> <script>…") is not a comment to skip.
_COMMENT = re.compile(r"<!--(?!-?>)(?:(?!--!?>|<!--).)*?-->", re.S)
_COMMENT_OPEN = re.compile(r"<!--")
# A tag may run over several lines ("<img\nsrc=x\nonerror=…>"): only its start counts.
_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9-]*)(?=[\s/>]|$)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.\-]{1,31}):[^\s<>]*>")
_DECLARATION = re.compile(r"<[!?](?!--)")
_DANGEROUS = (
    "script",
    "iframe",
    "style",
    "object",
    "embed",
    "form",
    "input",
    "link",
    "meta",
    "svg",
    "math",
    "base",
    "frame",
    "template",
    "textarea",
    "button",
)
_EMPTY_ALT = re.compile(r"!\[\s*\]\(")
_LEADING_ZERO = re.compile(r"\d{4}年0\d月|\d{1,2}月0\d日")
_HAN_DATE = re.compile(
    r"^[ \t]*[〇零一二三四五六七八九○]{4}年[一二三四五六七八九十]{1,3}月"
    r"[一二三四五六七八九十]{1,3}日[ \t]*$",
    re.M,
)
_ISO_DATE = re.compile(r"^[ \t]*(\d{4})[-./](\d{1,2})[-./](\d{1,2})[ \t]*$", re.M)
# The bracketed year first (a rare character to scan for), then the 机关代字 before it.
_DOC_TAIL = re.compile(r"[\[（(【〔]\d{2,4}[\]）)】〕]第?\d+号")
_ORG_BEFORE = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,12}$")
# Only a body with one of these can render a link, an attribute or raw HTML.
_HTML_HINTS = ("<", "](", "]:", "{", "&")
_ATTR_LIST = re.compile(r"\{:?[ \t]*([^{}\n]*)\}")

FIX_HTML = "改用 Markdown 写法（标题 #、列表 -、表格 |、图片 ![说明](文件)）"
FIX_LINK = (
    "只用 http、https、mailto、tel 链接或站内相对路径，如 [通知](https://www.gov.cn/…)、"
    "[附件](banfa.pdf)"
)
FIX_ATTR = (
    "删除花括号中的属性；属性列表只能写锚点 {#名称}（字母开头，字母、数字、- 或 _），"
    "网页不会显示其他属性"
)


def skipped_ranges(text: str, start: int) -> list[tuple[int, int]]:
    """Code blocks, inline code and comments from ``start`` on: formatting rules skip them."""
    ranges: list[tuple[int, int]] = []
    for pattern in (_FENCE, _INLINE_CODE, _COMMENT):
        ranges.extend(m.span() for m in pattern.finditer(text, start))
    return sorted(ranges)


def outside(pos: int, ranges: list[tuple[int, int]]) -> bool:
    return not any(s <= pos < e for s, e in ranges)


def raw_html(doc: TextDoc, start: int, skip: list[tuple[int, int]]) -> list[Finding]:
    out = []
    for m in _TAG.finditer(doc.text, start):
        if not outside(m.start(), skip):
            continue
        tag = m[1].lower()
        if tag in _DANGEROUS:
            message = (
                f"Markdown 中不得使用 <{tag}>（脚本、内嵌框架、样式会被篡改利用，也破坏统一版式）"
            )
        else:
            message = f"Markdown 中有原始 HTML 标签 <{tag}>"
        out.append(
            doc.finding(
                "format.raw-html", m.start(), message, FIX_HTML + "；网页上不会显示原始 HTML"
            )
        )
    for m in _COMMENT_OPEN.finditer(doc.text, start):
        if outside(m.start(), skip):  # not the start of a well-formed comment
            out.append(
                doc.finding(
                    "format.raw-html",
                    m.start(),
                    "HTML 注释写法异常（如 <!--> 或 --!>），浏览器会把后面的内容当作网页代码",
                    "写成完整的 <!-- 注释 -->，或删除注释",
                )
            )
    for m in _AUTOLINK.finditer(doc.text, start):
        if outside(m.start(), skip) and m[1].lower() not in markup.SCHEMES:
            out.append(
                doc.finding(
                    "format.unsafe-link",
                    m.start(),
                    f"链接使用了不允许的协议“{m[1].lower()}:”，网页上会删除该链接",
                    FIX_LINK,
                )
            )
    for m in _DECLARATION.finditer(doc.text, start):
        if outside(m.start(), skip):
            out.append(
                doc.finding(
                    "format.raw-html",
                    m.start(),
                    "Markdown 中有 HTML 声明或处理指令（<! 或 <?）",
                    FIX_HTML,
                )
            )
    return out


def _line_of(doc: TextDoc, start: int, needle: str) -> int:
    """Where ``needle`` (already decoded, lower-case) stands in the body, by line."""
    for index in range(doc.line_index(start), len(doc.starts)):
        lo, hi = doc.line_span(index)
        line = doc.text[lo:hi]
        if needle in markup._CONTROL.sub("", markup.html.unescape(line)).lower():
            return max(lo, start)
    return start


def unsafe_html(doc: TextDoc, start: int, skip: list[tuple[int, int]]) -> list[Finding]:
    """format.unsafe-link and format.attr-list on the HTML Markdown makes of the body.

    Read from Markdown's own output, as the sanitiser reads it, so reference-style
    links, autolinks, entity-encoded and mixed-case schemes and attribute lists are
    found whatever their spelling; tags of raw HTML are format.raw-html.
    """
    body = doc.text[start:]
    if not any(hint in body for hint in _HTML_HINTS):
        return []
    out = []
    seen: set[tuple[str, str]] = set()
    for tag, attrs in markup.elements(markup.render_raw(body)):
        if tag not in markup.TAGS:
            continue  # raw HTML: reported by raw_html at its place
        for attr, value in attrs:
            if markup.allowed_attribute(tag, attr, value) or (attr, value) in seen:
                continue
            seen.add((attr, value))
            if attr in markup.URL_ATTRIBUTES and attr in markup.ATTRIBUTES.get(tag, ()):
                scheme = markup.url_scheme(value) or ""
                pos = _line_of(doc, start, scheme + ":")
                out.append(
                    doc.finding(
                        "format.unsafe-link",
                        pos,
                        f"链接使用了不允许的协议“{scheme}:”（可执行脚本或嵌入数据），"
                        "网页上会删除该链接",
                        FIX_LINK,
                    )
                )
            else:
                pos = _attr_list_at(doc, start, skip, attr)
                out.append(
                    doc.finding(
                        "format.attr-list",
                        pos,
                        f"HTML 属性 {attr}=“{value[:40]}”不允许（属性列表 {{: …}} 或原始 HTML），"
                        "网页上会删除",
                        FIX_ATTR,
                    )
                )
    return out


def _attr_list_at(doc: TextDoc, start: int, skip: list[tuple[int, int]], attr: str) -> int:
    word = {"class": ".", "id": "#"}.get(attr, attr)
    for m in _ATTR_LIST.finditer(doc.text, start):
        if outside(m.start(), skip) and word in m[1].lower():
            return m.start()
    return start


def may_hold_html(body: str) -> bool:
    """False when no HTML rule can find anything in ``body`` (most bodies): a cheap test."""
    return any(hint in body for hint in _HTML_HINTS)


def html_findings(doc: TextDoc, start: int = 0) -> list[Finding]:
    """Every HTML-safety finding of a body (what the build refuses)."""
    skip = skipped_ranges(doc.text, start)
    return raw_html(doc, start, skip) + unsafe_html(doc, start, skip)


def image_alt(doc: TextDoc, start: int, skip: list[tuple[int, int]]) -> list[Finding]:
    return [
        doc.finding(
            "format.image-alt",
            m.start(),
            "图片缺少替代文字（无障碍要求）",
            "在 ![ ] 的方括号中写明图片内容，如 ![县政府常务会议现场](a.jpg)",
        )
        for m in _EMPTY_ALT.finditer(doc.text, start)
        if outside(m.start(), skip)
    ]


def sign_off_dates(doc: TextDoc, start: int, skip: list[tuple[int, int]]) -> list[Finding]:
    out = []
    for m in _LEADING_ZERO.finditer(doc.norm, start):
        if outside(m.start(), skip):
            fixed = re.sub(r"(?<=[年月])0(\d)", r"\1", m.group())
            out.append(
                doc.finding(
                    "format.sign-off-date",
                    m.start(),
                    f"日期“{m.group()}”的月、日不应有前导 0",
                    f"改为“{fixed}”",
                )
            )
    for m in _HAN_DATE.finditer(doc.text, start):
        if outside(m.start(), skip):
            out.append(
                doc.finding(
                    "format.sign-off-date",
                    m.start() + _lead(m.group()),
                    "成文日期应使用阿拉伯数字（GB/T 9704-2012）",
                    "写成“2025年5月28日”的形式",
                )
            )
    for m in _ISO_DATE.finditer(doc.norm, start):
        if outside(m.start(), skip):
            fixed = f"{int(m[1])}年{int(m[2])}月{int(m[3])}日"
            out.append(
                doc.finding(
                    "format.sign-off-date",
                    m.start() + _lead(m.group()),
                    f"落款日期“{m.group().strip()}”写法不规范",
                    f"改为“{fixed}”",
                )
            )
    return out


def _lead(text: str) -> int:
    return len(text) - len(text.lstrip())


def body_doc_numbers(doc: TextDoc, start: int, skip: list[tuple[int, int]]) -> list[Finding]:
    out = []
    for m in _DOC_TAIL.finditer(doc.text, start):
        org = _ORG_BEFORE.search(doc.text, max(0, m.start() - 12), m.start())
        if org is None or not outside(m.start(), skip):
            continue
        whole = org.group() + m.group()
        why = doc_number.explain(whole)
        if why:
            better = doc_number.suggest(whole)
            tail = better[len(org.group()) :] if better else None
            out.append(
                doc.finding(
                    "format.doc-no",
                    m.start(),
                    f"发文字号“…{m.group()}”：{why}",
                    f"把“{m.group()}”改为“{tail}”"
                    if tail
                    else "写成“机关代字〔年份〕序号号”，如 示政办发〔2025〕8号",
                )
            )
    return out
