"""Split an article into YAML front matter and Markdown body, keeping line numbers.

One reading of a file for build, check, ``--fix``, the gate and the nightly:
``decode`` turns the bytes into text (UTF-8, a BOM dropped, CRLF and CR read as
LF, control characters found), ``split`` reads the front matter with
``yaml_tree`` (aliases refused, depth bounded, duplicate keys kept with their
lines). Scalars are read as strings (PyYAML's BaseLoader semantics): an editor's
``索引号`` or ``有效性: 是`` must never turn into a number, boolean or date behind
their back; the article schema converts each key itself and can then say exactly
what was wrong. Quoted keys, block scalars, tags and flow mappings mean what YAML
says they mean, for every rule.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

import yaml

from govsite.errors import ContentError, Problem
from govsite.model import yaml_tree
from govsite.model.limits import DEFAULT, key_of

FENCE = "---"
RULE = "format.front-matter"

# C0 controls but tab and newline, DEL and C1 controls: never in a government text,
# and the feeds' XML cannot carry them (the build would fail naming nothing).
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# A top-level line that is meant as "键: 值" but is not one to YAML: a Chinese colon,
# a full-width space or no space after the colon (a Chinese input method's habits).
_KEYISH = re.compile(
    r"^(?P<key>[^\s:：#\-\[\]{}'\"!&*|>%@`,?][^:：\s]{0,19}?)"
    r"(?P<sp>[ \t\u3000]*)(?P<colon>[:：])(?P<after>[ \t\u3000]?)"
)


@dataclass(frozen=True)
class Source:
    """A file's text as every reader sees it, and how to write it back the same way."""

    text: str  # LF line ends, no BOM
    bom: bool = False
    newline: str = "\n"

    def encode(self, text: str) -> bytes:
        if self.newline != "\n":
            text = text.replace("\n", self.newline)
        return ("\ufeff" if self.bom else "").encode() + text.encode("utf-8")


def decode(data: bytes, path: str) -> tuple[Source | None, list[Problem]]:
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        return None, [
            Problem(
                "文件不是 UTF-8 编码",
                path=path,
                line=line,
                key=None,
                fix="用 UTF-8 编码另存该文件",
                rule=RULE,
            )
        ]
    bom = text.startswith("\ufeff")
    if bom:
        text = text[1:]
    crlf = text.find("\r\n")
    cr = text.find("\r")
    newline = "\n"
    if cr != -1:
        lf = text.find("\n")
        newline = "\r\n" if cr == crlf else ("\r" if lf == -1 or cr < lf else "\n")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Source(text, bom, newline), []


def control_problem(char: str, path: str, line: int, key: str | None) -> Problem:
    # The build's feed writer says the same (site/feeds.py): one mistake, one message.
    return Problem(
        f"含有控制字符 U+{ord(char):04X}，无法写入订阅（Atom）和网页",
        path=path,
        line=line,
        key=key,
        rule=RULE,
        fix="删除这个控制字符（多见于从其他软件复制的文字），或重新输入这段文字",
    )


def control_values(data: dict[str, Any], key_lines: dict[str, int], path: str) -> list[Problem]:
    """Control characters YAML made from escapes ("\\e", "\\x07" in a quoted value)."""
    out = []
    for key, value in data.items():
        stack = [value]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                if (m := _CONTROL.search(item)) is not None:
                    out.append(control_problem(m.group(), path, key_lines.get(key, 1), key))
                    break
            elif isinstance(item, list):
                stack.extend(item)
            elif isinstance(item, dict):
                stack.extend(item.values())
    return out


def control_characters(
    text: str, path: str, first_line: int = 1, key_of_line: dict[int, str] | None = None
) -> list[Problem]:
    """One problem per line holding a control character, naming it (U+0000 …)."""
    out: list[Problem] = []
    last = -1
    for m in _CONTROL.finditer(text):
        line = text.count("\n", 0, m.start()) + first_line
        if line == last:
            continue
        last = line
        key = (key_of_line or {}).get(line)
        out.append(control_problem(m.group(), path, line, key))
    return out


@dataclass(frozen=True)
class FrontMatter:
    data: dict[str, Any]
    key_lines: dict[str, int]  # key -> 1-based line in the file
    body: str
    body_line: int  # 1-based line of the body's first line
    duplicate_keys: list[tuple[str, int]] = field(default_factory=list)
    # first line of each duplicated key, for the message naming both lines
    first_lines: dict[str, int] = field(default_factory=dict)
    # top-level scalar values: key -> (start, end, style), offsets in the text given to split
    spans: dict[str, tuple[int, int, str | None]] = field(default_factory=dict)
    body_start: int = 0  # offset of the body in the text given to split
    problems: list[Problem] = field(default_factory=list)  # found while reading, not fatal

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


