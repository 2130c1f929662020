"""``govsite withdraw``: prepare the withdrawal (撤稿, SEC-16) of a published article."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

import click

from govsite import atomic
from govsite.commands.options import root_option
from govsite.errors import ConfigError, Problem

DOC = "docs/审核门禁.md“撤稿”"


def attachment_files(value: object, path: str) -> list[str]:
    """File names of a ``附件`` value (bare names or 文件/名称 entries); unusable ones skipped."""
    from govsite.model import attachment

    entries, _problems = attachment.parse(value, path, lambda _key: 1)
    return [e.file for e in entries]


def rewrite(text: str, path: str, day: date, reason: str) -> tuple[str, list[str]]:
    """The withdrawn version of an article and the attachments it drops (pure).

    Front matter is edited line by line so everything else stays as the editor wrote
    it; the body (which may be the leak itself) is replaced by a one-line notice."""
    from govsite.model.frontmatter import split

    front = split(text, path)  # ContentError with file:line for broken front matter
    if front.data.get("撤稿日期"):
        raise ConfigError(
            Problem(f"这篇文章已于 {front.data['撤稿日期']} 撤稿", path=path, key="撤稿日期")
        )
    attachments = attachment_files(front.data.get("附件"), path)
    lines = text.replace("\r\n", "\n").split("\n")
    end = lines.index("---", 1)
    kept: list[str] = []
    skipping = False
    for line in lines[1:end]:
        if skipping and (line.startswith((" ", "\t", "-")) or not line.strip()):
            continue
        skipping = line.startswith(("附件:", "附件：", "撤稿日期", "撤稿原因"))
        if not skipping:
            kept.append(line)
    kept += [f"撤稿日期: {day.isoformat()}", f"撤稿原因: {json.dumps(reason, ensure_ascii=False)}"]
    body = f"本信息已于 {day:%Y年%m月%d日} 撤销。"
    return "\n".join(["---", *kept, "---", "", body, ""]), attachments


@click.command()
@click.argument(
    "file", type=click.Path(dir_okay=False, path_type=Path), help="要撤稿的文章（content/…md）"
)
@click.option("--reason", required=True, help="撤稿原因（写入文章，登记表和撤销页面显示）")
@click.option("--date", "day", default=None, metavar="YYYY-MM-DD", help="撤稿日期（默认今天）")
@root_option
def withdraw(file: Path, reason: str, day: str | None, root: Path) -> None:
    """撤稿：在新分支上提交一个把文章标为已撤销的修改（正文换成撤销说明，删除附件）。

    \b
    推送该分支并提合并请求；撤稿的合并请求只需本单位三审或平台单位一人批准
    （reviewers.yml 的 withdrawal 可配置）。合并后运行
      govsite publish --to /srv/www/shixian --withdraw
    几分钟内更新线上网站：页面变为“已撤销”说明，附件删除，搜索、目录、订阅同步更新。
    示例：
      govsite withdraw content/zfb/2026-tongzhi.md --reason "含未脱敏的个人信息"
    """
    import git

    from govsite.commands.report import parse_today
    from govsite.release.source import open_repo

    if not reason.strip():
        raise ConfigError(Problem("撤稿原因不能为空", key="--reason", fix="写明撤稿的原因"))
    when = parse_today(day)
    root = Path(root).resolve()
    target = (file if file.is_absolute() else Path.cwd() / file).resolve()
    try:
        rel = target.relative_to(root).as_posix()
    except ValueError:
        raise ConfigError(Problem(f"{file} 不在网站仓库 {root} 中", path=str(file))) from None
    if not rel.startswith("content/") or not rel.endswith(".md") or not target.is_file():
        raise ConfigError(
            Problem(f"{rel} 不是 content/ 下的文章", path=rel, fix="指定要撤稿的文章的 .md 文件")
        )
    repo = open_repo(root)
    if repo.is_dirty(untracked_files=True):
        raise ConfigError(
            Problem(
                "工作区有未提交的改动，撤稿提交里不能混入别的修改",
                path=str(root),
                fix="先提交或暂存（git stash）别的改动",
            )
        )
    text, dropped = rewrite(target.read_text(encoding="utf-8"), rel, when, reason.strip())
    branch = f"withdraw/{target.stem}"
    try:
        repo.git.checkout("-b", branch)
    except git.GitCommandError:
        raise ConfigError(
            Problem(
                f"无法新建分支 {branch}（已存在？）",
                key="--reason",
                fix=f"删除旧分支（git branch -D {branch}）后重试",
            )
        ) from None
    atomic.write_text(target, text)
    removed = []
    for name in dropped:
        attachment = target.parent / name
        if attachment.is_file():
            attachment.unlink()
            removed.append(attachment.relative_to(root).as_posix())
    repo.git.add("-A", "--", str(target.parent))
    title = str(_title(text, rel))
    repo.git.commit("-m", f"撤稿：{title}（{reason.strip()}）")
    click.echo(
        f"已在分支 {branch} 上提交撤稿（{datetime.now():%Y-%m-%d %H:%M}）：{rel}"
        + (f"，删除附件 {'、'.join(removed)}" if removed else "")
    )
    click.echo(
        f"下一步：git push origin {branch}，提合并请求（需本单位三审或平台单位批准），"
        "合并后运行 govsite publish --to <发布目录> --withdraw"
    )


def _title(text: str, path: str) -> object:
    from govsite.model.frontmatter import split

    return split(text, path).data.get("标题", path)
