"""On a terminal, `govsite build` shows a progress bar (rich) and still ends with its summary."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow


def test_progress_bar_on_a_terminal(small_site: Path) -> None:
    primary, secondary = pty.openpty()  # stdout and stderr are a terminal, as for a person
    env = {**os.environ, "COLUMNS": "100", "TERM": "xterm-256color"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "govsite", "build", "--no-search"],
        cwd=small_site,
        stdin=secondary,
        stdout=secondary,
        stderr=secondary,
        env=env,
    )
    os.close(secondary)
    chunks = []
    while True:
        try:
            data = os.read(primary, 4096)
        except OSError:  # EIO: the child closed the terminal
            break
        if not data:
            break
        chunks.append(data)
    os.close(primary)
    assert proc.wait(timeout=120) == 0
    shown = b"".join(chunks).decode("utf-8", errors="replace")
    assert "校验内容" in shown and "生成页面" in shown  # the bar's stages were drawn
    assert "\x1b[" in shown  # with terminal control codes (rich redraws the bar)
    assert "构建完成：29 篇文章" in shown
