"""Build the site: validate, run Pelican, index with Pagefind, swap output/ atomically.

Everything is written into a temporary directory beside ``output/`` and only
a complete, error-free build replaces it (two renames, the old tree removed
afterwards), so a failed build never leaves a half site and the previous
output stays online. Pages and search shards whose inputs did not change are
hard-linked from the build online instead of made again (govsite.site.reuse),
so a rebuild costs what the edit touches.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from govsite.errors import ContentError, GovsiteError, Problem
from govsite.gitlog import file_dates
from govsite.health import manifest
from govsite.library import load_library
from govsite.site import reuse, search_index, state, urls
from govsite.site.reuse import PageStore
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
    reused: int = 0  # pages linked unchanged from the previous build


class _ErrorCollector(logging.Handler):
    """Any ERROR logged by Pelican or by us fails the build (nothing is half right)."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def build_site(root: Path, output: Path | None = None, *, publish: bool = False,
               search: bool = True, progress: Progress | None = None,
               reuse_previous: bool = True, reuse_from: Path | None = None) -> BuildResult:
    """Build ``root``'s site into ``output`` (default root/output). Raises GovsiteError.

    Unchanged pages are taken from the build in ``reuse_from`` (default: ``output``
    itself; publishing passes the release online). ``reuse_previous=False`` renders
    every page and re-indexes every search shard.
    """
    started = time.monotonic()
    root = Path(root).resolve()
    output = Path(output).resolve() if output else root / "output"
    report = progress or (lambda stage, done, total: None)

    report("校验内容", 0, 1)
    # ConfigError (exit 2) for site.yml / reviewers.yml
    library = load_library(root, cache=reuse_previous)
    library.raise_if_problems()  # ContentError (exit 1): every problem, file:line, key, fix
    report("校验内容", 1, 1)

    output.parent.mkdir(parents=True, exist_ok=True)
    previous = reuse.load_previous(root, reuse_from or output) if reuse_previous else None
    tmp = Path(tempfile.mkdtemp(prefix=".output-", dir=output.parent))
    store = PageStore(tmp, previous)
    index = search_index.SearchIndex(tmp, [urls.article_path(a) for a in library.articles],
                                     store.digests, previous) if search else None
    built = False
    try:
        state.prime(library, file_dates(root), store=store, progress=report, search=index)
        _run_pelican(root, tmp, publish=publish)
        known = dict(store.digests)
        search_keys: dict[str, str] = {}
        if index is not None:
            report("建立搜索索引", 0, index.count)
            indexed = index.finish()
            report("建立搜索索引", index.count, index.count)
            known.update(indexed.digests)
            search_keys = indexed.keys
        manifest.write(tmp, known)  # OPS-02: SHA-256 of every file, verified nightly
        _swap(tmp, output)
        built = True
        reuse.save(root, output, store.entries, search_keys)
    finally:
        if index is not None:
            index.close()  # Pagefind must be done writing into tmp before it goes
        if not built:
            shutil.rmtree(tmp, ignore_errors=True)
        state.forget(root)
    return BuildResult(output=output, articles=len(library.articles), pages=len(library.pages),
                       files=store.reused + store.rendered + len(library.pages),
                       seconds=time.monotonic() - started, indexed=search, reused=store.reused)


def _run_pelican(root: Path, out: Path, *, publish: bool) -> None:
    from pelican import Pelican
    from pelican.log import console
    from pelican.settings import read_settings

    overrides = pelican_settings(root, publish=publish)
    overrides["OUTPUT_PATH"] = str(out)
    settings = read_settings(None, override=overrides)
    collector = _ErrorCollector()
    loggers = [logging.getLogger("pelican"), logging.getLogger("govsite")]
    for lg in loggers:
        lg.addHandler(collector)
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
        for lg in loggers:
            lg.removeHandler(collector)
    if collector.messages:
        raise ContentError(*(Problem(f"构建出错：{m}", fix="按信息修改后重新构建；"
                                     "原有的 output/ 未被改动") for m in collector.messages))


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
