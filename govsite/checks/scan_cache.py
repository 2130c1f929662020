"""Findings of ``govsite check --all`` kept between runs, keyed by each file's bytes (adapter).

A file's findings depend only on its bytes, its path, the site's configuration
(site.yml, reviewers.yml, everything under hooks/), govsite's checking code and the
readers present (LibreOffice); all of those but the file go into one context digest,
so any change to them empties the cache. Cross-file results (duplicate 索引号,
解读 links, missing attachments) are never cached: they are recomputed every run
from the kept article stubs.

The cache is JSON (never pickle: nothing in it can run code) and carries an HMAC
with a key kept outside the repository (``~/.cache/govsite/scan-cache.key``): a cache
file committed into a site's repository, or written by anyone else, is not accepted,
so it cannot make CI pass an attachment it never read. A damaged, foreign or stale
file is a miss, never an error. Writes are atomic.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import shutil
import sys
from dataclasses import asdict
from datetime import datetime
from pathlib import Path
from typing import Any

import govsite
from govsite import atomic
from govsite.checks.base import Finding
from govsite.model.article import Article

FILE = Path(".govsite-cache") / "check.json"
VERSION = 1
CODE = ("checks", "model", "config", "library.py", "errors.py")
STUB_FIELDS = ("path", "unit", "stem", "index_no", "interprets", "repealed_by", "attachments")


def _key() -> bytes:
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "govsite"
    path = base / "scan-cache.key"
    try:
        data = path.read_bytes()
        if len(data) >= 32:
            return data
    except OSError:
        pass
    try:  # first writer wins; a parallel run reads the same key
        atomic.write_bytes(path, secrets.token_bytes(32), mode=0o600, exclusive=True)
    except FileExistsError:
        pass
    return path.read_bytes()


def context_digest(root: Path, extra: str) -> str:
    h = hashlib.blake2b(digest_size=16)
    h.update(f"{VERSION}:{extra}:{sys.version}:{shutil.which('soffice') is not None}".encode())
    for name in ("site.yml", "reviewers.yml"):
        try:
            h.update(name.encode() + (root / name).read_bytes())
        except OSError:
            h.update(b"-")
    hooks = root / "hooks"
    if hooks.is_dir():
        for path in sorted(hooks.rglob("*")):
            if path.is_file():
                h.update(path.relative_to(hooks).as_posix().encode() + path.read_bytes())
    package = Path(govsite.__file__).parent
    for part in CODE:
        target = package / part
        # *.py and the built-in rule data (checks/data/*.txt) alike
        for path in sorted(target.rglob("*.*")) if target.is_dir() else [target]:
            if path.is_file() and path.suffix != ".pyc":
                h.update(path.as_posix().encode() + path.read_bytes())
    return h.hexdigest()


def _stub(article: Article) -> dict[str, Any]:
    out: dict[str, Any] = {f: getattr(article, f) for f in STUB_FIELDS}
    out["attachments"] = list(article.attachments)
    out["key_lines"] = dict(article.key_lines)
    return out


def _article(stub: dict[str, Any]) -> Article:
    """What the cross-file checks need of an article (索引号, 解读对象, 废止文件, 附件)."""
    return Article(
        path=stub["path"],
        unit=stub["unit"],
        stem=stub["stem"],
        title="",
        published=datetime.min,
        columns=(),
        issuer="",
        index_no=stub["index_no"],
        interprets=stub["interprets"],
        repealed_by=stub["repealed_by"],
        attachments=tuple(stub["attachments"]),
        key_lines=stub["key_lines"],
    )


class ScanCache:
    def __init__(self, root: Path, extra: str = "") -> None:
        self.path = Path(root) / FILE
        self.context = context_digest(Path(root), extra)
        self.secret = _key()
        self.entries: dict[str, Any] = {}
        self.used: dict[str, Any] = {}
        self.hits = self.misses = 0
        try:
            raw = self.path.read_bytes()
            mac, body = raw.split(b"\n", 1)
            if hmac.compare_digest(mac.decode(), self._mac(body)):
                data = json.loads(body)
                if data.get("context") == self.context:
                    self.entries = data["entries"]
        except (OSError, ValueError, KeyError, TypeError, UnicodeDecodeError):
            self.entries = {}

    def _mac(self, body: bytes) -> str:
        return hmac.new(self.secret, body, hashlib.sha256).hexdigest()

    @staticmethod
    def key(display: str, data: bytes) -> str:
        return display + "\0" + hashlib.blake2b(data, digest_size=16).hexdigest()

    def lookup(self, key: str) -> tuple[list[Finding], Article | None] | None:
        entry = self.entries.get(key)
        if entry is None:
            self.misses += 1
            return None
        try:
            found = [Finding(**f) for f in entry["findings"]]
            article = _article(entry["article"]) if entry["article"] else None
        except (KeyError, TypeError):
            self.misses += 1
            return None
        self.used[key] = entry
        self.hits += 1
        return found, article

    def store(self, key: str, found: list[Finding], article: Article | None) -> None:
        self.used[key] = {
            "findings": [asdict(f) for f in found],
            "article": _stub(article) if article is not None else None,
        }

    def save(self) -> None:
        """Keep what this run used (files deleted or changed since drop out)."""
        body = json.dumps(
            {"context": self.context, "entries": self.used},
            ensure_ascii=False,
            separators=(",", ":"),
        ).encode()
        try:
            atomic.write_bytes(self.path, self._mac(body).encode() + b"\n" + body, durable=False)
        except OSError:
            pass  # a cache that cannot be written only costs time next run
