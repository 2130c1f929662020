"""What an error of the operating system means for the person running govsite (Chinese).

"Pelican 生成失败（Errno 28）" says nothing a person can act on; "磁盘空间已满：
output/zfb/a.html" with what to do does. Pure: maps an OSError to a Problem.
"""

from __future__ import annotations

import errno
import os
from pathlib import Path

from govsite.errors import Problem

_REASONS: dict[int, tuple[str, str]] = {
    errno.ENOSPC: (
        "磁盘空间已满",
        "清理该目录所在的磁盘（df -h 查看剩余空间），或用 --output "
        "换到空间足够的磁盘后重新运行；原有的输出目录未被改动",
    ),
    errno.EDQUOT: ("超出磁盘配额", "请管理员调大配额或清理文件后重新运行；原有的输出目录未被改动"),
    errno.EACCES: (
        "没有权限",
        "确认运行 govsite 的用户对该文件和所在目录有读写权限（ls -ld 查看，必要时 chown/chmod）",
    ),
    errno.EPERM: (
        "操作不被允许",
        "确认运行 govsite 的用户对该文件和所在目录有读写权限，"
        "且文件没有被设为不可修改（lsattr 查看）",
    ),
    errno.ENAMETOOLONG: (
        "文件名或路径太长",
        "把文件名缩短到 248 字节以内（约 80 个汉字），或缩短所在目录的路径",
    ),
    errno.EROFS: ("所在的文件系统是只读的", "用 --output 换到可写的目录后重新运行"),
    errno.EMFILE: ("同时打开的文件太多", "用 ulimit -n 调大上限后重新运行"),
    errno.ENFILE: ("系统打开的文件太多", "稍后重新运行，或请管理员调大系统上限"),
    errno.ENOMEM: ("内存不足", "关闭其他程序或换到内存更大的机器后重新运行"),
    errno.EIO: ("磁盘读写出错", "检查磁盘是否损坏（dmesg 查看）后重新运行"),
    errno.EFBIG: ("文件超过系统允许的大小", "检查磁盘配额或 ulimit -f 的设置后重新运行"),
    errno.EXDEV: ("不能跨磁盘移动", "把输出目录放在与网站仓库同一磁盘上"),
    errno.ENOTDIR: ("路径中有一段不是目录", "检查路径，删除挡在路径上的同名文件"),
    errno.EISDIR: ("是目录，不能当作文件写入", "删除或改名挡在路径上的同名目录"),
    errno.EEXIST: ("文件已存在", "换一个文件名，或确认不再需要后删除已有的文件"),
}


def _shown(path: object, root: Path | None) -> str | None:
    if path is None:
        return None
    text = os.fsdecode(path) if isinstance(path, bytes | str | os.PathLike) else str(path)
    if root is not None:
        rel = os.path.relpath(os.path.abspath(text), root)
        if not rel.startswith(".."):
            return rel.replace(os.sep, "/")
    return text


def problem(
    exc: OSError, root: Path | None = None, *, doing: str = "", path: str | None = None
) -> Problem:
    """``exc`` as a Problem naming the file (``path`` if given, else the OS error's)."""
    reason, fix = _REASONS.get(
        exc.errno or 0,
        (
            f"系统错误（{exc.strerror or exc}，{errno.errorcode.get(exc.errno or 0, '?')}）",
            "按系统错误的说明排查后重新运行",
        ),
    )
    shown = path or _shown(exc.filename, root)
    if exc.filename2 is not None:
        reason += f"（另一路径：{_shown(exc.filename2, root)}）"
    return Problem(f"{doing}{'时' if doing else ''}{reason}", path=shown, fix=fix)
