"""The parse cache in SQLite: rows read one by one, only changes written, a damaged file a miss."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from govsite.parse_cache import FILE, LEGACY, ParseCache


def rows(root: Path) -> dict[str, str]:
    with sqlite3.connect(root / FILE) as db:
        return dict(db.execute("SELECT rel, digest FROM parsed").fetchall())


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
