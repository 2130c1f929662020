"""索引号: parse, validate and allocate (META-04/05).

There is no national format: the default is ``<credit code>/<YYYY>-<5 digits>``
and site.yml ``索引号.格式`` may set another pattern with the named groups ``org``,
``year`` and ``serial`` (e.g. the 9-character organisation code of older sites).
A pattern cannot be inverted, so new numbers are always written in the default
shape: a site whose pattern rejects it allocates by hand (there is no template key).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from govsite.model import credit_code

DEFAULT_PATTERN = r"^(?P<org>[0-9A-HJ-NPQRTUWXY]{18})/(?P<year>\d{4})-(?P<serial>\d{5})$"


@dataclass(frozen=True)
class IndexNumber:
    text: str
    org: str
    year: int
    serial: int


@dataclass(frozen=True)
class IndexNumberRule:
    """How a site writes its 索引号; from site.yml ``索引号``."""

    pattern: str = DEFAULT_PATTERN
    check_credit_code: bool = True  # only meaningful for 18-character org parts
    serial_width: int = 5

    @property
    def regex(self) -> re.Pattern[str]:
        return re.compile(self.pattern)

    def parse(self, text: str) -> IndexNumber | None:
        m = self.regex.match(text)
        if not m:
            return None
        groups = m.groupdict()
        try:
            year = int(groups.get("year") or 0)
            serial = int(groups.get("serial") or 0)
        except ValueError:
            return None
        return IndexNumber(text=text, org=groups.get("org") or "", year=year, serial=serial)

    def explain(self, text: str, unit_code: str | None) -> str | None:
        """Why ``text`` is not a valid 索引号 for a unit whose code is ``unit_code``."""
        parsed = self.parse(text)
        if parsed is None:
            if self.pattern == DEFAULT_PATTERN:
                return (
                    "索引号格式应为“统一社会信用代码/年份-5位序号”，"
                    "如 11152522MB1665215Y/2025-00002"
                )
            return f"索引号不符合本站规定的格式（site.yml 索引号.格式：{self.pattern}）"
        if self.check_credit_code and len(parsed.org) == 18:
            why = credit_code.explain(parsed.org)
            if why:
                return f"索引号前缀{why}"
        # Old sites' 索引号 start with the 9-character 组织机构代码, which the 18-character
        # 统一社会信用代码 holds at positions 9-17 (GB 32100-2015): that is the same unit.
        legacy = (
            len(parsed.org) == 9
            and len(unit_code or "") == 18
            and (unit_code or "")[8:17] == parsed.org
        )
        if unit_code and parsed.org != unit_code and not legacy:
            return (
                f"索引号前缀 {parsed.org} 与发布单位的统一社会信用代码 {unit_code} 不一致"
                "（reviewers.yml 中该单位的 credit_code）"
            )
        return None

    def format(self, org: str, year: int, serial: int) -> str:
        """Write a new 索引号 in the default shape, when the site's pattern accepts it.

        A custom pattern cannot be inverted in general, but one that also admits the
        default shape (a migrated site keeping its old numbers) can still allocate.
        """
        text = f"{org}/{year:04d}-{serial:0{self.serial_width}d}"
        if self.pattern != DEFAULT_PATTERN and self.parse(text) is None:
            raise ValueError("the site's 索引号 pattern does not admit the default shape")
        return text


def next_serial(existing: Iterable[IndexNumber], org: str, year: int) -> int:
    """The next free serial for ``org`` and ``year``: one past the highest ever used.

    Never reuse a gap: a deleted article's number stays retired (META-04 d).
    """
    used = [n.serial for n in existing if n.org == org and n.year == year]
    return max(used, default=0) + 1
