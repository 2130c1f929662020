"""``govsite build``: validate the content, build the site and swap output/ atomically."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

from govsite.commands.config_warnings import report_warnings, strict_option
from govsite.commands.options import root_option
from govsite.release.build import BuildResult, build_site


@click.command()
@root_option
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
@click.option(
    "--shard",
    "shard_spec",
    metavar="I/N",
    default=None,
    help="分片构建：只生成 N 份中的第 I 份页面和搜索索引，写入 --out 目录（见 docs/分片构建.md）",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="分片的输出目录（与 --shard 一起使用）",
)
@click.option(
    "--merge",
    is_flag=True,
    help="合并 DIR… 中的全部分片，检查后原子替换输出目录（-o，默认 ROOT/output）",
)
@click.argument(
    "dirs",
    nargs=-1,
    type=click.Path(path_type=Path),
    metavar="[DIR…]",
    help="与 --merge 同用：各分片构建的输出目录",
)
@strict_option
def build(
    root: Path,
    output: Path | None,
    publish: bool,
    no_search: bool,
    full: bool,
    shard_spec: str | None,
    out: Path | None,
    merge: bool,
    dirs: tuple[Path, ...],
    strict: bool,
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

    \b
    分片构建（多台机器或 CI 矩阵，见 docs/分片构建.md）：
      govsite build --shard 1/4 --out shard-1
      govsite build --merge shard-1 shard-2 shard-3 shard-4 -o /srv/www/shixian
    """
    if not merge:  # a merge reads no configuration: only the shards' folders
        report_warnings(root, strict=strict)
    if merge or shard_spec or out or dirs:
        _sharded(root, output, publish, no_search, shard_spec, out, merge, dirs)
        return
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


def _sharded(
    root: Path,
    output: Path | None,
    publish: bool,
    no_search: bool,
    shard_spec: str | None,
    out: Path | None,
    merge: bool,
    dirs: tuple[Path, ...],
) -> None:
    from govsite.release import shard

    if merge:
        if shard_spec or out:
            raise click.UsageError("--merge 不能与 --shard/--out 同时使用：先构建各分片，再合并")
        if not dirs:
            raise click.UsageError("--merge 后面要列出每个分片的目录，例如 --merge shard-1 shard-2")
        target = output or root / "output"
        merged = shard.merge(list(dirs), target, shown=[str(d) for d in dirs])
        click.echo(
            f"合并完成：{merged.shards} 个分片（提交 {merged.commit[:12]}），"
            f"共 {merged.files} 个文件，用时 {merged.seconds:.1f} 秒 → {merged.output}"
        )
        return
    if dirs:
        raise click.UsageError("目录参数只用于 --merge；分片的输出目录用 --out 指定")
    if not shard_spec or not out:
        raise click.UsageError("分片构建需要同时指定 --shard I/N 和 --out 目录")
    if output is not None:
        raise click.UsageError("分片构建的输出目录用 --out 指定，不用 -o/--output")
    spec = shard.parse(shard_spec)
    result = shard.build_shard(root, spec, out, publish=publish, search=not no_search)
    click.echo(
        f"分片 {spec} 构建完成：{result.articles} 篇文章页面、{result.search} 个搜索分片，"
        f"共 {result.files} 个文件，用时 {result.seconds:.1f} 秒 → {result.out}"
    )


def _with_progress(
    root: Path, output: Path | None, publish: bool, search: bool, reuse_previous: bool
) -> BuildResult:
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TaskID, TextColumn

    # Refreshed from report(), not by rich's refresh thread: the build forks its render
    # workers, and a fork while another thread runs can deadlock them.
    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        transient=True,
        auto_refresh=False,
    ) as bar:
        tasks: dict[str, TaskID] = {}
        shown = [0.0]

        def report(stage: str, done: int, total: int) -> None:
            if stage not in tasks:
                tasks[stage] = bar.add_task(stage, total=total)
            bar.update(tasks[stage], completed=done, total=total)
            now = time.monotonic()
            if now - shown[0] >= 0.1 or done >= total:  # about as often as rich would
                shown[0] = now
                bar.refresh()

        return build_site(
            root,
            output,
            publish=publish,
            search=search,
            progress=report,
            reuse_previous=reuse_previous,
        )
