"""Take unchanged files from the previous build instead of rendering them again (adapter).

``govsite build`` always writes a complete new tree beside ``output/`` and swaps
it in (a failed build leaves the old site online). A page whose key (see
govsite.site.fingerprint) equals the key it had in the build now online is
hard-linked from that build into the new tree: same bytes, no rendering, and
its mtime (the Last-Modified a web server sends) stays that of its last real
change. The keys of the build online are kept in .govsite-cache/builds/,
tied to that build's manifest.json: if output/ was rebuilt by other means or
a file in it was touched since (size or mtime differ), nothing of it is
reused and the page is rendered again.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from govsite import atomic
from govsite.release import manifest

BUILDS = Path(".govsite-cache") / "builds"
RECORD_VERSION = 1
KEEP_RECORDS = 10  # publish keeps 5 releases; older records are never used again


@dataclass(frozen=True)
class Entry:
    key: str
    size: int
    mtime_ns: int


@dataclass
class PreviousBuild:
    output: Path
    pages: dict[str, Entry]
    search: dict[str, str]  # index folder (pagefind/<n>) -> key
    digests: dict[str, str]  # the build's manifest: path -> sha256


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


_MADE: set[str] = set()  # folders known to exist: one mkdir per folder, not per file


def link(src: str | Path, dst: str | Path) -> None:
    """Hard-link ``src`` as ``dst`` (copy across file systems). Strings, not Path:
    this runs for every unchanged file of a 10,000-page site."""
    folder = os.path.dirname(dst)
    if folder not in _MADE:
        os.makedirs(folder, exist_ok=True)
        _MADE.add(folder)
    try:
        os.link(src, dst)
    except FileNotFoundError:
        _MADE.discard(folder)  # removed since (an earlier build's tree): make it again
        os.makedirs(folder, exist_ok=True)
        os.link(src, dst)
    except OSError:
        shutil.copy2(src, dst)


@dataclass
class PageStore:
    """The pages of the build being written: reused from the previous build or rendered."""

    out: Path
    previous: PreviousBuild | None = None
    entries: dict[str, Entry] = field(default_factory=dict)
    digests: dict[str, str] = field(default_factory=dict)  # sha256 of every page written
    reused: int = 0
    rendered: int = 0

    def reuse(self, path: str, key: str) -> bool:
        """Link the previous build's ``path`` if it was made with ``key`` and is untouched."""
        prev = self.previous
        entry = prev.pages.get(path) if prev else None
        if prev is None or entry is None or entry.key != key or path not in prev.digests:
            return False
        src = os.path.join(prev.output, path)
        try:
            st = os.stat(src)
        except OSError:
            return False
        if st.st_size != entry.size or st.st_mtime_ns != entry.mtime_ns:
            return False
        link(src, os.path.join(self.out, path))
        self.add(path, entry, prev.digests[path])
        self.reused += 1
        return True

    def add(self, path: str, entry: Entry, sha256: str) -> None:
        self.entries[path] = entry
        self.digests[path] = sha256

    def write(self, path: str, key: str, text: str) -> tuple[Entry, str]:
        entry, sha = write_page(self.out, path, key, text)
        self.add(path, entry, sha)
        self.rendered += 1
        return entry, sha


def write_page(out: Path, path: str, key: str, text: str) -> tuple[Entry, str]:
    """Write one page (a new inode, never into a linked file); its entry and sha256.

    A module-level function so that worker processes can write pages too.
    """
    data = text.encode("utf-8")
    target = out / path
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_bytes(target, data, durable=False, mode=0o644)  # the whole tree is swapped
    st = os.stat(target)
    return Entry(key, st.st_size, st.st_mtime_ns), hashlib.sha256(data).hexdigest()


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
