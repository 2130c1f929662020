"""``govsite publish`` and ``govsite rollback``: atomic releases of the built site."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from govsite.errors import Problem


@click.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="网站仓库目录")
@click.option("--to", "to", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="发布目录：版本在 DIR/releases/ 下，网站服务器指向 DIR/current")
@click.option("--keep", default=5, show_default=True, type=click.IntRange(1),
              help="保留的发布版本数")
@click.option("--today", default=None, metavar="YYYY-MM-DD", help="健康检查按这一天（默认今天）")
@click.option("--no-report", is_flag=True, help="发布前不做健康检查（不建议）")
@click.option("--no-search", is_flag=True, help="不建立搜索索引")
def publish(root: Path, to: Path, keep: int, today: str | None, no_report: bool,
            no_search: bool) -> None:
    """构建新版本，健康检查通过后原子切换 DIR/current；失败时原网站保持不变。

    \b
    示例：
      govsite publish --to /srv/www/shixian
      govsite rollback --to /srv/www/shixian
    """
    from govsite.commands.report import parse_today
    from govsite.health import publish as pub

    day = parse_today(today)

    def gate(release: Path) -> list[Problem]:
        from govsite.health.collect import collect
        from govsite.health.findings import FAILING

        result = collect(root, day, output=release)
        return [Problem(f"健康检查不通过，未切换：{f.render()}") for f in result.findings
                if f.level in FAILING]

    name = pub.publish(root, to, keep=keep, gate=None if no_report else gate,
                       search=not no_search)
    click.echo(f"已发布 {name}（{datetime.now():%Y-%m-%d %H:%M}）：{Path(to) / pub.CURRENT} → "
               f"{pub.RELEASES}/{name}")


@click.command()
@click.option("--to", "to", required=True, type=click.Path(file_okay=False, path_type=Path),
              help="发布目录")
@click.option("--release", default=None, help="回退到的版本名（默认上一个版本）")
def rollback(to: Path, release: str | None) -> None:
    """把 DIR/current 切回以前的发布版本（原子切换）。

    \b
    示例：
      govsite rollback --to /srv/www/shixian
      govsite rollback --to /srv/www/shixian --release 20261120-020000
    """
    from govsite.health import publish as pub

    before = pub.current(to)
    name = pub.rollback(to, release)
    click.echo(f"已回退：{before or '无'} → {name}")
