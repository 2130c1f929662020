"""Work limits for reading untrusted input (hostile files must not hang or exhaust the machine).

Defaults are declared once in ``FIELDS``; a site may tighten or loosen them in
``hooks/limits.yml`` (platform-owned). Every limit that is hit is an error that
names the limit's key, so the platform knows what to raise if a real file needs it.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from functools import cache
from pathlib import Path

from govsite.config.schema import Collector, load_yaml

FILE = "limits.yml"
MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    # key in hooks/limits.yml -> attribute; units are in the key's name.
    file_bytes: int = 200 * MB  # 单个文件大小上限MB
    unpacked_bytes: int = 500 * MB  # 解压后大小上限MB (all members of an archive/Office zip)
    archive_members: int = 2000  # 压缩包成员数上限
    archive_depth: int = 3  # 压缩包嵌套层数上限
    cells: int = 1_000_000  # 表格单元格数上限
    cell_chars: int = 100_000  # 单元格字符数上限
    line_chars: int = 1_000_000  # 单行字符数上限
    nesting: int = 100  # 嵌套层数上限 (Markdown lists/quotes, JSON, YAML)
    pages: int = 2000  # PDF页数上限
    ocr_pages: int = 200  # 图像识别页数上限
    image_pixels: int = 80_000_000  # 图片像素上限
    reviews_bytes: int = 20 * MB  # 审核数据大小上限MB (forge JSON)
    convert_seconds: int = 120  # 格式转换超时秒 (LibreOffice headless, one file)


# (key in limits.yml, attribute, scale): one table for reading, errors and docs.
FIELDS: tuple[tuple[str, str, int], ...] = (
    ("单个文件大小上限MB", "file_bytes", MB),
    ("解压后大小上限MB", "unpacked_bytes", MB),
    ("压缩包成员数上限", "archive_members", 1),
    ("压缩包嵌套层数上限", "archive_depth", 1),
    ("表格单元格数上限", "cells", 1),
    ("单元格字符数上限", "cell_chars", 1),
    ("单行字符数上限", "line_chars", 1),
    ("嵌套层数上限", "nesting", 1),
    ("PDF页数上限", "pages", 1),
    ("图像识别页数上限", "ocr_pages", 1),
    ("图片像素上限", "image_pixels", 1),
    ("审核数据大小上限MB", "reviews_bytes", MB),
    ("格式转换超时秒", "convert_seconds", 1),
)
assert {a for _, a, _ in FIELDS} == {f.name for f in fields(Limits)}

DEFAULT = Limits()


def key_of(attribute: str) -> str:
    """The limits.yml key for an attribute, for error messages ("已超过 hooks/limits.yml 的 …")."""
    return next(k for k, a, _ in FIELDS if a == attribute)


@cache
def load(hooks_dir: Path) -> Limits:
    """``hooks_dir/limits.yml`` over the defaults; a missing file means the defaults."""
    path = hooks_dir / FILE
    if not path.is_file():
        return DEFAULT
    display = f"hooks/{FILE}"
    data, lines = load_yaml(path, display)
    out = Collector(display, lines=lines)
    values: dict[str, int] = {}
    if data is None:
        data = {}
    if not isinstance(data, dict):
        out.add("", "应为“键: 数值”的列表", "参照 docs/保密审查与三校.md 中的“处理上限”一节")
        out.raise_if_any()
    out.unknown_keys(data, [k for k, _, _ in FIELDS], "")
    for key, attribute, scale in FIELDS:
        if key not in data:
            continue
        value = data[key]
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            out.add(key, f"“{key}”应为正整数，实际是“{value}”", "写一个大于 0 的整数")
            continue
        values[attribute] = value * scale
    out.raise_if_any()
    return Limits(**values)
