"""公文 made the way offices make them (GB/T 9704-2012 layout), for the import tests.

python-docx with the fonts offices name (方正小标宋简体 for 发文机关标志 and 标题,
仿宋_GB2312 for the body, 黑体 / 楷体_GB2312 for the first two levels), 三号 body with
two-character first-line indent, 落款 and 成文日期 standing right; LibreOffice saves
.doc and PDF from them; ``ofd`` lays the same parts out as GB/T 33190 pages.
"""

from __future__ import annotations

import io
import subprocess
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from PIL import Image

XBS, FS, HT, KT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体_GB2312"


@dataclass
class Gongwen:
    title: list[str]
    body: list[object]  # str | ("table", rows) | ("image", caption)
    orgs: list[str] = field(default_factory=lambda: ["示例县人民政府办公室"])
    kind: str = "文件"  # 文件 | 函 | ""
    doc_no: str | None = "示政办发〔2025〕8号"
    addressee: str | None = "各苏木镇人民政府，县直各部门："
    attachments: list[str] = field(default_factory=list)
    signers: list[str] | None = None  # 落款; default: orgs
    date: str = "2025年5月26日"
    note: str | None = "（此件公开发布）"
    secret: str | None = None
    appendix: list[str] = field(default_factory=list)
    cc: str | None = "抄送：县委办公室，县人大常委会办公室。"


def png(color: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (40, 30), color).save(out, format="PNG")
    return out.getvalue()


def _run(
    p: object, text: str, font: str, size: float, *, bold: bool = False, red: bool = False
) -> None:
    run = p.add_run(text)  # type: ignore[attr-defined]
    run.font.name = font
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
    run.font.size = Pt(size)
    run.bold = bold
    if red:
        run.font.color.rgb = RGBColor(0xFF, 0, 0)


def _para(
    doc: object,
    text: str,
    font: str = FS,
    size: float = 16,
    *,
    align: object = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = True,
    bold: bool = False,
    red: bool = False,
    right_indent: float = 0,
) -> None:
    p = doc.add_paragraph()  # type: ignore[attr-defined]
    p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    if right_indent:
        p.paragraph_format.right_indent = Pt(right_indent)
    _run(p, text, font, size, bold=bold, red=red)


def _level_font(text: str) -> str:
    if text[:1] in "一二三四五六七八九十" and "、" in text[:4]:
        return HT
    if text.startswith("（") and text[1:2] in "一二三四五六七八九十":
        return KT
    return FS


