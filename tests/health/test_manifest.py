"""Tamper evidence: the manifest finds changed, injected and missing files and injected spam."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from govsite.commands.verify import verify
from govsite.errors import ConfigError
from govsite.release import manifest

REPO = Path(__file__).resolve().parents[2]
PAGE = "<html><body><h1>示例县人民政府</h1><p>通知公告</p></body></html>\n"


@pytest.fixture
def deployed(tmp_path: Path) -> tuple[Path, Path]:
    site = tmp_path / "site"
    for rel, text in {
        "index.html": PAGE,
        "zfb/2026/a.html": PAGE,
        "theme/css/site.css": "body{color:#333}",
        "zfb/2026/a.pdf": "%PDF",
    }.items():
        (site / rel).parent.mkdir(parents=True, exist_ok=True)
        (site / rel).write_text(text, encoding="utf-8")
    kept = tmp_path / "manifest.json"
    kept.write_bytes(manifest.write(site).read_bytes())
    return site, kept


def test_write_lists_every_file_but_itself(deployed: tuple[Path, Path]) -> None:
    site, kept = deployed
    data = json.loads(kept.read_text(encoding="utf-8"))
    assert sorted(data["files"]) == [
        "index.html",
        "theme/css/site.css",
        "zfb/2026/a.html",
        "zfb/2026/a.pdf",
    ]
    assert len(data["files"]["index.html"]) == 64
    assert manifest.verify(manifest.load(kept), site).clean


def test_changed_added_missing(deployed: tuple[Path, Path]) -> None:
    site, kept = deployed
    (site / "zfb/2026/a.html").write_text(PAGE.replace("通知公告", "通知公吿"), encoding="utf-8")
    (site / "shell.php").write_text("<?php eval($_POST['x']); ?>", encoding="utf-8")
    (site / "zfb/2026/a.pdf").unlink()
    result = manifest.verify(manifest.load(kept), site)
    assert result.changed == ["zfb/2026/a.html"]
    assert result.added == ["shell.php"]
    assert result.missing == ["zfb/2026/a.pdf"]
    assert not result.prohibited


def test_injected_gambling_link_cli(deployed: tuple[Path, Path]) -> None:
    site, kept = deployed
    spam = PAGE.replace(
        "</body>",
        '<div style="display:none"><a href="http://x.example/">澳门新葡京娱乐城</a></div></body>',
    )
    (site / "index.html").write_text(spam, encoding="utf-8")
    result = CliRunner().invoke(verify, ["--manifest", str(kept), "--root", str(REPO), str(site)])
    assert result.exit_code == 1, result.output
    assert "被改动：index.html" in result.output
    assert "违禁内容：index.html:1:" in result.output
    assert "核对不通过：改动 1、新增 0、缺失 0" in result.output


def test_clean_cli(deployed: tuple[Path, Path]) -> None:
    site, kept = deployed
    result = CliRunner().invoke(verify, ["--manifest", str(kept), "--root", str(REPO), str(site)])
    assert result.exit_code == 0, result.output
    assert "核对通过" in result.output


def test_bad_manifest(tmp_path: Path) -> None:
    bad = tmp_path / "m.json"
    bad.write_text("[]", encoding="utf-8")
    with pytest.raises(ConfigError) as err:
        manifest.load(bad)
    assert "不是 govsite 的文件清单" in err.value.render()


def test_verify_over_http(deployed: tuple[Path, Path]) -> None:
    """A base URL: served over a real local HTTP server (no outside network)."""
    import subprocess
    import time

    import httpx

    site, kept = deployed
    proc = subprocess.Popen(
        [
            sys.executable,
            "-u",
            "-m",
            "http.server",
            "0",
            "--bind",
            "127.0.0.1",
            "--directory",
            str(site),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        line = proc.stdout.readline()  # "Serving HTTP on 127.0.0.1 port N …"
        port = int(line.split("port ")[1].split()[0])
        base = f"http://127.0.0.1:{port}"
        for _ in range(50):
            try:
                httpx.get(base + "/index.html", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        assert manifest.verify(manifest.load(kept), base).clean
        (site / "theme/css/site.css").write_text("body{color:red}", encoding="utf-8")
        result = manifest.verify(manifest.load(kept), base)
        assert result.changed == ["theme/css/site.css"]
    finally:
        proc.terminate()
        proc.wait(timeout=5)
