"""``--staged``: what git has staged under content/ — the added lines of Markdown, whole
attachments.

The staged blob is read (``git show :path``), never the working tree, which
may differ from what is about to be committed.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

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
        raise ConfigError(Problem(f"git {args[0]} 失败：{message}",
                                  fix="在网站的 git 仓库中运行 govsite check --staged")) from None
    return done.stdout


def added_lines(diff: str) -> set[int]:
    lines: set[int] = set()
    for m in _HUNK.finditer(diff):
        start, count = int(m[1]), int(m[2]) if m[2] is not None else 1
        lines.update(range(start, start + count))
    return lines


def check_staged(cwd: Path, options: Options) -> list[Finding]:
    top = Path(_git(cwd, "rev-parse", "--show-toplevel").decode().strip())
    names = _git(top, "diff", "--cached", "--name-only", "--diff-filter=ACMR", "-z")
    blobs = []
    for name in filter(None, names.decode("utf-8").split("\0")):
        if not name.startswith(CONTENT):
            continue  # code, configuration and docs are not published content
        data = _git(top, "show", f":{name}")
        if Path(name).suffix.lower() in MARKDOWN:
            diff = _git(top, "diff", "--cached", "-U0", "--no-color", "--no-ext-diff", "--",
                        name).decode("utf-8", "replace")
            options.only_lines[name] = added_lines(diff)
        blobs.append((top / name, name, data))
    return check_blobs(blobs, options)
