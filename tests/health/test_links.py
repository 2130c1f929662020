"""Links in the built output: broken internal links and attachments, external links listed."""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import httpx

from govsite.health import links

PAGE = """<!DOCTYPE html><html><head>
<link rel="stylesheet" href="/theme/css/site.css">
<link rel="canonical" href="https://www.shixian.gov.cn/zfb/a.html">
</head><body>
<a href="/index.html">首页</a>
<a href="b.html#top">同目录</a>
<a href="../columns/tzgg/">栏目</a>
<a href="/zfb/%E9%99%84%E4%BB%B6.pdf">附件</a>
<a href="/zfb/missing.pdf">缺失的附件</a>
<a href="/gone.html">失效链接</a>
<a href="https://www.shixian.gov.cn/zfb/b.html">本站绝对地址</a>
<a href="https://www.shixian.gov.cn/nothing.html">本站绝对地址（失效）</a>
<a href="https://www.gov.cn/">中国政府网</a>
<a href="mailto:a@shixian.gov.cn">邮件</a><a href="#main">跳转</a>
<img src="../../outside.png">
</body></html>
"""


def make_output(tmp_path: Path) -> Path:
    out = tmp_path / "output"
    files = {
        "index.html": "<html></html>",
        "zfb/a.html": PAGE,
        "zfb/b.html": "<html></html>",
        "columns/tzgg/index.html": "<html></html>",
        "zfb/附件.pdf": "%PDF",
        "theme/css/site.css": "",
        "pagefind/x.html": '<a href="/nope.html">x</a>',
    }
    for rel, text in files.items():
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        (out / rel).write_text(text, encoding="utf-8")
    return out


def test_broken_and_external(tmp_path: Path) -> None:
    report = links.check_output(make_output(tmp_path), "https://www.shixian.gov.cn")
    assert sorted((f.path, f.line, f.message) for f in report.broken) == [
        ("zfb/a.html", 9, "附件“/zfb/missing.pdf”指向的文件不存在"),
        ("zfb/a.html", 10, "链接“/gone.html”指向的文件不存在"),
        ("zfb/a.html", 12, "链接“https://www.shixian.gov.cn/nothing.html”指向的文件不存在"),
        ("zfb/a.html", 15, "附件“../../outside.png”指向的文件不存在"),
    ]
    assert all(f.level == "veto" and f.rule == "MON-09" for f in report.broken)
    assert report.external == {"https://www.gov.cn/": ["zfb/a.html"]}
    assert report.pages == 4  # pagefind/ is the search index, not pages


def test_check_external_on_local_server(tmp_path: Path) -> None:
    (tmp_path / "ok.html").write_text("ok", encoding="utf-8")
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
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert proc.stdout is not None
        port = int(proc.stdout.readline().split("port ")[1].split()[0])
        base = f"http://127.0.0.1:{port}"
        for _ in range(50):
            try:
                httpx.get(base + "/ok.html", timeout=1)
                break
            except httpx.HTTPError:
                time.sleep(0.1)
        found = links.check_external(
            {f"{base}/ok.html": ["a.html"], f"{base}/missing.html": ["b.html", "c.html"]}
        )
        assert [(f.path, f.level) for f in found] == [("b.html", "warn")]
        assert found[0].message == f"外部链接“{base}/missing.html”无法访问（HTTP 404）"
    finally:
        proc.terminate()
        proc.wait(timeout=5)
