"""Excel 97–2003 workbooks (.xls) and WPS spreadsheets (.et, the same BIFF8 format),
read with xlrd: values, hidden sheets, hidden rows and columns, and cell notes."""

from __future__ import annotations

from govsite.checks.attachments.core import (
    Budget,
    Extract,
    damaged,
    encrypted,
    hidden,
    over_limit,
)
from govsite.checks.attachments.ooxml import _cell_text
from govsite.checks.base import Segment


def column_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA."""
    out = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        out = chr(65 + rem) + out
    return out


def read_xls(path: str, data: bytes, budget: Budget) -> Extract:
    import xlrd

    limits = budget.limits
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    except xlrd.biffh.XLRDError as exc:
        if "encrypt" in str(exc).lower():
            raise encrypted() from exc
        raise damaged(str(exc)) from exc
    except Exception as exc:  # xlrd raises assertion and struct errors for damaged files
        raise damaged(f"{type(exc).__name__}: {exc}") from exc
    out = Extract()
    cells = 0
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        cells += sheet.nrows * sheet.ncols
        if cells > limits.cells:
            raise over_limit("cells", f"超过 {limits.cells:,} 个单元格", f"{limits.cells:,}")
        hidden_rows = {r for r, info in sheet.rowinfo_map.items() if info.hidden}
        hidden_cols = {c for c, info in sheet.colinfo_map.items() if info.hidden}
        flagged: set[str] = set()
        headers: dict[int, str] = {}

        def flag(key: str, where: str, message: str, fix: str, flagged: set[str] = flagged) -> None:
            if key not in flagged:
                flagged.add(key)
                out.findings.append(hidden(path, where, message, fix))

        for r in range(sheet.nrows):
            left = ""
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                value = cell.value
                if cell.ctype == xlrd.XL_CELL_TEXT and len(value) > limits.cell_chars:
                    raise over_limit(
                        "cell_chars",
                        f"有一个单元格 {len(value):,} 个字符",
                        f"{limits.cell_chars:,}",
                    )
                if value == "":
                    continue
                fmt = ""
                if cell.xf_index is not None and cell.xf_index < len(book.xf_list):
                    fmt_key = book.xf_list[cell.xf_index].format_key
                    fmt = getattr(book.format_map.get(fmt_key), "format_str", "") or ""
                text = _cell_text(value, fmt, headers.get(c, ""))
                where = f"{sheet.name}!{column_letter(c)}{r + 1}"
                headers.setdefault(c, text)
                out.segments.append(Segment(where, text, headers.get(c, "") + " " + left))
                left = text[:20]
                if sheet.visibility:
                    state = "深度隐藏（veryHidden）" if sheet.visibility == 2 else "隐藏"
                    flag(
                        "sheet",
                        where,
                        f"工作表“{sheet.name}”被{state}，但含有数据",
                        "删除隐藏工作表，或取消隐藏后经保密审查再上传",
                    )
                if r in hidden_rows:
                    flag(
                        f"r{r}",
                        where,
                        f"第 {r + 1} 行被隐藏，但含有数据",
                        "删除隐藏行，或取消隐藏后经保密审查再上传",
                    )
                if c in hidden_cols:
                    flag(
                        f"c{c}",
                        where,
                        f"第 {column_letter(c)} 列被隐藏，但含有数据",
                        "删除隐藏列，或取消隐藏后经保密审查再上传",
                    )
        for (r, c), note in getattr(sheet, "cell_note_map", {}).items():
            where = f"{sheet.name}!{column_letter(c)}{r + 1}"
            out.segments.append(Segment(where + "（批注）", note.text or ""))
            out.findings.append(
                hidden(path, where, "单元格带有批注（发布后仍可看到）", "删除批注后再上传")
            )
        book.unload_sheet(index)
    return out
