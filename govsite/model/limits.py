"""Work limits for reading untrusted input: the values and their hooks/limits.yml keys.

The model checks files against these (a line, the nesting, a file's size); the file
itself is read by ``govsite.config.limits``.
"""

from __future__ import annotations

from dataclasses import dataclass, fields

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
