"""``govsite site-report``: the 政府网站工作年度报表, pre-filled (SITE-16)."""

from __future__ import annotations

from pathlib import Path

import click

from govsite.commands.options import root_option


@click.command("site-report")
@click.option("--year", type=int, required=True, help="报表年度，如 2025")
@root_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="输出目录（默认 ROOT/reports/site-report/<年度>）",
)
def site_report(year: int, root: Path, out: Path | None) -> None:
    """生成政府网站工作年度报表：能从文章库和 site.yml 统计的各项已填好，其余标为“由平台填写”。

    \b
    输出 网站年度报表.md（放入年报栏目的文章草稿）和 网站年度报表.csv。
    示例：
      govsite site-report --year 2025
    """
    from govsite import clock
    from govsite.atomic import write_text
    from govsite.config import newmedia
    from govsite.library import load_library
    from govsite.reports import site_report as form

    if not 2000 <= year <= 2100:
        raise click.BadParameter("年度应是四位年份，如 2025", param_hint="--year")
    lib = load_library(root)
    lib.raise_if_problems()
    accounts = newmedia.load(root, lib.policy.units)
    profiles = len(list((Path(root) / "content").glob("*/机构概况.yml")))
    # without newmedia.yml the 移动新媒体 items stay 由平台填写
    found = form.items(
        lib.site,
        lib.articles,
        year,
        profiles=profiles,
        accounts=[form.Account(a.name, a.platform, a.active) for a in accounts or ()],
    )
    now = clock.now()
    column = lib.site.disclosure.site_report or "wzndbb"
    target = out or Path(root) / "reports" / "site-report" / str(year)
    write_text(
        target / "网站年度报表.md",
        form.markdown(lib.site, found, year, column=column, when=f"{now:%Y-%m-%d %H:%M}"),
    )
    write_text(target / "网站年度报表.csv", form.to_csv(found))
    filled = sum(1 for it in found if it.value is not None)
    click.echo(
        f"已生成 {year} 年政府网站工作年度报表：{filled} 项已填好，"
        f"{len(found) - filled} 项由平台填写（1月31日前在首页显著位置发布）"
    )
    click.echo(f"  {target / '网站年度报表.md'}　放入 content/ 的年报栏目文章草稿")
    click.echo(f"  {target / '网站年度报表.csv'}　报表（CSV）")