def _colon_problems(lines: list[str], path: str) -> tuple[list[str], list[Problem]]:
    """Top-level lines written "键：值", "键:值" or "键　: 值": explained on their own line
    and repaired in a copy, so that the YAML error does not land on the wrong line and
    the other keys are still checked."""
    fixed = list(lines)
    out: list[Problem] = []
    block = False  # inside a block scalar ("key: |"): its lines are text
    for i, line in enumerate(lines):
        if block and (not line.strip() or line[:1] in " \t"):
            continue
        block = False
        if re.search(r":\s*[|>][-+0-9]*\s*(#.*)?$", line):
            block = True
        m = _KEYISH.match(line)
        if m is None:
            continue
        key, colon, after = m["key"], m["colon"], m["after"]
        rest = line[m.end() :]
        if colon == ":" and after in (" ", "\t") and "\u3000" not in m["sp"]:
            continue  # a proper "key: value" (a space before the colon is YAML's too)
        if colon == ":" and after == "" and not rest.strip():
            continue  # "key:" with the value on the next lines
        if colon == ":" and after == "" and rest.startswith("//"):
            continue  # a URL on its own line: text, not a mistaken key
        if colon == "：":
            message = f"键“{key}”后面用了中文冒号“：”"
        elif "\u3000" in m["sp"] or after == "\u3000":
            message = f"键“{key}”的冒号旁边是全角空格"
        else:
            message = f"键“{key}”的冒号后面缺少空格"
        out.append(
            Problem(
                message,
                path=path,
                line=i + 2,
                key=key,
                fix=f"写成“{key}: {rest.strip() or '…'}”（英文冒号加一个半角空格）",
                rule=RULE,
            )
        )
        fixed[i] = f"{key}: " + rest.lstrip(" \t\u3000")
    return fixed, out


def split(text: str, path: str, *, nesting: int = DEFAULT.nesting) -> FrontMatter:
    """Parse ``text`` (as ``decode`` gives it); raise ContentError naming ``path`` and the
    line on failure, with every problem found up to it."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise ContentError(
            Problem(
                "文章开头缺少元数据（front matter）",
                path=path,
                line=1,
                rule=RULE,
                fix="在第一行写 ---，接着写“标题: …”“公开日期: …”等，再用一行 --- 结束",
            )
        )
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE), None)
    if end is None:
        raise ContentError(
            Problem(
                "元数据没有结束行 ---",
                path=path,
                line=1,
                rule=RULE,
                fix="在元数据最后一个键后面加一行 ---",
            )
        )
    yaml_lines = lines[1:end]
    yaml_text = "\n".join(yaml_lines)
    offset = len(lines[0]) + 1
    problems: list[Problem] = []
    if _CONTROL.search(yaml_text):
        problems += control_characters(yaml_text, path, 2, _line_keys(yaml_lines))
        yaml_text = _CONTROL.sub(" ", yaml_text)
        yaml_lines = yaml_text.split("\n")
    repaired, colon = _colon_problems(yaml_lines, path)
    problems += colon
    if colon:
        yaml_text = "\n".join(repaired)
    try:
        tree = yaml_tree.read(yaml_text, nesting=nesting)
    except yaml.YAMLError as exc:
        line = yaml_tree.problem_line(exc)
        raise ContentError(
            *problems,
            Problem(
                f"元数据不是合法的 YAML（{yaml_tree.chinese_problem(exc)}）",
                path=path,
                line=line + 2 if line is not None else 1,
                rule=RULE,
                fix="检查这一行的冒号、缩进和引号：键和值之间用“: ”（英文冒号加空格）",
            ),
        ) from None
    except yaml_tree.Refused as exc:
        raise ContentError(*problems, _refused(exc, path, nesting)) from None
    if tree.data is None:
        data: dict[str, Any] = {}
    elif not isinstance(tree.data, dict):
        raise ContentError(
            *problems,
            Problem(
                "元数据应是“键: 值”的列表",
                path=path,
                line=2,
                rule=RULE,
                fix="每行写一个“键: 值”，如“标题: 关于…的通知”",
            ),
        )
    else:
        data = tree.data
    key_lines = {k: tree.lines[k] + 2 for k in data if k in tree.lines}
    dups = [(key, line + 2) for p, key, _first, line in tree.duplicates if p == key]
    firsts = {key: first + 2 for p, key, first, _line in tree.duplicates if p == key}
    problems += control_values(data, key_lines, path)
    spans = (
        {}
        if colon
        else {k: (s + offset, e + offset, style) for k, (s, e, style) in tree.spans.items()}
    )
    body_start = sum(len(line) + 1 for line in lines[: end + 1])
    return FrontMatter(
        data=data,
        key_lines=key_lines,
        body="\n".join(lines[end + 1 :]),
        body_line=end + 2,
        duplicate_keys=dups,
        first_lines=firsts,
        spans=spans,
        body_start=min(body_start, len(text)),
        problems=problems,
    )


def _line_keys(yaml_lines: list[str]) -> dict[int, str]:
    """1-based file line -> the top-level key written on it (for messages before parsing)."""
    out: dict[int, str] = {}
    for i, line in enumerate(yaml_lines):
        m = re.match(r"^([^\s:：#\-][^:：]*?)\s*[:：]", line)
        if m:
            out[i + 2] = m[1].strip("'\"")
    return out


def _refused(exc: yaml_tree.Refused, path: str, nesting: int) -> Problem:
    line = exc.line + 2
    if exc.kind == "alias":
        return Problem(
            "元数据中不能使用 YAML 锚点或别名（& 或 *）",
            path=path,
            line=line,
            rule=RULE,
            fix="把值直接写出来；值以 * 或 & 开头时给整个值加引号",
        )
    if exc.kind == "depth":
        return Problem(
            f"元数据嵌套超过 {nesting} 层（hooks/limits.yml 的“{key_of('nesting')}”）",
            path=path,
            line=line,
            rule=RULE,
            fix="元数据只写“键: 值”和简单列表，不要层层嵌套",
        )
    if exc.kind == "key":
        return Problem(
            "元数据的键必须是文字，不能是列表或映射",
            path=path,
            line=line,
            rule=RULE,
            fix="每行写一个“键: 值”，键是元数据键名，如“标题”",
        )
    return Problem(
        "元数据中只能有一组“键: 值”（多了一个 --- 或 ...）",
        path=path,
        line=line,
        rule=RULE,
        fix="删除多余的 --- 或 ... 行",
    )
