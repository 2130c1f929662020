"""Configuration warnings: build, check and report print them; ``--strict`` makes them
configuration errors (exit 2) before any work is done."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ARTICLE = "content/zfb/2024-daqi-wuran-fangzhi.md"


def govsite(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govsite", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


def without_conac(root: Path) -> None:
    path = root / "site.yml"
    lines = path.read_text(encoding="utf-8").split("\n")
    kept = [line for line in lines if not line.strip().startswith("党政机关标识:")]
    assert len(kept) == len(lines) - 1
    path.write_text("\n".join(kept), encoding="utf-8")


@pytest.mark.parametrize(
    "args",
    [
        ("build", "--strict", "--no-search"),
        ("check", "--strict", ARTICLE),
        ("report", "--strict", "--today", "2026-12-01"),
    ],
    ids=lambda a: a[0],
)
def test_strict_turns_warnings_into_configuration_errors(
    sample_site: Path, args: tuple[str, ...]
) -> None:
    without_conac(sample_site)
    done = govsite(sample_site, *args)
    assert done.returncode == 2, done.stderr
    assert "网站.党政机关标识" in done.stderr and "--strict" in done.stderr
    assert not (sample_site / "output").exists()  # stopped before building anything


def test_warnings_are_printed_and_the_command_goes_on(sample_site: Path) -> None:
    without_conac(sample_site)
    done = govsite(sample_site, "check", "--format", "json", ARTICLE)
    assert done.returncode == 0, done.stderr
    assert "警告：site.yml" in done.stderr and "网站.党政机关标识" in done.stderr
    assert done.stdout.lstrip().startswith(("[", "{"))  # stdout stays JSON


def test_no_warning_no_noise(sample_site: Path) -> None:
    done = govsite(sample_site, "check", "--strict", ARTICLE)
    assert done.returncode == 0, done.stderr
    assert "警告：site.yml" not in done.stderr
