"""Heading numbering (GB/T 9704 层次序数): format.numbering.

Levels are 一、 > （一） > 1. > （1）. Each level counts up from 1 and restarts
under a higher level; a document that opens with a lower level (``1、``) and
then uses a higher one (``二、``) mixes levels; one level uses one separator.
Arabic-numbered items may restart at 1 (Markdown lists often do).
"""

from __future__ import annotations

import re

from govsite.checks.base import Finding, TextDoc
from govsite.checks.markdown import outside

_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_LINE = re.compile(
    r"^[ \t]*(?:#{1,6}[ \t]+)?(?:\*\*|__)?[ \t]*"
    r"(?:(?P<cn>[一二三四五六七八九十]{1,3})(?P<cnsep>、|[.．,，](?!\d))"
    r"|[（(](?P<pcn>[一二三四五六七八九十]{1,3})[）)]"
    r"|(?P<ar>\d{1,2})(?P<arsep>[.．、])(?!\d)"
    r"|[（(](?P<par>\d{1,2})[）)])", re.M)
RANK = {"cn": 0, "pcn": 1, "ar": 2, "par": 3}
SHOW = {"cn": "{}、", "pcn": "（{}）", "ar": "{}.", "par": "（{}）"}
CN = "一二三四五六七八九十"


def han_number(text: str) -> int | None:
    """一…九十九 as an int (层次序数 never go higher)."""
    if text == "十":
        return 10
    if len(text) == 1:
        return _DIGITS.get(text)
    if text[0] == "十":
        return 10 + _DIGITS.get(text[1], 0) if text[1] in _DIGITS else None
    tens = _DIGITS.get(text[0])
    if tens is None or text[1] != "十":
        return None
    if len(text) == 2:
        return tens * 10
    unit = _DIGITS.get(text[2])
    return tens * 10 + unit if unit else None


def han(n: int) -> str:
    if n <= 10:
        return CN[n - 1]
    tens, unit = divmod(n, 10)
    return ("" if tens == 1 else CN[tens - 1]) + "十" + (CN[unit - 1] if unit else "")


def _show(kind: str, n: int, sep: str | None = None) -> str:
    value = han(n) if kind in ("cn", "pcn") else str(n)
    if kind == "ar" and sep:
        return f"{n}{sep}"
    return SHOW[kind].format(value)


def check(doc: TextDoc, start: int, skip: list[tuple[int, int]]) -> list[Finding]:
    out: list[Finding] = []
    counters: dict[str, int] = {}
    seps: dict[str, str] = {}
    top: str | None = None
    top_shown = ""
    for m in _LINE.finditer(doc.text, start):
        if not outside(m.start(), skip):
            continue
        kind = next(k for k in RANK if m[k] is not None)
        pos = m.start(kind)
        n = han_number(m[kind]) if kind in ("cn", "pcn") else int(m[kind])
        if n is None or n == 0:
            continue
        this = _show(kind, n, m["arsep"])
        if kind == "cn" and m["cnsep"] != "、":
            out.append(doc.finding("format.numbering", pos,
                                   f"一级标题序号“{m[kind]}{m['cnsep']}”应使用顿号",
                                   f"改为“{m[kind]}、”"))
        if top is None:
            top, top_shown = kind, this
        elif RANK[kind] < RANK[top]:
            out.append(doc.finding(
                "format.numbering", pos,
                f"层级混用：文中先以“{top_shown}”作一级序号，这里又出现“{this}”",
                "统一层级：一级用“一、”，二级用“（一）”，三级用“1.”，四级用“（1）”"))
            top, top_shown = kind, this
            _reset(counters, seps, kind, n)
            continue
        expected = counters.get(kind, 0) + 1
        if n != expected and not (kind in ("ar", "par") and n == 1):
            out.append(doc.finding(
                "format.numbering", pos,
                f"序号不连续：“{this}”之前应是“{_show(kind, expected)}”" if n > expected
                else f"序号重复或倒序：“{this}”出现在“{_show(kind, expected - 1)}”之后",
                f"按顺序编号，此处应为“{_show(kind, expected, m['arsep'])}”"))
        if kind == "ar":
            prev = seps.get(kind)
            if prev is not None and prev != m["arsep"] and n != 1:
                out.append(doc.finding(
                    "format.numbering", pos,
                    f"同一层级序号写法不一致：前面用“{prev}”，这里用“{m['arsep']}”",
                    "同一层级统一写法，三级序号用“1.”"))
            seps[kind] = m["arsep"]
        _reset(counters, seps, kind, n)
    return out


def _reset(counters: dict[str, int], seps: dict[str, str], kind: str, n: int) -> None:
    """Record ``n`` at this level; the levels below start again."""
    counters[kind] = n
    for lower in RANK:
        if RANK[lower] > RANK[kind]:
            counters.pop(lower, None)
            seps.pop(lower, None)
