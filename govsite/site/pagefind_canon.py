"""Pagefind's filter indexes in one fixed order, so a search shard is reproducible (adapter).

Pagefind (1.5) writes each filter's values, and the list of filters in the language's
metadata, in the order of a Rust HashMap, which changes from run to run: two builds
of the same pages differ in ``filter/*.pf_filter``, ``pagefind.*.pf_meta`` and
``pagefind-entry.json`` (Pagefind/pagefind#638; the fragments and word indexes are
stable). A release that must be byte for byte the same whether one machine or N
built it (govsite.release.shard) cannot have that, so after Pagefind ran the files
are rewritten here: values sorted by name, filters sorted by name, each file named
after a digest of its new content (the search UI only fetches the names the
metadata lists, so any unique name works), the entry file pointing at the new
metadata. The rewrite is idempotent: a shard already in this form is left alone,
and nothing is written into an existing file (it may be hard-linked from the build
online), only new files beside it.

The format (gzip of ``pagefind_dcd`` + CBOR) is Pagefind's own; cbor2 reads and
writes it byte for byte as Pagefind does (a test round-trips every file of a shard).
"""

from __future__ import annotations

import gzip
import hashlib
import json
from pathlib import Path
from typing import Any

import cbor2

from govsite import atomic

MAGIC = b"pagefind_dcd"


def _read(path: Path) -> Any:
    data = gzip.decompress(path.read_bytes())
    if not data.startswith(MAGIC):
        raise ValueError(f"{path.name} is not a Pagefind index file")
    return cbor2.loads(data[len(MAGIC) :])


def _encode(value: Any) -> bytes:
    return MAGIC + cbor2.dumps(value)


def _write_new(folder: Path, stem: str, suffix: str, raw: bytes, digits: int) -> str:
    """Write ``raw`` gzipped as ``<stem>_<digest><suffix>`` unless it is there; its hash."""
    name = f"{stem}_{hashlib.sha256(raw).hexdigest()[:digits]}"
    target = folder / f"{name}{suffix}"
    if not target.exists():
        atomic.write_bytes(target, gzip.compress(raw, mtime=0), durable=False)
    return name


def canonical(shard: Path) -> set[str]:
    """Rewrite one shard folder (``pagefind/<n>``) in the fixed order.

    Returns the paths (relative to ``shard``) written or removed, so the caller
    forgets digests it had taken from the build online for them.
    """
    entry_path = shard / "pagefind-entry.json"
    entry = json.loads(entry_path.read_text(encoding="utf-8"))
    changed: set[str] = set()
    for language, info in sorted(entry.get("languages", {}).items()):
        meta_path = shard / f"pagefind.{info['hash']}.pf_meta"
        meta = _read(meta_path)
        filters = meta[3]  # [[name, hash], ...] (Pagefind's PageMeta layout: see the tests)
        stem = language
        renamed = []
        for name, old in filters:
            old_path = shard / "filter" / f"{old}.pf_filter"
            head, values = _read(old_path)
            raw = _encode([head, sorted(values, key=lambda v: str(v[0]))])
            new = _write_new(shard / "filter", stem, ".pf_filter", raw, 7)
            if new != old:
                old_path.unlink()
                changed |= {f"filter/{old}.pf_filter", f"filter/{new}.pf_filter"}
            renamed.append([name, new])
        meta[3] = sorted(renamed, key=lambda f: str(f[0]))
        new_meta = _write_new(shard, f"pagefind.{stem}", ".pf_meta", _encode(meta), 13)
        new_meta = new_meta.removeprefix("pagefind.")
        if new_meta != info["hash"]:
            meta_path.unlink()
            changed |= {f"pagefind.{info['hash']}.pf_meta", f"pagefind.{new_meta}.pf_meta"}
            info["hash"] = new_meta
    if changed:
        atomic.write_text(  # a new inode: the build online keeps its own
            entry_path, json.dumps(entry, ensure_ascii=False, separators=(",", ":")), durable=False
        )
        changed.add("pagefind-entry.json")
    return changed


def tree(folder: Path) -> set[str]:
    """``canonical`` for every shard under ``folder`` (``<out>/pagefind``); paths
    relative to the output (``pagefind/<n>/…``)."""
    changed: set[str] = set()
    if not folder.is_dir():
        return changed
    for shard in sorted(folder.iterdir()):
        if (shard / "pagefind-entry.json").is_file():
            prefix = f"{folder.name}/{shard.name}/"
            changed |= {prefix + rel for rel in canonical(shard)}
    return changed
