"""Findings, rule registry and the text document every rule scans.

Findings are data: a rule returns ``list[Finding]``; ``render`` prints them.
The rule ids are stable (configuration, suppressions and hooks/allowlist.yml use them).
"""

from __future__ import annotations

import bisect
import hashlib
import re
from dataclasses import dataclass, field, replace
from itertools import accumulate

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Rule:
    id: str
    severity: str
    title: str  # Chinese, one line: what the rule finds


RULES: dict[str, Rule] = {
    r.id: r
    for r in (
        Rule("pii.id-card", ERROR, "未脱敏的居民身份证号"),
        Rule("pii.mobile", ERROR, "未脱敏的手机号"),
        Rule("pii.landline", ERROR, "个人住宅（家庭）电话"),
        Rule("pii.bank-card", ERROR, "个人银行卡号"),
        Rule("pii.email", ERROR, "个人电子邮箱"),
        Rule("pii.address", ERROR, "个人详细住址（门牌号级）"),
        Rule("pii.passport", ERROR, "护照、通行证、军官证等证件号码"),
        Rule("secret.classified-marking", ERROR, "密级标志或内部资料标志"),
        Rule("secret.not-for-publication", ERROR, "标明不予公开的信息"),
        Rule("secret.draft", WARNING, "讨论稿、送审稿等过程稿"),
        Rule("ad.commercial-link", ERROR, "指向非政府网站的链接"),
        Rule("ad.prohibited-content", ERROR, "赌博、色情、垃圾广告内容或被注入的隐藏代码"),
        Rule("format.front-matter", ERROR, "元数据（front matter）不合规"),
        Rule("format.index-no", ERROR, "索引号格式、校验位、前缀或唯一性错误"),
        Rule("format.doc-no", ERROR, "发文字号格式错误"),
        Rule("format.punctuation", ERROR, "标点符号用法错误（GB/T 15834）"),
        Rule("format.numbering", ERROR, "标题序号不连续或层级混用"),
        Rule("format.typo", ERROR, "易错词"),
        Rule("format.name", ERROR, "领导人姓名、职务或机构名称写错（严重表述错误）"),
        Rule("format.sensitive", WARNING, "敏感或不规范的表述"),
        Rule("format.raw-html", ERROR, "Markdown 中的原始 HTML"),
        Rule("format.unsafe-link", ERROR, "可执行脚本的链接（javascript:、data: 等）"),
        Rule("format.attr-list", ERROR, "属性列表（{: …}）中不允许的属性"),
        Rule("format.file-type", ERROR, "符号链接、设备文件、命名管道等非普通文件"),
        Rule("format.image-alt", WARNING, "图片缺少替代文字"),
        Rule("format.sign-off-date", WARNING, "成文日期写法不规范"),
        Rule("attach.hidden-content", ERROR, "附件中的隐藏内容（隐藏工作表/行/列、批注、修订）"),
        Rule("attach.unread", ERROR, "不能读取的附件类型，或缺少读取程序（LibreOffice、OCR）"),
        Rule("attach.unreadable", ERROR, "附件已损坏、设有密码或超过处理上限，无法读取"),
        Rule("suppress.invalid", ERROR, "豁免注释写法错误（缺少规则或理由）"),
    )
}


@dataclass(frozen=True)
class Finding:
    rule: str
    path: str
    line: int
    column: int
    message: str
    fix: str = ""
    severity: str = ""  # "" -> the rule's default
    location: str | None = None  # inside an attachment: "Sheet1!C7", "page 3"
    key: str | None = None  # front-matter key
    value: str | None = None  # the matched value, only hashed for the allowlist; never printed

    def __post_init__(self) -> None:
        if not self.severity:
            object.__setattr__(self, "severity", RULES[self.rule].severity)

    @property
    def where(self) -> str:
        if not self.location:
            return self.path
        # 照片.jpg（图像识别）第2行: a bracketed label reads on from the name.
        return self.path + ("" if self.location.startswith("（") else ":") + self.location

    @property
    def fingerprint(self) -> str | None:
        """sha256 of the normalised value: the key of hooks/allowlist.yml entries."""
        return value_hash(self.rule, self.value) if self.value else None

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def normalise_value(rule: str, value: str) -> str:
    if rule in ("pii.id-card", "pii.mobile", "pii.landline", "pii.bank-card"):
        return re.sub(r"[^0-9Xx]", "", value).upper()
    return re.sub(r"\s+", "", value).lower()


