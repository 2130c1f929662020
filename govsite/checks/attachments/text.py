"""Plain text attachments: .txt and .csv in UTF-8, UTF-16 (with or without BOM) or GB18030.

Lines are measured before the csv module sees them: a 10 MB one-line file is
refused by the line limit instead of being parsed as one huge field.
"""

from __future__ import annotations

import csv
import io

from govsite.checks.attachments.core import Budget, Unreadable, over_limit
from govsite.checks.base import Segment


def _utf16_without_bom(data: bytes) -> str | None:
    """Excel's "Unicode text" and some exports are UTF-16LE without a BOM: ASCII and
    CJK text then has NUL in most odd (LE) or even (BE) bytes."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    odd = sample[1::2].count(0) / (len(sample) // 2)
    even = sample[0::2].count(0) / (len(sample) // 2)
    for share, encoding in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if share > 0.3:
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                return None
    return None


def decode(data: bytes) -> str:
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            pass
    if b"\0" in data[:4096] and (text := _utf16_without_bom(data)) is not None:
        return text
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        if "\0" in text:
            break
        return text
    raise Unreadable(
        "不是 UTF-8、UTF-16 或 GB18030 编码的文本", "用记事本或 WPS 打开后另存为 UTF-8 编码，再上传"
    )


def check_lines(text: str, budget: Budget) -> None:
    limit = budget.limits.line_chars
    if len(text) <= limit:
        return
    start = 0
    while start < len(text):
        end = text.find("\n", start)
        end = len(text) if end == -1 else end
        if end - start > limit:
            raise over_limit("line_chars", f"有一行 {end - start:,} 个字符", f"{limit:,}")
        start = end + 1


def csv_cells(text: str, budget: Budget) -> list[Segment]:
    """One segment per cell (a comma is a separator here, not a thousands separator)."""
    limits = budget.limits
    csv.field_size_limit(limits.cell_chars)
    header: list[str] = []
    out = []
    cells = 0
    try:
        for r, row in enumerate(csv.reader(io.StringIO(text)), 1):
            if r == 1:
                header = row
            cells += len(row)
            if cells > limits.cells:
                raise over_limit("cells", f"超过 {limits.cells:,} 个单元格", f"{limits.cells:,}")
            for c, value in enumerate(row, 1):
                if value.strip():
                    ctx = header[c - 1] if c - 1 < len(header) else ""
                    out.append(Segment(f"第{r}行第{c}列", value, ctx))
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise over_limit(
                "cell_chars",
                f"有一个单元格超过 {limits.cell_chars:,} 个字符",
                f"{limits.cell_chars:,}",
            ) from exc
        raise Unreadable(f"CSV 格式错误（{exc}）", "用 Excel 或 WPS 打开后重新另存为 CSV") from exc
    return out
