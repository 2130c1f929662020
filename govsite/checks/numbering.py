"""Heading numbering (GB/T 9704 层次序数, 立法技术规范 章节条款项目): format.numbering.

Two layers, as Chinese official documents are written:

- Structure: 第N编 > 第N分编 > 第N章 > 第N节, and 第N条. 章 restart under each
  编, 节 under each 章; 条 run on through the whole document. Every such heading
  starts the item levels afresh: under each 第N条 the items restart at （一）.
- Items: 一、 > （一） > 1. > （1） > ①. Each level counts up from 1 and restarts
  under a higher level; a passage that opens with a lower level (``1、``) and
  then uses a higher one (``二、``) mixes levels; one level uses one separator.
  Arabic and circled items may restart at 1 (Markdown lists often do). Inside a
  条, a plain paragraph after the items starts a new 款, whose items may restart
  at （一）.

A line ``附件`` / ``附件2：…`` starts a new document (an attachment's own numbering).
"""

from __future__ import annotations

import re

from govsite.checks.base import Finding, TextDoc
from govsite.checks.markdown import outside

_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_UNITS = {"十": 10, "百": 100, "千": 1000}
_LEAD = r"^[ \t\u3000]*(?:#{1,6}[ \t]+)?(?:\*\*|__)?[ \t\u3000]*"
_CN_NUM = "零〇一二两三四五六七八九十百千"
_LINE = re.compile(
    _LEAD
    + rf"(?:第[ \t\u3000]*(?P<sn>[{_CN_NUM}]+|\d{{1,4}})[ \t\u3000]*(?P<unit>分编|编|部分|章|节|条)"
    r"(?P<after>[^\n]?)"
    r"|(?P<cn>[一二三四五六七八九十]{1,3})(?P<cnsep>、|[.．,，](?!\d))"
    r"|[（(](?P<pcn>[一二三四五六七八九十]{1,3})[）)]"
    r"|(?P<ar>\d{1,2})(?P<arsep>[.．、])(?!\d)"
    r"|[（(](?P<par>\d{1,2})[）)]"
    r"|(?P<circ>[\u2460-\u2473]))",
    re.M,
)
# 第十条规定的…, 第三章中…, 第一条明确了… (a 解读): a reference at the start of a line, not a
# heading. A heading is followed by a space or its text (第一条　为了…; 第一章总则).
_REFERENCE_AFTER = set("规的所至和或中之第、，,与及以项款目修删增改作明对是主阐界就共分")
_ATTACHMENT = re.compile(
    r"^[ \t\u3000]*(?:#{1,6}[ \t]+)?(?:\*\*)?附件[ \t\u3000]*\d{0,2}"
    r"[ \t\u3000]*(?:[:：].*)?(?:\*\*)?[ \t\u3000]*$",
    re.M,
)
RANK = {"cn": 0, "pcn": 1, "ar": 2, "par": 3, "circ": 4}
SHOW = {"cn": "{}、", "pcn": "（{}）", "ar": "{}.", "par": "（{}）", "circ": "{}"}
CN = "一二三四五六七八九十"
# Which structural levels restart under which.
_STRUCTURE_RESETS = {
    "部分": ("编", "分编", "章", "节"),
    "编": ("分编", "章", "节"),
    "分编": ("章", "节"),
    "章": ("节",),
    "节": (),
}


def han_number(text: str) -> int | None:
    """一…九千九百九十九 as an int (一百零五, 二十, 十一); None if it is not a numeral."""
    if text.isdigit():
        return int(text)
    total, digit, seen_unit = 0, None, 0
    for ch in text:
        if ch in _DIGITS:
            if digit is not None and digit != 0:
                return None  # two digits in a row: 二三
            digit = _DIGITS[ch]
        elif ch in _UNITS:
            unit = _UNITS[ch]
            if seen_unit and unit >= seen_unit:
                return None  # 十百, 百百
            total += (digit if digit is not None else 1) * unit
            digit, seen_unit = None, unit
        else:
            return None
    if digit:
        total += digit
    return total or None


def han(n: int) -> str:
    """The Chinese numeral of 1…9999 as documents write it (十一, 二十, 一百零五)."""
    if n < 10:
        return CN[n - 1]
    if n < 20:
        return "十" + (CN[n - 11] if n > 10 else "")
    out = ""
    zero = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // unit % 10
        if digit:
            if zero and out:
                out += "零"
            out += CN[digit - 1] + name
            zero = False
        elif out:
            zero = True
    return out


def _show(kind: str, n: int, sep: str | None = None) -> str:
    if kind == "circ":
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    value = han(n) if kind in ("cn", "pcn") else str(n)
    if kind == "ar" and sep:
        return f"{n}{sep}"
    return SHOW[kind].format(value)


