"""附件 printed inside a 公文 (after the 附注) as a .docx of its own, built in memory.

A 附件 restarts its own 层次序号 (一、 again after the 正文's 三、): kept in the
article body it would read as misnumbered, so it becomes an attachment file.
"""

from __future__ import annotations

import io

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn

from govsite.importer.blocks import CENTER, RIGHT, Block

_ALIGN = {CENTER: WD_ALIGN_PARAGRAPH.CENTER, RIGHT: WD_ALIGN_PARAGRAPH.RIGHT}


def to_docx(blocks: list[Block], images: dict[str, bytes]) -> bytes:
    doc = Document()
    for blk in blocks:
        if blk.kind == "table" and blk.rows:
            width = max(len(r) for r in blk.rows)
            table = doc.add_table(rows=len(blk.rows), cols=width)
            for r, row in enumerate(blk.rows):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
        elif blk.kind == "image" and blk.image in images:
            doc.add_picture(io.BytesIO(images[blk.image]))
        elif blk.kind == "p":
            p = doc.add_paragraph()
            if blk.align in _ALIGN:
                p.alignment = _ALIGN[blk.align]
            run = p.add_run(blk.text)
            if blk.font:
                run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), blk.font)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()
