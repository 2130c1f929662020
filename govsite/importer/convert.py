"""LibreOffice (soffice --headless) turns .doc and .wps into .docx.

A thin adapter of this package's own; the attachments work has another one on its
branch, to be unified by the lead. Each run gets a private profile directory so
concurrent runs (tests, two editors on one machine) do not share LibreOffice's lock.
"""

from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

TIMEOUT = 120  # seconds: a 公文 converts in a few; a hung soffice must not hang govsite


class ConvertError(RuntimeError):
    """Conversion failed: what happened and how to fix it, in Chinese."""

    def __init__(self, message: str, fix: str) -> None:
        super().__init__(message)
        self.message, self.fix = message, fix


def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        raise ConvertError(
            "没有找到 LibreOffice（soffice），无法转换 .doc/.wps",
            "安装 libreoffice-writer（make system-deps），或在 WPS/Word 中另存为 .docx",
        )
    return found


def convert(src: Path, fmt: str, workdir: Path) -> Path:
    """``src`` converted to ``fmt`` (docx, pdf, doc) inside ``workdir``; returns the file."""
    exe = soffice()
    with tempfile.TemporaryDirectory(prefix="govsite-soffice-") as profile:
        cmd = [
            exe,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--norestore",
            "--convert-to",
            fmt,
            "--outdir",
            str(workdir),
            str(src),
        ]
        try:
            done = subprocess.run(
                cmd,
                capture_output=True,
                text=True,
                timeout=TIMEOUT,
                check=False,
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:
            raise ConvertError(
                f"LibreOffice 转换 {src.name} 超过 {TIMEOUT} 秒未完成",
                "在 WPS/Word 中打开后另存为 .docx 再导入",
            ) from None
    out = workdir / f"{src.stem}.{fmt.split(':')[0]}"
    if done.returncode != 0 or not out.is_file():
        raise ConvertError(
            f"LibreOffice 无法转换 {src.name}（{done.stderr.strip()[:200]}）",
            "文件可能已损坏或加密：在 WPS/Word 中打开后另存为 .docx 再导入",
        )
    return out
