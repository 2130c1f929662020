"""``--staged``: what git has staged under content/ — the added lines of Markdown, whole
attachments.

The staged blob is read (``git show :path``), never the working tree, which
may differ from what is about to be committed.
"""

from __future__ import annotations

import os
import re
import subprocess
from pathlib import Path

from govsite import files
from govsite.checks.base import Finding
from govsite.checks.runner import MARKDOWN, Options, check_blobs
from govsite.errors import ConfigError, Problem

CONTENT = "content/"
_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@", re.M)


def _git(cwd: Path, *args: str) -> bytes:
    try:
        done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=True)
    except FileNotFoundError:
        raise ConfigError(Problem("找不到 git 命令", fix="安装 git 后再使用 --staged")) from None
    except subprocess.CalledProcessError as exc:
        message = exc.stderr.decode("utf-8", "replace").strip()
        raise ConfigError(
            Problem(
                f"git {args[0]} 失败：{message}",
                fix="在网站的 git 仓库中运行 govsite check --staged",
            )
        ) from None
    return done.stdout


def added_lines(diff: str) -> set[int]:
    lines: set[int] = set()
    for m in _HUNK.finditer(diff):
        start, count = int(m[1]), int(m[2]) if m[2] is not None else 1
        lines.update(range(start, start + count))
    return lines


LINK, SUBMODULE = "120000", "160000"


def staged_entries(top: Path) -> list[tuple[str, str]]:
    """(mode, path) of every added, copied, modified, renamed or retyped file staged."""
    raw = _git(top, "diff", "--cached", "--raw", "-z", "--no-renames", "--diff-filter=ACMRT")
    fields = raw.decode("utf-8").split("\0")
    out = []
    for meta, name in zip(fields[0::2], fields[1::2], strict=False):
        if meta.startswith(":") and name:
            out.append((meta[1:].split(" ")[1], name))
    return out


def _link_findings(top: Path, name: str, target: str) -> tuple[list[Finding], bytes | None]:
    """A staged symlink is itself an error; what it points to is checked as what it
    would publish, when that is a regular file of the repository."""
    where = os.path.normpath(os.path.join(os.path.dirname(name), target))
    inside = not os.path.isabs(target) and not where.startswith("..")
    message = f"暂存的是符号链接（指向 {target}），govsite 不发布链接" + (
        "" if inside else "；它指向仓库之外，链接的文件不会被读取"
    )
    found = [Finding("format.file-type", name, 1, 1, message, files.FIX_LINK)]
    if not inside:
        return found, None
    real = os.path.realpath(top / name)
    try:
        data = files.read_bytes(real, os.path.realpath(top))
    except (files.NotRegular, OSError):
        return found, None
    return found, data


def check_staged(cwd: Path, options: Options) -> list[Finding]:
    top = Path(_git(cwd, "rev-parse", "--show-toplevel").decode().strip())
    blobs = []
    found: list[Finding] = []
    for mode, name in staged_entries(top):
        if not name.startswith(CONTENT):
            continue  # code, configuration and docs are not published content
        data = _git(top, "show", f":{name}")
        if mode == SUBMODULE:
            found.append(
                Finding(
                    "format.file-type",
                    name,
                    1,
                    1,
                    "暂存的是子模块（gitlink），content/ 中只能有普通文件",
                    "git rm --cached 该路径，把文件本身放进仓库",
                )
            )
            continue
        if mode == LINK:
            linked, target = _link_findings(top, name, data.decode("utf-8", "replace"))
            found += linked
            if target is None:
                continue
            data = target
        if Path(name).suffix.lower() in MARKDOWN:
            diff = _git(
                top, "diff", "--cached", "-U0", "--no-color", "--no-ext-diff", "--", name
            ).decode("utf-8", "replace")
            # A link's lines are those of the file it points to: all of them count.
            options.only_lines[name] = (
                set(range(1, data.count(b"\n") + 2)) if mode == LINK else added_lines(diff)
            )
        blobs.append((top / name, name, data))
    return found + check_blobs(blobs, options)
