"""Parsed articles kept between builds, keyed by the bytes of their file (adapter).

The result of ``read_article`` depends only on the file's bytes, site.yml,
reviewers.yml and govsite's model code, so it is kept in an SQLite file
(.govsite-cache/library.sqlite, standard-library sqlite3, rollback journal:
no WAL files beside it) with a digest of those. Rows are read one by one as
the library asks for them and only changed rows are written back, so the cost
of a rebuild follows the edit, not the site: the pickle read and written whole
that this replaces took ~3 s and ~1.6 s at 10,000 articles, and grew with N.
A changed file (or a changed config or govsite) is simply parsed again.
Cross-article checks (duplicate 索引号, links) and attachment checks are never
cached. The cache is ours alone (not shared, not downloaded): a damaged or
foreign file is a miss, never an error.
"""

from __future__ import annotations

import contextlib
import hashlib
import pickle
import sqlite3
import sys
from pathlib import Path
from typing import Any

import govsite

FILE = Path(".govsite-cache") / "library.sqlite"
LEGACY = Path(".govsite-cache") / "articles.pickle"  # the whole-file cache before SQLite
VERSION = 3  # rows are model.article.Parsed, one pickle per file
# The code that turns a file into an Article and its problems.
CODE = ("model", "config", "library.py", "errors.py", "parse_cache.py")
_SCHEMA = (
    "CREATE TABLE IF NOT EXISTS meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS parsed "
    "(rel TEXT PRIMARY KEY, digest TEXT NOT NULL, value BLOB NOT NULL)",
)


def file_digest(data: bytes) -> str:
    return hashlib.blake2b(data, digest_size=16).hexdigest()


def context_digest(root: Path, strict: bool) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{VERSION}:{strict}:{sys.version}".encode())
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


class ParseCache:
    """One load's view of the cache: ``get``/``put`` per file, ``save`` once at the end."""

    def __init__(self, root: Path, strict: bool) -> None:
        self.path = Path(root) / FILE
        self.legacy = Path(root) / LEGACY
        self.context = context_digest(root, strict)
        self.seen: set[str] = set()
        self.changed: dict[str, tuple[str, bytes]] = {}
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

    def get(self, rel: str, digest: str) -> Any:
        self.seen.add(rel)
        if self.db is None or self.fresh:
            return None
        try:
            row = self.db.execute(
                "SELECT digest, value FROM parsed WHERE rel = ?", (rel,)
            ).fetchone()
            if row is None or row[0] != digest:
                return None
            return pickle.loads(row[1])
        except Exception:  # a damaged row is a miss
            return None

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
                db.execute("DELETE FROM parsed")
                db.execute(
                    "INSERT OR REPLACE INTO meta (name, value) VALUES ('context', ?)",
                    (self.context,),
                )
            gone = [
                (rel,)
                for (rel,) in db.execute("SELECT rel FROM parsed").fetchall()
                if rel not in self.seen
            ]
            db.executemany("DELETE FROM parsed WHERE rel = ?", gone)
            db.executemany(
                "INSERT OR REPLACE INTO parsed (rel, digest, value) VALUES (?, ?, ?)",
                [(rel, d, v) for rel, (d, v) in sorted(self.changed.items())],
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
