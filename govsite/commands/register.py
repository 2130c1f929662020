"""``govsite register``: the publication register (信息发布登记表, REV-10/11)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click


@click.command()
@click.option("--root", type=click.Path(file_okay=False, path_type=Path), default=Path("."),
              show_default=True, help="网站仓库目录")
@click.option("--out", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="输出目录（默认 ROOT/reports），写出 register.csv 和 register.html")
@click.option("--rev", default="HEAD", show_default=True, help="按哪个分支或提交的历史登记")
def register(root: Path, out: Path | None, rev: str) -> None:
    """生成信息发布登记表：标题、索引号、单位、作者、各级审核人、合并提交与时间、公开日期。

    \b
    审核人来自三审门禁写入的审批记录（git notes refs/notes/approvals）；
    门禁启用前发布的文章显示“无审批记录”。
    示例：
      govsite register --out reports/
    """
    from govsite.gitlog import file_dates
    from govsite.health import register as reg
    from govsite.library import load_library

    lib = load_library(root)
    lib.raise_if_problems()
    dates = file_dates(root, rev)
    rows = reg.build_rows(lib.articles, dates, reg.read_notes(root), reg.read_authors(root),
                          {u.id: u.name for u in lib.policy.units.values()})
    folder = out or Path(root) / "reports"
    reg.write_atomic(folder / "register.csv", reg.to_csv(rows))
    reg.write_atomic(folder / "register.html",
                     reg.to_html(rows, lib.site.name, f"{datetime.now():%Y-%m-%d %H:%M}"))
    missing = sum(1 for r in rows if r.approval_note)
    click.echo(f"登记 {len(rows)} 篇文章（其中 {missing} 篇无审批记录）→ "
               f"{folder / 'register.csv'}、{folder / 'register.html'}")
