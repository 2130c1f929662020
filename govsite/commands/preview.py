"""``govsite preview``: build a PR's site as a marked preview and post one comment with links."""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

import click
import git

from govsite.errors import ConfigError, ContentError, Problem
from govsite.release import preview as pv
from govsite.review.forges import FORGES


@click.command()
@click.option(
    "--root",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("."),
    show_default=True,
    help="网站仓库目录（构建它的工作区，即合并请求的最新版本）",
)
@click.option("--base", required=True, help="目标分支（如 origin/main）：与它比较找出改动的页面")
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="预览输出目录（空目录或以前的预览；不能是正式网站的目录）",
)
@click.option(
    "--url-base",
    default=None,
    help="预览在内网主机上的地址（如 http://preview.example.gov.cn/pr-7）；不给时评论指向产物",
)
@click.option("--comment", is_flag=True, help="在合并请求上发表（或更新）预览评论")
@click.option("--pr", "number", type=click.IntRange(1), default=None, help="合并请求编号")
@click.option(
    "--forge",
    type=click.Choice(sorted(FORGES)),
    default=None,
    help="平台类型（默认按 CI 环境判断）",
)
@click.option("--api-url", default=None, help="接口地址（默认 GITHUB_API_URL）")
@click.option("--repository", default=None, help="owner/name（默认 GITHUB_REPOSITORY）")
@click.option("--timeout", type=float, default=20.0, show_default=True, help="接口超时（秒）")
def preview(
    root: Path,
    base: str,
    out: Path,
    url_base: str | None,
    comment: bool,
    number: int | None,
    forge: str | None,
    api_url: str | None,
    repository: str | None,
    timeout: float,
) -> None:
    """构建合并请求的预览网站，列出改动的页面，并可在合并请求上发表一条预览评论。

    \b
    示例：
      govsite preview --base origin/main --out preview
      govsite preview --base origin/main --out /srv/preview/pr-7 \\
        --url-base http://preview.example.gov.cn/pr-7 --comment --pr 7
    预览的每个页面都带“预览”横幅和 noindex（禁止搜索引擎收录），目录中没有
    manifest.json，govsite publish 拒绝把它当作发布目录：预览不会成为正式网站。
    评论只有一条，每次推送后原地更新。接口出错、超时都是失败（退出码 2）。
    """
    from govsite.library import load_library
    from govsite.release.build import build_site

    root = root.resolve()
    out = out.resolve()
    head, changes = _changes(root, base)
    _check_out(root, out)
    # everything the comment needs is checked before the build
    target = _target(number, repository) if comment else None
    pr = target[0] if target else number
    label = f"合并请求 #{pr}（提交 {head[:10]}）" if pr else f"提交 {head[:10]}"
    out.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{out.name}.preview-", dir=out.parent))
    try:
        site = work / "site"
        build_site(root, site, publish=False, search=False, reuse_previous=False)
        library = load_library(root, cache=True)
        found = pv.pages_for(changes, library.articles, library.pages)
        _mark(site, label, base, head, found)
        _replace(site, out)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    body = pv.render_comment(found, url_base=url_base, head=head, where=_run_url())
    click.echo(body)
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        with open(summary, "a", encoding="utf-8") as fh:
            fh.write(body + "\n")
    click.echo(f"预览已构建：{out}（{sum(1 for p in found if p.path)} 个改动的页面）", err=True)
    if target is not None:
        from govsite.review import forges

        client = forges.from_env(
            forge, api_url, target[1], os.environ, timeout, consequence="预览评论没有更新"
        )
        where = client.upsert_comment(target[0], pv.MARKER, body)
        click.echo(
            f"已更新合并请求 #{target[0]} 的预览评论{f'：{where}' if where else ''}", err=True
        )


def _run_url() -> str | None:
    """This CI run's page, where its artifact is downloaded (GitHub and Gitea set these)."""
    parts = [os.environ.get(v) for v in ("GITHUB_SERVER_URL", "GITHUB_REPOSITORY", "GITHUB_RUN_ID")]
    if not all(parts):
        return None
    server, repository, run_id = (str(p) for p in parts)
    return f"{server.rstrip('/')}/{repository}/actions/runs/{run_id}"