def docx(g: Gongwen, path: Path) -> Path:
    doc = Document()
    sec = doc.sections[0]
    sec.page_width, sec.page_height = Mm(210), Mm(297)
    sec.top_margin, sec.bottom_margin = Mm(37), Mm(35)
    sec.left_margin, sec.right_margin = Mm(28), Mm(26)
    if g.secret:
        _para(doc, f"{g.secret}★1年", HT, 16, align=WD_ALIGN_PARAGRAPH.LEFT, indent=False)
    center = WD_ALIGN_PARAGRAPH.CENTER
    if g.kind == "文件":
        if len(g.orgs) == 1:
            _para(doc, f"{g.orgs[0]}文件", XBS, 36, align=center, indent=False, red=True)
        else:
            for org in g.orgs:
                _para(doc, org, XBS, 30, align=center, indent=False, red=True)
            _para(doc, "文件", XBS, 30, align=center, indent=False, red=True)
    elif g.kind == "函":
        _para(doc, g.orgs[0], XBS, 30, align=center, indent=False, red=True)
    if g.kind and g.doc_no:
        _para(
            doc,
            g.doc_no,
            FS,
            16,
            indent=False,
            align=center if g.kind == "文件" else WD_ALIGN_PARAGRAPH.RIGHT,
        )
    doc.add_paragraph()
    for line in g.title:
        _para(doc, line, XBS, 22, align=center, indent=False)
    doc.add_paragraph()
    if g.addressee:
        _para(doc, g.addressee, indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
    for item in g.body:
        if isinstance(item, tuple) and item[0] == "table":
            rows = item[1]
            table = doc.add_table(rows=len(rows), cols=len(rows[0]))
            for r, row in enumerate(rows):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
        elif isinstance(item, tuple) and item[0] == "image":
            doc.add_picture(io.BytesIO(png()), width=Mm(40))
            _para(doc, item[1], FS, 14, align=center, indent=False)
        else:
            text = str(item)
            _para(doc, text, _level_font(text))
    if g.attachments:
        doc.add_paragraph()
        first, *rest = g.attachments
        label = f"1．{first}" if rest else first
        _para(doc, f"附件：{label}")
        for n, name in enumerate(rest, 2):
            p = doc.add_paragraph()
            p.paragraph_format.left_indent = Pt(16 * 5)
            _run(p, f"{n}．{name}", FS, 16)
    doc.add_paragraph()
    for org in g.signers if g.signers is not None else g.orgs:
        _para(doc, org, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, right_indent=16 * 4)
    _para(doc, g.date, align=WD_ALIGN_PARAGRAPH.RIGHT, indent=False, right_indent=16 * 4)
    if g.note:
        _para(doc, g.note)
    if g.appendix:
        doc.add_page_break()
        _para(doc, g.appendix[0], HT, 16, indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
        for text in g.appendix[1:]:
            _para(doc, text)
    if g.cc:
        doc.add_paragraph()
        _para(doc, g.cc, FS, 14, indent=False, align=WD_ALIGN_PARAGRAPH.LEFT)
        _para(
            doc,
            f"{g.orgs[0]}　　　　　　　　{g.date}印发",
            FS,
            14,
            indent=False,
            align=WD_ALIGN_PARAGRAPH.LEFT,
        )
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def soffice(src: Path, fmt: str, outdir: Path) -> Path:
    """LibreOffice saves ``src`` as ``fmt`` (doc, pdf), as an office's WPS/Word would."""
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                "soffice",
                f"-env:UserInstallation=file://{profile}",
                "--headless",
                "--convert-to",
                fmt,
                "--outdir",
                str(outdir),
                str(src),
            ],
            check=True,
            capture_output=True,
            timeout=180,
            stdin=subprocess.DEVNULL,
        )
    out = outdir / f"{src.stem}.{fmt}"
    assert out.is_file(), f"LibreOffice did not write {out}"
    return out


# --- OFD (GB/T 33190-2016) ------------------------------------------------------------------

_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
PAGE_W, PAGE_H, LEFT, RIGHT, TOP, BOTTOM = 210.0, 297.0, 28.0, 26.0, 37.0, 35.0
CHAR = 156.0 / 28  # 28 characters of 三号 on a 156 mm line (GB/T 9704 7.1)
LINE = 156.0 / 28 * 1.55


