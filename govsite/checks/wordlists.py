"""Load the rule data a platform tunes (the adapter for those files).

The defaults ship inside the package (``govsite/checks/data/``, read through
importlib.resources), so any site repository can use the pre-commit hook; a
site's own ``hooks/`` replaces them file by file. Each file is plain text with
``#`` comments; a line ``[警告]`` or ``[错误]`` sets the tier of the entries after
it. A mistake in one is a configuration error (exit 2) naming the file and line.
Loaded once per directory per process: a pre-commit run reads them once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from govsite.checks.base import ERROR, RULES, WARNING
from govsite.errors import ConfigError, Problem

# The defaults any site gets: package data, present in every kind of install.
BUILTIN: Traversable = resources.files("govsite.checks").joinpath("data")
BUILTIN_DISPLAY = "govsite 内置规则数据 data"

LONG_TITLE = 5
TIERS = {"错误": ERROR, "警告": WARNING}
# Rules a site may not turn into warnings: what leaks must block (fail closed).
NEVER_WARNING = frozenset(
    {
        "pii.id-card",
        "pii.mobile",
        "pii.landline",
        "pii.bank-card",
        "pii.email",
        "pii.address",
        "pii.passport",
        "secret.classified-marking",
        "secret.not-for-publication",
        "attach.unread",
        "attach.unreadable",
        "suppress.invalid",
    }
)
_MARKER = re.compile(r"^\[([^\]]+)\]$")
_UPDATED = re.compile(r"^更新日期\s*[:：]\s*(.*)$")


@dataclass(frozen=True)
class NameEntry:
    name: str
    titles: tuple[str, ...] = ()
    severity: str = ERROR


@dataclass(frozen=True)
class AllowEntry:
    rule: str
    sha256: str
    reason: str
    paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class Terms:
    """One group of prohibited.txt: an alternation of literal words (lowercase, matched on
    lowercased text) or one re: entry; ``category`` words count only as spam in context."""

    pattern: re.Pattern[str]
    literal: bool
    severity: str = ERROR
    category: bool = False


@dataclass(frozen=True)
class Wordlists:
    prohibited: tuple[Terms, ...] = ()
    typos: dict[str, str] = field(default_factory=dict)
    typo_re: re.Pattern[str] | None = None
    names: tuple[NameEntry, ...] = ()
    name_exceptions: frozenset[str] = frozenset()
    names_updated: date | None = None
    names_file: str = ""  # where names.txt was read, for the staleness warning
    names_date_line: int = 1
    link_allowlist: tuple[str, ...] = ("gov.cn",)
    public_numbers: frozenset[str] = frozenset()
    sensitive: dict[str, str] = field(default_factory=dict)  # word -> suggestion ("" if none)
    sensitive_re: re.Pattern[str] | None = None
    allowlist: tuple[AllowEntry, ...] = ()
    # The tier of every list entry ("format.typo:既使" -> severity), already resolved
    # against levels.yml, and levels.yml itself (rule -> severity) for the other rules.
    tiers: dict[str, str] = field(default_factory=dict)
    levels: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Source:
    """One data file: where it is read from and how it is named in messages."""

    file: Traversable
    display: str


@dataclass(frozen=True)
class Line:
    number: int
    text: str
    severity: str
    marks: frozenset[str]


def _lines(
    src: Source, problems: list[Problem], default: str = ERROR, marks: frozenset[str] = frozenset()
) -> list[Line]:
    """Entries of a file with the tier ([警告]/[错误]) and other [marks] in force."""
    out = []
    severity, current = default, set()
    for number, raw in enumerate(src.file.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("re:") else raw.strip()
        if not line or line.startswith("#"):
            continue
        if m := _MARKER.match(line):
            word = m[1].strip()
            if word in TIERS:
                severity = TIERS[word]
            elif word in marks:
                current = {word}
            elif word.startswith("非") and word[1:] in marks:
                current = set()
            else:
                known = "、".join(f"[{w}]" for w in (*TIERS, *marks))
                problems.append(
                    Problem(
                        f"不认识的标记“[{word}]”",
                        path=src.display,
                        line=number,
                        fix=f"可用的标记：{known}",
                    )
                )
            continue
        out.append(Line(number, line, severity, frozenset(current)))
    return out


def _source(hooks: Path | None, name: str) -> Source:
    """The site's file, else the built-in default; never a silent empty list."""
    if hooks is not None and (hooks / name).is_file():
        return Source(hooks / name, f"hooks/{name}")
    builtin = BUILTIN.joinpath(name)
    if builtin.is_file():
        return Source(builtin, f"{BUILTIN_DISPLAY}/{name}")
    raise ConfigError(
        Problem(
            f"找不到规则数据文件 {name}",
            path=f"hooks/{name}",
            fix="govsite 安装不完整：重新安装 govsite（pip install --force-reinstall），"
            "或在网站仓库的 hooks/ 中提供该文件",
        )
    )


