"""Punctuation in Chinese text (GB/T 15834-2011): format.punctuation, with safe repairs.

Works on the original text (not the width-folded one: the width is what is
checked). ``--fix`` applies the edits marked safe: half-width , ; : ? ! ( )
and . next to Chinese, ``...`` for ……, and a doubled mark.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govsite.checks.base import Finding, TextDoc
from govsite.checks.markdown import outside

HAN = "\u4e00-\u9fff"
# Each pattern starts with the mark itself (fast to scan for); the Chinese character
# beside it is checked after the mark.
_HALF = re.compile(rf"[,;:?!](?:(?<=[{HAN}][,;:?!])(?![/\d])|(?=[{HAN}]))")
_PERIOD = re.compile(rf"\.(?<=[{HAN}]\.)(?=[ \t]*$|[{HAN}])", re.M)
_PARENS = re.compile(rf"\((?<![\]A-Za-z0-9_]\()([^()\n]*[{HAN}][^()\n]*)\)")
_ELLIPSIS = re.compile(r"(?<![.A-Za-z0-9_/])\.{3,6}(?![.A-Za-z0-9_/])|。{3,}")
_DOUBLED = re.compile(r"([，。；：、！？])\1+|[，；：、][，。；：、]|。[，；：、]")
_LINK = re.compile(r"\]\([^)\n]*\)|<https?://[^>\n]*>|https?://[^\s)\]>]+")
_NUMBERED = re.compile(r"^[ \t#*]*[一二三四五六七八九十]+$")
_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", ".": "。"}
_PAIRS = {"“": "”", "《": "》", "（": "）", "【": "】", "〔": "〕"}
_CLOSERS = {v: k for k, v in _PAIRS.items()}


@dataclass(frozen=True)
class Edit:
    start: int
    end: int
    text: str


def kept(edits: list[Edit]) -> list[Edit]:
    """The edits ``apply`` makes: overlapping ones wait for the next pass."""
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: e.start):
        if e.start >= pos:
            out.append(e)
            pos = e.end
    return out


def apply(text: str, edits: list[Edit]) -> str:
    out, pos = [], 0
    for e in sorted(edits, key=lambda e: e.start):
        if e.start < pos:
            continue  # overlapping repairs: the next run takes the rest
        out.append(text[pos : e.start])
        out.append(e.text)
        pos = e.end
    out.append(text[pos:])
    return "".join(out)


def check(
    doc: TextDoc, start: int, skip: list[tuple[int, int]]
) -> tuple[list[Finding], list[Edit]]:
    skip = sorted(skip + [m.span() for m in _LINK.finditer(doc.text, start)])
    findings: list[Finding] = []
    edits: list[Edit] = []
    text = doc.text

    def add(pos: int, message: str, fix: str, edit: Edit | None = None) -> None:
        if edit is not None:
            fix += "（可用 govsite check --fix 修正）"
        findings.append(doc.finding("format.punctuation", pos, message, fix))
        if edit is not None:
            edits.append(edit)

    for m in _HALF.finditer(text, start):
        if outside(m.start(), skip):
            full = _FULL[m.group()]
            add(
                m.start(),
                f"中文中使用了半角标点“{m.group()}”",
                f"改为全角“{full}”",
                Edit(m.start(), m.end(), full),
            )
    for m in _PERIOD.finditer(text, start):
        line_start = text.rfind("\n", 0, m.start()) + 1
        if outside(m.start(), skip) and not _NUMBERED.match(text[line_start : m.start()]):
            add(
                m.start(),
                "中文句末使用了半角句点“.”",
                "改为句号“。”",
                Edit(m.start(), m.end(), "。"),
            )
    for m in _PARENS.finditer(text, start):
        if outside(m.start(), skip):
            add(
                m.start(),
                "中文中使用了半角括号“( )”",
                "改为全角括号“（ ）”",
                Edit(m.start(), m.end(), f"（{m[1]}）"),
            )
    for m in _ELLIPSIS.finditer(text, start):
        if outside(m.start(), skip):
            add(
                m.start(),
                f"省略号不应写作“{m.group()}”",
                "改为“……”（两个省略号字符）",
                Edit(m.start(), m.end(), "……"),
            )
    for m in _DOUBLED.finditer(text, start):
        if outside(m.start(), skip):
            same = m[1] is not None
            add(
                m.start(),
                f"标点重复“{m.group()}”",
                "只保留一个标点",
                Edit(m.start(), m.end(), m[1]) if same else None,
            )
    findings.extend(_unpaired(doc, start, skip))
    return findings, edits


_BRACKET = re.compile("[“”《》（）【】〔〕]")


def _unpaired(doc: TextDoc, start: int, skip: list[tuple[int, int]]) -> list[Finding]:
    """Per line (a paragraph in Markdown), the first bracket or quote without its pair."""
    out = []
    line = -1
    stack: list[tuple[str, int]] = []
    bad: int | None = None

    def close() -> None:
        where = bad if bad is not None else (stack[0][1] if stack else None)
        if where is None:
            return
        ch = doc.text[where]
        pair = _PAIRS.get(ch) or _CLOSERS[ch]
        out.append(
            doc.finding(
                "format.punctuation",
                where,
                f"“{ch}”没有配对的“{pair}”",
                "补上缺少的一半，或删除多余的符号",
            )
        )

    for m in _BRACKET.finditer(doc.text, start):
        pos = m.start()
        if not outside(pos, skip):
            continue
        index = doc.line_index(pos)
        if index != line:
            close()
            line, stack, bad = index, [], None
        if bad is not None:
            continue
        ch = m.group()
        if ch in _PAIRS:
            stack.append((ch, pos))
        elif stack and stack[-1][0] == _CLOSERS[ch]:
            stack.pop()
        else:
            bad = pos
    close()
    return out
