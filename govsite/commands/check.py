"""``govsite check``: 保密审查 and 三校 on Markdown files and attachments."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from govsite import atomic
from govsite.commands.config_warnings import report_warnings, strict_option
from govsite.errors import EXIT_FINDINGS, EXIT_OK, ConfigError, Problem


@click.command("check")
@click.argument(
    "paths", nargs=-1, type=click.Path(), help="要检查的文章、附件或目录（目录中的文件都检查）"
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "json", "sarif"]),
    default="text",
    show_default=True,
    help="输出格式：text（中文）、json、sarif（代码扫描）",
)
@click.option(
    "--fix",
    is_flag=True,
    help="自动修正可安全修正的问题（半角标点、省略号、重复标点、发文字号的括号、"
    "日期的前导 0），并列出修改之处",
)
@click.option("--staged", is_flag=True, help="检查 git 暂存区：Markdown 只查新增的行，附件整体检查")
@click.option(
    "--no-inline-allow",
    is_flag=True,
    help="不认可文中的 <!-- govsite: allow … --> 豁免注释（CI 使用）",
)
@click.option(
    "--all",
    "whole",
    is_flag=True,
    help="重新检查全站每篇文章和每个附件（按文件内容缓存在 .govsite-cache/，未改动的文件不再读取）",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False),
    help="把结果写入文件（如 SARIF 上传用），不写则输出到屏幕",
)
@strict_option
def check(
    paths: tuple[str, ...],
    fmt: str,
    fix: bool,
    staged: bool,
    no_inline_allow: bool,
    whole: bool,
    output: str | None,
    strict: bool,
) -> None:
    """保密审查与三校：检查文章（Markdown）和附件（Office/WPS、PDF、OFD、图片、压缩包等）。

    检查一篇文章时也检查它“附件”里列出的文件。不能读取的附件（类型不支持、加密、
    损坏、超过处理上限）是错误，不会放过。

    发现错误时退出码为 1，只有警告时为 0，用法或配置错误为 2。
    site.yml 的配置警告列在标准错误输出；加 --strict 时它们是配置错误（退出码 2）。

    \b
    示例：
      govsite check content/                      检查全部文章和附件
      govsite check --staged                      检查 git 暂存区（pre-commit 使用）
      govsite check --all                         重新检查全站（未改动的文件用缓存）
      govsite check --format sarif -o check.sarif content/   供代码扫描上传
    """
    from govsite.checks import render
    from govsite.checks.runner import Options, check_paths

    if staged and paths:
        raise ConfigError(
            Problem(
                "--staged 不能与路径同时使用",
                fix="去掉路径（检查暂存区），或去掉 --staged（检查指定文件）",
            )
        )
    if staged and fix:
        raise ConfigError(
            Problem(
                "--staged 不能与 --fix 同时使用", fix="先运行 govsite check --fix 文件，再 git add"
            )
        )
    if whole and (paths or staged or fix):
        raise ConfigError(
            Problem(
                "--all 不能与路径、--staged 或 --fix 同时使用", fix="单独运行 govsite check --all"
            )
        )
    if not staged and not paths and not whole:
        raise ConfigError(
            Problem(
                "没有指定要检查的文件", fix="如 govsite check content/，或 govsite check --staged"
            )
        )
    _config_warnings(paths, strict)
    options = Options(fix=fix, inline_allow=not no_inline_allow)
    if whole:
        from govsite.checks.sitectx import find_root
        from govsite.checks.whole import check_all

        root = find_root(Path.cwd().resolve())
        if root is None:
            raise ConfigError(
                Problem(
                    "当前目录不在网站仓库中（找不到 site.yml 和 reviewers.yml）",
                    fix="在网站仓库的根目录运行 govsite check --all",
                )
            )
        scan = check_all(root, options)
        findings = scan.findings
        sys.stderr.write(
            f"全站 {scan.files} 个文件，{scan.cached} 个未改动（用缓存），"
            f"{scan.files - scan.cached} 个重新检查。\n"
        )
    elif staged:
        from govsite.checks.staged import check_staged

        findings = check_staged(Path.cwd(), options)
    else:
        findings = check_paths(paths, options)
    for display, changes in options.fixed.items():
        # stderr: the report on stdout stays valid JSON/SARIF with --fix too
        sys.stderr.write(f"{display}: 已修正 {len(changes)} 处\n")
        sys.stderr.writelines(f"  {change}\n" for change in changes)
    if fmt == "json":
        out = render.to_json(findings)
    elif fmt == "sarif":
        out = render.to_sarif(findings)
    else:
        out = render.text(findings)
    if output:
        atomic.write_text(output, out)
    else:
        sys.stdout.write(out)
    raise SystemExit(EXIT_FINDINGS if any(f.is_error for f in findings) else EXIT_OK)


def _config_warnings(paths: tuple[str, ...], strict: bool) -> None:
    """The configuration warnings of each site the checked files belong to (the one
    around the working directory for --staged and --all)."""
    from govsite.checks.sitectx import find_root

    starts = [Path(p).resolve() for p in paths] or [Path.cwd().resolve()]
    roots = {find_root(p if p.is_dir() else p.parent) for p in starts}
    for root in sorted(r for r in roots if r is not None):
        report_warnings(root, strict=strict)
