"""The one adapter over LibreOffice headless: legacy, ODF and WPS files in, OOXML out.

Word 97 (.doc), RTF, ODF and the WPS Office formats have no kept pure-Python reader
that sees headers, comments and tracked changes; LibreOffice opens them all and
writes .docx/.xlsx/.pptx, which the OOXML readers then check (govsite.checks.attachments)
or import (govsite.importer). Each run has a time limit (hooks/limits.yml:
格式转换超时秒) and is killed with its whole process group past it; the user profile
is private to this process, so parallel runs and a desktop LibreOffice never share one.
Failures are a ConversionError in Chinese; each caller words the fix for its users.
"""

from __future__ import annotations

import atexit
import io
import os
import shutil
import signal
import subprocess
import tempfile
from functools import cache
from pathlib import Path

INSTALL = (
    "在本机安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer "
    "libreoffice-calc libreoffice-impress；本仓库：make system-deps）"
)
# WPS Office saves .wps/.et/.dps in the binary formats of Word/Excel/PowerPoint 97;
# named so, LibreOffice picks the right import filter.
AS_NAME = {".wps": ".doc", ".et": ".xls", ".dps": ".ppt"}

# Why a conversion failed (ConversionError.cause), so each caller can say how to fix it.
MISSING = "missing"  # no LibreOffice on this machine
ENCRYPTED = "encrypted"  # a password-protected Office 97 file
TIMEOUT = "timeout"  # past 格式转换超时秒
FAILED = "failed"  # LibreOffice could not open it (damaged, or not what its suffix says)


class ConversionError(Exception):
    """A conversion that did not produce a file: what happened, in Chinese, and why."""

    def __init__(self, cause: str, message: str) -> None:
        super().__init__(message)
        self.cause, self.message = cause, message


@cache
def soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        if found := shutil.which(name):
            return found
    return None


@cache
def _profile() -> Path:
    path = Path(tempfile.mkdtemp(prefix="govsite-lo-profile-"))
    atexit.register(shutil.rmtree, path, True)
    return path


def _refuse_encrypted(data: bytes) -> None:
    """A password-protected Office 97 file would make LibreOffice ask for the password."""
    if not data.startswith(b"\xd0\xcf\x11\xe0"):
        return
    import msoffcrypto

    try:
        is_encrypted = msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted()
    except Exception:  # not a format msoffcrypto knows: let LibreOffice decide
        return
    if is_encrypted:
        raise ConversionError(ENCRYPTED, "文件设有打开密码")


def convert(data: bytes, suffix: str, target: str, timeout: int) -> bytes:
    """``data`` (a file of type ``suffix``) converted to ``target`` ("docx", "xlsx", "pptx")."""
    program = soffice()
    kind = suffix.lstrip(".")
    if program is None:
        raise ConversionError(MISSING, f"读取 .{kind} 文件需要 LibreOffice，本机没有安装")
    _refuse_encrypted(data)
    with tempfile.TemporaryDirectory(prefix="govsite-convert-") as tmp:
        source = Path(tmp) / f"in{AS_NAME.get(suffix, suffix)}"
        source.write_bytes(data)
        outdir = Path(tmp) / "out"
        cmd = [
            program,
            "--headless",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation={_profile().as_uri()}",
            "--convert-to",
            target,
            "--outdir",
            str(outdir),
            str(source),
        ]
        proc = subprocess.Popen(
            cmd,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            cwd=tmp,
            env={**os.environ, "HOME": tmp},
        )
        try:
            output, _ = proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise ConversionError(
                TIMEOUT,
                f"LibreOffice 转换 .{kind} 超过 {timeout} 秒仍未完成"
                "（hooks/limits.yml：格式转换超时秒）",
            ) from None
        result = outdir / f"in.{target}"
        if proc.returncode != 0 or not result.is_file():
            said = output.decode("utf-8", "replace").strip().splitlines()[-1:] or ["无输出"]
            raise ConversionError(
                FAILED,
                f"LibreOffice 无法打开该 .{kind} 文件（可能已损坏或设有密码：{said[0][:160]}）",
            )
        return result.read_bytes()
