"""Markdown-only 三校 rules: format.raw-html, format.image-alt, format.sign-off-date, and
format.doc-no for 发文字号 cited in the body (QA-10/11).

These rules read the body only (not the front matter) and skip code.
"""

from __future__ import annotations

import re

from govsite.checks.base import Finding, TextDoc
from govsite.model import doc_number

_FENCE = re.compile(r"^ {0,3}(```|~~~).*?^ {0,3}\1[^\n]*$", re.M | re.S)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_TAG = re.compile(r"<([A-Za-z][A-Za-z0-9]*)\b[^>\n]*>")
_DANGEROUS = ("script", "iframe", "style", "object", "embed", "form", "input", "link", "meta")
_EMPTY_ALT = re.compile(r"!\[\s*\]\(")
_LEADING_ZERO = re.compile(r"\d{4}年0\d月|\d{1,2}月0\d日")
_HAN_DATE = re.compile(r"^[ \t]*[〇零一二三四五六七八九○]{4}年[一二三四五六七八九十]{1,3}月"
                       r"[一二三四五六七八九十]{1,3}日[ \t]*$", re.M)
_ISO_DATE = re.compile(r"^[ \t]*(\d{4})[-./](\d{1,2})[-./](\d{1,2})[ \t]*$", re.M)
# The bracketed year first (a rare character to scan for), then the 机关代字 before it.
_DOC_TAIL = re.compile(r"[\[（(【〔]\d{2,4}[\]）)】〕]第?\d+号")
_ORG_BEFORE = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,12}$")


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
            message = (f"Markdown 中不得使用 <{tag}>"
                       "（脚本、内嵌框架、样式会被篡改利用，也破坏统一版式）")
        else:
            message = f"Markdown 中有原始 HTML 标签 <{tag}>"
        out.append(doc.finding("format.raw-html", m.start(), message,
                               "改用 Markdown 写法（标题 #、列表 -、表格 |、图片 ![说明](文件)）"))
    return out


def image_alt(doc: TextDoc, start: int, skip: list[tuple[int, int]]) -> list[Finding]:
    return [doc.finding("format.image-alt", m.start(), "图片缺少替代文字（无障碍要求）",
                        "在 ![ ] 的方括号中写明图片内容，如 ![县政府常务会议现场](a.jpg)")
            for m in _EMPTY_ALT.finditer(doc.text, start) if outside(m.start(), skip)]


def sign_off_dates(doc: TextDoc, start: int, skip: list[tuple[int, int]]) -> list[Finding]:
    out = []
    for m in _LEADING_ZERO.finditer(doc.norm, start):
        if outside(m.start(), skip):
            fixed = re.sub(r"(?<=[年月])0(\d)", r"\1", m.group())
            out.append(doc.finding("format.sign-off-date", m.start(),
                                   f"日期“{m.group()}”的月、日不应有前导 0", f"改为“{fixed}”"))
    for m in _HAN_DATE.finditer(doc.text, start):
        if outside(m.start(), skip):
            out.append(doc.finding("format.sign-off-date", m.start() + _lead(m.group()),
                                   "成文日期应使用阿拉伯数字（GB/T 9704-2012）",
                                   "写成“2025年5月28日”的形式"))
    for m in _ISO_DATE.finditer(doc.norm, start):
        if outside(m.start(), skip):
            fixed = f"{int(m[1])}年{int(m[2])}月{int(m[3])}日"
            out.append(doc.finding("format.sign-off-date", m.start() + _lead(m.group()),
                                   f"落款日期“{m.group().strip()}”写法不规范", f"改为“{fixed}”"))
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
            tail = better[len(org.group()):] if better else None
            out.append(doc.finding(
                "format.doc-no", m.start(), f"发文字号“…{m.group()}”：{why}",
                f"把“{m.group()}”改为“{tail}”" if tail
                else "写成“机关代字〔年份〕序号号”，如 示政办发〔2025〕8号"))
    return out
