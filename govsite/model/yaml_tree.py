"""Read untrusted YAML from its event stream, refusing what can spoof or exhaust us.

PyYAML's composer and constructor accept aliases (billion laughs, recursive
anchors), any key type, any depth (recursion) and let a duplicate key silently
win. We walk the flat event stream instead: no recursion, the depth counted as
we go, the first anchor or alias refused, and every key's line kept so that a
duplicate is reported with both lines. Pure: text in, tree or ``Refused`` out.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import yaml

# libyaml's parser when present: it is most of the cost of reading 10,000 articles.
LOADER: Any = getattr(yaml, "CBaseLoader", yaml.BaseLoader)

# libyaml/PyYAML problems an editor meets, in Chinese (the rest keep the parser's words).
_PROBLEMS = {
    "mapping values are not allowed here": "这里不能出现“: ”（值里需要冒号时用中文冒号“：”，或给整个值加引号）",  # noqa: E501
    "could not find expected ':'": "缺少“: ”（键和值之间用英文冒号加空格）",
    "did not find expected key": "缺少键，或缩进不对",
    "found character that cannot start any token": "有不能作为开头的字符（如制表符或 @、`）",
    "found unexpected end of stream": "引号或括号没有结束",
    "did not find expected ',' or ']'": "列表缺少“,”或“]”",
    "did not find expected ',' or '}'": "映射缺少“,”或“}”",
    "found unknown escape character": "双引号中有无法识别的转义字符（\\）",
    "found undefined tag handle": "有无法识别的标签（!）",
    "did not find expected alphabetic or numeric character": "“*”或“&”后缺少名称（值以 * 或 & 开头时给值加引号）",  # noqa: E501
    "expected <block end>, but found '<block sequence start>'": "列表的缩进不对",
    "expected <block end>, but found '<scalar>'": "缩进不对，或引号后还有文字",
    "expected a single document in the stream": "只能有一组元数据（不要写第二个 ---）",
    "but found another document": "只能有一组元数据（不要写第二个 ---）",
    "exceeded maximum nesting depth": "嵌套太深",
}


def chinese_problem(exc: yaml.YAMLError) -> str:
    problem = str(getattr(exc, "problem", None) or exc).strip()
    for english, chinese in _PROBLEMS.items():
        if english in problem:
            return chinese
    return problem


def problem_line(exc: yaml.YAMLError) -> int | None:
    """0-based line of a parser error, when it has one."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return mark.line if mark is not None else None


class Refused(Exception):
    """Input we will not read: ``kind`` is alias, depth, key or documents."""

    def __init__(self, kind: str, line: int, path: str) -> None:
        super().__init__(kind)
        self.kind, self.line, self.path = kind, line, path


@dataclass
class Tree:
    data: Any = None
    lines: dict[str, int] = field(default_factory=dict)  # dotted key path -> 0-based line
    # (dotted path, key, first line, repeated line), 0-based lines
    duplicates: list[tuple[str, str, int, int]] = field(default_factory=list)
    # top-level scalar values: key -> (start, end, style) as character offsets in the text
    spans: dict[str, tuple[int, int, str | None]] = field(default_factory=dict)


@dataclass
class _Frame:
    obj: dict[str, Any] | list[Any]
    path: str
    key: str | None = None
    key_line: int = 0
    key_style: str | None = None


def _join(prefix: str, key: str) -> str:
    return f"{prefix}.{key}" if prefix else key


def _events(text: str) -> Iterator[Any]:  # the stubs type events as bare Event
    try:
        yield from yaml.parse(text, Loader=LOADER)
    except yaml.YAMLError as exc:
        # libyaml's own bound (1,000 levels of flow) is our depth limit too.
        if "maximum nesting depth" in str(getattr(exc, "problem", "")):
            raise Refused("depth", problem_line(exc) or 0, "") from None
        raise


def _where(stack: list[_Frame]) -> str:
    """The key path being written at this point of the stream."""
    if not stack:
        return ""
    top = stack[-1]
    if isinstance(top.obj, dict):
        return _join(top.path, top.key) if top.key is not None else top.path
    return f"{top.path}[{len(top.obj)}]"


def read(text: str, *, nesting: int, merge_keys: bool = False) -> Tree:
    """Strings, lists and mappings of one YAML document (scalars untyped, tags ignored).

    Raises ``yaml.YAMLError`` for bad syntax and ``Refused`` for an anchor or alias,
    nesting deeper than ``nesting``, a key that is not a scalar, a second document, or
    (``merge_keys``, for typed loaders where it merges) a ``<<`` key.
    """
    tree = Tree()
    stack: list[_Frame] = []
    documents = 0
    root_set = False

    def attach(value: Any, line: int, span: tuple[int, int, str | None] | None) -> None:
        nonlocal root_set
        if not stack:
            tree.data, root_set = value, True
            return
        top = stack[-1]
        if isinstance(top.obj, dict):
            key = top.key
            assert key is not None
            if key in top.obj:
                first = tree.lines.get(_join(top.path, key), top.key_line)
                tree.duplicates.append((_join(top.path, key), key, first, top.key_line))
            else:
                top.obj[key] = value
                if span is not None and len(stack) == 1:
                    tree.spans[key] = span
            top.key = None
        else:
            path = f"{top.path}[{len(top.obj)}]"
            tree.lines.setdefault(path, line)
            top.obj.append(value)

    # Dispatch on the exact event class: this loop reads 10,000 front matters per build.
    scalar, alias, document = yaml.ScalarEvent, yaml.AliasEvent, yaml.DocumentStartEvent
    starts = (yaml.MappingStartEvent, yaml.SequenceStartEvent)
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    for event in _events(text):
        kind = type(event)
        if kind is scalar:
            if event.anchor is not None:
                raise Refused("alias", event.start_mark.line, _where(stack))
            top = stack[-1] if stack else None
            if top is not None and top.key is None and type(top.obj) is dict:
                key = str(event.value)
                line = event.start_mark.line
                if merge_keys and key == "<<" and not event.style:
                    raise Refused("alias", line, top.path)
                top.key, top.key_line, top.key_style = key, line, event.style
                path = _join(top.path, key)
                if path not in tree.lines:
                    tree.lines[path] = line
                continue
            start, end = event.start_mark, event.end_mark
            attach(
                str(event.value),
                start.line if start is not None else 0,
                (start.index, end.index, event.style)
                if start is not None and end is not None
                else None,
            )
        elif kind in starts:
            line = event.start_mark.line if event.start_mark is not None else 0
            if event.anchor is not None:
                raise Refused("alias", line, _where(stack))
            top = stack[-1] if stack else None
            if top is not None and isinstance(top.obj, dict) and top.key is None:
                raise Refused("key", line, top.path)
            if len(stack) >= nesting:
                raise Refused("depth", line, _where(stack))
            if top is None:
                path = ""
            elif isinstance(top.obj, dict):
                path = _join(top.path, str(top.key))
            else:
                path = f"{top.path}[{len(top.obj)}]"
            obj: dict[str, Any] | list[Any] = {} if kind is yaml.MappingStartEvent else []
            attach(obj, line, None)
            stack.append(_Frame(obj, path))
        elif kind in ends:
            stack.pop()
        elif kind is alias:
            raise Refused("alias", event.start_mark.line if event.start_mark else 0, _where(stack))
        elif kind is document:
            documents += 1
            if documents > 1:
                raise Refused("documents", event.start_mark.line if event.start_mark else 0, "")
    if not root_set:
        tree.data = None
    return tree
