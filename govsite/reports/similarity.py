"""总体情况 compared with last year's report (pure): inspectors fault reports "内容雷同".

difflib's SequenceMatcher (standard library) on characters, paragraph against
paragraph; numbers are masked first, so a copied paragraph with this year's
figures typed in is still found.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

OVERVIEW = "一、总体情况"
THRESHOLD = 0.8
MIN_CHARS = 20  # headings and one-line sentences are not "prose copied from last year"
_HEADING = re.compile(r"^#{1,6}\s*(.+?)\s*$")
_DIGITS = re.compile(r"[0-9０-９.．%％]+")


@dataclass(frozen=True)
class Similar:
    this_no: int  # 1-based paragraph numbers within 总体情况
    last_no: int
    ratio: float
    excerpt: str


def section(body: str, title: str = OVERVIEW) -> list[str]:
    """The paragraphs under the heading ``title`` (up to the next heading of any level)."""
    out: list[str] = []
    inside, para = False, []
    for line in body.splitlines():
        m = _HEADING.match(line)
        if m:
            if inside:
                break
            inside = m[1].replace(" ", "") == title
            continue
        if not inside:
            continue
        if line.strip():
            para.append(line.strip())
        elif para:
            out.append("".join(para))
            para = []
    if inside and para:
        out.append("".join(para))
    return out


def _norm(text: str) -> str:
    return _DIGITS.sub("#", re.sub(r"\s+", "", text))


def compare(this: list[str], last: list[str], threshold: float = THRESHOLD) -> list[Similar]:
    """Each paragraph of this year's text whose best match in last year's is >= threshold."""
    found = []
    prepared = [_norm(p) for p in last]
    for i, para in enumerate(this, 1):
        norm = _norm(para)
        if len(norm) < MIN_CHARS:
            continue
        best, best_j = 0.0, 0
        for j, other in enumerate(prepared, 1):
            m = SequenceMatcher(None, norm, other, autojunk=False)
            if m.real_quick_ratio() < threshold or m.quick_ratio() < threshold:
                continue
            ratio = m.ratio()
            if ratio > best:
                best, best_j = ratio, j
        if best >= threshold:
            found.append(Similar(i, best_j, best, para[:30]))
    return found
