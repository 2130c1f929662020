"""Small helpers for validating YAML configuration, collecting every error.

Like mkdocs' config and pre-commit's clientlib, an error carries the full key
path (``reviewers.yml: units.czj.reviewers.2[0]``) and all errors of a file are
reported in one pass, so a platform editor fixes them in one go.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import yaml

from govsite.errors import ConfigError, Problem
from govsite.model import yaml_tree
from govsite.model.keys import Collector, closest, unknown_key_fix

__all__ = [
    "Collector",
    "Option",
    "closest",
    "docs_rows",
    "load_yaml",
    "parse_yaml",
    "read_options",
    "unknown_key_fix",
]


def load_yaml(path: Path, display: str | None = None) -> tuple[Any, dict[str, int]]:
    """Read a YAML file; return the data and a map of dotted key path -> line."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            Problem(
                f"找不到配置文件 {name}",
                path=name,
                fix="在网站仓库的根目录运行，或用 --root 指定网站目录",
            )
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(
            Problem("文件不是 UTF-8 编码", path=name, fix="用 UTF-8 编码另存该文件")
        ) from None
    return parse_yaml(text, name)


def parse_yaml(text: str, name: str, *, nesting: int | None = None) -> tuple[Any, dict[str, int]]:
    """Typed data of a configuration file and its key lines; ConfigError for every key
    written twice (both lines named), any anchor or alias, and nesting beyond the limit.

    These files decide who may approve and what is published: the last of two
    ``units.zfb`` must not silently win, and ``&a``/``*a`` (billion laughs) must not
    hang every command. ``yaml_tree`` checks the event stream first; only a clean
    file reaches PyYAML's typed loader.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if nesting is None:
        from govsite.config.limits import DEFAULT  # limits reads its file through here

        nesting = DEFAULT.nesting
    try:
        tree = yaml_tree.read(text, nesting=nesting, merge_keys=True)
    except yaml.YAMLError as exc:
        line = yaml_tree.problem_line(exc)
        raise ConfigError(
            Problem(
                f"不是合法的 YAML（{yaml_tree.chinese_problem(exc)}）",
                path=name,
                line=line + 1 if line is not None else None,
                fix="检查这一行的缩进、冒号和引号",
            )
        ) from None
    except yaml_tree.Refused as exc:
        raise ConfigError(_refused(exc, name, nesting)) from None
    if tree.duplicates:
        raise ConfigError(
            *(
                Problem(
                    f"键“{key}”重复：第 {first + 1} 行和第 {line + 1} 行都定义了它",
                    path=name,
                    line=line + 1,
                    key=path,
                    fix="只保留一处定义；后写的一处不会覆盖前一处，而是使配置无效",
                )
                for path, key, first, line in tree.duplicates
            )
        )
    try:
        data = yaml.load(text, Loader=_SAFE)
    except yaml.YAMLError as exc:
        line = yaml_tree.problem_line(exc)
        raise ConfigError(
            Problem(
                f"不是合法的 YAML（{yaml_tree.chinese_problem(exc)}）",
                path=name,
                line=line + 1 if line is not None else None,
                fix="检查这一行的写法（如日期、数字是否有效）",
            )
        ) from None
    except (ValueError, TypeError, OverflowError):
        # PyYAML's typed constructors raise these for values such as 2026-02-30.
        raise ConfigError(
            Problem(
                "有无法读取的值：日期不存在（如 2026-02-30）或数字过大",
                path=name,
                fix="检查文件中的日期是否真实存在；不是日期的值请加引号",
            )
        ) from None
    return data, {path: line + 1 for path, line in tree.lines.items()}


_SAFE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refused(exc: yaml_tree.Refused, name: str, nesting: int) -> Problem:
    line = exc.line + 1
    key = exc.path or None
    if exc.kind == "alias":
        return Problem(
            "不允许使用 YAML 锚点、别名或合并键（&、*、<<）",
            path=name,
            line=line,
            key=key,
            fix="把每一项直接写出来；审核人和单位不能用引用复制",
        )
    if exc.kind == "depth":
        from govsite.config.limits import key_of

        return Problem(
            f"嵌套超过 {nesting} 层（hooks/limits.yml 的“{key_of('nesting')}”）",
            path=name,
            line=line,
            key=key,
            fix="按文档中的示例书写，不要层层嵌套",
        )
    if exc.kind == "key":
        return Problem(
            "键必须是文字，不能是列表或映射",
            path=name,
            line=line,
            key=key,
            fix="按文档中的示例书写每个键",
        )
    return Problem(
        "文件中只能有一个 YAML 文档（多了 --- 或 ...）",
        path=name,
        line=line,
        fix="删除多余的 --- 或 ... 行",
    )


# ---- declared options (mkdocs' config_options) --------------------------------------
#
# Each key of site.yml and reviewers.yml is declared once: its key, type, default,
# reader and help. ``read_options`` reads a mapping through its declarations (every
# unknown key an error, every required key checked), and ``docs_rows`` writes the
# table in docs/平台配置.md from the same declarations.

Read = Callable[[Collector, Any, str], Any]  # (collector, value as written, key path) -> value
Warn = Callable[[Any], "tuple[str, str] | None"]  # value read -> (message, fix) to warn


@dataclass(frozen=True)
class Option:
    key: str
    type: str  # the 类型 column of the docs: 文字、整数、true/false、日期、列表、映射 …
    help: str
    default: Any = None
    read: Read | None = None  # None: the value as written
    required: str | None = None  # the message when it is missing or blank (None: optional)
    fix: str | None = None  # how to fix a missing value
    warn: Warn | None = None  # what may be written but should not (printed; --strict: error)
    children: tuple[Option, ...] = ()  # a mapping's declared keys
    shown_default: str | None = None  # the docs' 默认 column when not ``default``


def read_options(
    c: Collector, raw: Mapping[str, Any], options: Iterable[Option], prefix: str
) -> dict[str, Any]:
    """``raw`` read through ``options``: values by key; problems and warnings in ``c``."""
    options = tuple(options)
    c.unknown_keys(raw, [o.key for o in options], prefix)
    out: dict[str, Any] = {}
    for o in options:
        where = f"{prefix}.{o.key}" if prefix else o.key
        value = raw.get(o.key)
        if value is None and o.children:
            value = {}  # an absent section: its own keys' defaults and requirements
        if value is None or (isinstance(value, str) and not value.strip()):
            if o.required:
                c.add(where, o.required, o.fix)
            out[o.key] = o.default
        else:
            out[o.key] = o.read(c, value, where) if o.read else value
        if o.warn is not None and (said := o.warn(out[o.key])) is not None:
            c.warn(where, *said)
    return out


def section(options: Iterable[Option], message: str, fix: str | None = None) -> Read:
    """A mapping whose keys are declared ``options``."""
    declared = tuple(options)

    def read(c: Collector, value: Any, where: str) -> dict[str, Any]:
        if not isinstance(value, dict):
            c.add(where, message, fix)
            value = {}
        return read_options(c, value, declared, where)

    return read


def text(pattern: str | None = None, message: str = "", fix: str | None = None) -> Read:
    """Text (numbers written without quotes read as their digits), stripped."""
    compiled = re.compile(pattern) if pattern else None

    def read(c: Collector, value: Any, where: str) -> str:
        got = str(value).strip()
        if compiled is not None and not compiled.match(got):
            c.add(where, message.format(value=got), fix)
        return got

    return read


def flag(default: bool) -> Read:
    def read(c: Collector, value: Any, where: str) -> bool:
        if not isinstance(value, bool):
            key = where.rsplit(".", 1)[-1]
            c.add(where, f"{key} 只能是 true 或 false", f"写 {key}: true 或 {key}: false")
            return default
        return value

    return read


def integer(default: int, low: int, high: int, message: str, fix: str) -> Read:
    def read(c: Collector, value: Any, where: str) -> int:
        if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
            c.add(where, message.format(value=value), fix)
            return default
        return value

    return read


def a_date(c: Collector, value: Any, where: str) -> date | None:
    if not isinstance(value, date):
        c.add(where, f"“{value}”不是有效的日期", "写成 年-月-日，如 2026-11-24")
        return None
    return value


def regex(default: str, groups: tuple[str, ...] = ()) -> Read:
    def read(c: Collector, value: Any, where: str) -> str:
        pattern = str(value)
        try:
            compiled = re.compile(pattern)
        except re.error as exc:
            c.add(where, f"正则表达式有误（{exc}）", "请平台技术人员检查该正则表达式")
            return default
        missing = [g for g in groups if g not in compiled.groupindex]
        for group in missing:
            c.add(
                where,
                f"正则表达式缺少命名分组 (?P<{group}>…)",
                f"格式须用 {'、'.join(groups)} 命名分组标出各部分",
            )
        return default if missing else pattern

    return read


def docs_rows(options: Iterable[Option], prefix: str = "") -> list[str]:
    """Markdown rows (键 | 类型 | 默认 | 必填 | 说明) for ``options`` and their children."""
    rows: list[str] = []
    for o in options:
        where = f"{prefix}.{o.key}" if prefix else o.key
        shown = o.shown_default
        if shown is None:
            shown = "" if o.default in (None, "", (), {}) or o.children else f"`{_yaml(o.default)}`"
        rows.append(f"| {where} | {o.type} | {shown} | {'是' if o.required else '否'} | {o.help} |")
        rows += docs_rows(o.children, where)
    return rows


def _yaml(value: Any) -> str:
    """A default as it is written in the YAML file (true, not Python's True)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "[" + ", ".join(_yaml(v) for v in value) + "]"
    return str(value)


DOCS_HEAD = ["| 键 | 类型 | 默认 | 必填 | 说明 |", "|---|---|---|---|---|"]
