"""``govsite check --all``: every article and attachment of the site, with the current rules.

Unchanged files come from the scan cache (govsite/checks/scan_cache.py); the rest are
checked, in worker processes when there are many. Cross-file checks (duplicate
索引号, 解读 links, missing attachments) always run on the whole site. Used by the
command and by the nightly report (SEC-15).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from govsite.checks.base import Finding, dedupe
from govsite.checks.runner import Options, Runner, expand
from govsite.checks.scan_cache import ScanCache
from govsite.model.article import Article

# Below this many files to read again one process is quicker than starting workers.
PARALLEL_MIN = 200
# Attachments take far longer than articles (conversion, OCR): one counts as this many.
ATTACHMENT_WEIGHT = 50


@dataclass
class Scan:
    findings: list[Finding]
    files: int
    cached: int  # files whose findings came from the cache


Result = tuple[str, str, list[Finding], Article | None]


def _check_files(items: list[tuple[str, str, str]], options: Options) -> list[Result]:
    """(path, display, cache key) -> (display, key, findings, article) per file."""
    runner = Runner(options)
    out: list[Result] = []
    for raw, display, key in items:
        path = Path(raw)
        data = runner.read(path, display)
        if isinstance(data, list):  # refused: a link, a FIFO, over the size limit
            out.append((display, "", data, None))
            continue
        found = runner.check_file(path, display, data)
        out.append((display, key, found, runner.site_for(path).checked.get(display)))
    return out


def _weight(display: str) -> int:
    return 1 if display.endswith((".md", ".markdown")) else ATTACHMENT_WEIGHT


def _spread(items: list[tuple[str, str, str]], workers: int) -> list[list[tuple[str, str, str]]]:
    """Chunks of about equal work: heaviest first, each to the lightest chunk."""
    chunks: list[list[tuple[str, str, str]]] = [[] for _ in range(workers)]
    loads = [0] * workers
    for item in sorted(items, key=lambda i: -_weight(i[1])):
        i = loads.index(min(loads))
        chunks[i].append(item)
        loads[i] += _weight(item[1])
    return [c for c in chunks if c]


def check_all(root: Path, options: Options | None = None) -> Scan:
    """Findings of every file under ``root/content``, located as ``content/…``."""
    options = options or Options()
    root = Path(root).resolve()
    files = expand([str(root / "content")])
    cache = ScanCache(root, extra=f"inline={options.inline_allow}")
    runner = Runner(options)
    found: list[Finding] = []
    todo: list[tuple[str, str, str]] = []
    displays: dict[str, Path] = {}
    listings: dict[Path, bytes] = {}
    for path in files:
        display = path.relative_to(root).as_posix()
        displays[display] = path
        data = runner.read(path, display)
        if isinstance(data, list):
            found += data
            continue
        key = cache.key(display, data + _context(path, listings))
        hit = cache.lookup(key)
        if hit is None:
            todo.append((str(path), display, key))
        else:
            _record(runner, path, display, hit[1])
            found += hit[0]
    work = sum(_weight(d) for _, d, _ in todo)
    workers = min(os.cpu_count() or 1, 8)
    if work < PARALLEL_MIN or workers < 2:
        results = _check_files(todo, options)
    else:
        from concurrent.futures import ProcessPoolExecutor

        chunks = _spread(todo, workers)
        with ProcessPoolExecutor(len(chunks)) as pool:
            results = [
                r for part in pool.map(_check_files, chunks, [options] * len(chunks)) for r in part
            ]
    for display, key, chunk_found, article in results:
        if key:
            cache.store(key, chunk_found, article)
        _record(runner, displays[display], display, article)
        found += chunk_found
    found += runner.finish()
    cache.save()
    return Scan(dedupe(runner.allowlisted(found)), len(files), cache.hits)


def _context(path: Path, listings: dict[Path, bytes]) -> bytes:
    """What an article's findings depend on besides its bytes: the files beside it
    (missing attachments) and today (a 公开日期 in the future), so a cached article is
    checked again when an attachment comes or goes, and once a day."""
    if path.suffix.lower() not in (".md", ".markdown"):
        return b""
    folder = path.parent
    if folder not in listings:
        names = sorted(os.listdir(folder))
        listings[folder] = ("\0".join(names) + "\0" + date.today().isoformat()).encode()
    return b"\0govsite-context\0" + listings[folder]


def _record(runner: Runner, path: Path, display: str, article: Article | None) -> None:
    site = runner.site_for(path)
    if (rel := site.ctx.rel(path)) is not None:
        site.rels[display] = rel
    if article is not None:
        site.checked[display] = article
