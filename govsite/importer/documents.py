"""Read one 公文 file of any supported format into blocks (the I/O side of the importer)."""

from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

from govsite.adapters import libreoffice
from govsite.config.limits import Limits
from govsite.errors import Problem
from govsite.importer import docx_reader, ofd_reader, pdf_reader
from govsite.importer.blocks import Source

FORMATS = (".docx", ".doc", ".wps", ".pdf", ".ofd")


# How the person importing fixes a failed LibreOffice conversion, by its cause.
CONVERSION_FIX = {
    libreoffice.MISSING: f"在 WPS/Word 中另存为 .docx 后再导入；或{libreoffice.INSTALL}",
    libreoffice.ENCRYPTED: "在 WPS/Word 中去掉打开密码，另存为 .docx 再导入",
    libreoffice.TIMEOUT: "在 WPS/Word 中打开后另存为 .docx 再导入",
    libreoffice.FAILED: "文件可能已损坏或加密：在 WPS/Word 中打开后另存为 .docx 再导入",
}


class ReadError(Exception):
    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.render())
        self.problem = problem


def _fail(path: Path, message: str, fix: str) -> ReadError:
    return ReadError(Problem(message, path=str(path), fix=fix))


def read(path: Path, limits: Limits) -> Source:
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise _fail(
            path,
            f"不支持导入 {suffix or '无扩展名'} 文件",
            f"支持 {'、'.join(FORMATS)}；其他格式请在 WPS/Word 中另存为 .docx",
        )
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise _fail(path, f"无法读取文件（{exc.strerror}）", "检查文件路径和权限") from None
    if not path.is_file():
        raise _fail(path, "不是普通文件", "指定 .docx/.doc/.wps/.pdf/.ofd 文件")
    if size > limits.file_bytes:
        raise _fail(path, "文件超过大小上限", "已超过 hooks/limits.yml 的 单个文件大小上限MB")
    try:
        if suffix == ".docx":
            return _docx(path, limits)
        if suffix in (".doc", ".wps"):
            docx = libreoffice.convert(path.read_bytes(), suffix, "docx", limits.convert_seconds)
            with tempfile.TemporaryDirectory(prefix="govsite-import-") as tmp:
                converted = Path(tmp) / f"{path.stem}.docx"
                converted.write_bytes(docx)
                return _docx(converted, limits, shown=path)
        if suffix == ".pdf":
            source = pdf_reader.read(str(path), limits.pages)
            if not any(b.clean for b in source.blocks):
                raise _fail(
                    path,
                    "PDF 没有文字层（可能是扫描件）",
                    "请用原始的 .docx/.wps 或公文系统导出的 OFD 导入",
                )
            return source
        return ofd_reader.read(str(path), limits)
    except libreoffice.ConversionError as exc:
        raise _fail(path, exc.message, CONVERSION_FIX[exc.cause]) from None
    except ofd_reader.OfdError as exc:
        raise _fail(path, str(exc), "用公文系统重新导出 OFD，或改用 .docx 导入") from None
    except ReadError:
        raise
    except Exception as exc:  # pypdf and python-docx raise many types for broken files
        raise _fail(
            path,
            f"无法读取文件（{type(exc).__name__}）",
            "文件可能已损坏或加密：请在 WPS/Word 中打开后另存再导入",
        ) from None


def _docx(path: Path, limits: Limits, shown: Path | None = None) -> Source:
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile:
        raise _fail(
            shown or path, "不是有效的 .docx 文件", "在 WPS/Word 中打开后另存为 .docx 再导入"
        ) from None
    if (
        len(infos) > limits.archive_members
        or sum(i.file_size for i in infos) > limits.unpacked_bytes
    ):
        raise _fail(
            shown or path,
            "文件解压后超过大小上限",
            "已超过 hooks/limits.yml 的 解压后大小上限MB 或 压缩包成员数上限",
        )
    return docx_reader.read(str(path))
