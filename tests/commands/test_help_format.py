"""Chinese help pages: display width, wrapping, click's own words (pure, by tables)."""

from __future__ import annotations

import pytest

from govsite.commands.help_format import ChineseHelpFormatter, _metavars, _width, _wrap


@pytest.mark.parametrize(
    ("text", "width"), [("abc", 3), ("中文", 4), ("--root 目录", 11), ("［默认］", 8)]
)
def test_display_width(text: str, width: int) -> None:
    assert _width(text) == width


@pytest.mark.parametrize(
    ("text", "room", "lines"),
    [
        ("网站仓库目录", 8, ["网站仓库", "目录"]),
        ("指向 DIR/current 的目录", 12, ["指向", "DIR/current", "的目录"]),  # no break in a path
        ("保留的版本数  [默认：5]", 14, ["保留的版本数", "[默认：5]"]),  # the bracket stays whole
        ("a\nb", 10, ["a", "b"]),
    ],
)
def test_wrap_by_display_width(text: str, room: int, lines: list[str]) -> None:
    assert _wrap(text, room) == lines
    assert all(_width(line) <= room for line in lines)


@pytest.mark.parametrize(
    ("english", "chinese"),
    [
        ("--root DIRECTORY", "--root 目录"),
        ("--keep INTEGER RANGE", "--keep 整数"),
        ("[PATHS]...", "[PATHS]..."),  # an argument's own name is kept
        ("[OPTIONS]", "[选项]"),
    ],
)
def test_metavars(english: str, chinese: str) -> None:
    assert _metavars(english) == chinese


def test_paragraphs_join_chinese_lines_without_a_space() -> None:
    f = ChineseHelpFormatter(width=60)
    f.write_text(
        "不能读取的附件（类型不支持、加密、\n损坏）是错误。\n\nSee the\nmanual.\n\n\b\n  示例：\n    govsite check"
    )
    assert f.getvalue() == (
        "不能读取的附件（类型不支持、加密、损坏）是错误。\n\nSee the manual.\n\n  示例：\n    govsite check\n"
    )