def _prohibited(src: Source, problems: list[Problem], default: str) -> tuple[Terms, ...]:
    words: dict[tuple[str, bool], list[str]] = {}
    patterns = []
    for line in _lines(src, problems, default=default, marks=frozenset({"类别词"})):
        category = "类别词" in line.marks
        if line.text.startswith("re:"):
            expr = line.text[3:].strip()
            try:
                compiled = re.compile(expr, re.I)
            except re.error as exc:
                problems.append(
                    Problem(
                        f"正则表达式有误（{exc}）",
                        path=src.display,
                        line=line.number,
                        fix="修正这一行，或去掉 re: 按普通词语处理",
                    )
                )
                continue
            patterns.append(Terms(compiled, False, line.severity, category))
        else:
            words.setdefault((line.severity, category), []).append(re.escape(line.text.lower()))
    literal = [
        Terms(re.compile("|".join(sorted(group, key=len, reverse=True))), True, severity, category)
        for (severity, category), group in words.items()
    ]
    return (*literal, *patterns)


def _typos(
    src: Source, problems: list[Problem], tiers: dict[str, str], default: str
) -> dict[str, str]:
    out = {}
    for line in _lines(src, problems, default=default):
        m = re.match(r"^(\S+)\s*(?:→|->|=>)\s*(\S+)$", line.text)
        if not m or m[1] == m[2]:
            problems.append(
                Problem(
                    "应写成“错误写法 → 正确写法”，两者不能相同",
                    path=src.display,
                    line=line.number,
                    fix="如：扫黑险恶 → 扫黑除恶",
                )
            )
            continue
        out[m[1]] = m[2]
        tiers[f"format.typo:{m[1]}"] = line.severity
    return out


def _sensitive(
    src: Source, problems: list[Problem], tiers: dict[str, str], default: str
) -> dict[str, str]:
    out = {}
    for line in _lines(src, problems, default=default):
        m = re.match(r"^(\S+?)\s*(?:(?:→|->|=>)\s*(\S+))?$", line.text)
        if not m or m[1] == m[2]:
            problems.append(
                Problem(
                    "应写成“词语”或“词语 → 建议写法”",
                    path=src.display,
                    line=line.number,
                    fix="如：北朝鲜 → 朝鲜",
                )
            )
            continue
        out[m[1]] = m[2] or ""
        tiers[f"format.sensitive:{m[1]}"] = line.severity
    return out


def _names(src: Source, problems: list[Problem], kwargs: dict[str, Any], default: str) -> None:
    entries, exceptions = [], set()
    for line in _lines(src, problems, default=default):
        if m := _UPDATED.match(line.text):
            try:
                kwargs["names_updated"] = date.fromisoformat(m[1].strip())
            except ValueError:
                problems.append(
                    Problem(
                        f"更新日期“{m[1].strip()}”不是日期",
                        path=src.display,
                        line=line.number,
                        fix="写成“更新日期: 2026-12-03”",
                    )
                )
            kwargs["names_date_line"] = line.number
            continue
        if line.text.startswith("!"):
            exceptions.add(line.text[1:].strip())
            continue
        name, _, titles = line.text.partition("|")
        entries.append(
            NameEntry(
                name.strip(),
                tuple(t.strip() for t in re.split(r"[、,，]", titles) if t.strip()),
                line.severity,
            )
        )
    # Long titles (中共中央总书记) are names too: one character off is as serious.
    known = {e.name for e in entries}
    for entry in list(entries):
        for title in entry.titles:
            if len(title) >= LONG_TITLE and title not in known:
                known.add(title)
                entries.append(NameEntry(title, severity=entry.severity))
    kwargs["names"], kwargs["name_exceptions"] = tuple(entries), frozenset(exceptions)
    kwargs["names_file"] = src.display


