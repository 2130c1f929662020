"""A .docx (python-docx) as blocks: paragraphs with alignment and fonts, tables, images."""

from __future__ import annotations

from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.table import Table
from docx.text.paragraph import Paragraph

from govsite.importer.blocks import CENTER, LEFT, RIGHT, Block, Source

_ALIGN = {
    WD_ALIGN_PARAGRAPH.CENTER: CENTER,
    WD_ALIGN_PARAGRAPH.RIGHT: RIGHT,
    WD_ALIGN_PARAGRAPH.LEFT: LEFT,
    WD_ALIGN_PARAGRAPH.JUSTIFY: LEFT,
}
_BLIP = qn("a:blip")
_EMBED = qn("r:embed")


def _align(p: Paragraph) -> str:
    value = p.paragraph_format.alignment
    style: Any = p.style
    while value is None and style is not None:
        value = style.paragraph_format.alignment
        style = style.base_style
    return _ALIGN.get(value, LEFT) if value is not None else LEFT


def _font(p: Paragraph) -> tuple[str, bool]:
    """The East Asian font of the paragraph's first run with text (offices set it per run)."""
    for run in p.runs:
        if not run.text.strip():
            continue
        rpr = run._element.rPr
        fonts = rpr.rFonts if rpr is not None else None
        name = fonts.get(qn("w:eastAsia")) if fonts is not None else None
        return name or run.font.name or "", bool(run.bold)
    return "", False


def _images(p: Paragraph, images: dict[str, bytes]) -> list[Block]:
    out = []
    for blip in p._element.iter(_BLIP):
        rid = blip.get(_EMBED)
        if not rid or rid not in p.part.related_parts:
            continue
        part = p.part.related_parts[rid]
        ext = part.partname.rsplit(".", 1)[-1].lower()
        name = f"image-{len(images) + 1}.{ext}"
        images[name] = part.blob
        out.append(Block("image", image=name))
    return out


def read(path: str) -> Source:
    doc = Document(path)
    blocks: list[Block] = []
    images: dict[str, bytes] = {}
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            p = Paragraph(child, doc)
            blocks += _images(p, images)
            font, bold = _font(p)
            blocks.append(Block("p", text=p.text, align=_align(p), font=font, bold=bold))
        elif child.tag == qn("w:tbl"):
            table = Table(child, doc)
            rows = tuple(tuple(cell.text.strip() for cell in row.cells) for row in table.rows)
            blocks.append(Block("table", rows=rows))
    return Source(blocks=blocks, images=images, has_layout=True)
