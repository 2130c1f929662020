"""Office Open XML: .xlsx/.xlsm, .docx and .pptx, with their hidden content (attach.*).

openpyxl is imported only when a workbook is read: a pre-commit run over Markdown
must not pay for it. .docx and .pptx are read as the OOXML they are (zipfile +
ElementTree): python-docx exposes neither tracked changes nor comments, and both
are exactly what must be found. Every container is opened through safezip (sizes
checked before decompressing) and every worksheet is pre-scanned with a streaming
parser, so a 2-million-cell sheet or a 500 MB cell is refused before openpyxl
builds it in memory.
"""

from __future__ import annotations

import io
import re
import zipfile
from xml.etree import ElementTree
from xml.parsers import expat

from govsite.checks.attachments.core import (
    Budget,
    Extract,
    Unreadable,
    damaged,
    hidden,
    over_limit,
)
from govsite.checks.attachments.safezip import open_zip, read_member
from govsite.checks.base import Finding, Segment

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_hidden = hidden
# Above this many cells openpyxl's full model (hidden rows, comments) costs too much
# memory (~0.5 KB a cell); the values are then read in read-only streaming mode.
FULL_MODEL_CELLS = 200_000


_AMOUNT_HEADER = ("金额", "元）", "元)", "万元", "合计", "资金", "预算", "收入", "支出")


