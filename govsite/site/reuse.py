"""Take unchanged files from the previous build instead of rendering them again (adapter).

``govsite build`` always writes a complete new tree beside ``output/`` and swaps
it in (a failed build leaves the old site online). A page whose key (see
govsite.site.fingerprint) equals the key it had in the build now online is
hard-linked from that build into the new tree: same bytes, no rendering, and
its mtime (the Last-Modified a web server sends) stays that of its last real
change. Which build is online and its page keys come from the build record
(govsite.release.build_record), handed down as a PreviousBuild.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from govsite import atomic


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
