"""Word-list rules (QA-01/02): format.typo (易错词) and format.name (姓名、职务、机构名称).

A name written one character off is a 严重表述错误 (veto item), so it is an
error. Short personal names are checked only next to one of their titles or
“同志”, which keeps 接近平均-style words from being reported.
"""

from __future__ import annotations

import re
from functools import cache

from govsite.checks.base import Finding, TextDoc
from govsite.checks.wordlists import NameEntry, Wordlists

_HAN = "[\u4e00-\u9fff]"
LONG_NAME = 5  # names this long are checked anywhere


def typos(doc: TextDoc, lists: Wordlists) -> list[Finding]:
    if lists.typo_re is None:
        return []
    out = []
    for m in lists.typo_re.finditer(doc.norm):
        right = lists.typos[m.group()]
        out.append(doc.finding("format.typo", m.start(), f"易错词“{m.group()}”应为“{right}”",
                               f"改为“{right}”"))
    return out


@cache
def _near_pattern(name: str) -> re.Pattern[str]:
    variants = [re.escape(name[:i]) + _HAN + re.escape(name[i + 1:]) for i in range(len(name))]
    return re.compile("|".join(variants))


def _context_ok(doc: TextDoc, m: re.Match[str], entry: NameEntry) -> bool:
    if len(entry.name) >= LONG_NAME:
        return True
    after = doc.norm[m.end():m.end() + 2]
    if after == "同志":
        return True
    line = doc.line_at(m.start())
    return any(title in line for title in entry.titles)


def _excepted(doc: TextDoc, m: re.Match[str], exceptions: frozenset[str]) -> bool:
    for word in exceptions:
        lo = max(0, m.start() - len(word))
        for e in re.finditer(re.escape(word), doc.norm[lo:m.end() + len(word)]):
            if lo + e.start() < m.end() and lo + e.end() > m.start():
                return True
    return False


def names(doc: TextDoc, lists: Wordlists) -> list[Finding]:
    if not lists.names:
        return []
    chars = set(doc.norm)
    known = {e.name for e in lists.names}
    out = []
    for entry in lists.names:
        name = entry.name
        if len(name) < 3 or sum(ch in chars for ch in set(name)) < len(set(name)) - 1:
            continue
        for m in _near_pattern(name).finditer(doc.norm):
            found = m.group()
            if found == name or found in known or not _context_ok(doc, m, entry):
                continue
            if _excepted(doc, m, lists.name_exceptions):
                continue
            out.append(doc.finding(
                "format.name", m.start(), f"“{found}”疑为“{name}”之误（严重表述错误）",
                f"改为“{name}”；如确为另一名称，"
                "由平台单位加入 hooks/names.txt 的例外（以 ! 开头）"))
    return out
