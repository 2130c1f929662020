"""Read attachment text for the pii/secret rules, and find hidden content (attach.*).

Takes bytes (the working-tree file or a staged blob), never a path to open.
openpyxl, pypdf are imported only when an attachment of that type is read:
a pre-commit run over Markdown must not pay for them. .docx is read as the
OOXML it is (zipfile + ElementTree): python-docx exposes neither tracked
changes nor comments, and both are exactly what must be found.
"""

from __future__ import annotations

import io
import zipfile
from xml.etree import ElementTree

from govsite.checks.base import Finding, Segment

TEXT_TYPES = (".csv", ".txt")
READ_TYPES = (".xlsx", ".xlsm", ".docx", ".pdf", *TEXT_TYPES)
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


class Unreadable(Exception):
    """The attachment is damaged or is not what its name says."""


def _hidden(path: str, location: str, message: str, fix: str) -> Finding:
    return Finding("attach.hidden-content", path, 1, 1, message, fix, location=location)


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


def read_xlsx(path: str, data: bytes) -> tuple[list[Segment], list[Finding]]:
    from openpyxl import load_workbook
    from openpyxl.utils import get_column_letter

    try:
        # Not read_only: hidden rows, columns and comments are only available this way.
        wb = load_workbook(io.BytesIO(data), data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise Unreadable(str(exc)) from exc
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
                    hidden.append(_hidden(path, where, f"工作表“{ws.title}”被{state}，但含有数据",
                                          "删除隐藏工作表，或取消隐藏后经保密审查再上传"))
                if r in hidden_rows and r not in rows_flagged:
                    rows_flagged.add(r)
                    hidden.append(_hidden(path, where, f"第 {r} 行被隐藏，但含有数据",
                                          "删除隐藏行，或取消隐藏后经保密审查再上传"))
                if col in hidden_cols and col not in cols_flagged:
                    cols_flagged.add(col)
                    hidden.append(_hidden(
                        path, where, f"第 {get_column_letter(col)} 列被隐藏，但含有数据",
                        "删除隐藏列，或取消隐藏后经保密审查再上传"))
                if cell.comment is not None and cell.comment.text:
                    segments.append(Segment(where + "（批注）", cell.comment.text))
                    hidden.append(_hidden(path, where, "单元格带有批注（发布后仍可看到）",
                                          "删除批注后再上传"))
    return segments, hidden


def _para_text(p: ElementTree.Element) -> str:
    return "".join(t.text or "" for t in p.iter() if t.tag in (W + "t", W + "delText"))


def _block_text(el: ElementTree.Element) -> str:
    return "\n".join(_para_text(p) for p in el.iter(W + "p"))


def read_docx(path: str, data: bytes) -> tuple[list[Segment], list[Finding]]:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        names = zf.namelist()
        body = ElementTree.fromstring(zf.read("word/document.xml")).find(f"{W}body")
    except (zipfile.BadZipFile, KeyError, ElementTree.ParseError) as exc:
        raise Unreadable(str(exc)) from exc
    segments: list[Segment] = []
    hidden: list[Finding] = []
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
    parts = [("word/document.xml", "正文")]
    parts += [(n, "页眉") for n in names if n.startswith("word/header")]
    parts += [(n, "页脚") for n in names if n.startswith("word/footer")]
    parts += [(n, "脚注") for n in names if n in ("word/footnotes.xml", "word/endnotes.xml")]
    for name, label in parts:
        root = ElementTree.fromstring(zf.read(name))
        if label != "正文":
            segments.append(Segment(label, _block_text(root)))
        if root.find(f".//{W}ins") is not None or root.find(f".//{W}del") is not None:
            hidden.append(_hidden(path, label,
                                  f"{label}中有未接受的修订（插入或删除的文字仍在文件中）",
                                  "在 Word 中“接受所有修订”并删除批注后另存，再上传"))
        if root.find(f".//{W}vanish") is not None:
            hidden.append(_hidden(path, label, f"{label}中有设为“隐藏”的文字",
                                  "删除隐藏文字后另存，再上传"))
    if "word/comments.xml" in names:
        root = ElementTree.fromstring(zf.read("word/comments.xml"))
        for i, comment in enumerate(root.iter(W + "comment"), 1):
            segments.append(Segment(f"批注{i}", _block_text(comment)))
            hidden.append(_hidden(path, f"批注{i}", "文档带有批注（发布后仍可看到）",
                                  "删除所有批注后另存，再上传"))
    for part in ("docProps/core.xml", "docProps/app.xml", "docProps/custom.xml"):
        if part not in names:
            continue
        for el in ElementTree.fromstring(zf.read(part)):
            # custom.xml: <property name="…"><vt:lpwstr>value</vt:lpwstr></property>
            key = el.get("name") or el.tag.rsplit("}", 1)[-1]
            el = next(iter(el), el)
            if el.text and el.text.strip():
                if key in ("Template", "TotalTime", "Pages", "Words", "Characters", "Lines",
                           "Paragraphs", "CharactersWithSpaces", "AppVersion", "DocSecurity",
                           "ScaleCrop", "LinksUpToDate", "SharedDoc", "HyperlinksChanged",
                           "Application", "revision", "created", "modified"):
                    continue  # counters and dates: nothing personal
                segments.append(Segment(f"文档属性 {key}", el.text, "文档属性"))
    return segments, hidden


def read_pdf(path: str, data: bytes) -> tuple[list[Segment], list[Finding]]:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many types for a damaged file
        raise Unreadable(str(exc)) from exc
    notes = []
    if pages and not any(p.strip() for p in pages):
        notes.append(Finding("attach.unread", path, 1, 1,
                             "PDF 没有文字层（可能是扫描件），未能检查其中的个人信息和密级标志",
                             "上传前人工逐页审查；最好上传有文字层的 PDF", location="page 1"))
    return [Segment(f"page {i}", text) for i, text in enumerate(pages, 1)], notes


def csv_cells(text: str) -> list[Segment]:
    """One segment per cell (a comma is a separator here, not a thousands separator)."""
    import csv

    header: list[str] = []
    out = []
    for r, row in enumerate(csv.reader(io.StringIO(text)), 1):
        if r == 1:
            header = row
        for c, value in enumerate(row, 1):
            if value.strip():
                ctx = header[c - 1] if c - 1 < len(header) else ""
                out.append(Segment(f"第{r}行第{c}列", value, ctx))
    return out


def decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise Unreadable("不是 UTF-8 或 GB18030 编码的文本")


def read(path: str, data: bytes) -> tuple[list[Segment], list[Finding]]:
    """Segments of text and hidden-content findings; raises Unreadable."""
    suffix = path[path.rfind("."):].lower() if "." in path else ""
    if suffix in (".xlsx", ".xlsm"):
        return read_xlsx(path, data)
    if suffix == ".docx":
        return read_docx(path, data)
    if suffix == ".pdf":
        return read_pdf(path, data)
    raise ValueError(suffix)