def value_hash(rule: str, value: str) -> str:
    return hashlib.sha256(normalise_value(rule, value).encode("utf-8")).hexdigest()


def mask(value: str) -> str:
    """Show a value in a message without repeating the personal data in CI logs."""
    value = value.strip()
    if len(value) <= 6:
        return value[:1] + "*" * (len(value) - 1)
    keep = 4 if len(value) >= 12 else 3
    return value[:keep] + "*" * (len(value) - 2 * keep) + value[-keep:]


# Full-width ASCII variants and the ideographic space map one-to-one onto ASCII
# (this is what NFKC does to them); a length-preserving translation keeps
# columns right, which full NFKC (e.g. "①" -> "1") would not.
_WIDTH = {cp: cp - 0xFEE0 for cp in range(0xFF01, 0xFF5F)}
_WIDTH[0x3000] = 0x20
_WIDTH[0x00A0] = 0x20


_WIDE = re.compile("[\uff01-\uff5e\u3000\u00a0]")
_NARROW = {chr(k): chr(v) for k, v in _WIDTH.items()}


def normalise(text: str) -> str:
    # re.sub over the few wide characters is several times faster than str.translate.
    return _WIDE.sub(lambda m: _NARROW[m.group()], text)


@dataclass
class TextDoc:
    """A text with line starts, scanned as a whole: one regex pass per rule, not per line."""

    path: str
    text: str
    first_line: int = 1  # number of the text's first line in the file
    location: str | None = None
    context: str = ""  # words that describe the whole text: a column header, a property name
    # For attachments joined into one text: per line, where it stands and what describes it.
    locations: list[str] | None = None
    line_numbers: list[int] | None = None
    contexts: list[str] | None = None
    # For attachments: per line, the table row it belongs to ("Sheet1!7", "表格1第2行"), or None.
    rows: list[str | None] | None = None
    norm: str = ""
    starts: list[int] = field(default_factory=list)
    _row_lines: dict[str, list[int]] | None = field(default=None, repr=False)

    def __post_init__(self) -> None:
        self.norm = normalise(self.text)
        self.starts = [0, *accumulate(len(line) + 1 for line in self.text.split("\n")[:-1])]

    def line_index(self, pos: int) -> int:
        return bisect.bisect_right(self.starts, pos) - 1

    def line_span(self, index: int) -> tuple[int, int]:
        start = self.starts[index]
        end = self.starts[index + 1] - 1 if index + 1 < len(self.starts) else len(self.text)
        return start, end

    def line_at(self, pos: int) -> str:
        """The normalised line holding ``pos``."""
        start, end = self.line_span(self.line_index(pos))
        return self.norm[start:end]

    def lines_before(self, pos: int, count: int) -> str:
        index = self.line_index(pos)
        start = self.starts[max(0, index - count)]
        return self.norm[start : self.starts[index]]

    def header_of(self, pos: int) -> str:
        """The header cell above ``pos`` when it stands in a Markdown table, else ""."""
        index = self.line_index(pos)
        if self.contexts is not None:
            return self.contexts[index]
        start, _ = self.line_span(index)
        line = self.norm[start : self.line_span(index)[1]]
        if not line.lstrip().startswith("|"):
            return self.context
        cell = self.norm.count("|", start, pos) - 1
        first = index
        while first > 0:
            s, e = self.line_span(first - 1)
            if not self.norm[s:e].lstrip().startswith("|"):
                break
            first -= 1
        s, e = self.line_span(first)
        cells = self.norm[s:e].strip().strip("|").split("|")
        if first == index or not 0 <= cell < len(cells):
            return self.context
        return cells[cell].strip() + self.context

    def _table_lines(self, index: int) -> tuple[int, int] | None:
        """First and last line of the Markdown table holding line ``index``, or None."""

        def is_row(i: int) -> bool:
            s, e = self.line_span(i)
            return self.norm[s:e].lstrip().startswith("|")

        if not is_row(index):
            return None
        first = last = index
        while first > 0 and is_row(first - 1):
            first -= 1
        while last + 1 < len(self.starts) and is_row(last + 1):
            last += 1
        return first, last

    def row_of(self, pos: int) -> str | None:
        """Every cell of the table row holding ``pos`` (a Markdown table row, or a row of a
        worksheet or docx table), or None outside tables: one row is one record."""
        index = self.line_index(pos)
        if self.rows is not None:
            key = self.rows[index]
            if key is None:
                return None
            if self._row_lines is None:
                self._row_lines = {}
                for i, k in enumerate(self.rows):
                    if k is not None:
                        self._row_lines.setdefault(k, []).append(i)
            return " | ".join(self.norm[slice(*self.line_span(i))] for i in self._row_lines[key])
        if self._table_lines(index) is None:
            return None
        return self.norm[slice(*self.line_span(index))]

    def table_head(self, pos: int) -> str:
        """The header row of the table holding ``pos`` ("" outside tables)."""
        index = self.line_index(pos)
        if self.rows is not None:
            key = self.rows[index]
            if key is None:
                return ""
            table = key.rsplit("!", 1)[0] + "!" if "!" in key else key.split("第", 1)[0]
            self.row_of(pos)
            assert self._row_lines is not None
            head = next((k for k in self._row_lines if k.startswith(table)), key)
            return " | ".join(self.norm[slice(*self.line_span(i))] for i in self._row_lines[head])
        lines = self._table_lines(index)
        return self.norm[slice(*self.line_span(lines[0]))] if lines else ""

    def context_at(self, pos: int, before: int = 0) -> str:
        """Words that say what the value at ``pos`` is: its line, header cell, lines above."""
        text = self.line_at(pos) + self.header_of(pos)
        return self.lines_before(pos, before) + text if before else text

    def finding(
        self,
        rule: str,
        pos: int,
        message: str,
        fix: str = "",
        *,
        severity: str = "",
        value: str | None = None,
    ) -> Finding:
        index = self.line_index(pos)
        line, location = index + self.first_line, self.location
        if self.locations is not None and self.line_numbers is not None:
            line, location = self.line_numbers[index], self.locations[index]
        return Finding(
            rule=rule,
            path=self.path,
            line=line,
            column=pos - self.starts[index] + 1,
            message=message,
            fix=fix,
            severity=severity,
            location=location,
            value=value,
        )


