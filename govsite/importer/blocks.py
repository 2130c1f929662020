"""What a reader makes of a document: paragraphs, tables and images in reading order.

Readers (docx, pdf, ofd) fill in what their format knows: a .docx names fonts and
alignment, a PDF or OFD only gives text and positions, so the recognisers work from
the text and use the hints when present.
"""

from __future__ import annotations

from dataclasses import dataclass, field

CENTER = "center"
RIGHT = "right"
LEFT = "left"


@dataclass(frozen=True)
class Block:
    kind: str  # "p" | "table" | "image"
    text: str = ""
    align: str = ""  # CENTER / RIGHT / LEFT, "" when the format does not say
    font: str = ""  # East Asian font name when known (方正小标宋简体, 黑体 …)
    bold: bool = False
    rows: tuple[tuple[str, ...], ...] = ()  # table cells, first row the header
    image: str = ""  # key into Source.images

    @property
    def clean(self) -> str:
        """The text without the spaces offices use to lay out lines."""
        return "".join(self.text.split())


def para(text: str, align: str = "", font: str = "", bold: bool = False) -> Block:
    return Block("p", text=text, align=align, font=font, bold=bold)


@dataclass
class Source:
    """One document as read: its blocks, the images it holds (name -> bytes)."""

    blocks: list[Block]
    images: dict[str, bytes] = field(default_factory=dict)
    has_layout: bool = False  # alignment and fonts are known (docx)
    notes: list[str] = field(default_factory=list)  # what the reader could not keep (Chinese)


FIXED_LAYOUT_NOTE = (
    "版式文件（PDF/OFD）只有文字行：表格按文字行导入、图片未提取，"
    "请对照原件核对表格，需要的图片另作附件"
)
