"""Only regular files of the repository are read or published (the one check, issue 9).

A symbolic link can point anywhere — ``/etc/passwd``, ``/proc/self/environ``,
``../../.git/config`` (which holds a CI checkout's token) or a whole outside
folder —, a FIFO blocks its reader forever and a device such as ``/dev/zero``
never ends. So nothing under the repository is followed through a link: a
path is checked with ``lstat`` component by component from the repository
root, folders are walked without following links, and a file is opened with
``O_NOFOLLOW | O_NONBLOCK`` and checked again on the open descriptor, so no
link or FIFO swapped in between the check and the read is ever read.

Used by the library (build), ``govsite check`` (paths and ``--staged``), the
static copy of attachments into output/ and the attachment readers.
"""

from __future__ import annotations

import fcntl
import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from govsite.errors import ConfigError, Problem

# A page's name is longer than its Markdown file's (.html for .md): a name with no room
# left would fail at build time with ENAMETOOLONG, so it is refused up front, with the
# margin of a hidden ".<stem>.html.tmp" sidecar kept (the limit documented as 248 bytes;
# govsite.atomic's own temporary names are short and fixed). 255 bytes is the name
# limit of ext4, xfs, btrfs and tmpfs.
NAME_MAX = 255
PAGE_NAME_EXTRA = len(".") + len(".html.tmp") - len(".md")

FIX_LINK = (
    "删除这个链接；确需发布的文件，把文件本身（不是链接）放进仓库后再提交"
    "（git rm --cached 路径 可从暂存区移除）"
)
FIX_SPECIAL = "删除它（rm 路径）：仓库中的内容只能是普通文件"


@dataclass(frozen=True)
class Refused:
    """A path that is not a regular file of the repository, and why (Chinese)."""

    path: str  # as given, or relative to the repository root
    reason: str
    fix: str

    def problem(self) -> Problem:
        return Problem(self.reason, path=self.path, fix=self.fix)


class NotRegular(Exception):
    """Raised by ``read_bytes`` for a path that must not be read."""

    def __init__(self, refused: Refused) -> None:
        super().__init__(refused.path, refused.reason)
        self.refused = refused


def _kind(mode: int) -> str | None:
    """Chinese name of a file type that is never read as content; None for files/folders."""
    if stat.S_ISLNK(mode):
        return "符号链接"
    if stat.S_ISFIFO(mode):
        return "命名管道（FIFO）"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "设备文件"
    if stat.S_ISSOCK(mode):
        return "套接字"
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    return "特殊文件"


def describe(path: str, mode: int, shown: str | None = None) -> Refused | None:
    """Why ``path`` (lstat mode ``mode``) is refused, or None for a file or folder."""
    kind = _kind(mode)
    if kind is None:
        return None
    shown = shown or path
    if kind == "符号链接":
        try:
            target = os.readlink(path)
        except OSError:
            target = "?"
        return Refused(
            shown, f"是符号链接（指向 {target}），govsite 不跟随链接读取或发布", FIX_LINK
        )
    return Refused(shown, f"是{kind}，不是普通文件，不能读取或发布", FIX_SPECIAL)


def refusal(
    path: str | Path,
    root: str | Path | None = None,
    shown: str | None = None,
    *,
    folder_ok: bool = False,
) -> Refused | None:
    """Why ``path`` is not a regular file of the repository ``root``, or None if it is.

    With ``root``, every folder between the root and the file is checked too: a
    file reached through a linked folder, or any path outside the root, is refused.
    """
    text = os.fspath(path)
    shown = shown or text
    components = [text]
    if root is not None:
        base = os.path.abspath(root)
        rel = os.path.relpath(os.path.abspath(text), base)
        if rel == ".." or rel.startswith(".." + os.sep) or os.path.isabs(rel):
            return Refused(
                shown,
                "在网站仓库之外，不能读取或发布",
                "只检查、发布仓库中的文件：把文件复制到仓库的 content/ 下",
            )
        parts = rel.split(os.sep)
        components = [os.path.join(base, *parts[: i + 1]) for i in range(len(parts))]
    for i, part in enumerate(components):
        try:
            mode = os.lstat(part).st_mode
        except FileNotFoundError:
            return Refused(shown, "文件不存在", "检查路径是否写错")
        except OSError as exc:
            return Refused(shown, f"无法读取（{exc.strerror}）", "检查文件权限")
        last = i == len(components) - 1
        if stat.S_ISLNK(mode) and not last:
            found = describe(part, mode, shown)
            assert found is not None
            return Refused(
                shown,
                f"所在目录{os.path.basename(part)}/ {found.reason.removeprefix('是')}",
                FIX_LINK,
            )
        if last:
            if stat.S_ISDIR(mode):
                return (
                    None
                    if folder_ok
                    else Refused(shown, "是目录，不是文件", "指定文件，或检查整个目录")
                )
            return describe(part, mode, shown)
    return None


_SYSTEM = ("/proc/", "/sys/", "/dev/")  # pseudo files that look regular but are not content


