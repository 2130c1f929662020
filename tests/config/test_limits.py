"""hooks/limits.yml: defaults, overrides, and every kind of mistake named by its key."""

from __future__ import annotations

from pathlib import Path

import pytest

from govsite.config import limits
from govsite.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "limits.yml").write_text(text, encoding="utf-8")
    return tmp_path


def test_missing_file_gives_defaults(tmp_path: Path) -> None:
    assert limits.load(tmp_path) == limits.DEFAULT


def test_repository_file_matches_defaults() -> None:
    # The shipped hooks/limits.yml documents the defaults: it must not drift from the code.
    assert limits.load(Path(__file__).resolve().parents[2] / "hooks") == limits.DEFAULT


def test_override_scales_megabytes(tmp_path: Path) -> None:
    got = limits.load(write(tmp_path, "单个文件大小上限MB: 5\n嵌套层数上限: 20\n"))
    assert got.file_bytes == 5 * limits.MB
    assert got.nesting == 20
    assert got.pages == limits.DEFAULT.pages


@pytest.mark.parametrize(
    ("text", "key", "words"),
    [
        ("嵌套层数上限: 0\n", "嵌套层数上限", "正整数"),
        ("嵌套层数上限: 十\n", "嵌套层数上限", "正整数"),
        ("嵌套层数上限: true\n", "嵌套层数上限", "正整数"),
        ("嵌套层数: 5\n", "嵌套层数", "未知的键"),
        ("- 1\n", "", "键: 数值"),
    ],
)
def test_mistakes_name_the_key(tmp_path: Path, text: str, key: str, words: str) -> None:
    with pytest.raises(ConfigError) as info:
        limits.load(write(tmp_path, text))
    problem = info.value.problems[0]
    assert problem.key == key
    assert words in problem.message
    assert problem.path == "hooks/limits.yml"


def test_every_attribute_has_a_key() -> None:
    assert limits.key_of("cells") == "表格单元格数上限"
