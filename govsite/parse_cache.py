"""Parsed articles kept between builds, keyed by the bytes of their file (adapter).

Parsing and validating the front matter of 10,000 articles takes ~1.2 s, a
quarter of a rebuild after one edit. The result of ``read_article`` depends
only on the file's bytes, site.yml, reviewers.yml and govsite's model code,
so it is pickled in .govsite-cache/articles.pickle with a digest of those;
a changed file (or a changed config or govsite) is simply parsed again.
Cross-article checks (duplicate 索引号, links) and attachment checks are never
cached. The cache is ours alone (not shared, not downloaded): a damaged or
foreign file is a miss, never an error.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
from pathlib import Path
from typing import Any

import govsite

FILE = Path(".govsite-cache") / "articles.pickle"
VERSION = 2  # entries are model.article.Parsed
# The code that turns a file into an Article and its problems.
CODE = ("model", "config", "library.py", "errors.py", "parse_cache.py")


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


class ParseCache:
    def __init__(self, root: Path) -> None:
        self.path = Path(root) / FILE
        self.context = context_digest(root)
        self.entries: dict[str, tuple[str, Any]] = {}
        self.used: dict[str, tuple[str, Any]] = {}
        self.dirty = False
        try:
            with open(self.path, "rb") as fh:
                data = pickle.load(fh)
            if data["context"] == self.context:
                self.entries = data["entries"]
        except Exception:  # missing, damaged or from another version: start empty
            self.entries = {}

    def get(self, rel: str, digest: str) -> Any:
        found = self.entries.get(rel)
        if found is not None and found[0] == digest:
            self.used[rel] = found
            return found[1]
        return None

    def put(self, rel: str, digest: str, value: Any) -> None:
        self.used[rel] = (digest, value)
        self.dirty = True

    def save(self) -> None:
        """Keep what this load used (deleted files drop out); written only if it changed."""
        if not self.dirty and len(self.used) == len(self.entries):
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        tmp = self.path.with_suffix(f".{os.getpid()}.tmp")
        with open(tmp, "wb") as fh:
            pickle.dump(
                {"context": self.context, "entries": self.used},
                fh,
                protocol=pickle.HIGHEST_PROTOCOL,
            )
        os.replace(tmp, self.path)
