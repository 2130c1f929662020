"""Small helpers for validating YAML configuration, collecting every error.

Like mkdocs' config and pre-commit's clientlib, an error carries the full key
path (``reviewers.yml: units.czj.reviewers.2[0]``) and all errors of a file are
reported in one pass, so a platform editor fixes them in one go.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from govsite.errors import ConfigError, Problem


def closest(word: str, options: Iterable[str]) -> str | None:
    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.4)
    return found[0] if found else None


@dataclass
class Collector:
    """Collects problems for one file; ``raise_if_any`` raises them together."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # key path -> line

    def add(self, key: str, message: str, fix: str | None = None) -> None:
        self.problems.append(
            Problem(message, path=self.path, line=self.lines.get(key), key=key, fix=fix))

    def warn(self, key: str, message: str, fix: str | None = None) -> None:
        self.warnings.append(
            Problem(message, path=self.path, line=self.lines.get(key), key=key, fix=fix))

    def unknown_keys(self, mapping: Mapping[str, Any], known: Iterable[str], prefix: str,
                     *, fatal: bool = True) -> None:
        known = list(known)
        for key in mapping:
            if key in known:
                continue
            near = closest(str(key), known)
            fix = f"是否应为“{near}”？" if near else f"可用的键：{'、'.join(known)}"
            where = f"{prefix}.{key}" if prefix else str(key)
            if fatal:
                self.add(where, f"未知的键“{key}”", fix)
            else:
                self.warn(where, f"未知的键“{key}”（已忽略）", fix)

    def raise_if_any(self) -> None:
        if self.problems:
            raise ConfigError(*self.problems)


def load_yaml(path: Path, display: str | None = None) -> tuple[Any, dict[str, int]]:
    """Read a YAML file; return the data and a map of dotted key path -> line."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(Problem(f"找不到配置文件 {name}", path=name,
                                  fix="在网站仓库的根目录运行，或用 --root 指定网站目录")) from None
    except UnicodeDecodeError:
        raise ConfigError(Problem("文件不是 UTF-8 编码", path=name,
                                  fix="用 UTF-8 编码另存该文件")) from None
    return parse_yaml(text, name)


def parse_yaml(text: str, name: str) -> tuple[Any, dict[str, int]]:
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        problem = getattr(exc, "problem", None) or str(exc)
        raise ConfigError(Problem(
            f"不是合法的 YAML（{problem}）", path=name,
            line=mark.line + 1 if mark is not None else None,
            fix="检查这一行的缩进、冒号和引号")) from None
    lines: dict[str, int] = {}
    if node is not None:
        _record_lines(node, "", lines)
    return data, lines


def _record_lines(node: yaml.Node, prefix: str, out: dict[str, int]) -> None:
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            path = f"{prefix}.{key_node.value}" if prefix else str(key_node.value)
            out[path] = key_node.start_mark.line + 1
            _record_lines(value_node, path, out)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            path = f"{prefix}[{i}]"
            out[path] = item.start_mark.line + 1
            _record_lines(item, path, out)
