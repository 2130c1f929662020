"""docs/命令参考.md is the commands' --help as it is now, and every help reads like documentation."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from govsite.commands import reference
from govsite.commands.cli import COMMANDS
from govsite.commands.help_format import GovsiteContext
from tests.conftest import REPO_ROOT


def test_the_cli_reference_is_current() -> None:
    written = (REPO_ROOT / reference.TARGET).read_text(encoding="utf-8")
    assert written == reference.render(), (
        f"{reference.TARGET} 与各命令的 --help 不一致。"
        f"修改方法：运行 `{reference.REGENERATE}` 重新生成，并提交这个文件"
    )


def test_the_reference_is_written_where_it_is_read(tmp_path: Path) -> None:
    reference.main([str(tmp_path)])
    assert (tmp_path / reference.TARGET).read_text(encoding="utf-8") == reference.render()


def _every_command() -> list[str]:
    return [path for path, _command, _ctx in reference._commands()]


@pytest.mark.parametrize("path", _every_command())
def test_every_help_is_documentation(path: str) -> None:
    """Chinese, what it does, each option and argument explained, an example."""
    command, ctx = next((c, x) for p, c, x in reference._commands() if p == path)
    text = command.get_help(ctx)
    assert text.startswith(f"用法：{path}")
    summary = (command.help or "").strip().splitlines()[0]
    assert any("\u4e00" <= ch <= "\u9fff" for ch in summary), summary
    assert "示例" in (command.help or ""), f"{path}: 帮助中没有示例"
    for param in command.params:
        if isinstance(param, click.Option | click.Argument):
            assert param.help, f"{path}: {param.name} 没有说明"
    # click's own English words are all translated
    for english in ("Usage:", "Options:", "Show this message", "[default:", "[required]"):
        assert english not in text, (path, english)
    assert isinstance(ctx, GovsiteContext)


def test_every_command_is_in_the_reference() -> None:
    assert {p.split()[1] for p in _every_command() if " " in p} == set(COMMANDS)
