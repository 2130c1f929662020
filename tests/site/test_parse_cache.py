"""The parse cache in SQLite: rows read one by one, only changes written, a damaged file a miss."""

from __future__ import annotations

import os
import sqlite3
import time
from pathlib import Path

import pytest

from govsite import parse_cache
from govsite.parse_cache import FILE, LEGACY, TABLE, ParseCache


def rows(root: Path) -> dict[str, str]:
    with sqlite3.connect(root / FILE) as db:
        return dict(db.execute(f"SELECT rel, digest FROM {TABLE}").fetchall())


def test_a_saved_entry_is_found_by_path_and_digest_only(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path, strict=False)
    cache.put("content/a.md", "d1", {"标题": "甲"})
    cache.put("content/b.md", "d2", ("乙",))
    cache.save()
    again = ParseCache(tmp_path, strict=False)
    assert again.get("content/a.md", "d1") == {"标题": "甲"}
    assert again.get("content/a.md", "other") is None  # the file changed
    assert again.get("content/c.md", "d1") is None
    assert not (tmp_path / FILE).with_name("library.sqlite-wal").exists()  # WAL off


def test_rows_of_files_not_seen_again_are_dropped(tmp_path: Path) -> None:
    cache = ParseCache(tmp_path, strict=False)
    for name in ("a", "b", "c"):
        cache.put(f"content/{name}.md", name, name)
    cache.save()
    again = ParseCache(tmp_path, strict=False)
    assert again.get("content/a.md", "a") == "a"
    again.put("content/b.md", "b2", "b2")  # edited; c.md deleted
    again.save()
    assert rows(tmp_path) == {"content/a.md": "a", "content/b.md": "b2"}


def test_another_configuration_starts_empty(tmp_path: Path) -> None:
    (tmp_path / "site.yml").write_text("站点名称: 甲\n", encoding="utf-8")
    cache = ParseCache(tmp_path, strict=False)
    cache.put("content/a.md", "a", "a")
    cache.save()
    (tmp_path / "site.yml").write_text("站点名称: 乙\n", encoding="utf-8")
    again = ParseCache(tmp_path, strict=False)
    assert again.get("content/a.md", "a") is None
    again.save()
    assert rows(tmp_path) == {}
    assert ParseCache(tmp_path, strict=True).get("content/a.md", "a") is None


def test_a_damaged_file_is_a_miss_and_replaced(tmp_path: Path) -> None:
    (tmp_path / FILE).parent.mkdir(parents=True)
    (tmp_path / FILE).write_bytes(b"not a database" * 100)
    (tmp_path / LEGACY).write_bytes(b"old pickle")
    cache = ParseCache(tmp_path, strict=False)
    assert cache.get("content/a.md", "a") is None
    cache.put("content/a.md", "a", "a")
    cache.save()
    assert ParseCache(tmp_path, strict=False).get("content/a.md", "a") == "a"
    assert not (tmp_path / LEGACY).exists()


def _aged(path: Path, seconds: int = 10) -> None:
    """Set mtime back; ctime stays now, so the file is still racy (ctime can't be set)."""
    st = path.stat()
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns - seconds * 1_000_000_000))


def test_a_file_changed_in_place_is_read_again_even_with_its_old_times(tmp_path: Path) -> None:
    article = tmp_path / "a.md"
    article.write_text("甲", encoding="utf-8")
    _aged(article)
    cache = ParseCache(tmp_path, strict=False)
    assert cache.unchanged("a.md", article) is None
    cache.put("a.md", "d", "parsed")
    cache.save()
    # Written a moment ago (ctime now): racy, so never trusted by its stat alone.
    assert ParseCache(tmp_path, strict=False).unchanged("a.md", article) is None
    st = article.stat()
    article.write_text("乙", encoding="utf-8")  # same size, times set back as cp -p does
    os.utime(article, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert ParseCache(tmp_path, strict=False).unchanged("a.md", article) is None


def test_an_old_unchanged_file_is_not_read_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    article = tmp_path / "a.md"
    article.write_text("甲", encoding="utf-8")
    later = time.time_ns() + 5_000_000_000  # as if the file was written 5 s before reading
    monkeypatch.setattr(parse_cache.time, "time_ns", lambda: later)
    cache = ParseCache(tmp_path, strict=False)
    assert cache.unchanged("a.md", article) is None  # not in the cache yet
    cache.put("a.md", "d", "parsed")
    cache.save()
    assert ParseCache(tmp_path, strict=False).unchanged("a.md", article) == "parsed"
    article.write_text("乙乙", encoding="utf-8")
    monkeypatch.setattr(parse_cache.time, "time_ns", lambda: later + 10_000_000_000)
    assert ParseCache(tmp_path, strict=False).unchanged("a.md", article) is None
