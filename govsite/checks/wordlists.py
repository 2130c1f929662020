"""Load the rule data a platform editor tunes in hooks/ (the adapter for those files).

Each file is plain text with ``#`` comments. A mistake in one is a
configuration error (exit 2) naming the file and line. Loaded once per
directory per process: a pre-commit run reads them once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from govsite.errors import ConfigError, Problem

FILES = ("prohibited.txt", "typos.txt", "names.txt", "link-allowlist.txt", "public-numbers.txt",
         "allowlist.yml")
# This repository's own hooks/: the defaults for a site that has none.
BUILTIN = Path(__file__).resolve().parents[2] / "hooks"


LONG_TITLE = 5


@dataclass(frozen=True)
class NameEntry:
    name: str
    titles: tuple[str, ...] = ()


@dataclass(frozen=True)
class AllowEntry:
    rule: str
    sha256: str
    reason: str
    paths: tuple[str, ...] = ()


@dataclass(frozen=True)
class Wordlists:
    # Literal terms (lowercase, matched on lowercased text) and the re: entries, kept apart:
    # one alternation of everything is several times slower than these.
    prohibited: tuple[re.Pattern[str], ...] = ()
    typos: dict[str, str] = field(default_factory=dict)
    typo_re: re.Pattern[str] | None = None
    names: tuple[NameEntry, ...] = ()
    name_exceptions: frozenset[str] = frozenset()
    link_allowlist: tuple[str, ...] = ("gov.cn",)
    public_numbers: frozenset[str] = frozenset()
    allowlist: tuple[AllowEntry, ...] = ()


def _lines(path: Path) -> list[tuple[int, str]]:
    out = []
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.split(" #", 1)[0].strip() if not raw.lstrip().startswith("re:") else raw.strip()
        if line and not line.startswith("#"):
            out.append((number, line))
    return out


def _file(hooks: Path, name: str) -> Path:
    """The site's file, else this repository's default; never a silent empty list."""
    for base in (hooks, BUILTIN):
        if (base / name).is_file():
            return base / name
    raise ConfigError(Problem(
        f"找不到规则数据文件 {name}", path=str(hooks / name),
        fix="从 govsite 仓库复制 hooks/ 目录到网站仓库根目录，再按需修改"))


def _prohibited(path: Path, problems: list[Problem]) -> tuple[re.Pattern[str], ...]:
    words, patterns = [], []
    for number, line in _lines(path):
        if line.startswith("re:"):
            expr = line[3:].strip()
            try:
                re.compile(expr)
            except re.error as exc:
                problems.append(Problem(f"正则表达式有误（{exc}）", path=str(path), line=number,
                                        fix="修正这一行，或去掉 re: 按普通词语处理"))
                continue
            patterns.append(re.compile(expr, re.I))
        else:
            words.append(re.escape(line.lower()))
    literal = [re.compile("|".join(sorted(words, key=len, reverse=True)))] if words else []
    return (*literal, *patterns)


def _typos(path: Path, problems: list[Problem]) -> dict[str, str]:
    out = {}
    for number, line in _lines(path):
        m = re.match(r"^(\S+)\s*(?:→|->|=>)\s*(\S+)$", line)
        if not m or m[1] == m[2]:
            problems.append(Problem("应写成“错误写法 → 正确写法”，两者不能相同", path=str(path),
                                    line=number, fix="如：扫黑险恶 → 扫黑除恶"))
            continue
        out[m[1]] = m[2]
    return out


def _names(path: Path) -> tuple[tuple[NameEntry, ...], frozenset[str]]:
    entries, exceptions = [], set()
    for _, line in _lines(path):
        if line.startswith("!"):
            exceptions.add(line[1:].strip())
            continue
        name, _, titles = line.partition("|")
        entries.append(NameEntry(name.strip(), tuple(
            t.strip() for t in re.split(r"[、,，]", titles) if t.strip())))
    # Long titles (中共中央总书记) are names too: one character off is as serious.
    known = {e.name for e in entries}
    for entry in list(entries):
        for title in entry.titles:
            if len(title) >= LONG_TITLE and title not in known:
                known.add(title)
                entries.append(NameEntry(title))
    return tuple(entries), frozenset(exceptions)


def _allowlist(path: Path, problems: list[Problem]) -> tuple[AllowEntry, ...]:
    import yaml  # only when the file exists: most runs have an empty list

    try:
        data: Any = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    except yaml.YAMLError as exc:
        problems.append(Problem(f"不是合法的 YAML（{exc}）", path=str(path),
                                fix="参照文件开头注释中的示例书写"))
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
            problems.append(Problem(
                "例外条目须有“规则”“哈希”（64 位十六进制）和“理由”", path=str(path), key=where,
                fix="哈希从 govsite check 的输出复制，不要写原始个人信息"))
            continue
        out.append(AllowEntry(rule, digest, str(reason),
                              tuple([paths] if isinstance(paths, str) else map(str, paths))))
    return tuple(out)


@cache
def load(hooks_dir: str) -> Wordlists:
    hooks = Path(hooks_dir)
    problems: list[Problem] = []
    kwargs: dict[str, Any] = {}
    kwargs["prohibited"] = _prohibited(_file(hooks, "prohibited.txt"), problems)
    typos = _typos(_file(hooks, "typos.txt"), problems)
    kwargs["typos"] = typos
    if typos:
        kwargs["typo_re"] = re.compile("|".join(
            re.escape(w) for w in sorted(typos, key=len, reverse=True)))
    kwargs["names"], kwargs["name_exceptions"] = _names(_file(hooks, "names.txt"))
    kwargs["link_allowlist"] = tuple(
        line.lower() for _, line in _lines(_file(hooks, "link-allowlist.txt")))
    kwargs["public_numbers"] = frozenset(
        re.sub(r"\D", "", line.split()[0])
        for _, line in _lines(_file(hooks, "public-numbers.txt")))
    if (p := hooks / "allowlist.yml").is_file():
        kwargs["allowlist"] = _allowlist(p, problems)
    if problems:
        raise ConfigError(*problems)
    return Wordlists(**kwargs)
