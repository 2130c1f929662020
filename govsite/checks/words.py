"""Word-list rules (QA-01/02): format.typo (易错词), format.name (姓名、职务、机构名称) and
format.sensitive (敏感词).

A name written one character off — substituted, inserted or deleted — is a
严重表述错误 (veto item), so it is an error. Long names (机构, 职务) are checked
anywhere; personal names only where the text speaks of that person: a title
right before or after, 同志, or 在……强调/指出 after; two-character names
only next to a title, with the surname kept. That keeps 学习平台 (习平),
练习水平 (习水平) and 李克强 (李强 plus one) from being reported.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from govsite.checks.base import WARNING, Finding, TextDoc
from govsite.checks.wordlists import NameEntry, Wordlists

LONG_NAME = 5  # names this long are checked anywhere
STALE_MONTHS = 6
# What follows a person's name when the text reports what the person did or said.
_PERSON_VERB = (
    r"(?P<verb>强调|指出|讲话|表示|主持|出席|要求|会见|致信|致电|签署|批示|指示|回信|视察|考察|调研"
    r"|宣布|作出|发表|提出)|(?P<work>论述|贺信|新时代中国特色社会主义思想)"
)
# Before a verb may stand 在……; before a work, 的 or 的重要 (习进平的重要论述).
_PERSON_AFTER = re.compile(
    r"(?:在[^。；，！？\n]{0,16}?)?"
    + _PERSON_VERB
    + r"|的(?:重要)?(?:讲话|指示|批示|论述|回信|贺信|思想)"
)
_PLACE_REACH = 17  # 在 + up to 16 characters before the verb
_SEPARATORS = " \u3000·、，"
_PRIORITY = {"ins": 0, "sub": 1, "del": 2}


def _cjk(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def typos(doc: TextDoc, lists: Wordlists) -> list[Finding]:
    if lists.typo_re is None:
        return []
    out = []
    for m in lists.typo_re.finditer(doc.norm):
        right = lists.typos[m.group()]
        out.append(
            doc.finding(
                "format.typo",
                m.start(),
                f"易错词“{m.group()}”应为“{right}”",
                f"改为“{right}”",
                severity=lists.tiers.get(f"format.typo:{m.group()}", ""),
            )
        )
    return out


def sensitive(doc: TextDoc, lists: Wordlists) -> list[Finding]:
    if lists.sensitive_re is None:
        return []
    out = []
    for m in lists.sensitive_re.finditer(doc.norm):
        right = lists.sensitive[m.group()]
        out.append(
            doc.finding(
                "format.sensitive",
                m.start(),
                f"“{m.group()}”是敏感或不规范的表述",
                f"改为“{right}”" if right else "改用规范表述；确需使用的，经审核后保留",
                severity=lists.tiers.get(f"format.sensitive:{m.group()}", ""),
            )
        )
    return out


def edit(window: str, name: str) -> str | None:
    """How ``window`` is ``name`` one Chinese character off: "sub", "ins", "del" or None.

    Insertions count inside the name only (a character after it is the next word);
    inserting or dropping 副 makes another office, not a typo (副总理, 副委员长).
    """
    size, length = len(name), len(window)
    if abs(length - size) > 1:
        return None
    i = 0  # the first place they differ; the rest must then line up (slices compare in C)
    shorter = min(size, length)
    while i < shorter and window[i] == name[i]:
        i += 1
    if length == size:
        if i < size and window[i + 1 :] == name[i + 1 :] and _cjk(window[i]):
            return "sub"
        return None
    if length == size + 1:
        if 1 <= i < size and window[i + 1 :] == name[i:] and window[i] != "副" and _cjk(window[i]):
            return "ins"
        return None
    # Short names lose an inner character (习平); losing the first or last leaves a
    # fragment (近平, 习近) that is a word of its own too often.
    lowest, highest = (0, size - 1) if size >= LONG_NAME else (1, size - 2)
    if length >= 2 and lowest <= i <= highest and window[i:] == name[i + 1 :] and name[i] != "副":
        return "del"
    return None


def _windows(text: str, name: str) -> set[tuple[int, int]]:
    """(start, end) of text windows that may be ``name`` with one edit.

    Any such window keeps the first half of the name at its start or the second
    half at its end, so only the places where a half occurs are compared:
    ``str.find`` is far cheaper than a regex with a wildcard in every position.
    """
    size, half = len(name), max(1, len(name) // 2)
    out: set[tuple[int, int]] = set()
    head, tail = name[:half], name[half:]
    pos = text.find(head)
    while pos != -1:
        out.update((pos, pos + n) for n in (size - 1, size, size + 1))
        pos = text.find(head, pos + 1)
    pos = text.find(tail)
    while pos != -1:
        end = pos + len(tail)
        out.update((end - n, end) for n in (size - 1, size, size + 1) if end - n >= 0)
        pos = text.find(tail, pos + 1)
    return {(s, e) for s, e in out if e <= len(text)}


def _speaks_of(text: str, start: int, end: int, entry: NameEntry) -> bool:
    """The text around [start, end) speaks of the person: a title, 同志, what they did."""
    before = text[max(0, start - 16) : start].rstrip(_SEPARATORS)
    after = text[end : end + 24].lstrip(_SEPARATORS)
    if any(before.endswith(t) or after.startswith(t) for t in entry.titles):
        return True
    if len(entry.name) <= 2:
        return False  # 王强同志, 李明强调: a two-character name needs its own title
    return after.startswith("同志") or _PERSON_AFTER.match(after) is not None


def _overlaps_known(text: str, start: int, end: int, known: frozenset[str]) -> bool:
    for word in known:
        lo = max(0, start - len(word) + 1)
        pos = text.find(word, lo, end + len(word) - 1)
        while pos != -1 and pos < end:
            if pos + len(word) > start:
                return True
            pos = text.find(word, pos + 1, end + len(word) - 1)
    return False


@dataclass(frozen=True)
class _Index:
    """What names() needs from a names list, built once per list."""

    context: re.Pattern[str]  # every place a person is spoken of: titles, 同志, 强调 …
    titles: frozenset[str]  # a title may stand before the name too
    first: dict[str, list[NameEntry]]  # personal names by their first character
    last: dict[str, list[NameEntry]]  # … and by their last
    long: tuple[NameEntry, ...]  # names checked anywhere
    known: frozenset[str]
    order: dict[str, int]


_INDEXES: dict[int, tuple[Wordlists, _Index]] = {}


def _index(lists: Wordlists) -> _Index:
    # Keyed by identity (Wordlists holds dicts, so it does not hash); the list itself is
    # kept alongside, so its id cannot be reused while the entry exists.
    hit = _INDEXES.get(id(lists))
    if hit is not None and hit[0] is lists:
        return hit[1]
    people = [e for e in lists.names if len(e.name) < LONG_NAME]
    titles = frozenset(t for e in people for t in e.titles)
    words = "|".join(re.escape(t) for t in sorted(titles, key=len, reverse=True))
    first: dict[str, list[NameEntry]] = {}
    last: dict[str, list[NameEntry]] = {}
    for entry in people:
        first.setdefault(entry.name[0], []).append(entry)
        last.setdefault(entry.name[-1], []).append(entry)
    index = _Index(
        # No optional 在…… in front: a pattern that may start anywhere is tried everywhere.
        re.compile((words + "|" if words else "") + "同志|" + _PERSON_VERB),
        titles,
        first,
        last,
        tuple(e for e in lists.names if len(e.name) >= LONG_NAME),
        frozenset({e.name for e in lists.names} | lists.name_exceptions),
        {e.name: i for i, e in reversed(list(enumerate(lists.names)))},
    )
    _INDEXES[id(lists)] = (lists, index)
    return index


def _skip_back(text: str, pos: int) -> int:
    while pos > 0 and text[pos - 1] in _SEPARATORS:
        pos -= 1
    return pos


def _person_windows(text: str, index: _Index) -> list[tuple[int, int, NameEntry]]:
    """Windows beside the places the text speaks of a person: a short name needs one, so
    these are the only places worth comparing (a find over every 李 and 强 is not)."""
    ends: set[int] = set()
    starts: set[int] = set()
    for m in index.context.finditer(text):
        ends.add(_skip_back(text, m.start()))
        # No 的 in the pattern (the commonest character); step back over it here.
        for lead in ("的", "的重要"):
            if text.endswith(lead, 0, m.start()):
                ends.add(_skip_back(text, m.start() - len(lead)))
        if m.group() in index.titles:
            start = m.end()
            while start < len(text) and text[start] in _SEPARATORS:
                start += 1
            starts.add(start)
        if m["verb"] is not None:  # 习进平在会上强调: the name stands before 在……
            at = text.rfind("在", max(0, m.start() - _PLACE_REACH), m.start())
            if at != -1 and not any(c in "。；，！？\n" for c in text[at : m.start()]):
                ends.add(_skip_back(text, at))
    # A name one edit off keeps its first or its last character: look those up.
    first, last = index.first, index.last
    out: list[tuple[int, int, NameEntry]] = []
    for end in ends:
        for entry in last.get(text[end - 1], ()) if end else ():
            size = len(entry.name)
            out.extend((end - n, end, entry) for n in (size - 1, size, size + 1) if end >= n)
        for n in range(1, LONG_NAME + 1):
            if end >= n:
                out.extend(
                    (end - n, end, entry)
                    for entry in first.get(text[end - n], ())
                    if abs(len(entry.name) - n) <= 1
                )
    for start in starts:
        for entry in first.get(text[start], ()) if start < len(text) else ():
            size = len(entry.name)
            out.extend(
                (start, start + n, entry)
                for n in (size - 1, size, size + 1)
                if start + n <= len(text)
            )
        for n in range(1, LONG_NAME + 1):
            if start + n <= len(text):
                out.extend(
                    (start, start + n, entry)
                    for entry in last.get(text[start + n - 1], ())
                    if abs(len(entry.name) - n) <= 1
                )
    return out


def names(doc: TextDoc, lists: Wordlists) -> list[Finding]:
    if not lists.names:
        return []
    text = doc.norm
    index = _index(lists)
    known, order = index.known, index.order
    candidates = _person_windows(text, index)
    for entry in index.long:
        candidates.extend((s, e, entry) for s, e in _windows(text, entry.name))
    found: list[tuple[int, int, int, int, str, NameEntry]] = []
    seen: set[tuple[int, int, str]] = set()
    for start, end, entry in candidates:
        if (start, end, entry.name) in seen:
            continue
        seen.add((start, end, entry.name))
        name = entry.name
        window = text[start:end]
        kind = edit(window, name)
        if kind is None:
            continue
        if len(name) < LONG_NAME:
            if len(name) == 2 and (kind == "del" or window[0] != name[0]):
                continue
            if not _speaks_of(text, start, end, entry):
                continue
        if _overlaps_known(text, start, end, known):
            continue
        found.append((_PRIORITY[kind], order[entry.name], start, end, window, entry))
    # One report per place: an extra character (中国共产产党) rather than a wrong last one
    # (中国共产产), a wrong character (中共中央总书纪) rather than a dropped one
    # (中共中央总书 + 纪); between names, the one listed first in names.txt.
    out = []
    taken: list[tuple[int, int]] = []
    for _, _, start, end, window, entry in sorted(found, key=lambda c: c[:3]):
        if any(start < e and end > s for s, e in taken):
            continue
        taken.append((start, end))
        out.append(
            doc.finding(
                "format.name",
                start,
                f"“{window}”疑为“{entry.name}”之误（严重表述错误）",
                f"改为“{entry.name}”；如确为另一名称，"
                "由平台单位加入 hooks/names.txt 的例外（以 ! 开头）",
                severity=entry.severity,
            )
        )
    return sorted(out, key=lambda f: (f.line, f.column))


def _months_later(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for d in (day.day, 30, 29, 28):
        try:
            return date(year, month, d)
        except ValueError:
            continue
    raise AssertionError("unreachable")


def stale_names(lists: Wordlists, today: date) -> list[Finding]:
    """A warning when the site's hooks/names.txt was not reviewed in the last six months (or
    says nothing). The built-in list is dated too, but is reviewed with each govsite release:
    a site cannot fix it other than by keeping its own."""
    if not lists.names_file.startswith("hooks/"):
        return []
    fix = "核对其中的领导人姓名和职务（人事变动后须及时更新），改好后把“更新日期”改为核对的日期"
    if lists.names_updated is None:
        return [
            Finding(
                "format.name",
                lists.names_file,
                1,
                1,
                "领导人姓名表没有写“更新日期”，无法判断是否过时",
                "在表中加一行“更新日期: 年-月-日”（核对的日期）；" + fix,
                severity=WARNING,
            )
        ]
    if _months_later(lists.names_updated, STALE_MONTHS) >= today:
        return []
    return [
        Finding(
            "format.name",
            lists.names_file,
            lists.names_date_line,
            1,
            f"领导人姓名表的更新日期是 {lists.names_updated.isoformat()}，"
            f"已超过 {STALE_MONTHS} 个月",
            fix,
            severity=WARNING,
        )
    ]
