"""``docs/命令参考.md``, written from the commands' own ``--help`` and error classes.

The reference is the help text itself (a fixed width, so it does not depend on the
terminal), so the two cannot disagree; tests/commands/test_reference.py fails when
the file is not current. Regenerate with::

    python -m govsite.commands.reference
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import click

from govsite import atomic
from govsite.commands.cli import COMMANDS, cli
from govsite.commands.help_format import GovsiteContext
from govsite.errors import (
    EXIT_INTERRUPTED,
    EXIT_OK,
    ConfigError,
    ContentError,
    ForgeError,
    InternalError,
    SystemProblem,
    UsageError,
)

TARGET = "docs/命令参考.md"
REGENERATE = "python -m govsite.commands.reference"
WIDTH = 100

_ERRORS = (ContentError, UsageError, ConfigError, SystemProblem, ForgeError, InternalError)
_MEANING = {
    ContentError: "文章或页面不能按现状发布（元数据、正文、模板对这篇文章出错）",
    UsageError: "命令行写错了（没有这个选项、缺少参数、取值不在可选范围内）",
    ConfigError: "site.yml、reviewers.yml、hooks/ 中的数据或选项的值有误",
    SystemProblem: "机器的问题：磁盘已满、没有权限、文件名太长、只读文件系统等",
    ForgeError: "代码托管平台（GitHub、Gitea）连不上、超时或拒绝，审核门禁判为不通过",
    InternalError: "govsite 自身的程序错误：保留错误跟踪，请把全部输出报告给平台单位",
}


def _commands() -> Iterator[tuple[str, click.Command, click.Context]]:
    top = GovsiteContext(
        cli,
        info_name="govsite",
        terminal_width=WIDTH,
        max_content_width=WIDTH,
        **cli.context_settings,
    )
    yield "govsite", cli, top
    for name in COMMANDS:
        command = cli.get_command(top, name)
        assert command is not None
        yield from _walk(command, name, top)


def _walk(
    command: click.Command, name: str, parent: click.Context
) -> Iterator[tuple[str, click.Command, click.Context]]:
    ctx = GovsiteContext(command, info_name=name, parent=parent)
    yield ctx.command_path, command, ctx
    if isinstance(command, click.Group):
        for sub in command.list_commands(ctx):
            found = command.get_command(ctx, sub)
            assert found is not None
            yield from _walk(found, sub, ctx)


def render() -> str:
    """The whole reference, as it is written to ``docs/命令参考.md``."""
    out = [
        "# 命令参考",
        "",
        f"<!-- 由 `{REGENERATE}` 根据各命令的 --help 生成，请勿手工修改。 -->",
        "",
        "本页是每个 govsite 命令的帮助（`govsite 命令 --help` 显示的内容），按命令排列。",
        "各命令的用法说明和背景见其他文档（编辑指南、保密审查与三校、审核门禁等）。",
        "",
        "## 退出码和错误提示",
        "",
        "每条错误提示以它的类别开头（如“配置错误：site.yml:47: 栏目[1].更新周期: …”），",
        "写明文件、行号、键和修改方法。",
        "",
        "| 退出码 | 提示开头 | 含义 |",
        "|---|---|---|",
        f"| {EXIT_OK} | | 成功（检查没有错误、可以合并） |",
        "| 1 | | 检查发现错误（`check`、`report`、`verify`），或不能合并（`review`） |",
    ]
    out += [f"| {e.exit_code} | {e.label}： | {_MEANING[e]} |" for e in _ERRORS]
    out += [
        f"| {EXIT_INTERRUPTED} | 已中断。 | 按了 Ctrl+C（或收到 SIGINT） |",
        "",
    ]
    for path, command, ctx in _commands():
        out += [f"## {path}", "", "```text", command.get_help(ctx).rstrip(), "```", ""]
    return "\n".join(out)


def main(argv: list[str] | None = None) -> None:
    """Write the reference into the repository this package is in (or ``argv[0]``)."""
    args = sys.argv[1:] if argv is None else argv
    root = Path(args[0]) if args else Path(__file__).resolve().parents[2]
    atomic.write_text(root / TARGET, render())
    click.echo(f"已写入 {root / TARGET}")


if __name__ == "__main__":
    main()
