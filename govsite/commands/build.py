"""``govsite build``: validate the content, build the site and swap output/ atomically."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from govsite.commands.config_warnings import report_warnings, strict_option
from govsite.release.build import BuildResult, build_site


@click.command()
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="网站仓库目录",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="输出目录（默认 ROOT/output）",
)
@click.option("--publish", is_flag=True, help="使用正式网址（site.yml 的“网址”）生成绝对链接")
@click.option("--no-search", is_flag=True, help="不建立搜索索引（预览时更快）")
@click.option("--full", is_flag=True, help="全部重新生成：不复用上次构建中未变的页面和搜索索引")
@strict_option
def build(
    root: Path, output: Path | None, publish: bool, no_search: bool, full: bool, strict: bool
) -> None:
    """校验全部内容，构建网站并原子替换输出目录。

    \b
    示例：
      govsite build
      govsite build --publish -o /srv/www/shixian
    任何内容或配置问题都会列出“文件:行: 键: 问题。修改方法：…”，
    构建中止，原有的输出目录保持不变。

    \b
    只有内容、模板或配置改动影响到的页面才重新生成，其余页面和搜索索引
    直接沿用上次构建的结果（输出目录被别的程序改过时自动全部重新生成）。

    \b
    配置警告（如未填党政机关标识）会列出，构建照常进行；加 --strict 时作为错误，构建中止。
    """
    report_warnings(root, strict=strict)
    if sys.stderr.isatty():
        result = _with_progress(root, output, publish, not no_search, not full)
    else:
        result = build_site(
            root, output, publish=publish, search=not no_search, reuse_previous=not full
        )
    if result.recovered:
        click.echo(f"已恢复上次被中断的构建留下的输出目录 {result.output}（原来在线的版本）")
    click.echo(
        f"构建完成：{result.articles} 篇文章、{result.pages} 个页面，"
        f"共 {result.files} 个页面文件（沿用未变的 {result.reused} 个），"
        f"用时 {result.seconds:.1f} 秒 → {result.output}"
    )


def _with_progress(
    root: Path, output: Path | None, publish: bool, search: bool, reuse_previous: bool
) -> BuildResult:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), transient=True
    ) as bar:
        tasks: dict[str, TaskID] = {}

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)

        return build_site(
            root,
            output,
            publish=publish,
            search=search,
            progress=report,
            reuse_previous=reuse_previous,
        )
