"""``govsite report``: the site's health against the inspection rules (exit 1 on a veto)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import click

from govsite.commands.config_warnings import report_warnings, strict_option
from govsite.commands.options import root_option
from govsite.errors import EXIT_FINDINGS, ConfigError, Problem


def parse_today(text: str | None) -> date:
    if text is None:
        return datetime.now().date()
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ConfigError(
            Problem(
                f"--today“{text}”不是日期",
                key="--today",
                fix="写成 年-月-日，如 --today 2026-01-05",
            )
        ) from None


@click.command()
@root_option
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="已构建的网站目录（默认 ROOT/output）",
)
@click.option("--today", default=None, metavar="YYYY-MM-DD", help="按这一天检查（默认今天）")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "html"]),
    default="text",
    show_default=True,
    help="输出格式",
)
@click.option(
    "--reports",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="HTML 报告的目录（默认 ROOT/reports，不在网站输出中）",
)
@click.option("--check-external", is_flag=True, help="联网检查外部链接是否可用")
@strict_option
def report(
    root: Path,
    output: Path | None,
    today: str | None,
    fmt: str,
    reports: Path | None,
    check_external: bool,
    strict: bool,
) -> None:
    """对照政府网站检查指标生成健康报告；有否决项或错误时退出码为 1。

    \b
    示例：
      govsite build && govsite report
      govsite report --today 2026-01-05 --format json > health.json
      govsite report --format html      # 写入 reports/health-<日期>.html
    """
    from govsite.atomic import write_text
    from govsite.health import report as render
    from govsite.health.collect import collect
    from govsite.health.findings import failing

    day = parse_today(today)
    report_warnings(root, strict=strict)
    result = collect(root, day, output=output, check_external=check_external)
    if fmt == "json":
        click.echo(render.to_json(result))
    elif fmt == "html":
        target = (reports or Path(root) / "reports") / f"health-{day.isoformat()}.html"
        write_text(target, render.to_html(result))
        render.print_text(result)
        click.echo(f"HTML 报告：{target}")
    else:
        render.print_text(result)
    if failing(result.findings):
        raise SystemExit(EXIT_FINDINGS)
