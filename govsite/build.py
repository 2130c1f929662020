"""Build the site: validate, run Pelican, index with Pagefind, swap output/ atomically.

Everything is written into a temporary directory beside ``output/`` and only
a complete, error-free build replaces it (two renames, the old tree removed
afterwards), so a failed build never leaves a half site and the previous
output stays online.
"""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from govsite.errors import ContentError, GovsiteError, Problem
from govsite.gitlog import file_dates
from govsite.health import manifest
from govsite.library import load_library
from govsite.site import state
from govsite.site.settings import pelican_settings

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True)
class BuildResult:
    output: Path
    articles: int
    pages: int
    files: int
    seconds: float
    indexed: bool


class _ErrorCollector(logging.Handler):
    """Any ERROR logged by Pelican or by us fails the build (nothing is half right)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(root: Path, output: Path | None = None, *, publish: bool = False,
               search: bool = True, progress: Progress | None = None) -> BuildResult:
    """Build ``root``'s site into ``output`` (default root/output). Raises GovsiteError."""
    started = time.monotonic()
    root = Path(root).resolve()
    output = Path(output).resolve() if output else root / "output"
    report = progress or (lambda stage, done, total: None)

    report("校验内容", 0, 1)
    library = load_library(root)  # ConfigError (exit 2) for site.yml / reviewers.yml
    library.raise_if_problems()  # ContentError (exit 1): every problem, file:line, key, fix
    report("校验内容", 1, 1)

    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".output-", dir=output.parent))
    try:
        state.prime(library, file_dates(root))
        files = _run_pelican(root, tmp, publish=publish, report=report,
                             expected=len(library.articles) + len(library.pages))
        if search:
            report("建立搜索索引", 0, 1)
            _run_pagefind(tmp)
            report("建立搜索索引", 1, 1)
        manifest.write(tmp)  # OPS-02: SHA-256 of every file, verified nightly (govsite verify)
        _swap(tmp, output)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    finally:
        state.forget(root)
    return BuildResult(output=output, articles=len(library.articles), pages=len(library.pages),
                       files=files, seconds=time.monotonic() - started, indexed=search)


def _run_pelican(root: Path, out: Path, *, publish: bool, report: Progress,
                 expected: int) -> int:
    from pelican import Pelican, signals
    from pelican.log import console
    from pelican.settings import read_settings

    overrides = pelican_settings(root, publish=publish)
    overrides["OUTPUT_PATH"] = str(out)
    settings = read_settings(None, override=overrides)
    written = [0]

    def on_written(path: str, context: object = None) -> None:
        written[0] += 1
        report("生成页面", written[0], max(expected, written[0]))

    collector = _ErrorCollector()
    loggers = [logging.getLogger("pelican"), logging.getLogger("govsite")]
    for lg in loggers:
        lg.addHandler(collector)
    signals.content_written.connect(on_written)  # strong ref held by this frame
    quiet, console.quiet = console.quiet, True  # we print our own summary in Chinese
    try:
        Pelican(settings).run()
    except GovsiteError:
        raise
    except Exception as exc:
        raise ContentError(Problem(f"Pelican 生成失败（{exc}）",
                                   fix="按上面的信息修改内容或模板后重新构建")) from exc
    finally:
        console.quiet = quiet
        signals.content_written.disconnect(on_written)
        for lg in loggers:
            lg.removeHandler(collector)
    if collector.messages:
        raise ContentError(*(Problem(f"构建出错：{m}", fix="按信息修改后重新构建；"
                                     "原有的 output/ 未被改动") for m in collector.messages))
    return written[0]


def _run_pagefind(site_dir: Path) -> None:
    """Index the article pages (those marked data-pagefind-body); Chinese needs `extended`."""
    proc = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site_dir), "--quiet"],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise ContentError(Problem(
            f"Pagefind 建立搜索索引失败：{(proc.stderr or proc.stdout).strip()[-800:]}",
            fix="确认已安装 pagefind[extended]（pip install 'pagefind[extended]'）"))


def _swap(new: Path, output: Path) -> None:
    """Replace ``output`` by ``new`` with renames; the old tree is deleted afterwards."""
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=".output-old-", dir=output.parent))
        os.rmdir(old)
        os.replace(output, old)
    os.replace(new, output)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
