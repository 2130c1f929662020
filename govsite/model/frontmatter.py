"""Split an article into YAML front matter and Markdown body, keeping line numbers.

Scalars are read as strings (PyYAML's BaseLoader): an editor's ``索引号`` or
``有效性: 是`` must never turn into a number, boolean or date behind their
back; the article schema converts each key itself and can then say exactly
what was wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import yaml

from govsite.errors import ContentError, Problem

FENCE = "---"
# libyaml's loader when present: parsing is most of the cost of loading 10,000 articles.
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)


@dataclass(frozen=True)
class FrontMatter:
    data: dict[str, Any]
    key_lines: dict[str, int]  # key -> 1-based line in the file
    body: str
    body_line: int  # 1-based line of the body's first line
    end_line: int = 0  # 1-based line of the closing fence
    duplicate_keys: list[tuple[str, int]] = field(default_factory=list)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


def split(text: str, path: str) -> FrontMatter:
    """Parse ``text``; raise ContentError naming ``path`` and the line on failure."""
    if text.startswith("\ufeff"):
        text = text[1:]
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != FENCE:
        raise ContentError(Problem(
            "文章开头缺少元数据（front matter）",
            path=path, line=1,
            fix="在第一行写 ---，接着写“标题: …”“公开日期: …”等，再用一行 --- 结束"))
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE), None)
    if end is None:
        raise ContentError(Problem(
            "元数据没有结束行 ---", path=path, line=1,
            fix="在元数据最后一个键后面加一行 ---"))
    yaml_text = "\n".join(lines[1:end])
    try:
        node = yaml.compose(yaml_text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or str(exc)
        raise ContentError(Problem(
            f"元数据不是合法的 YAML（{problem}）", path=path, line=line,
            fix="检查这一行的冒号、缩进和引号：键和值之间用“: ”（英文冒号加空格）")) from None
    if node is None:
        data: dict[str, Any] = {}
        key_lines: dict[str, int] = {}
        dups: list[tuple[str, int]] = []
    else:
        if not isinstance(node, yaml.MappingNode):
            raise ContentError(Problem(
                "元数据应是“键: 值”的列表", path=path, line=2,
                fix="每行写一个“键: 值”，如“标题: 关于…的通知”"))
        key_lines, dups = {}, []
        for key_node, _ in node.value:
            key = str(key_node.value)
            line = key_node.start_mark.line + 2
            if key in key_lines:
                dups.append((key, line))
            else:
                key_lines[key] = line
        loader = _LOADER(yaml_text)
        try:
            data = loader.construct_document(node)
        finally:
            loader.dispose()
    return FrontMatter(
        data=data,
        key_lines=key_lines,
        body="\n".join(lines[end + 1:]),
        body_line=end + 2,
        end_line=end + 1,
        duplicate_keys=dups,
    )
