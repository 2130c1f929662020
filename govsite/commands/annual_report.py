"""``govsite annual-report``: the 政府信息公开工作年度报告 draft and tables (SITE-17)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import click

from govsite.commands.options import root_option
from govsite.errors import ContentError


@click.command("annual-report")
@click.option("--year", type=int, required=True, help="报告年度，如 2025")
@click.option("--unit", "unit", default=None, help="单位编号（reviewers.yml）；不写则生成全县报告")
@root_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="输出目录（默认 ROOT/reports/annual-report/<年度>）",
)
@click.option(
    "--threshold",
    type=click.FloatRange(0.3, 1.0),
    default=0.8,
    show_default=True,
    help="总体情况与上年报告相似度的警告阈值",
)
def annual_report(
    year: int, unit: str | None, root: Path, out: Path | None, threshold: float
) -> None:
    """生成政府信息公开工作年度报告（国办公开办函〔2021〕30号格式）：文章草稿和统计表。

    \b
    表二的规章、行政规范性文件从文章库统计；其余数字取自
    data/依申请公开/<年度>/<单位>.yml（格式见 docs/年度报告.md），逐列核对勾稽关系。
    数据有误时不生成文件，退出码为 1。
    示例：
      govsite annual-report --year 2025            # 全县报告（3月31日前发布）
      govsite annual-report --year 2025 --unit fgw # 部门报告（1月31日前发布）
    """
    from govsite import clock
    from govsite.atomic import write_text
    from govsite.commands.new import used_index_numbers
    from govsite.config.calendar import load_calendar
    from govsite.health.rules import report_due
    from govsite.library import load_library
    from govsite.model.index_number import next_serial
    from govsite.reports import annual
    from govsite.reports.build import build, county_unit

    if not 2000 <= year <= 2100:
        raise click.BadParameter("年度应是四位年份，如 2025", param_hint="--year")
    lib = load_library(root)
    lib.raise_if_problems()  # counts from a library with errors would be wrong
    # the due date moved past a weekend or holiday, on the official calendar
    due = report_due(year + 1, unit is None, load_calendar(root))
    outcome = build(lib, year, unit, threshold=threshold, due=due)
    for w in outcome.warnings:
        click.echo(f"[警告] {w}", err=True)
    if outcome.problems:
        raise ContentError(*outcome.problems)
    r = outcome.report
    issuer_unit = unit or county_unit(lib)
    now = clock.now().replace(second=0, microsecond=0)
    index_no = None
    u = lib.policy.units.get(issuer_unit) if issuer_unit else None
    if u is not None and u.credit_code:
        serial = next_serial(
            used_index_numbers(root, u.id, lib.site.index_rule), u.credit_code, now.year
        )
        try:
            index_no = lib.site.index_rule.format(u.credit_code, now.year, serial)
        except ValueError:
            index_no = None  # a custom 索引号 format: the editor fills it in
    column = lib.site.disclosure.annual_report or "gknb"
    topic = "综合政务" if "综合政务" in lib.site.topics else (lib.site.topics or ("综合政务",))[0]
    text = annual.draft(r, index_no=index_no, column=column, topic=topic, now=now)
    target = out or root / "reports" / "annual-report" / str(year)
    name = unit or "全县"
    rows = annual.table_rows(r)
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(("表", "项目", "列", "数值"))
    writer.writerows(rows)
    write_text(target / f"{name}.md", text)
    write_text(target / f"{name}.csv", "\ufeff" + buf.getvalue())  # BOM: Excel opens UTF-8
    write_text(
        target / f"{name}.json",
        json.dumps(annual.to_json(r, outcome.warnings), ensure_ascii=False, indent=2) + "\n",
    )
    click.echo(f"已生成 {r.title}（发布期限 {r.due_label}）：")
    for ext, what in (
        ("md", "文章草稿：补写【待填写】各处后放入 content/ 并提交审核"),
        ("csv", "统计表"),
        ("json", "统计表（JSON）"),
    ):
        click.echo(f"  {target / f'{name}.{ext}'}　{what}")
    legal = r.legal
    click.echo(
        "  规章 本年制发/废止/现行有效："
        f"{legal['规章'].issued}/{legal['规章'].repealed}/{legal['规章'].in_force}；"
        "行政规范性文件："
        f"{legal['行政规范性文件'].issued}/{legal['行政规范性文件'].repealed}/"
        f"{legal['行政规范性文件'].in_force}"
    )
    click.echo(
        f"  收到申请 {r.data.new.get('总计', 0)} 件，上年结转 "
        f"{r.data.carried_in.get('总计', 0)} 件，结转下年度 "
        f"{r.data.carried_out.get('总计', 0)} 件"
    )
