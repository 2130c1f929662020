"""``govsite register``: the publication register (信息发布登记表, REV-10/11)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import click

from govsite.commands.options import root_option


@click.command()
@root_option
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="输出目录（默认 ROOT/reports），写出 register.csv 和 register.html",
)
@click.option("--rev", default="HEAD", show_default=True, help="按哪个分支或提交登记")
def register(root: Path, out: Path | None, rev: str) -> None:
    """生成信息发布登记表：标题、索引号、单位、作者、一审/二审/三审、领导签发、联合发文、
    合并人、合并方式、合并提交与时间、公开日期。

    \b
    审核人来自三审门禁签名的审批记录（git notes refs/notes/approvals），先取回：
      git fetch origin refs/notes/approvals:refs/notes/approvals
    门禁启用前入库的文章显示“门禁启用前发布”，其余没有有效记录的显示“无有效审批记录”。
    示例：
      govsite register --out reports/
    """
    from govsite import atomic, gitlog, gitpaths
    from govsite.library import load_library
    from govsite.review import audit, records
    from govsite.review import register as reg

    lib = load_library(root)  # titles and 索引号 (the checkout; blobs and history from rev)
    lib.raise_if_problems()
    repo = audit.open_repo(root)
    commit = audit.resolve(repo, rev)
    prefix = gitpaths.of_repo(repo, root)
    blobs = {
        prefix.site_path(p): b for p, b in audit.tree_blobs(repo, commit.hexsha) if prefix.inside(p)
    }
    dates = gitlog.file_dates(root, commit.hexsha)
    paths = {a.path for a in lib.articles}
    store = records.load(
        root,
        audit.trusted_signers(root, commit.hexsha, lib.site.gate_since),
        lambda data: any(p in paths for p in data.get("files") or ()),
    )
    baseline = gitlog.baseline_commits(root, since=lib.site.gate_since, rev=commit.hexsha)
    landings, ancestors = reg.read_landings(root, {fd.last_commit for fd in dates.values()})
    rows = reg.build_rows(
        lib.articles,
        dates,
        blobs,
        store.index(),
        landings,
        ancestors,
        baseline,
        lib.policy,
        reg.read_authors(root, commit.hexsha),
    )
    folder = out or Path(root) / "reports"
    atomic.write_text(folder / "register.csv", reg.to_csv(rows))
    atomic.write_text(
        folder / "register.html",
        reg.to_html(rows, lib.site.name, f"{datetime.now():%Y-%m-%d %H:%M}"),
    )
    missing = sum(1 for r in rows if r.record == reg.NO_RECORD)
    click.echo(
        f"登记 {len(rows)} 篇文章（其中 {missing} 篇无有效审批记录）→ "
        f"{folder / 'register.csv'}、{folder / 'register.html'}"
    )
