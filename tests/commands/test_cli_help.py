"""Every command has help that reads like documentation and is documented in docs/ or README."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from govsite.commands.cli import COMMANDS, cli
from tests.conftest import REPO_ROOT

DOCS = "\n".join(
    p.read_text(encoding="utf-8")
    for p in [REPO_ROOT / "README.md", *sorted((REPO_ROOT / "docs").glob("*.md"))]
)


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_help_and_docs(name: str) -> None:
    result = CliRunner().invoke(cli, [name, "--help"])
    assert result.exit_code == 0, result.output
    assert "用法：" in result.output
    # A summary in Chinese, not just the option list.
    assert any("\u4e00" <= ch <= "\u9fff" for ch in result.output)
    assert f"govsite {name}" in DOCS


def test_group_help_lists_every_command_without_importing_them() -> None:
    result = CliRunner().invoke(cli, ["--help"])
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output
