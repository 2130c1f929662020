"""The record of the build online: its page keys, tied to that build's manifest.json.

The keys of the build online are kept in .govsite-cache/builds/, tied to that
build's manifest.json: if output/ was rebuilt by other means or a file in it was
touched since (size or mtime differ), nothing of it is reused and the page is
rendered again (govsite.site.reuse links what is reused).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from govsite import atomic
from govsite.release import manifest
from govsite.site.reuse import Entry, PreviousBuild

BUILDS = Path(".govsite-cache") / "builds"
RECORD_VERSION = 1
KEEP_RECORDS = 10  # publish keeps 5 releases; older records are never used again


def record_path(root: Path, output: Path) -> Path:
    name = hashlib.sha256(str(Path(output).resolve()).encode("utf-8")).hexdigest()[:16]
    return Path(root) / BUILDS / f"{name}.json"


def _manifest_digest(output: Path) -> str | None:
    try:
        return hashlib.sha256((output / manifest.MANIFEST).read_bytes()).hexdigest()
    except OSError:
        return None


def load_previous(root: Path, output: Path) -> PreviousBuild | None:
    """The build now in ``output`` with its page keys, or None when it cannot be trusted."""
    output = Path(output).resolve()
    try:
        data = json.loads(record_path(root, output).read_text(encoding="utf-8"))
        if data.get("version") != RECORD_VERSION:
            return None
        online = _manifest_digest(output)
        if online is None or data.get("manifest") != online:
            return None
        pages = {p: Entry(*e) for p, e in data["pages"].items()}
        digests = manifest.load(output / manifest.MANIFEST)
        return PreviousBuild(output, pages, dict(data.get("search", {})), digests)
    except Exception:  # a damaged record is a cache miss, never a failed build
        return None


def save(root: Path, output: Path, pages: dict[str, Entry], search: dict[str, str]) -> None:
    """Record the keys of the build just swapped into ``output`` (atomically)."""
    output = Path(output).resolve()
    target = record_path(root, output)
    target.parent.mkdir(parents=True, exist_ok=True)
    data = {
        "version": RECORD_VERSION,
        "output": str(output),
        "manifest": _manifest_digest(output),
        "search": search,
        "pages": {p: [e.key, e.size, e.mtime_ns] for p, e in sorted(pages.items())},
    }
    atomic.write_text(target, json.dumps(data, ensure_ascii=False), durable=False)
    records = sorted(target.parent.glob("*.json"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in records[KEEP_RECORDS:]:
        old.unlink(missing_ok=True)


def adopt(root: Path, output: Path, source: Path | None = None) -> None:
    """Accept ``output``'s manifest as its build's own after govsite edited built files
    itself (撤稿, govsite.release.withdrawal). ``source``: the build ``output`` was copied
    from (``publish --withdraw``), whose keys it takes over. Edited files differ in size
    or mtime from their entries, so only they are rendered again; the rest stays reusable."""
    try:
        data = json.loads(record_path(root, source or output).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return  # no keys to keep: the next build renders everything, as without this
    output = Path(output).resolve()
    data["output"] = str(output)
    data["manifest"] = _manifest_digest(output)
    target = record_path(root, output)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_text(target, json.dumps(data, ensure_ascii=False), durable=False)
