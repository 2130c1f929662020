"""What every attachment reader shares: the failure that blocks (``Unreadable``), the
extract a reader returns, and the work budget of one check (limits, OCR pages used).

Readers take bytes, never a path to open, and raise ``Unreadable`` for anything they
cannot read: govsite fails closed, so an unread attachment is an error, never a pass.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from govsite.checks.base import Finding, Segment
from govsite.config import limits as limits_mod
from govsite.config.limits import Limits

# What to tell the editor, by cause (the wording: 另存为, 去掉密码, 拆分文件).
FIX_SAVE_AS = "用原程序打开后另存为 .docx、.xlsx 或带文字层的 .pdf，再上传"
FIX_PASSWORD = "去掉打开密码（另存时不设密码）后再上传"
FIX_SPLIT = "拆分成几个较小的文件后再上传"
FIX_ALLOW = (
    "；确需原样发布的，经保密审查后由平台单位按检查结果中的哈希加入 hooks/allowlist.yml 并写明理由"
)


class Unreadable(Exception):
    """The attachment (or a part of it) cannot be read: an error that blocks.

    ``rule`` is attach.unreadable (damaged, encrypted, over a limit) or attach.unread
    (a type or a reader govsite does not have)."""

    def __init__(
        self, reason: str, fix: str = FIX_SAVE_AS, *, rule: str = "attach.unreadable"
    ) -> None:
        super().__init__(reason)
        self.reason, self.fix, self.rule = reason, fix, rule


def over_limit(attribute: str, actual: int | str, limit: int | str) -> Unreadable:
    key = limits_mod.key_of(attribute)
    return Unreadable(
        f"超过 hooks/limits.yml 的“{key}”（{actual}；上限 {limit}）",
        f"{FIX_SPLIT}；确实需要时请平台单位调大 hooks/limits.yml 中的“{key}”",
    )


def mb(n: int) -> str:
    return f"{n / limits_mod.MB:,.0f} MB" if n >= limits_mod.MB else f"{n:,} 字节"


def encrypted(what: str = "文件") -> Unreadable:
    return Unreadable(f"{what}设有打开密码，无法检查其中的内容", FIX_PASSWORD)


def damaged(detail: str) -> Unreadable:
    detail = " ".join(str(detail).split())[:200] or "未知错误"
    return Unreadable(
        f"文件已损坏或与扩展名不符（{detail}）", "确认文件能用原程序正常打开，" + FIX_SAVE_AS
    )


def unreadable_finding(path: str, location: str | None, exc: Unreadable, data: bytes) -> Finding:
    # value: the file's sha256, so that hooks/allowlist.yml can allow this one file
    # (none for what has no content of its own: a FIFO, a device, an empty file).
    return Finding(
        exc.rule,
        path,
        1,
        1,
        f"无法读取：{exc.reason}",
        exc.fix + (FIX_ALLOW if data else ""),
        severity="error",
        location=location,
        value=hashlib.sha256(data).hexdigest() if data else None,
    )


@dataclass
class Extract:
    """What a reader found: text to scan, and findings of its own (hidden content)."""

    segments: list[Segment] = field(default_factory=list)
    findings: list[Finding] = field(default_factory=list)


@dataclass
class Budget:
    """Limits of one top-level attachment, with what its members have used so far."""

    limits: Limits
    ocr_pages: int = 0
    unpacked: int = 0

    def take_ocr_page(self) -> None:
        self.ocr_pages += 1
        if self.ocr_pages > self.limits.ocr_pages:
            raise over_limit("ocr_pages", f"超过 {self.limits.ocr_pages} 页", self.limits.ocr_pages)

    def take_unpacked(self, size: int) -> None:
        self.unpacked += size
        if self.unpacked > self.limits.unpacked_bytes:
            raise over_limit(
                "unpacked_bytes", f"解压后至少 {mb(self.unpacked)}", mb(self.limits.unpacked_bytes)
            )


def hidden(path: str, location: str, message: str, fix: str) -> Finding:
    return Finding("attach.hidden-content", path, 1, 1, message, fix, location=location)


def suffix_of(name: str) -> str:
    base = name.rsplit("/", 1)[-1]
    return base[base.rfind(".") :].lower() if "." in base else ""
