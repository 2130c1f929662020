"""The ``govsite`` command group.

Subcommands are imported only when invoked, so ``govsite check`` in a
pre-commit hook does not pay for Pelican's import (a typical hook run must stay
under one second), and a command's module is the only place it lives.
"""

from __future__ import annotations

import importlib

import click

from govsite import __version__
from govsite.commands.help_format import HELP_OPTION_NAMES, GovsiteContext, chinese
from govsite.error_handler import error_handler

# name -> ("module:attribute", one-line help); one module per verb. The help is
# kept here so that ``govsite --help`` imports no command module.
COMMANDS: dict[str, tuple[str, str]] = {
    "admin": ("govsite.commands.admin:admin", "网页编辑器（Decap CMS，内网使用）"),
    "build": ("govsite.commands.build:build", "构建网站（原子替换 output/）"),
    "new": ("govsite.commands.new:new", "按模板新建文章，自动分配索引号"),
    "import": ("govsite.commands.import_:import_", "导入公文（docx/doc/wps/pdf/ofd）或迁移旧网站"),
    "check": ("govsite.commands.check:check", "保密审查与三校检查（文章和附件）"),
    "review": ("govsite.commands.review:review", "三审审核门禁"),
    "preview": ("govsite.commands.preview:preview", "合并请求预览：构建预览网站，评论改动的页面"),
    "report": ("govsite.commands.report:report", "网站健康报告（对照检查指标）"),
    "register": ("govsite.commands.register:register", "信息发布登记表"),
    "verify": ("govsite.commands.verify:verify", "防篡改：核对已部署文件与清单"),
    "publish": ("govsite.commands.publish:publish", "构建并原子发布到目标目录"),
    "rollback": ("govsite.commands.publish:rollback", "回退到以前的发布版本"),
    "withdraw": ("govsite.commands.withdraw:withdraw", "撤稿：把文章标为已撤销（紧急下线）"),
    "annual-report": (
        "govsite.commands.annual_report:annual_report",
        "政府信息公开工作年度报告（草稿和统计表）",
    ),
    "site-report": ("govsite.commands.site_report:site_report", "政府网站工作年度报表（预填）"),
}


class LazyGroup(click.Group):
    context_class = GovsiteContext

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        entry = COMMANDS.get(cmd_name)
        if entry is None:
            return None
        module_name, attr = entry[0].split(":")
        command = getattr(importlib.import_module(module_name), attr)
        assert isinstance(command, click.Command)
        return chinese(command)

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("命令"):
            formatter.write_dl(rows)


@click.group(cls=LazyGroup, context_settings={"help_option_names": HELP_OPTION_NAMES})
@click.version_option(__version__, prog_name="govsite", message="%(prog)s %(version)s")
def cli() -> None:
    """govsite：以 git 仓库管理的县级政府网站（集约化平台）。

    \b
    常用命令（示例）：
      govsite build              构建网站到 output/
      govsite new --unit U --column C "标题"   新建文章
      govsite check PATH…        保密审查与三校检查
      govsite review evaluate …  三审审核门禁
      govsite report             网站健康报告（检查指标）
    """


def main() -> None:
    """The ``govsite`` entry point: every exit status comes from ``error_handler``."""
    with error_handler():
        # Not standalone: click's usage errors, ^C and exits reach error_handler as they are.
        outcome = cli.main(prog_name="govsite", standalone_mode=False)
        if isinstance(outcome, int):  # what click returns for ctx.exit(n), --help, --version
            raise click.exceptions.Exit(outcome)