# Their entries carry their own tier (hooks/ lists, resolved against levels.yml at load).
LIST_RULES = frozenset({"format.typo", "format.sensitive", "format.name", "ad.prohibited-content"})


def with_levels(findings: list[Finding], levels: dict[str, str]) -> list[Finding]:
    """Apply the platform's per-rule tiers (hooks/levels.yml) to findings at their default."""
    if not levels:
        return findings
    return [
        replace(f, severity=levels[f.rule])
        if f.rule in levels and f.rule not in LIST_RULES and f.severity == RULES[f.rule].severity
        else f
        for f in findings
    ]


# Rules whose every finding on a line is its own mistake (each half-width mark is one).
PER_COLUMN = ("format.punctuation",)


def dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per (place, line, rule), in reading order; per column for PER_COLUMN."""
    seen: set[tuple[str, str | None, int, str, int]] = set()
    out = []
    for f in sorted(findings, key=lambda f: (f.path, f.location or "", f.line, f.column)):
        k = (f.path, f.location, f.line, f.rule, f.column if f.rule in PER_COLUMN else 0)
        if k not in seen:
            seen.add(k)
            out.append(f)
    return out


@dataclass(frozen=True)
class Segment:
    """A piece of attachment text: a cell, a paragraph, a page."""

    location: str
    text: str
    context: str = ""


def join_segments(path: str, segments: list[Segment]) -> TextDoc:
    """One TextDoc for many segments: the rules run once per attachment, not once per cell."""
    texts: list[str] = []
    locations: list[str] = []
    numbers: list[int] = []
    contexts: list[str] = []
    rows: list[str | None] = []
    for seg in segments:
        lines = seg.text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
        texts.extend(lines)
        locations.extend([seg.location] * len(lines))
        numbers.extend(range(1, len(lines) + 1))
        contexts.extend([seg.context] * len(lines))
        rows.extend([row_key(seg.location)] * len(lines))
    return TextDoc(
        path,
        "\n".join(texts),
        locations=locations,
        line_numbers=numbers,
        contexts=contexts,
        rows=rows,
    )


# Locations of table cells, as the attachment readers name them: Sheet1!C7, 表格1第2行第3列,
# 第2行第3列 (csv). The row is what the cell's neighbours are.
_CELL = re.compile(r"^(?P<sheet>.*!)[A-Z]{1,3}(?P<row>\d+)$|^(?P<table>.*第\d+行)第\d+列$")


def row_key(location: str) -> str | None:
    m = _CELL.match(location)
    if m is None:
        return None
    return m["sheet"] + m["row"] if m["sheet"] is not None else m["table"]
