"""govsite.atomic: whole or nothing, unique temporary names, modes, never through a link."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from govsite import atomic


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_new_file_gets_the_umask_mode_not_mkstemps_0600(tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        atomic.write_text(tmp_path / "a/b/new.txt", "文本")
    finally:
        os.umask(old)
    assert (tmp_path / "a/b/new.txt").read_text(encoding="utf-8") == "文本"
    assert mode(tmp_path / "a/b/new.txt") == 0o640


@pytest.mark.parametrize(
    ("before", "given", "after"),
    [
        (0o600, None, 0o600),  # an existing file keeps its own mode (check --fix)
        (0o755, None, 0o755),
        (0o644, 0o444, 0o444),  # release metadata: read-only
        (None, 0o600, 0o600),  # the scan-cache key
    ],
)
def test_modes(tmp_path: Path, before: int | None, given: int | None, after: int) -> None:
    target = tmp_path / "f"
    if before is not None:
        target.write_bytes(b"old")
        target.chmod(before)
    atomic.write_bytes(target, b"new", mode=given)
    assert target.read_bytes() == b"new" and mode(target) == after


def test_a_hard_linked_file_is_replaced_not_written_through(tmp_path: Path) -> None:
    shared = tmp_path / "release-1.html"
    shared.write_text("旧", encoding="utf-8")
    os.link(shared, tmp_path / "release-2.html")
    atomic.write_text(tmp_path / "release-2.html", "新", durable=False)
    assert shared.read_text(encoding="utf-8") == "旧"
    assert (tmp_path / "release-2.html").read_text(encoding="utf-8") == "新"


def test_exclusive_never_replaces_and_leaves_nothing(tmp_path: Path) -> None:
    target = tmp_path / "article.md"
    atomic.write_bytes(target, b"first", exclusive=True)
    with pytest.raises(FileExistsError):
        atomic.write_bytes(target, b"second", exclusive=True)
    assert target.read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["article.md"]


def test_a_failed_write_keeps_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "register.csv"
    target.write_text("old", encoding="utf-8")
    with pytest.raises(UnicodeEncodeError):
        atomic.write_text(target, "\ud800")  # cannot be encoded: fails before the rename
    with pytest.raises(IsADirectoryError):
        atomic.write_bytes(tmp_path, b"x")  # the target is a folder: the rename fails
    assert target.read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["register.csv"]


def test_parallel_writers_of_one_file_never_share_a_temporary(tmp_path: Path) -> None:
    target = tmp_path / "manifest.json"
    bodies = [bytes([65 + i]) * 200_000 for i in range(8)]
    errors: list[BaseException] = []

    def write(body: bytes) -> None:
        try:
            for _ in range(5):
                atomic.write_bytes(target, body, durable=False)
        except BaseException as exc:  # pragma: no cover - reported below
            errors.append(exc)

    threads = [threading.Thread(target=write, args=(b,)) for b in bodies]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    assert target.read_bytes() in bodies  # one writer's whole body, never a mix
    assert sorted(p.name for p in tmp_path.iterdir()) == ["manifest.json"]


KILLED = """
import os, sys
from govsite import atomic
real = os.replace
def die(*args):
    os._exit(9)  # killed between writing and renaming
os.replace = die
atomic.write_text(sys.argv[1], "new")
"""


def test_a_killed_write_leaves_the_old_file_and_a_marked_temporary(tmp_path: Path) -> None:
    target = tmp_path / "register.html"
    target.write_text("old", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", KILLED, str(target)], check=False)
    assert proc.returncode == 9
    assert target.read_text(encoding="utf-8") == "old"
    left = [p.name for p in tmp_path.iterdir() if p != target]
    assert len(left) == 1 and left[0].startswith(atomic.TEMP_PREFIX), left
    assert left[0].endswith(atomic.TEMP_SUFFIX)
