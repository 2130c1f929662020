"""Parsed articles kept between builds, keyed by the bytes of their file (adapter).

The result of ``read_article`` depends only on the file's bytes, site.yml,
reviewers.yml and govsite's model code, so it is kept in an SQLite file
(.govsite-cache/library.sqlite, standard-library sqlite3, rollback journal:
no WAL files beside it) with a digest of those. Rows are read one by one as
the library asks for them and only changed rows are written back, so the cost
of a rebuild follows the edit, not the site: the pickle read and written whole
that this replaces took ~3 s and ~1.6 s at 10,000 articles, and grew with N.
A changed file (or a changed config or govsite) is simply parsed again.

A file is not even read again when its size, mtime, ctime and inode are those
it had when it was last read (``unchanged``), as git's index decides which
files to look at: reading every file was most of a rebuild on a busy disk.
The stat is taken before the file is read, so a write after it shows as a
change; a file changed less than a second before it was read is read again
next time too (a write in the same clock tick keeps its times: "racy git").
ctime cannot be set back by copying tools, so ``cp -p`` or ``touch -d`` over a
file never hides an edit.

Cross-article checks (duplicate 索引号, links) and attachment checks are never
cached. The cache is ours alone (not shared, not downloaded): a damaged or
foreign file is a miss, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import sqlite3
import sys
import time
from pathlib import Path
from typing import Any

import govsite

FILE = Path(".govsite-cache") / "library.sqlite"
LEGACY = Path(".govsite-cache") / "articles.pickle"  # the whole-file cache before SQLite
VERSION = 4  # rows are model.article.Parsed, one pickle per file, with the file's stat
# The code that turns a file into an Article and its problems.
CODE = ("model", "config", "library.py", "errors.py", "parse_cache.py")
TABLE = f"parsed_v{VERSION}"  # a new layout is a new table, never a failed insert
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    f"CREATE TABLE IF NOT EXISTS {TABLE} (rel TEXT PRIMARY KEY, digest TEXT NOT NULL, "
    "value BLOB NOT NULL, stat TEXT NOT NULL)",
)
RACY_NS = 1_000_000_000  # a file changed within 1 s before it was read is read again


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def context_digest(root: Path, extra: str = "") -> str:
    """What every entry depends on besides its file: config files, govsite's code, ``extra``."""
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{VERSION}:{extra}:{sys.version}".encode())
    for name in ("site.yml", "reviewers.yml"):
        try:
            h.update((Path(root) / name).read_bytes())
        except OSError:
            h.update(b"-")
    package = Path(govsite.__file__).parent
    for part in CODE:
        for path in (
            sorted((package / part).rglob("*.py"))
            if (package / part).is_dir()
            else [package / part]
        ):
            h.update(path.name.encode() + path.read_bytes())
    return h.hexdigest()


def stat_key(st: os.stat_result, checked_ns: int) -> str:
    """The stat a row is matched by; "" (never matched) when the file is racy."""
    if max(st.st_mtime_ns, st.st_ctime_ns) >= checked_ns - RACY_NS:
        return ""
    return f"{st.st_size}:{st.st_mtime_ns}:{st.st_ctime_ns}:{st.st_ino}"


class ParseCache:
    """One load's view of the cache: ``unchanged``/``get``/``put`` per file, ``save`` once."""

    def __init__(self, root: Path, strict: bool = False) -> None:
        self.path = Path(root) / FILE
        self.legacy = Path(root) / LEGACY
        self.context = context_digest(root, "strict" if strict else "")
        self.seen: set[str] = set()
        self.changed: dict[str, tuple[str, bytes]] = {}
        self.stats: dict[str, str] = {}  # rel -> its stat taken before it was read
        self.db: sqlite3.Connection | None = None
        self.fresh = True  # nothing usable on disk (missing, damaged, other context)
        try:
            self.db = self._open()
        except (sqlite3.Error, OSError):
            self.db = None  # unreadable: parse everything, try to write a new one on save

    def _open(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
        try:
            db.execute("PRAGMA journal_mode=DELETE")  # WAL off: one file, nothing beside it
            for statement in _SCHEMA:
                db.execute(statement)
            row = db.execute("SELECT value FROM meta WHERE name = 'context'").fetchone()
            self.fresh = row is None or row[0] != self.context
        except sqlite3.Error:
            db.close()
            raise
        return db

    def _row(self, rel: str) -> tuple[str, bytes, str] | None:
        if self.db is None or self.fresh:
            return None
        try:
            row = self.db.execute(
                f"SELECT digest, value, stat FROM {TABLE} WHERE rel = ?", (rel,)
            ).fetchone()
        except sqlite3.Error:
            return None
        return (row[0], row[1], row[2]) if row is not None else None

    def unchanged(self, rel: str, path: str | os.PathLike[str]) -> Any:
        """The parse of ``path`` if the file has not changed since it was read (same
        stat), without reading it; else None: the caller reads the file."""
        self.seen.add(rel)
        try:
            self.stats[rel] = stat_key(os.stat(path), time.time_ns())
        except OSError:
            return None  # the read reports it
        row = self._row(rel)
        if row is None or not self.stats[rel] or row[2] != self.stats[rel]:
            return None
        try:
            return pickle.loads(row[1])
        except Exception:  # a damaged row is a miss
            return None

    def get(self, rel: str, digest: str) -> Any:
        """The parse of a file just read, by the digest of its bytes."""
        self.seen.add(rel)
        row = self._row(rel)
        if row is None or row[0] != digest:
            return None
        try:
            value = pickle.loads(row[1])
        except Exception:  # a damaged row is a miss
            return None
        if self.stats.get(rel, "") != row[2]:  # same bytes, new stat (a touch, a checkout):
            self.changed[rel] = (digest, row[1])  # record it, so it is not read next time
        return value

    def put(self, rel: str, digest: str, value: Any) -> None:
        self.seen.add(rel)
        self.changed[rel] = (digest, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def save(self) -> None:
        """Write the changed rows, drop those of files gone; never fails the build."""
        try:
            if self.db is None:
                self.path.unlink(missing_ok=True)  # damaged: start a new file
                self.db = self._open()
                self.fresh = True
            self._write(self.db)
        except (sqlite3.Error, OSError):
            pass  # only a cache: the next build parses again
        finally:
            self.close()
        with contextlib.suppress(OSError):
            self.legacy.unlink(missing_ok=True)

    def _write(self, db: sqlite3.Connection) -> None:
        db.execute("BEGIN IMMEDIATE")
        try:
            if self.fresh:
                db.execute(f"DELETE FROM {TABLE}")
                db.execute(
                    "INSERT OR REPLACE INTO meta (name, value) VALUES ('context', ?)",
                    (self.context,),
                )
            gone = [
                (rel,)
                for (rel,) in db.execute(f"SELECT rel FROM {TABLE}").fetchall()
                if rel not in self.seen
            ]
            db.executemany(f"DELETE FROM {TABLE} WHERE rel = ?", gone)
            db.executemany(
                f"INSERT OR REPLACE INTO {TABLE} (rel, digest, value, stat) VALUES (?, ?, ?, ?)",
                [
                    (rel, digest, value, self.stats.get(rel, ""))
                    for rel, (digest, value) in sorted(self.changed.items())
                ],
            )
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def close(self) -> None:
        """Closed before the build forks its render workers (a connection must not cross)."""
        if self.db is not None:
            with contextlib.suppress(sqlite3.Error):
                self.db.close()
            self.db = None