def _layout(g: Gongwen) -> list[list[tuple[float, float, str, float]]]:
    """Pages of (x, y, text, size) lines, placed as GB/T 9704 places them."""
    rows: list[tuple[str, str, float]] = []  # (align, text, size)
    if g.kind == "文件":
        rows += [("c", f"{o}文件" if len(g.orgs) == 1 else o, 12.0) for o in g.orgs]
        if len(g.orgs) > 1:
            rows.append(("c", "文件", 12.0))
    elif g.kind == "函":
        rows.append(("c", g.orgs[0], 10.0))
    if g.kind and g.doc_no:
        rows.append(("c" if g.kind == "文件" else "r0", g.doc_no, CHAR))
    rows += [("c", t, 7.7) for t in g.title]
    if g.addressee:
        rows.append(("l", g.addressee, CHAR))
    rows += [("p", str(t), CHAR) for t in g.body]
    if g.attachments:
        first, *rest = g.attachments
        rows.append(("p", f"附件：{'1．' if rest else ''}{first}", CHAR))
        rows += [("i5", f"{n}．{x}", CHAR) for n, x in enumerate(rest, 2)]
    rows += [("r4", o, CHAR) for o in (g.signers if g.signers is not None else g.orgs)]
    rows.append(("r4", g.date, CHAR))
    if g.note:
        rows.append(("p", g.note, CHAR))
    pages: list[list[tuple[float, float, str, float]]] = [[]]
    y = TOP
    width_chars = int(156.0 // CHAR)
    for align, text, size in rows:
        chunks: list[tuple[float, str]] = []
        if align == "p":
            first, rest = text[: width_chars - 2], text[width_chars - 2 :]
            chunks.append((LEFT + 2 * size, first))
            while rest:
                chunks.append((LEFT, rest[:width_chars]))
                rest = rest[width_chars:]
        elif align == "c":
            chunks.append((PAGE_W / 2 - len(text) * size / 2, text))
        elif align.startswith("r"):
            pad = int(align[1:]) * size
            chunks.append((PAGE_W - RIGHT - pad - len(text) * size, text))
        elif align == "i5":
            chunks.append((LEFT + 5 * size, text))
        else:
            chunks.append((LEFT, text))
        for x, chunk in chunks:
            if y + size > PAGE_H - BOTTOM:
                pages.append([])
                y = TOP
            pages[-1].append((x, y, chunk, size))
            y += max(LINE, size * 1.4)
    return pages


def ofd(g: Gongwen, path: Path) -> Path:
    pages = _layout(g)
    ids = iter(range(10, 100000))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "OFD.xml",
            f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:OFD {_NS} '
            'Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo>'
            f"<ofd:DocID>0C1D4F7159954EEEDE517F7285E84DC4</ofd:DocID>"
            f"<ofd:Title>{g.title[0]}</ofd:Title></ofd:DocInfo>"
            "<ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>",
        )
        page_refs = "".join(
            f'<ofd:Page ID="{n + 1}" BaseLoc="Pages/Page_{n}/Content.xml"/>'
            for n in range(len(pages))
        )
        zf.writestr(
            "Doc_0/Document.xml",
            f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f"<ofd:Document {_NS}><ofd:CommonData><ofd:MaxUnitID>99999</ofd:MaxUnitID>"
            f"<ofd:PageArea><ofd:PhysicalBox>0 0 {PAGE_W} {PAGE_H}</ofd:PhysicalBox>"
            "</ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
            f"</ofd:CommonData><ofd:Pages>{page_refs}</ofd:Pages></ofd:Document>",
        )
        zf.writestr(
            "Doc_0/PublicRes.xml",
            f'<?xml version="1.0" encoding="UTF-8"?>\n'
            f'<ofd:Res {_NS} BaseLoc="Res"><ofd:Fonts>'
            f'<ofd:Font ID="1" FontName="{FS}" FamilyName="{FS}"/>'
            f'<ofd:Font ID="2" FontName="{XBS}" FamilyName="{XBS}"/>'
            "</ofd:Fonts></ofd:Res>",
        )
        for n, lines in enumerate(pages):
            objs = []
            for x, y, text, size in lines:
                w = len(text) * size
                delta = " ".join([f"{size:.2f}"] * (len(text) - 1))
                font = 2 if size > CHAR else 1
                objs.append(
                    f'<ofd:TextObject ID="{next(ids)}" Boundary="{x:.2f} {y:.2f} {w:.2f} '
                    f'{size * 1.2:.2f}" Font="{font}" Size="{size:.2f}">'
                    f'<ofd:FillColor Value="0 0 0"/>'
                    f'<ofd:TextCode X="0" Y="{size:.2f}" DeltaX="{delta}">{text}</ofd:TextCode>'
                    "</ofd:TextObject>"
                )
            zf.writestr(
                f"Doc_0/Pages/Page_{n}/Content.xml",
                f'<?xml version="1.0" encoding="UTF-8"?>\n<ofd:Page {_NS}><ofd:Content>'
                f'<ofd:Layer ID="{next(ids)}">{"".join(objs)}</ofd:Layer>'
                "</ofd:Content></ofd:Page>",
            )
    return path