def _changes(root: Path, base: str) -> tuple[str, list[pv.Change]]:
    try:
        repo = git.Repo(root)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise ConfigError(
            Problem(
                f"{root} 不是 git 仓库", path=str(root), fix="在网站仓库中运行，或用 --root 指定"
            )
        ) from None
    try:
        head = repo.head.commit.hexsha
        merge_base = repo.git.merge_base(base, head)
        raw = repo.git.diff("--name-status", "-z", "-M", "--no-color", merge_base, head)
    except (git.GitCommandError, ValueError) as exc:
        raise ConfigError(
            Problem(
                f"无法比较 {base} 与当前提交（{str(exc).strip().splitlines()[-1]}）",
                key="--base",
                fix="确认 --base 是存在的分支或提交，且与当前提交有共同的历史"
                "（CI 中检出时用 fetch-depth: 0）",
            )
        ) from None
    return head, _parse_name_status(raw)


def _parse_name_status(raw: str) -> list[pv.Change]:
    fields = raw.split("\0")
    changes: list[pv.Change] = []
    i = 0
    while i < len(fields) and fields[i]:
        status = fields[i][0]
        if status in "RC":
            changes.append(pv.Change(status, fields[i + 2], fields[i + 1]))
            i += 3
        else:
            changes.append(pv.Change(status, fields[i + 1]))
            i += 2
    return changes


def _check_out(root: Path, out: Path) -> None:
    inside = out == root or root / "content" in (out, *out.parents)
    if inside or out == root / "output":
        raise ConfigError(
            Problem(
                f"预览不能写到 {out}（网站仓库、content/ 或正式构建的 output/）",
                key="--out",
                fix="另选一个目录，如 --out preview",
            )
        )
    if out.exists() and (not out.is_dir() or out.is_symlink()):
        raise ConfigError(Problem(f"{out} 不是目录", key="--out", fix="另选一个目录"))
    if out.is_dir() and any(out.iterdir()) and not (out / pv.MARKER_FILE).is_file():
        raise ConfigError(
            Problem(
                f"{out} 不是空目录，也不是以前的预览：预览不会覆盖它",
                key="--out",
                fix="用一个空目录，或以前 govsite preview 写的目录",
            )
        )


def _target(number: int | None, repository: str | None) -> tuple[int, str]:
    from govsite.commands.review import _event

    event = _event()
    pr = event.get("pull_request") or {}
    number = number or pr.get("number") or event.get("number")
    repository = repository or os.environ.get("GITHUB_REPOSITORY")
    missing = [n for n, v in (("--pr", number), ("--repository", repository)) if not v]
    if missing:
        raise ConfigError(
            Problem(
                f"发表预览评论缺少合并请求信息：{'、'.join(missing)}",
                fix="在 pull_request 事件中运行，或用这些参数指定",
            )
        )
    return int(str(number)), str(repository)


def _mark(site: Path, label: str, base: str, head: str, found: list[pv.PreviewPage]) -> None:
    unmarked: list[Problem] = []
    for dirpath, _dirs, names in os.walk(site):
        for name in names:
            if not name.endswith(".html"):
                continue
            path = Path(dirpath) / name
            text = path.read_text(encoding="utf-8")
            marked = pv.mark_html(text, label)
            if marked is None:
                unmarked.append(
                    Problem(
                        "预览页面没有 <head> 或 <body>，无法加上预览横幅和 noindex",
                        path=path.relative_to(site).as_posix(),
                        fix="检查模板是否输出完整的 HTML 页面",
                    )
                )
                continue
            path.write_text(marked, encoding="utf-8")
    if unmarked:  # an unmarked page could pass for the real site: no preview at all
        raise ContentError(*unmarked)
    (site / "manifest.json").unlink(missing_ok=True)  # a preview is not a release
    (site / "robots.txt").write_text(pv.ROBOTS, encoding="utf-8")
    marker = {
        "preview": True,
        "base": base,
        "head": head,
        "pages": [{"kind": p.kind, "title": p.title, "path": p.path} for p in found],
    }
    (site / pv.MARKER_FILE).write_text(
        json.dumps(marker, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def _replace(new: Path, out: Path) -> None:
    """Swap the finished preview in: readers see the old one or the new one, never half."""
    old = None
    if out.exists():
        old = new.parent / "old"
        os.rename(out, old)
    os.rename(new, out)
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
