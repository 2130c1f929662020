"""Open a zip (an archive, or the container of .docx/.xlsx/.pptx/.ofd) within the limits.

Sizes are checked from the central directory before anything is decompressed.
zipfile never returns more than a member's declared size (and fails the CRC when
the data is longer), so the declared sizes bound the work: a zip bomb is refused
by arithmetic, not by running out of memory.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator

from govsite.checks.attachments.core import (
    Budget,
    Unreadable,
    damaged,
    encrypted,
    mb,
    over_limit,
)


def open_zip(data: bytes, budget: Budget, *, members_limit: bool = True) -> zipfile.ZipFile:
    try:
        zf = zipfile.ZipFile(io.BytesIO(data))
        infos = zf.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, ValueError, EOFError) as exc:
        raise damaged(f"不是有效的 zip 容器：{exc}") from exc
    limits = budget.limits
    if members_limit and len(infos) > limits.archive_members:
        raise over_limit("archive_members", f"{len(infos):,} 个成员", f"{limits.archive_members:,}")
    if any(info.flag_bits & 0x1 for info in infos):
        raise encrypted("压缩包中的文件")
    for info in infos:
        if info.file_size > limits.file_bytes:
            raise over_limit(
                "file_bytes",
                f"{member_name(info)} 解压后 {mb(info.file_size)}",
                mb(limits.file_bytes),
            )
    budget.take_unpacked(sum(info.file_size for info in infos))
    return zf


def member_name(info: zipfile.ZipInfo) -> str:
    """The name as the sender saw it: zips made on Chinese Windows store GBK names
    without the UTF-8 flag, which zipfile decodes as CP437."""
    name = info.filename
    if not info.flag_bits & 0x800:
        try:
            name = name.encode("cp437").decode("gb18030")
        except (UnicodeEncodeError, UnicodeDecodeError):
            pass
    return name


def read_member(zf: zipfile.ZipFile, name: str) -> bytes:
    try:
        return zf.read(name)
    except KeyError as exc:
        raise damaged(f"缺少 {name}") from exc
    except RuntimeError as exc:  # zipfile: "File … is encrypted, password required"
        raise encrypted("压缩包中的文件") from exc
    except (zipfile.BadZipFile, OSError, EOFError, ValueError, NotImplementedError) as exc:
        raise damaged(f"{name}：{exc}") from exc


def members(zf: zipfile.ZipFile) -> Iterator[tuple[str, bytes]]:
    """Each file of the archive (folders skipped), read one at a time."""
    for info in zf.infolist():
        if info.is_dir():
            continue
        if info.compress_type not in (
            zipfile.ZIP_STORED,
            zipfile.ZIP_DEFLATED,
            zipfile.ZIP_BZIP2,
            zipfile.ZIP_LZMA,
        ):
            raise Unreadable(
                f"{member_name(info)} 使用了不支持的压缩方式（{info.compress_type}）",
                "用标准 zip 格式（deflate）重新压缩后再上传",
            )
        yield member_name(info), read_member(zf, info.filename)