def _cell_text(value: object, number_format: str, header: str) -> str:
    """The cell as a person sees it: an amount keeps its thousands separators, so that
    13,812,345,678 元 never reads as a mobile number."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value)
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if "," in number_format or any(word in header for word in _AMOUNT_HEADER):
        return f"{value:,}"
    return str(value)


def _prescan(zf: zipfile.ZipFile, budget: Budget) -> int:
    """Cells in all worksheets, and the longest cell text, without building either:
    expat is fed 1 MB at a time and only lengths are kept."""
    limits = budget.limits
    cells = 0
    longest = 0
    current = 0
    in_text = False

    def start(tag: str, _attrs: dict[str, str]) -> None:
        nonlocal cells, current, in_text
        local = tag.rsplit("}", 1)[-1]
        if local == "c":
            cells += 1
            if cells > limits.cells:
                raise over_limit("cells", f"超过 {limits.cells:,} 个单元格", f"{limits.cells:,}")
        elif local in ("v", "t"):
            in_text, current = True, 0

    def end(tag: str) -> None:
        nonlocal in_text
        if tag.rsplit("}", 1)[-1] in ("v", "t"):
            in_text = False

    def chars(text: str) -> None:
        nonlocal current, longest
        if in_text:
            current += len(text)
            if current > longest:
                longest = current
                if longest > limits.cell_chars:
                    raise over_limit(
                        "cell_chars",
                        f"有一个单元格超过 {limits.cell_chars:,} 个字符",
                        f"{limits.cell_chars:,}",
                    )

    for info in zf.infolist():
        name = info.filename
        if not (
            name.startswith("xl/worksheets/") or name == "xl/sharedStrings.xml"
        ) or not name.endswith(".xml"):
            continue
        parser = expat.ParserCreate(namespace_separator="}")
        parser.StartElementHandler = start
        parser.EndElementHandler = end
        parser.CharacterDataHandler = chars
        parser.buffer_text = True
        try:
            with zf.open(info) as fh:
                while chunk := fh.read(1 << 20):
                    parser.Parse(chunk, False)
            parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise damaged(f"{name} 不是有效的 XML：{exc}") from exc
        except (zipfile.BadZipFile, OSError, EOFError) as exc:
            raise damaged(f"{name}：{exc}") from exc
    return cells


def read_xlsx(path: str, data: bytes, budget: Budget) -> Extract:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    zf = open_zip(data, budget, members_limit=False)
    cells = _prescan(zf, budget)
    full = cells <= FULL_MODEL_CELLS
    try:
        # Full model when it fits: hidden rows, columns and comments exist only there.
        wb = load_workbook(io.BytesIO(data), data_only=True, read_only=not full)
    except Unreadable:
        raise
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise damaged(str(exc)) from exc
    if not full:
        return _read_xlsx_streaming(path, wb)
    segments: list[Segment] = []
    hidden: list[Finding] = []
    for ws in wb.worksheets:
        hidden_cols: set[int] = set()
        for dim in ws.column_dimensions.values():
            if dim.hidden and dim.min and dim.max:
                hidden_cols.update(range(dim.min, dim.max + 1))
        hidden_rows = {r for r, dim in ws.row_dimensions.items() if dim.hidden}
        headers: dict[int, str] = {}
        sheet_flagged = False
        rows_flagged: set[int] = set()
        cols_flagged: set[int] = set()
        for row in ws.iter_rows():
            left = ""
            for cell in row:
                if cell.value is None or cell.value == "":
                    continue
                col, r = cell.column, cell.row
                text = _cell_text(cell.value, cell.number_format or "", headers.get(col, ""))
                where = f"{ws.title}!{cell.coordinate}"
                if r == 1 or col not in headers:
                    headers.setdefault(col, text)
                segments.append(Segment(where, text, headers.get(col, "") + " " + left))
                left = text[:20]
                if ws.sheet_state != "visible" and not sheet_flagged:
                    sheet_flagged = True
                    state = "深度隐藏（veryHidden）" if ws.sheet_state == "veryHidden" else "隐藏"
                    hidden.append(
                        _hidden(
                            path,
                            where,
                            f"工作表“{ws.title}”被{state}，但含有数据",
                            "删除隐藏工作表，或取消隐藏后经保密审查再上传",
                        )
                    )
                if r in hidden_rows and r not in rows_flagged:
                    rows_flagged.add(r)
                    hidden.append(
                        _hidden(
                            path,
                            where,
                            f"第 {r} 行被隐藏，但含有数据",
                            "删除隐藏行，或取消隐藏后经保密审查再上传",
                        )
                    )
                if col in hidden_cols and col not in cols_flagged:
                    cols_flagged.add(col)
                    hidden.append(
                        _hidden(
                            path,
                            where,
                            f"第 {get_column_letter(col)} 列被隐藏，但含有数据",
                            "删除隐藏列，或取消隐藏后经保密审查再上传",
                        )
                    )
                if cell.comment is not None and cell.comment.text:
                    segments.append(Segment(where + "（批注）", cell.comment.text))
                    hidden.append(
                        _hidden(path, where, "单元格带有批注（发布后仍可看到）", "删除批注后再上传")
                    )
    return Extract(segments, hidden)


def _read_xlsx_streaming(path: str, wb: object) -> Extract:
    """Values only (read-only mode has no row/column dimensions or comments); hidden
    sheets are still found from the workbook part."""
    segments: list[Segment] = []
    found: list[Finding] = []
    for ws in wb.worksheets:  # type: ignore[attr-defined]
        state = getattr(ws, "sheet_state", "visible")
        headers: dict[int, str] = {}
        flagged = False
        for row in ws.iter_rows():
            for cell in row:
                value = getattr(cell, "value", None)
                if value is None or value == "":
                    continue
                col = cell.column
                text = _cell_text(
                    value, getattr(cell, "number_format", "") or "", headers.get(col, "")
                )
                headers.setdefault(col, text)
                where = f"{ws.title}!{cell.coordinate}"
                segments.append(Segment(where, text, headers.get(col, "")))
                if state != "visible" and not flagged:
                    flagged = True
                    found.append(
                        _hidden(
                            path,
                            where,
                            f"工作表“{ws.title}”被隐藏，但含有数据",
                            "删除隐藏工作表，或取消隐藏后经保密审查再上传",
                        )
                    )
    return Extract(segments, found)


def _para_text(p: ElementTree.Element) -> str:
    return "".join(t.text or "" for t in p.iter() if t.tag in (W + "t", W + "delText"))


def _block_text(el: ElementTree.Element) -> str:
    return "\n".join(_para_text(p) for p in el.iter(W + "p"))


def _xml(zf: zipfile.ZipFile, name: str) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(read_member(zf, name))
    except ElementTree.ParseError as exc:
        raise damaged(f"{name} 不是有效的 XML：{exc}") from exc


# Document properties that are counters, dates or the program's name: nothing personal.
_HARMLESS_PROPERTIES = frozenset(
    {
        "Template",
        "TotalTime",
        "Pages",
        "Words",
        "Characters",
        "Lines",
        "Paragraphs",
        "CharactersWithSpaces",
        "AppVersion",
        "DocSecurity",
        "ScaleCrop",
        "LinksUpToDate",
        "SharedDoc",
        "HyperlinksChanged",
        "Application",
        "revision",
        "created",
        "modified",
    }
)


def read_docx(path: str, data: bytes, budget: Budget) -> Extract:
    """Body paragraphs and table cells (with their column's header), headers, footers,
    notes, comments and personal document properties; revisions, hidden text and
    comments are hidden content."""
    zf = open_zip(data, budget, members_limit=False)
    names = zf.namelist()
    if "word/document.xml" not in names:
        raise damaged("缺少 word/document.xml，不是 Word 文档")
    segments = _docx_body(_xml(zf, "word/document.xml").find(f"{W}body"))
    hidden: list[Finding] = []
    parts = [("word/document.xml", "正文")]
    parts += [(n, "页眉") for n in names if n.startswith("word/header")]
    parts += [(n, "页脚") for n in names if n.startswith("word/footer")]
    parts += [(n, "脚注") for n in names if n in ("word/footnotes.xml", "word/endnotes.xml")]
    for name, label in parts:
        root = _xml(zf, name)
        if label != "正文":
            segments.append(Segment(label, _block_text(root)))
        hidden += _docx_hidden(path, label, root)
    if "word/comments.xml" in names:
        root = _xml(zf, "word/comments.xml")
        for i, comment in enumerate(root.iter(W + "comment"), 1):
            segments.append(Segment(f"批注{i}", _block_text(comment)))
            hidden.append(
                _hidden(
                    path, f"批注{i}", "文档带有批注（发布后仍可看到）", "删除所有批注后另存，再上传"
                )
            )
    for part in ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"):
        if part in names:
            segments += _docx_properties(_xml(zf, part))
    return Extract(segments, hidden)


def _docx_body(body: ElementTree.Element | None) -> list[Segment]:
    segments: list[Segment] = []
    para = table = 0
    for el in list(body) if body is not None else []:
        if el.tag == W + "p":
            para += 1
            segments.append(Segment(f"第{para}段", _para_text(el)))
        elif el.tag == W + "tbl":
            table += 1
            header: list[str] = []
            for ri, tr in enumerate(el.iter(W + "tr"), 1):
                for ci, tc in enumerate(tr.findall(W + "tc"), 1):
                    text = _block_text(tc)
                    if ri == 1:
                        header.append(text)
                    ctx = header[ci - 1] if ci - 1 < len(header) else ""
                    segments.append(Segment(f"表格{table}第{ri}行第{ci}列", text, ctx))
    return segments


def _docx_hidden(path: str, label: str, root: ElementTree.Element) -> list[Finding]:
    found: list[Finding] = []
    if root.find(f".//{W}ins") is not None or root.find(f".//{W}del") is not None:
        found.append(
            _hidden(
                path,
                label,
                f"{label}中有未接受的修订（插入或删除的文字仍在文件中）",
                "在 Word 中“接受所有修订”并删除批注后另存，再上传",
            )
        )
    if any(
        v.get(W + "val", "true") not in ("false", "0", "off") for v in root.iter(W + "vanish")
    ):  # LibreOffice writes w:val="false"
        found.append(
            _hidden(path, label, f"{label}中有设为“隐藏”的文字", "删除隐藏文字后另存，再上传")
        )
    return found


def _docx_properties(root: ElementTree.Element) -> list[Segment]:
    segments: list[Segment] = []
    for el in root:
        # custom.xml: <property name="…"><vt:lpwstr>value</vt:lpwstr></property>
        key = el.get("name") or el.tag.rsplit("}", 1)[-1]
        value = next(iter(el), el)
        if value.text and value.text.strip() and key not in _HARMLESS_PROPERTIES:
            segments.append(Segment(f"文档属性 {key}", value.text, "文档属性"))
    return segments


_SLIDE = re.compile(r"ppt/slides/slide(\d+)\.xml$")
_NOTES = re.compile(r"ppt/notesSlides/notesSlide(\d+)\.xml$")


def _drawing_text(root: ElementTree.Element) -> str:
    return "\n".join("".join(t.text or "" for t in p.iter(A + "t")) for p in root.iter(A + "p"))


def read_pptx(path: str, data: bytes, budget: Budget) -> Extract:
    """Slides in order with their speaker notes and comments; hidden slides are hidden
    content (they are in the file every visitor downloads)."""
    zf = open_zip(data, budget, members_limit=False)
    names = zf.namelist()
    slides = sorted((int(m[1]), n) for n in names if (m := _SLIDE.match(n)))
    if not slides and "ppt/presentation.xml" not in names:
        raise damaged("缺少 ppt/presentation.xml，不是演示文稿")
    if len(slides) > budget.limits.pages:
        raise over_limit("pages", f"{len(slides):,} 张幻灯片", f"{budget.limits.pages:,}")
    out = Extract()
    for number, name in slides:
        root = _xml(zf, name)
        where = f"第{number}张幻灯片"
        out.segments.append(Segment(where, _drawing_text(root)))
        if root.get("show") == "0":
            out.findings.append(
                _hidden(
                    path,
                    where,
                    "幻灯片被设为“隐藏”，但仍在文件中",
                    "删除隐藏的幻灯片后另存，再上传",
                )
            )
    for name in names:
        if m := _NOTES.match(name):
            out.segments.append(Segment(f"第{m[1]}张幻灯片（备注）", _drawing_text(_xml(zf, name))))
        elif name.startswith("ppt/comments/") and name.endswith(".xml"):
            text = "\n".join(
                t.text or "" for t in _xml(zf, name).iter() if t.tag.rsplit("}", 1)[-1] == "text"
            )
            out.segments.append(Segment("批注", text))
            out.findings.append(
                _hidden(
                    path, "批注", "演示文稿带有批注（发布后仍可看到）", "删除所有批注后另存，再上传"
                )
            )
    return out
