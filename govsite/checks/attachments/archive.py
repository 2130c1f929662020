"""Archives: .zip (zipfile) and .7z (py7zr), each member yielded for checking as its own
type; .rar is refused (no kept PyPI library decompresses it without a non-free tool).

Member counts and declared sizes are checked before any member is decompressed;
members are read one at a time, so at most one member is in memory.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from govsite.checks.attachments.core import (
    Budget,
    Unreadable,
    damaged,
    encrypted,
    mb,
    over_limit,
)
from govsite.checks.attachments.safezip import members, open_zip

ARCHIVES = (".zip", ".7z", ".rar")


def zip_members(data: bytes, budget: Budget) -> Iterator[tuple[str, bytes]]:
    yield from members(open_zip(data, budget))


def sevenzip_members(data: bytes, budget: Budget) -> Iterator[tuple[str, bytes]]:
    try:
        import py7zr
    except Exception as exc:
        raise Unreadable(
            f"读取 .7z 需要 py7zr，本机没有安装（{exc}）",
            "改用 .zip 格式压缩后再上传",
            rule="attach.unread",
        ) from exc
    limits = budget.limits
    try:
        archive = py7zr.SevenZipFile(io.BytesIO(data))
        if archive.needs_password():
            raise encrypted("压缩包")
        infos = [i for i in archive.list() if not i.is_directory]
    except Unreadable:
        raise
    except py7zr.exceptions.PasswordRequired as exc:
        raise encrypted("压缩包") from exc
    except Exception as exc:  # py7zr: Bad7zFile, unsupported methods, truncated data
        raise damaged(f"不是有效的 7z 压缩包：{exc}") from exc
    if len(infos) > limits.archive_members:
        raise over_limit("archive_members", f"{len(infos):,} 个成员", f"{limits.archive_members:,}")
    for info in infos:
        size = info.uncompressed or 0
        if size > limits.file_bytes:
            raise over_limit(
                "file_bytes", f"{info.filename} 解压后 {mb(size)}", mb(limits.file_bytes)
            )
    budget.take_unpacked(sum(i.uncompressed or 0 for i in infos))
    try:
        for info in infos:
            archive.reset()
            # py7zr ≥ 1.0 extracts through a factory; read() was removed.
            factory = py7zr.io.BytesIOFactory(limit=limits.file_bytes + 1)
            archive.extract(targets=[info.filename], factory=factory)
            body = factory.get(info.filename)
            yield info.filename, body.read() if hasattr(body, "read") else bytes(body)
    except Unreadable:
        raise
    except Exception as exc:
        raise damaged(f"解压 7z 失败：{exc}") from exc


def rar_refused() -> Unreadable:
    return Unreadable(
        "不能读取 RAR 压缩包（没有可用的开源解压库）",
        "解压后改用 .zip 格式重新压缩，再上传",
        rule="attach.unread",
    )
