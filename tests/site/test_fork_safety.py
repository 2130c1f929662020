"""The build forks its render workers only while no other thread runs (issue 13 item 6).

A fork while another thread runs can leave a worker stuck on a lock that thread held;
Python 3.12 and later warn of it with a DeprecationWarning. The build runs in a
subprocess under ``-W error::DeprecationWarning`` (so that warning fails it), through
``govsite build`` with its progress bar on a terminal, and twice: the second build
links unchanged search shards in the index's linker thread while it renders the rest.
A fork hook records the threads alive at every fork, so the test also holds on
Pythons that do not warn yet.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.slow

SCRIPT = r"""
import json, os, sys, threading
from pathlib import Path

from govsite.commands.cli import cli
from govsite.site import generator, search_index

generator.PARALLEL_FROM = 2  # this small site renders in forked workers too
search_index.SHARD_SIZE = 10  # three search shards: unchanged ones go to the linker thread
root, result = Path(sys.argv[1]), Path(sys.argv[2])
forks, linked = [], []
os.register_at_fork(before=lambda: forks.append(sorted(t.name for t in threading.enumerate())))
reuse = search_index._reuse
search_index._reuse = lambda *a: linked.append(a[1].folder) or reuse(*a)
per_build = []
for step in ("first", "after an edit"):
    if step != "first":
        page = root / "content/zfb/news-10.md"
        page.write_text(page.read_text(encoding="utf-8").replace("的正文。", "的正文，补充一句。"),
                        encoding="utf-8")
    before = len(forks)
    cli.main(["build", "--root", str(root)], standalone_mode=False)
    per_build.append(len(forks) - before)
result.write_text(json.dumps({"forks": forks, "per_build": per_build, "linked": linked}))
"""


def test_build_forks_workers_with_no_other_thread_running(small_site: Path, tmp_path: Path) -> None:
    result = tmp_path / "result.json"
    master, slave = pty.openpty()  # stderr a terminal: govsite build shows its progress bar
    seen: list[bytes] = []

    def drain() -> None:  # a full pty would block the build
        try:
            while chunk := os.read(master, 65536):
                seen.append(chunk)
        except OSError:  # the pty closes with the child
            pass

    reader = threading.Thread(target=drain)
    reader.start()
    try:
        proc = subprocess.run(
            [
                sys.executable,
                "-W",
                "error::DeprecationWarning",
                "-c",
                SCRIPT,
                str(small_site),
                str(result),
            ],
            cwd=small_site,
            env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=slave,
            timeout=600,
            check=False,
        )
    finally:
        os.close(slave)
        reader.join(timeout=30)
        os.close(master)
    err = b"".join(seen).decode("utf-8", "replace")
    assert proc.returncode == 0, (proc.stdout.decode("utf-8", "replace"), err)
    assert proc.stdout.decode("utf-8").count("构建完成") == 2
    data = json.loads(result.read_text(encoding="utf-8"))
    assert data["linked"], "no search shard went to the linker thread: the case is not tested"
    assert all(n >= 2 for n in data["per_build"]), data["per_build"]  # workers were forked
    assert [names for names in data["forks"] if names != ["MainThread"]] == []
