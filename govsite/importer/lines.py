"""Positioned text lines (PDF, OFD) back into paragraphs (pure).

A fixed-layout page has lines, not paragraphs. GB/T 9704 body text starts each
paragraph two characters in (首行缩进) and fills the line to the right margin, so a
line continues the previous one when it starts at the left margin and the previous
one was full; centred lines (标题) and lines standing right (落款, 成文日期) are
paragraphs of their own.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from govsite.importer.blocks import CENTER, LEFT, RIGHT, Block

_FOLIO = re.compile(r"^[-—－–]\s*\d+\s*[-—－–]$")  # 页码 “— 1 —”


@dataclass(frozen=True)
class Line:
    text: str
    x0: float
    x1: float
    size: float  # character height, in the page's unit


def text_width(text: str, size: float) -> float:
    """Estimated advance of a run: CJK glyphs one em, Latin letters and digits half."""
    return sum(0.5 if ch.isascii() else 1.0 for ch in text) * size


def paragraphs(pages: list[tuple[float, list[Line]]]) -> list[Block]:
    """(page width, lines top to bottom) per page -> paragraphs across pages."""
    out: list[Block] = []
    open_para: list[str] = []
    open_align = LEFT

    def flush() -> None:
        nonlocal open_para
        if open_para:
            out.append(Block("p", text="".join(open_para), align=open_align))
        open_para = []

    for width, lines in pages:
        body = [ln for ln in lines if ln.text.strip() and not _FOLIO.match(ln.text.strip())]
        if not body:
            continue
        # Margins from the body text (the commonest size): titles and 版头 are wider.
        sizes = Counter(round(ln.size, 1) for ln in body)
        body_size = sizes.most_common(1)[0][0] or 1.0
        text_lines = [ln for ln in body if abs(ln.size - body_size) < 0.05 * body_size] or body
        left = min(ln.x0 for ln in text_lines)
        right = max(ln.x1 for ln in text_lines)
        centre = width / 2
        prev_full = False
        for ln in body:
            size = ln.size or 1.0
            larger = size > body_size * 1.1  # 标题, 发文机关标志: each line stands alone
            indent = ln.x0 - left
            full = ln.x1 >= right - 1.5 * body_size
            mid = (ln.x0 + ln.x1) / 2
            if larger or (indent > 0.5 * size and abs(mid - centre) < 1.5 * size and not full):
                align = CENTER
            elif ln.x0 > centre and not full:
                align = RIGHT
            else:
                align = LEFT
            continues = (
                open_para
                and prev_full
                and indent < 0.5 * size
                and not larger
                and open_align == LEFT
                and align == LEFT
            )
            if not continues:
                flush()
                open_align = align
            open_para.append(ln.text.strip())
            prev_full = full and align == LEFT
        # A paragraph may run on to the next page: keep it open.
    flush()
    return out
