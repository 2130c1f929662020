"""The Pagefind search index, in shards so that one edit re-indexes ~1,000 pages, not all.

Pagefind has no incremental mode: an index is always written whole, and at
10,000 articles that takes ~14 s and ~1.5 GB. So the articles are spread over
``ceil(n / SHARD_SIZE)`` indexes by a stable hash of their path
(``pagefind/0/``, ``pagefind/1/``…), which the search page merges in the
browser (Pagefind's ``mergeIndex``). A shard whose pages are byte for byte
those of the build online is linked from it; a changed one is indexed as soon
as its pages are written, in Pagefind's own process, while the rest of the
site is still being rendered. Only article pages are indexed (they carry
``data-pagefind-body``): readers search articles, not listings.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Mapping
from concurrent.futures import Future, ThreadPoolExecutor
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
    return (
        int.from_bytes(hashlib.blake2b(path.encode("utf-8"), digest_size=8).digest(), "big") % count
    )


@dataclass(frozen=True)
class Shard:
    folder: str
    key: str
    pages: tuple[str, ...]


def shard_key(count: int, paths: list[str], digests: Mapping[str, str]) -> str:
    """What a shard's index is made from: its pages, byte for byte, and Pagefind's version."""
    return digest(
        "pagefind", metadata.version("pagefind"), str(count), *(f"{p}\t{digests[p]}" for p in paths)
    )


@dataclass
class Indexed:
    keys: dict[str, str]  # shard folder -> key, for the next build
    digests: dict[str, str]  # sha256 of the files of reused shards
    built: int
    reused: int


class SearchIndex:
    """Indexes each shard as soon as all its article pages are written.

    The generator renders the articles shard by shard (``order``) and reports the
    pages it has written (``written``); a complete shard is linked from the build
    online if its key is unchanged, or handed to Pagefind, which then runs in its
    own process beside the page rendering. ``finish`` waits for the last ones.
    """

    def __init__(
        self,
        out: Path,
        pages: list[str],
        digests: Mapping[str, str],
        previous: PreviousBuild | None,
        jobs: int | None = None,
        staging: Path | None = None,
    ) -> None:
        self.out, self.digests, self.previous = out, digests, previous
        self.count = shard_count(len(pages))
        self.members: list[list[str]] = [[] for _ in range(self.count)]
        self.shard: dict[str, int] = {}
        for path in sorted(pages):
            number = self.shard[path] = shard_of(path, self.count)
            self.members[number].append(path)
        self.remaining = [len(m) for m in self.members]
        self.result = Indexed({}, {}, 0, 0)
        # Beside the tree being built, never in it (it would be published); govsite.release.build
        # names it after the output, so that the next build removes it if this one is killed.
        self.staging = staging or Path(tempfile.mkdtemp(prefix=".search-", dir=out.parent))
        self.runner = _Runner(out, self.staging, jobs or os.cpu_count() or 1)
        # Linking an unchanged shard is ~1,000 link() calls, which release the GIL: a
        # thread does it while the main thread goes on keying and rendering pages.
        self.linker = ThreadPoolExecutor(max_workers=1)
        self.linking: list[tuple[Shard, Future[dict[str, str] | None]]] = []

    def order(self, path: str) -> int:
        return self.shard.get(path, 0)

    def written(self, paths: list[str]) -> None:
        for path in paths:
            number = self.shard.get(path)
            if number is not None:
                self.remaining[number] -= 1
                if self.remaining[number] == 0:
                    self._ready(number)
        self.runner.poll()

    def _ready(self, number: int) -> None:
        paths = self.members[number]
        shard = Shard(folder(number), shard_key(self.count, paths, self.digests), tuple(paths))
        self.result.keys[shard.folder] = shard.key
        if _reusable(shard, self.previous):
            self.linking.append((shard, self.linker.submit(_reuse, self.out, shard, self.previous)))
        else:
            self.runner.add(shard)

    def pause(self) -> None:
        """Wait for the links under way and end the linker thread, so that the generator
        can fork its render workers with no other thread running; a later link starts
        a new thread."""
        self.linker.shutdown(wait=True)
        self.linker = ThreadPoolExecutor(max_workers=1)

    def finish(self) -> Indexed:
        missing = [i for i, left in enumerate(self.remaining) if left]
        if missing:  # a page the generator never reported: a bug, never a half index
            raise RuntimeError(f"search shards {missing} are missing article pages")
        for shard, linked in self.linking:
            reused = linked.result()
            if reused is None:  # vanished from the build online meanwhile: index it
                self.runner.add(shard)
            else:
                self.result.digests.update(reused)
                self.result.reused += 1
        self.runner.finish()
        self.result.built = self.runner.started
        return self.result

    def close(self) -> None:
        self.linker.shutdown(wait=True)
        self.runner.stop()  # no Pagefind left writing into a tree that is about to go
        shutil.rmtree(self.staging, ignore_errors=True)


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
        raise ContentError(
            Problem(
                "没有安装带中文分词的 Pagefind，无法建立搜索索引",
                fix="运行 pip install 'pagefind[extended]'（make site 会自动安装）",
            )
        ) from exc
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
                [
                    executable(),
                    "--site",
                    str(site),
                    "--output-path",
                    str(self.out / shard.folder),
                    "--quiet",
                ],
                stdout=fh,
                stderr=subprocess.STDOUT,
            )
        self.running.append((proc, log))
        self.started += 1

    def stop(self) -> None:
        self.waiting.clear()
        for proc, _log in self.running:
            proc.kill()
            proc.wait()
        self.running.clear()

    def poll(self) -> None:
        """Reap finished runs and start waiting shards, without blocking."""
        for entry in [e for e in self.running if e[0].poll() is not None]:
            self.running.remove(entry)
            self._reap(*entry)
        self._fill()

    def _reap(self, proc: subprocess.Popen[bytes], log: Path) -> None:
        if proc.wait() != 0:
            self.failures.append(log.read_text(encoding="utf-8", errors="replace").strip()[-800:])

    def finish(self) -> None:
        while self.running:
            self._reap(*self.running.pop(0))
            self._fill()
        if self.failures:
            raise ContentError(
                *(
                    Problem(
                        f"Pagefind 建立搜索索引失败：{text}",
                        fix="确认已安装 pagefind[extended]（pip install 'pagefind[extended]'）",
                    )
                    for text in self.failures
                )
            )
