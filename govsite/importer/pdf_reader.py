"""A PDF's text layer (pypdf) as positioned lines, then paragraphs.

Scanned PDFs without a text layer give no lines: the command refuses them rather
than import an empty article.
"""

from __future__ import annotations

from typing import Any

from pypdf import PdfReader

from govsite.importer.blocks import FIXED_LAYOUT_NOTE, Source
from govsite.importer.lines import Line, paragraphs, text_width


def _page_lines(page: Any) -> list[Line]:
    pieces: list[tuple[float, float, str, float]] = []  # y, x, text, size

    def visit(text: str, cm: list[float], tm: list[float], _font: Any, size: float) -> None:
        if not text.strip():
            return
        x = cm[0] * tm[4] + cm[2] * tm[5] + cm[4]
        y = cm[1] * tm[4] + cm[3] * tm[5] + cm[5]
        scale = abs(tm[0] * cm[0]) or 1.0
        pieces.append((y, x, text.replace("\n", ""), size * scale))

    page.extract_text(visitor_text=visit)
    rows: list[list[tuple[float, float, str, float]]] = []
    for piece in sorted(pieces, key=lambda p: (-p[0], p[1])):
        if rows and abs(rows[-1][0][0] - piece[0]) < max(piece[3], 1.0) * 0.5:
            rows[-1].append(piece)
        else:
            rows.append([piece])
    lines = []
    for row in rows:
        row.sort(key=lambda p: p[1])
        text = "".join(p[2] for p in row)
        size = max(p[3] for p in row)
        last = row[-1]
        x1 = last[1] + text_width(last[2], last[3])
        lines.append(Line(text=text, x0=row[0][1], x1=x1, size=size))
    return lines


def read(path: str, max_pages: int) -> Source:
    reader = PdfReader(path)
    if len(reader.pages) > max_pages:
        raise ValueError(f"pages>{max_pages}")
    pages = [(float(p.mediabox.width), _page_lines(p)) for p in reader.pages]
    return Source(blocks=paragraphs(pages), notes=[FIXED_LAYOUT_NOTE])
