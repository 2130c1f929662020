"""索引号 of the other articles (for uniqueness in ``govsite check``) read as YAML reads
them: the fast path for plain lines must never give another answer than the parser."""

from __future__ import annotations

from pathlib import Path

import pytest

from govsite.checks.sitectx import _front_index
from govsite.model.frontmatter import split

IDX = "11152522MB1665215Y/2025-00004"


@pytest.mark.parametrize(
    "front",
    [
        f"索引号: {IDX}",
        f"索引号: {IDX}  # 注释",
        f'"索引号": {IDX}',
        f"'索引号': '{IDX}'",
        f'索引号: "{IDX}"',
        f"{{索引号: {IDX}, 标题: x}}",
        f"? 索引号\n: {IDX}",
        f"索引号: !!str {IDX}",
        f"索引号: |\n  {IDX}",
        f"索引号: {IDX}\n  续行",
        f"标题: 'a\n索引号: {IDX}'",
        f"索引号: {IDX}\n索引号: 11152522MB1665215Y/2025-00005",
        f"索引号：{IDX}",
        "标题: 无索引号",
    ],
)
def test_fast_path_agrees_with_yaml(tmp_path: Path, front: str) -> None:
    text = f"---\n{front}\n---\n\n正文\n"
    path = tmp_path / "a.md"
    path.write_text(text, encoding="utf-8")
    try:
        value = split(text, "a.md").data.get("索引号")
    except Exception:
        value = None
    expected = value.strip() if isinstance(value, str) and value.strip() else None
    assert _front_index(path) == expected