class _Items:
    """The item levels (一、 …) of one passage: the text under one heading."""

    def __init__(self) -> None:
        self.counters: dict[str, int] = {}
        self.seps: dict[str, str] = {}
        self.top: str | None = None
        self.top_shown = ""

    def reset(self, kind: str, n: int) -> None:
        """Record ``n`` at this level; the levels below start again."""
        self.counters[kind] = n
        for lower in RANK:
            if RANK[lower] > RANK[kind]:
                self.counters.pop(lower, None)
                self.seps.pop(lower, None)


def check(doc: TextDoc, start: int, skip: list[tuple[int, int]]) -> list[Finding]:
    out: list[Finding] = []
    text = doc.text
    breaks = [m.start() for m in _ATTACHMENT.finditer(text, start) if outside(m.start(), skip)]
    structure: dict[str, int] = {}
    article = 0  # the last 第N条
    items = _Items()
    in_article = False
    last_end = start
    for m in _LINE.finditer(text, start):
        if not outside(m.start(), skip):
            continue
        if breaks and breaks[0] < m.start():
            while breaks and breaks[0] < m.start():
                breaks.pop(0)
            structure, article, items, in_article = {}, 0, _Items(), False
        between = text[last_end : m.start()]
        last_end = text.find("\n", m.end())
        last_end = len(text) if last_end == -1 else last_end
        if m["unit"] is not None:
            if m["after"] in _REFERENCE_AFTER:
                continue
            n = han_number(m["sn"])
            if n is None:
                continue
            unit, pos = m["unit"], m.start("sn") - 1
            if unit == "条":
                out += _sequence(doc, pos, "条", n, article)
                article, in_article = n, True
            else:
                out += _sequence(doc, pos, unit, n, structure.get(unit, 0))
                structure[unit] = n
                for lower in _STRUCTURE_RESETS[unit]:
                    structure.pop(lower, None)
                in_article = False
            items = _Items()
            continue
        kind = next(k for k in RANK if m[k] is not None)
        pos = m.start(kind)
        if kind == "circ":
            n = ord(m[kind]) - 0x2460 + 1
        else:
            value = han_number(m[kind]) if kind in ("cn", "pcn") else int(m[kind])
            if value is None or value == 0:
                continue
            n = value
        this = _show(kind, n, m["arsep"])
        if kind == "cn" and m["cnsep"] != "、":
            out.append(
                doc.finding(
                    "format.numbering",
                    pos,
                    f"一级标题序号“{m[kind]}{m['cnsep']}”应使用顿号",
                    f"改为“{m[kind]}、”",
                )
            )
        if (
            in_article
            and kind == items.top
            and n == 1
            and between.strip()
            and items.counters.get(kind)
        ):
            items = _Items()  # a new 款 of the same 条: its 项 start again at （一）
        if items.top is None:
            items.top, items.top_shown = kind, this
        elif RANK[kind] < RANK[items.top]:
            out.append(
                doc.finding(
                    "format.numbering",
                    pos,
                    f"层级混用：文中先以“{items.top_shown}”作一级序号，这里又出现“{this}”",
                    "统一层级：一级用“一、”，二级用“（一）”，三级用“1.”，四级用“（1）”",
                )
            )
            items.top, items.top_shown = kind, this
            items.reset(kind, n)
            continue
        expected = items.counters.get(kind, 0) + 1
        if n != expected and not (kind in ("ar", "par", "circ") and n == 1):
            out.append(
                doc.finding(
                    "format.numbering",
                    pos,
                    f"序号不连续：“{this}”之前应是“{_show(kind, expected)}”"
                    if n > expected
                    else f"序号重复或倒序：“{this}”出现在“{_show(kind, expected - 1)}”之后",
                    f"按顺序编号，此处应为“{_show(kind, expected, m['arsep'])}”",
                )
            )
        if kind == "ar":
            prev = items.seps.get(kind)
            if prev is not None and prev != m["arsep"] and n != 1:
                out.append(
                    doc.finding(
                        "format.numbering",
                        pos,
                        f"同一层级序号写法不一致：前面用“{prev}”，这里用“{m['arsep']}”",
                        "同一层级统一写法，三级序号用“1.”",
                    )
                )
            items.seps[kind] = m["arsep"]
        items.reset(kind, n)
    return out


def _sequence(doc: TextDoc, pos: int, unit: str, n: int, previous: int) -> list[Finding]:
    """第N章/节/条 count up by one (条 through the whole document)."""
    expected = previous + 1
    if n == expected:
        return []
    shown, want = f"第{han(n)}{unit}", f"第{han(expected)}{unit}"
    scope = (
        "条的序号全文连续编排" if unit == "条" else f"{unit}在上一层级内从“第一{unit}”起连续编排"
    )
    if n > expected:
        message = f"序号不连续：“{shown}”之前应是“{want}”"
    else:
        message = f"序号重复或倒序：“{shown}”出现在“第{han(previous)}{unit}”之后"
    return [doc.finding("format.numbering", pos, message, f"{scope}，此处应为“{want}”")]