def _allowlist(path: Path, problems: list[Problem]) -> tuple[AllowEntry, ...]:
    import yaml  # only when the file exists: most runs have an empty list

    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        problems.append(
            Problem(f"不是合法的 YAML（{exc}）", path=str(path), fix="参照文件开头注释中的示例书写")
        )
        return ()
    if not isinstance(data, list):
        problems.append(Problem("应是例外条目的列表", path=str(path), fix="写成 - 规则: …"))
        return ()
    out = []
    for i, item in enumerate(data):
        where = f"[{i}]"
        if not isinstance(item, dict):
            problems.append(Problem("每条例外应是一个映射", path=str(path), key=where))
            continue
        rule, digest, reason = item.get("规则"), str(item.get("哈希") or ""), item.get("理由")
        paths = item.get("路径") or []
        if not isinstance(rule, str) or not re.fullmatch(r"[0-9a-f]{64}", digest) or not reason:
            problems.append(
                Problem(
                    "例外条目须有“规则”“哈希”（64 位十六进制）和“理由”",
                    path=str(path),
                    key=where,
                    fix="哈希从 govsite check 的输出复制，不要写原始个人信息",
                )
            )
            continue
        out.append(
            AllowEntry(
                rule,
                digest,
                str(reason),
                tuple([paths] if isinstance(paths, str) else map(str, paths)),
            )
        )
    return tuple(out)


def _levels(path: Path, problems: list[Problem]) -> dict[str, str]:
    """hooks/levels.yml: ``规则编号: 错误|警告`` (the platform's tier for a whole rule)."""
    import yaml

    display = "hooks/levels.yml"
    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    except yaml.YAMLError as exc:
        problems.append(
            Problem(
                f"不是合法的 YAML（{exc}）",
                path=display,
                fix="每行写“规则编号: 警告”或“规则编号: 错误”",
            )
        )
        return {}
    if not isinstance(data, dict):
        problems.append(
            Problem("应是“规则编号: 错误/警告”的映射", path=display, fix="如 secret.draft: 错误")
        )
        return {}
    out = {}
    for rule, tier in data.items():
        if rule not in RULES:
            problems.append(
                Problem(
                    f"没有规则“{rule}”",
                    path=display,
                    key=str(rule),
                    fix="规则编号见 docs/保密审查与三校.md",
                )
            )
        elif tier not in TIERS:
            problems.append(
                Problem(
                    f"级别应为“错误”或“警告”，实际是“{tier}”",
                    path=display,
                    key=str(rule),
                    fix="写“错误”或“警告”",
                )
            )
        elif TIERS[tier] == WARNING and rule in NEVER_WARNING:
            problems.append(
                Problem(
                    f"{rule} 不能设为警告：个人信息和涉密内容必须阻止提交",
                    path=display,
                    key=str(rule),
                    fix="删除这一行",
                )
            )
        else:
            out[str(rule)] = TIERS[tier]
    return out


def _alternation(words: Any) -> re.Pattern[str] | None:
    return (
        re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
        if words
        else None
    )


@cache
def load(hooks_dir: str | None = None) -> Wordlists:
    """A site's rule data (``hooks_dir`` is its hooks/), or the built-in defaults (None)."""
    hooks = Path(hooks_dir) if hooks_dir is not None else None
    problems: list[Problem] = []
    kwargs: dict[str, Any] = {}
    tiers: dict[str, str] = {}
    levels: dict[str, str] = {}
    if hooks is not None and (p := hooks / "levels.yml").is_file():
        levels = _levels(p, problems)

    def tier(rule: str) -> str:
        """A list's entries default to the rule's tier, as levels.yml sets it."""
        return levels.get(rule, RULES[rule].severity)

    kwargs["prohibited"] = _prohibited(
        _source(hooks, "prohibited.txt"), problems, tier("ad.prohibited-content")
    )
    typos = _typos(_source(hooks, "typos.txt"), problems, tiers, tier("format.typo"))
    kwargs["typos"], kwargs["typo_re"] = typos, _alternation(typos)
    sensitive = _sensitive(
        _source(hooks, "sensitive.txt"), problems, tiers, tier("format.sensitive")
    )
    kwargs["sensitive"], kwargs["sensitive_re"] = sensitive, _alternation(sensitive)
    _names(_source(hooks, "names.txt"), problems, kwargs, tier("format.name"))
    kwargs["link_allowlist"] = tuple(
        line.text.lower() for line in _lines(_source(hooks, "link-allowlist.txt"), problems)
    )
    kwargs["public_numbers"] = frozenset(
        re.sub(r"\D", "", line.text.split()[0])
        for line in _lines(_source(hooks, "public-numbers.txt"), problems)
    )
    if hooks is not None and (p := hooks / "allowlist.yml").is_file():
        kwargs["allowlist"] = _allowlist(p, problems)
    if problems:
        raise ConfigError(*problems)
    return Wordlists(tiers=tiers, levels=levels, **kwargs)