def repo_root(path: str | Path) -> str | None:
    """The repository a path belongs to, found lexically (links are not resolved): the
    nearest folder above it holding site.yml or .git; None for a loose file."""
    folder = os.path.dirname(os.path.abspath(path))
    while True:
        if any(os.path.lexists(os.path.join(folder, m)) for m in ("site.yml", ".git")):
            return folder
        parent = os.path.dirname(folder)
        if parent == folder:
            return None
        folder = parent


def read_bytes(path: str | Path, root: str | Path | None = None, shown: str | None = None) -> bytes:
    """The bytes of a regular file; raises NotRegular for anything else (never blocks)."""
    found = refusal(path, root, shown)
    if found is None and os.path.realpath(path).startswith(_SYSTEM):
        found = Refused(shown or os.fspath(path), "是系统伪文件，不能读取或发布", FIX_LINK)
    if found is not None:
        raise NotRegular(found)
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        if exc.errno in (getattr(os, "ELOOP", -1),):  # a link swapped in since the check
            raise NotRegular(
                Refused(
                    shown or os.fspath(path), "是符号链接，govsite 不跟随链接读取或发布", FIX_LINK
                )
            ) from None
        raise
    with os.fdopen(fd, "rb") as fh:
        mode = os.fstat(fh.fileno()).st_mode
        if not stat.S_ISREG(mode):
            raise NotRegular(
                describe(os.fspath(path), mode, shown)
                or Refused(shown or os.fspath(path), "不是普通文件", FIX_SPECIAL)
            )
        return fh.read()


def walk(top: str | Path, *, hidden: bool = True) -> tuple[list[str], list[Refused]]:
    """Regular files under ``top`` (sorted as Path sorts) and every entry refused.

    Links are listed as refused, never entered or read; ``hidden=False`` leaves out
    names starting with a dot (editor and git leftovers).
    """
    files: list[str] = []
    refused: list[Refused] = []
    stack = [os.fspath(top)]
    while stack:
        folder = stack.pop()
        try:
            entries = sorted(os.scandir(folder), key=lambda e: e.name)
        except OSError as exc:
            refused.append(Refused(folder, f"无法读取目录（{exc.strerror}）", "检查目录权限"))
            continue
        subfolders = []
        for entry in entries:
            if not hidden and entry.name.startswith("."):
                continue
            mode = entry.stat(follow_symlinks=False).st_mode
            if stat.S_ISDIR(mode):
                subfolders.append(entry.path)
            elif stat.S_ISREG(mode):
                files.append(entry.path)
            else:
                found = describe(entry.path, mode)
                if found is not None:
                    refused.append(found)
        stack.extend(reversed(subfolders))
    files.sort(key=lambda p: p.split(os.sep))
    return files, refused


def long_page_name(name: str) -> bool:
    """A Markdown file whose page name (with the build's temporary suffix) cannot exist."""
    return name.endswith(".md") and len(name.encode("utf-8")) + PAGE_NAME_EXTRA > NAME_MAX


def long_name(path: str, shown: str | None = None) -> Refused | None:
    """A Markdown file whose page name the build could not write, or None."""
    name = os.path.basename(path)
    if not long_page_name(name):
        return None
    return Refused(
        shown or path,
        f"文件名太长（{len(name.encode('utf-8'))} 字节），生成的网页文件名会超过"
        f"系统上限 {NAME_MAX} 字节",
        f"把文件名缩短到 {NAME_MAX - PAGE_NAME_EXTRA} 字节以内（约 80 个汉字或 240 个英文字母）",
    )


def content_problems(root: Path) -> tuple[set[str], list[Problem]]:
    """Every regular file under root/content (as absolute strings) and a problem for
    each entry that is not one (links, FIFOs, devices) or whose page name is too long."""
    content = os.path.join(os.path.abspath(root), "content")
    if not os.path.isdir(content) or os.path.islink(content):
        if os.path.islink(content):
            found = describe(content, os.lstat(content).st_mode, "content")
            return set(), [found.problem()] if found else []
        return set(), []
    files, refused = walk(content)
    base = os.path.abspath(root)
    problems = [
        Problem(r.reason, path=os.path.relpath(r.path, base).replace(os.sep, "/"), fix=r.fix)
        for r in refused
    ]
    ok: set[str] = set()
    for path in files:
        too_long = long_name(path, os.path.relpath(path, base).replace(os.sep, "/"))
        if too_long is not None:
            problems.append(too_long.problem())
        else:
            ok.add(path)
    return ok, problems


@contextmanager
def exclusive(lock: Path, busy: Problem, *, remove: bool = False) -> Iterator[None]:
    """Hold an flock on ``lock`` (non-blocking) for one build or publish at a time;
    ``busy`` is the error when another process holds it. ``remove``: delete the lock
    file afterwards (a build's lock beside output/; a release target keeps its own)."""
    with open(lock, "w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ConfigError(busy) from None
        try:
            yield
        finally:
            if remove:
                lock.unlink(missing_ok=True)
            fcntl.flock(fh, fcntl.LOCK_UN)
