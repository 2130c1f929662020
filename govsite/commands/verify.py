"""``govsite verify``: compare a deployed site with the build's manifest (OPS-02/03)."""

from __future__ import annotations

from pathlib import Path

import click

from govsite.errors import EXIT_FINDINGS


@click.command()
@click.option(
    "--manifest",
    "manifest_file",
    required=True,
    type=click.Path(dir_okay=False, path_type=Path),
    help="构建时生成的 manifest.json（从构建产物保存，不要取自被检查的服务器）",
)
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="网站仓库目录（读取 hooks/ 中的违禁词表）",
)
@click.argument("target", help="已部署网站的目录，或网站的网址（https://…）")
def verify(manifest_file: Path, root: Path, target: str) -> None:
    """核对已部署的网站（目录或网址）与构建清单：改动、新增、缺失的文件和违禁内容。

    \b
    有任何差异时退出码为 1。示例：
      govsite verify --manifest output/manifest.json /srv/www/current
      govsite verify --manifest manifest.json https://www.shixian.gov.cn
    """
    from govsite.checks.runner import lists_for_site
    from govsite.release import manifest

    result = manifest.verify(
        manifest.load(manifest_file), target, lists=lists_for_site(root if root.is_dir() else None)
    )
    for title, items in (
        ("被改动", result.changed),
        ("新增（清单中没有）", result.added),
        ("缺失", result.missing),
    ):
        for rel in items:
            click.echo(f"{title}：{rel}")
    for rel, line, message in result.prohibited:
        click.echo(f"违禁内容：{rel}:{line}: {message}")
    for note in result.notes:
        click.echo(f"说明：{note}")
    if result.clean:
        click.echo(f"核对通过：{target} 与清单一致（{len(manifest.load(manifest_file))} 个文件）")
        return
    click.echo(
        f"核对不通过：改动 {len(result.changed)}、新增 {len(result.added)}、"
        f"缺失 {len(result.missing)}、违禁内容 {len(result.prohibited)}。"
        "处理方法：确认是否被篡改，从 git 重新发布（govsite publish）并排查入侵",
        err=True,
    )
    raise SystemExit(EXIT_FINDINGS)
