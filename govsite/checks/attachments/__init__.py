"""保密审查 of attachments: every file an article publishes is read, or refused.

``check(data, display, rules, limits)`` reads one attachment (bytes: the working-tree
file or a staged blob), runs the content rules on its text and returns findings
located inside it (``名单.xls:Sheet1!C7``, ``公示.pdf:第3页（图像识别）``,
``材料.zip:附件/名单.xlsx:Sheet1!C4``, ``照片.jpg（图像识别）第2行``).

Fail closed: a type govsite cannot read, an encrypted or damaged file, a file over a
limit of hooks/limits.yml, a missing reader (LibreOffice, OCR), and any exception
inside a reader are errors (attach.unread / attach.unreadable) that block, with the
file's sha256 so the platform can allow one reviewed file in hooks/allowlist.yml.

Readers are imported when a file of their type is met: a pre-commit run over
Markdown pays for none of them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from govsite.checks.attachments.core import (
    Budget,
    Extract,
    Unreadable,
    damaged,
    encrypted,
    mb,
    over_limit,
    suffix_of,
    unreadable_finding,
)
from govsite.checks.base import Finding, Segment, TextDoc, join_segments
from govsite.config.limits import DEFAULT, Limits

Rules = Callable[[TextDoc], list[Finding]]

# .yml: 机构概况.yml and other data the site publishes as pages, checked as text.
TEXT_TYPES = (".csv", ".txt", ".yml", ".yaml")
XLSX = (".xlsx", ".xlsm")
IMAGES = (".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".gif", ".webp")
# suffix -> (LibreOffice target, reader of the target)
CONVERTED = {
    ".doc": "docx",
    ".rtf": "docx",
    ".wps": "docx",
    ".odt": "docx",
    ".ods": "xlsx",
    ".ppt": "pptx",
    ".dps": "pptx",
    ".odp": "pptx",
}
ARCHIVES = (".zip", ".7z", ".rar")
READ_TYPES = (
    *XLSX,
    ".docx",
    ".pptx",
    ".pdf",
    ".ofd",
    ".xls",
    ".et",
    *CONVERTED,
    *IMAGES,
    *ARCHIVES,
    *TEXT_TYPES,
)
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _unknown(suffix: str) -> Unreadable:
    what = f"{suffix} 类型" if suffix else "没有扩展名"
    return Unreadable(
        f"不能检查{what}的附件，未能审查其中的个人信息和密级标志",
        "另存为 .docx、.xlsx 或带文字层的 .pdf 后再上传（可检查的类型见 docs/保密审查与三校.md）",
        rule="attach.unread",
    )


def _ooxml_in_ole(data: bytes, suffix: str) -> None:
    """An encrypted .docx/.xlsx/.pptx is an OLE file holding the encrypted package."""
    if not data.startswith(OLE):
        return
    import io

    import olefile

    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            if ole.exists("EncryptedPackage"):
                raise encrypted()
    except Unreadable:
        raise
    except Exception:
        pass
    raise damaged(f"这是旧版 Office（97–2003）格式的文件，扩展名却是 {suffix}")


class _Checker:
    def __init__(self, display: str, rules: Rules, limits: Limits) -> None:
        self.display, self.rules = display, rules
        self.budget = Budget(limits)

    def check(self, name: str, data: bytes, depth: int) -> list[Finding]:
        """Findings of one file (the attachment or a member), located inside it."""
        try:
            return self._check(name, data, depth)
        except Unreadable as exc:
            return [unreadable_finding(self.display, None, exc, data)]
        except MemoryError:
            return [
                unreadable_finding(
                    self.display,
                    None,
                    Unreadable("读取时内存不足", "拆分成几个较小的文件后再上传"),
                    data,
                )
            ]
        except RecursionError:
            return [unreadable_finding(self.display, None, damaged("结构嵌套过深"), data)]
        except Exception as exc:  # a reader's bug or an input it did not expect: fail closed
            return [
                unreadable_finding(
                    self.display, None, damaged(f"{type(exc).__name__}: {exc}"), data
                )
            ]

    def _check(self, name: str, data: bytes, depth: int) -> list[Finding]:
        limits = self.budget.limits
        if len(data) > limits.file_bytes:
            raise over_limit("file_bytes", f"文件 {mb(len(data))}", mb(limits.file_bytes))
        suffix = suffix_of(name)
        if suffix in ARCHIVES:
            return self._archive(suffix, data, depth)
        if suffix in TEXT_TYPES:
            from govsite.checks.attachments import text as plain

            decoded = plain.decode(data)
            plain.check_lines(decoded, self.budget)
            if suffix == ".csv":
                return self.rules(
                    join_segments(self.display, plain.csv_cells(decoded, self.budget))
                )
            return self.rules(TextDoc(self.display, decoded))
        extract = self._read(suffix, data)
        return extract.findings + self.rules(join_segments(self.display, extract.segments))

    def _read(self, suffix: str, data: bytes) -> Extract:
        from govsite.checks.attachments import ooxml

        budget, path = self.budget, self.display
        if suffix in (*XLSX, ".docx", ".pptx"):
            _ooxml_in_ole(data, suffix)
        if suffix in XLSX:
            return ooxml.read_xlsx(path, data, budget)
        if suffix == ".docx":
            return ooxml.read_docx(path, data, budget)
        if suffix == ".pptx":
            return ooxml.read_pptx(path, data, budget)
        if suffix in (".xls", ".et"):
            from govsite.checks.attachments.xls import read_xls

            return read_xls(path, data, budget)
        if suffix in CONVERTED:
            target = CONVERTED[suffix]
            converted = _convert(data, suffix, target, budget.limits.convert_seconds)
            reader = {"docx": ooxml.read_docx, "xlsx": ooxml.read_xlsx, "pptx": ooxml.read_pptx}[
                target
            ]
            return reader(path, converted, budget)
        if suffix == ".pdf":
            from govsite.checks.attachments.pdf import read_pdf

            return read_pdf(path, data, budget)
        if suffix == ".ofd":
            from govsite.checks.attachments import ocr
            from govsite.checks.attachments.ofd import read_ofd

            def page(images: list[bytes], number: int) -> Segment:
                return ocr.ocr_images(images, budget, f"第{number}页{ocr.LABEL}")

            return read_ofd(path, data, budget, page)
        if suffix in IMAGES:
            from govsite.checks.attachments.ocr import read_image

            return Extract(read_image(data, budget))
        raise _unknown(suffix)

    def _archive(self, suffix: str, data: bytes, depth: int) -> list[Finding]:
        from govsite.checks.attachments import archive

        limits = self.budget.limits
        if depth >= limits.archive_depth:
            raise over_limit(
                "archive_depth",
                f"压缩包里的压缩包超过 {limits.archive_depth} 层",
                limits.archive_depth,
            )
        if suffix == ".rar":
            raise archive.rar_refused()
        members = (
            archive.zip_members(data, self.budget)
            if suffix == ".zip"
            else archive.sevenzip_members(data, self.budget)
        )
        out: list[Finding] = []
        for member, body in members:
            out += [_inside(f, member) for f in self.check(member, body, depth + 1)]
        return out


def _inside(f: Finding, member: str) -> Finding:
    """A member's finding, located in the archive: ``附件/名单.xlsx:Sheet1!C4``."""
    if not f.location:
        return replace(f, location=member)
    joiner = "" if f.location.startswith("（") else ":"
    return replace(f, location=f"{member}{joiner}{f.location}")


def check(data: bytes, display: str, rules: Rules, limits: Limits = DEFAULT) -> list[Finding]:
    """Every finding of one attachment; never raises for any input."""
    return _Checker(display, rules, limits).check(display, data, 0)


__all__ = [
    "READ_TYPES",
    "TEXT_TYPES",
    "Unreadable",
    "check",
    "mb",
    "over_limit",
    "unreadable_finding",
]


def _convert(data: bytes, suffix: str, target: str, timeout: int) -> bytes:
    """LibreOffice's conversion, its failures worded for the editor who uploads the file."""
    from govsite.adapters import libreoffice as lo

    try:
        return lo.convert(data, suffix, target, timeout)
    except lo.ConversionError as exc:
        if exc.cause == lo.ENCRYPTED:
            raise encrypted() from None
        if exc.cause == lo.MISSING:
            fix = f"另存为 .{target} 后再上传；或{lo.INSTALL}"
            raise Unreadable(exc.message, fix, rule="attach.unread") from None
        if exc.cause == lo.TIMEOUT:
            raise Unreadable(exc.message, f"另存为 .{target} 后再上传，或拆分文件") from None
        raise Unreadable(exc.message, f"用原程序打开，去掉密码后另存为 .{target}，再上传") from None
