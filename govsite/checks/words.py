"""Word-list rules (QA-01/02): format.typo (易错词) and format.name (姓名、职务、机构名称).

A name written one character off is a 严重表述错误 (veto item), so it is an
error. Short personal names are checked only next to one of their titles or
“同志”, which keeps 接近平均-style words from being reported.
"""

from __future__ import annotations

import re

from govsite.checks.base import Finding, TextDoc
from govsite.checks.wordlists import NameEntry, Wordlists

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


def _near_misses(text: str, name: str) -> list[tuple[int, str]]:
    """Windows of ``text`` that differ from ``name`` in exactly one Chinese character.

    A window with one substitution keeps the first or the second half of the name
    intact, so only the places where a half occurs are compared: ``str.find`` is far
    cheaper than a regex with a wildcard in every position.
    """
    size, half = len(name), len(name) // 2
    starts: set[int] = set()
    for part, offset in ((name[:half], 0), (name[half:], half)):
        pos = text.find(part)
        while pos != -1:
            if pos - offset >= 0:
                starts.add(pos - offset)
            pos = text.find(part, pos + 1)
    out = []
    for s in sorted(starts):
        window = text[s:s + size]
        if len(window) != size or window == name:
            continue
        diff = [i for i in range(size) if window[i] != name[i]]
        if len(diff) == 1 and "\u4e00" <= window[diff[0]] <= "\u9fff":
            out.append((s, window))
    return out


def _context_ok(doc: TextDoc, start: int, entry: NameEntry) -> bool:
    if len(entry.name) >= LONG_NAME:
        return True
    end = start + len(entry.name)
    after = doc.norm[end:end + 2]
    if after == "同志":
        return True
    line = doc.line_at(start)
    return any(title in line for title in entry.titles)


def _excepted(doc: TextDoc, start: int, end: int, exceptions: frozenset[str]) -> bool:
    for word in exceptions:
        lo = max(0, start - len(word))
        for e in re.finditer(re.escape(word), doc.norm[lo:end + len(word)]):
            if lo + e.start() < end and lo + e.end() > start:
                return True
    return False


def names(doc: TextDoc, lists: Wordlists) -> list[Finding]:
    if not lists.names:
        return []
    known = {e.name for e in lists.names}
    out = []
    for entry in lists.names:
        name = entry.name
        if len(name) < 3:
            continue
        if len(name) < LONG_NAME and "同志" not in doc.norm and not any(
                title in doc.norm for title in entry.titles):
            continue  # a short name needs its title or 同志 nearby: none in the whole text
        for pos, found in _near_misses(doc.norm, name):
            if found in known or not _context_ok(doc, pos, entry):
                continue
            if _excepted(doc, pos, pos + len(name), lists.name_exceptions):
                continue
            out.append(doc.finding(
                "format.name", pos, f"“{found}”疑为“{name}”之误（严重表述错误）",
                f"改为“{name}”；如确为另一名称，"
                "由平台单位加入 hooks/names.txt 的例外（以 ! 开头）"))
    return out
