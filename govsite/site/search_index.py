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
import sys
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
    result = Indexed({}, {}, 0, 0)
    todo: list[Shard] = []
    for shard in shards:
        result.keys[shard.folder] = shard.key
        reused = _reuse(out, shard, previous) if shard.pages else None
        if reused is not None:
            result.digests.update(reused)
            result.reused += 1
        elif shard.pages:
            todo.append(shard)
    staging = Path(tempfile.mkdtemp(prefix=".search-", dir=out.parent))
    try:
        _index(out, staging, todo, jobs or os.cpu_count() or 1)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    result.built = len(todo)
    return result


def _reuse(out: Path, shard: Shard, previous: PreviousBuild | None) -> dict[str, str] | None:
    if previous is None or previous.search.get(shard.folder) != shard.key:
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


def _index(out: Path, staging: Path, todo: list[Shard], jobs: int) -> None:
    """Run Pagefind on each shard's pages (linked into a staging tree), ``jobs`` at a time."""
    running: list[tuple[Shard, subprocess.Popen[bytes], Path]] = []
    failures: list[str] = []

    def reap(entry: tuple[Shard, subprocess.Popen[bytes], Path]) -> None:
        _shard, proc, log = entry
        if proc.wait() != 0:
            failures.append(log.read_text(encoding="utf-8", errors="replace").strip()[-800:])

    for shard in todo:
        site = staging / shard.folder.replace("/", "-")
        for rel in shard.pages:
            link(os.path.join(out, rel), os.path.join(site, rel))
        log = staging / f"{site.name}.log"
        with open(log, "wb") as fh:
            proc = subprocess.Popen(
                [sys.executable, "-m", "pagefind", "--site", str(site), "--output-path",
                 str(out / shard.folder), "--quiet"], stdout=fh, stderr=subprocess.STDOUT)
        running.append((shard, proc, log))
        if len(running) >= jobs:
            reap(running.pop(0))
    for entry in running:
        reap(entry)
    if failures:
        raise ContentError(*(Problem(f"Pagefind 建立搜索索引失败：{text}",
                                     fix="确认已安装 pagefind[extended]"
                                     "（pip install 'pagefind[extended]'）")
                             for text in failures))
