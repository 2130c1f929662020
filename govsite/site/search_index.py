"""The Pagefind search index, in shards so that one edit re-indexes ~1,000 pages, not all.

Pagefind has no incremental mode: an index is always written whole, and at
10,000 articles that takes ~14 s and ~1.5 GB. So the articles are spread over
``ceil(n / SHARD_SIZE)`` indexes by a stable hash of their path
(``pagefind/0/``, ``pagefind/1/``…), which the search page merges in the
browser (Pagefind's ``mergeIndex``). A shard whose pages are byte for byte
those of the build online is linked from it; only changed shards are indexed
again, several at a time. Only article pages are indexed (they carry
``data-pagefind-body``): readers search articles, not listings.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from govsite.errors import ContentError, Problem
from govsite.site.fingerprint import digest
from govsite.site.reuse import PreviousBuild, link

FOLDER = "pagefind"
SHARD_SIZE = 1000


def shard_count(articles: int) -> int:
    return -(-articles // SHARD_SIZE)


def folder(number: int) -> str:
    return f"{FOLDER}/{number}"


def bundles(count: int) -> list[str]:
    """URL paths of the shards, for the search page (the first one hosts the UI)."""
    return [f"/{folder(i)}/" for i in range(count)]


def shard_of(path: str, count: int) -> int:
    return int.from_bytes(hashlib.blake2b(path.encode("utf-8"), digest_size=8).digest(),
                          "big") % count


@dataclass(frozen=True)
class Shard:
    folder: str
    key: str
    pages: tuple[str, ...]


def plan(pages: Mapping[str, str], count: int) -> list[Shard]:
    """Shards of the article ``pages`` (path -> sha256 of the page), each with its key."""
    members: list[list[str]] = [[] for _ in range(count)]
    for path in sorted(pages):
        members[shard_of(path, count)].append(path)
    version = metadata.version("pagefind")
    return [Shard(folder(i), digest("pagefind", version, str(count),
                                    *(f"{p}\t{pages[p]}" for p in paths)), tuple(paths))
            for i, paths in enumerate(members)]


@dataclass
class Indexed:
    keys: dict[str, str]  # shard folder -> key, for the next build
    digests: dict[str, str]  # sha256 of the files of reused shards
    built: int
    reused: int


def build(out: Path, shards: list[Shard], previous: PreviousBuild | None,
          jobs: int | None = None) -> Indexed:
    """Write every shard under ``out``; reuse unchanged ones, index the rest in parallel."""
    result = Indexed({shard.folder: shard.key for shard in shards}, {}, 0, 0)
    fresh = [s for s in shards if s.pages and not _reusable(s, previous)]
    staging = Path(tempfile.mkdtemp(prefix=".search-", dir=out.parent))
    runner = _Runner(out, staging, jobs or os.cpu_count() or 1)
    try:
        # Pagefind first: linking the unchanged shards is done while it runs.
        for shard in fresh:
            runner.add(shard)
        for shard in shards:
            if shard.pages and shard not in fresh:
                reused = _reuse(out, shard, previous)
                if reused is None:  # vanished since _reusable looked: index it after all
                    runner.add(shard)
                    continue
                result.digests.update(reused)
                result.reused += 1
        runner.finish()
        result.built = runner.started
    finally:
        runner.stop()  # no Pagefind left writing into a tree that is about to go
        shutil.rmtree(staging, ignore_errors=True)
    return result


def _reusable(shard: Shard, previous: PreviousBuild | None) -> bool:
    return previous is not None and previous.search.get(shard.folder) == shard.key


def _reuse(out: Path, shard: Shard, previous: PreviousBuild | None) -> dict[str, str] | None:
    if previous is None or not _reusable(shard, previous):
        return None
    rels = []
    for dirpath, _dirs, names in os.walk(os.path.join(previous.output, shard.folder)):
        folder = os.path.relpath(dirpath, previous.output).replace(os.sep, "/")
        rels += [f"{folder}/{name}" for name in names]
    if not rels or any(rel not in previous.digests for rel in rels):
        return None
    for rel in rels:
        link(os.path.join(previous.output, rel), os.path.join(out, rel))
    return {rel: previous.digests[rel] for rel in rels}


def executable() -> str:
    """The Pagefind binary with Chinese word segmentation (pagefind[extended]).

    Called directly rather than through ``python -m pagefind``, which only looks it
    up and execs it: a Python start-up (~0.15 s) less for every shard."""
    try:
        from pagefind_bin_extended import get_executable
    except ImportError as exc:
        raise ContentError(Problem(
            "没有安装带中文分词的 Pagefind，无法建立搜索索引",
            fix="运行 pip install 'pagefind[extended]'（make site 会自动安装）")) from exc
    return str(get_executable())


class _Runner:
    """Pagefind on each shard's pages (linked into a staging tree), ``jobs`` at a time."""

    def __init__(self, out: Path, staging: Path, jobs: int) -> None:
        self.out, self.staging, self.jobs = out, staging, jobs
        self.waiting: list[Shard] = []
        self.running: list[tuple[subprocess.Popen[bytes], Path]] = []
        self.failures: list[str] = []
        self.started = 0

    def add(self, shard: Shard) -> None:
        self.waiting.append(shard)
        self._fill()

    def _fill(self) -> None:
        while self.waiting and len(self.running) < self.jobs:
            self._start(self.waiting.pop(0))

    def _start(self, shard: Shard) -> None:
        site = self.staging / shard.folder.replace("/", "-")
        for rel in shard.pages:
            link(os.path.join(self.out, rel), os.path.join(site, rel))
        log = self.staging / f"{site.name}.log"
        with open(log, "wb") as fh:
            proc = subprocess.Popen(
                [executable(), "--site", str(site), "--output-path",
                 str(self.out / shard.folder), "--quiet"], stdout=fh, stderr=subprocess.STDOUT)
        self.running.append((proc, log))
        self.started += 1

    def stop(self) -> None:
        self.waiting.clear()
        for proc, _log in self.running:
            proc.kill()
            proc.wait()
        self.running.clear()

    def finish(self) -> None:
        while self.running:
            proc, log = self.running.pop(0)
            if proc.wait() != 0:
                self.failures.append(
                    log.read_text(encoding="utf-8", errors="replace").strip()[-800:])
            self._fill()
        if self.failures:
            raise ContentError(*(Problem(f"Pagefind 建立搜索索引失败：{text}",
                                         fix="确认已安装 pagefind[extended]"
                                         "（pip install 'pagefind[extended]'）")
                                 for text in self.failures))
