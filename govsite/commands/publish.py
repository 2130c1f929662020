"""``govsite publish`` and ``govsite rollback``: atomic releases of an approved revision."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from typing import Any

import click

from govsite.commands.options import root_option
from govsite.errors import ContentError, Problem


@click.command()
@root_option
@click.option(
    "--to",
    "to",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="发布目录：版本在 DIR/releases/ 下，网站服务器指向 DIR/current",
)
@click.option(
    "--rev",
    default=None,
    help="发布哪个分支、标签或提交（默认 origin/<分支>，没有远程时为本地 <分支>）",
)
@click.option("--branch", default="main", show_default=True, help="要发布的分支")
@click.option(
    "--keep", default=5, show_default=True, type=click.IntRange(1), help="保留的发布版本数"
)
@click.option("--today", default=None, metavar="YYYY-MM-DD", help="健康检查按这一天（默认今天）")
@click.option(
    "--no-report", is_flag=True, help="发布前不做健康检查（不建议；审批核对照样进行，不能跳过）"
)
@click.option("--no-search", is_flag=True, help="不建立搜索索引")
@click.option(
    "--withdraw",
    "withdraw_only",
    is_flag=True,
    help="只发布已合并的撤稿：在线上版本的副本上更新，几分钟完成，不做完整构建",
)
def publish(
    root: Path,
    to: Path,
    rev: str | None,
    branch: str,
    keep: int,
    today: str | None,
    no_report: bool,
    no_search: bool,
    withdraw_only: bool,
) -> None:
    """从已提交的版本构建新版本，核对审批记录和健康检查后原子切换 DIR/current。

    \b
    只发布 git 中的版本（默认 origin/main），从不发布工作区里的文件；不指定 --rev 时，
    工作区有未提交的改动或检出的不是该分支都会拒绝。发布前核对每个内容文件都有有效的
    三审审批记录（与 govsite review audit 相同），有未经三审的文件时拒绝发布（退出码 1）。
    健康检查的否决项和错误只在本次发布带来时才阻止发布（线上版本当天同样有的不阻止）；
    只删除或更正内容的发布总是发布。失败时原网站保持不变。
    示例：
      govsite publish --to /srv/www/shixian
      govsite publish --to /srv/www/shixian --rev 3f2a9c1
      govsite publish --to /srv/www/shixian --withdraw   # 撤稿合并后，几分钟内下线
      govsite rollback --to /srv/www/shixian --list
    """
    from govsite.commands.report import parse_today
    from govsite.release import publish as pub
    from govsite.release import source, withdrawal
    from govsite.review import audit

    day = parse_today(today)
    chosen = source.choose(root, rev, branch)
    with source.checkout(root, chosen) as src:
        checked = audit.audit(src.root, src.commit)
        if checked.uncovered:
            raise ContentError(
                *(
                    Problem(f"未经三审，不发布：{p.message}", path=p.path, fix=p.fix)
                    for p in audit.problems(checked)
                ),
                Problem(
                    f"{chosen}（提交 {src.commit[:10]}）中有 "
                    f"{len(checked.uncovered)} 个文件没有有效的审批记录，"
                    "本次未发布，线上网站保持不变",
                    fix="govsite review audit --rev " + chosen,
                ),
            )
        target = Path(to).resolve()
        live = pub.live_changes(target)
        if live is not None and not live.clean:
            shown = (live.changed + live.missing + live.added)[:10]
            click.echo(
                f"线上版本 {pub.current(target)} 与其清单不符（改动 "
                f"{len(live.changed)} 个、缺少 {len(live.missing)} 个、多出 "
                f"{len(live.added)} 个文件：{'、'.join(shown)}），疑似被篡改；"
                "本次发布不沿用线上文件，以重新构建并核验的版本替换。",
                err=True,
            )
        meta: dict[str, Any] = {
            "commit": src.commit,
            "tree": src.tree,
            "rev": chosen,
            "audit": {
                "files": checked.checked,
                "covered": len(checked.covered),
                "exempt": len(checked.exempt),
            },
        }
        withdrawn = _withdrawn(src)
        if withdraw_only:
            _only_withdrawals(root, target, src, withdrawn)
        online = (
            _online(root, target, day, intact=live is not None and live.clean)
            if not (no_report or withdraw_only)
            else None
        )
        removes = online is not None and not source.adds_files(root, online[0], src.commit)

        def gate(release: Path) -> list[Problem]:
            from govsite.health import release_gate
            from govsite.health.collect import collect

            result = collect(src.root, day, output=release)
            meta["findings"] = release_gate.keys(result.findings)
            verdict = release_gate.judge(result.findings, online[1] if online else None, removes)
            owners = _owners(src.root) if verdict.blocking or verdict.tolerated else {}
            for f in verdict.tolerated:
                click.echo(
                    release_gate.problem(
                        f, owners, f"不阻止本次发布（{verdict.reason}）："
                    ).render(),
                    err=True,
                )
            return [
                release_gate.problem(f, owners, "健康检查不通过，未切换：")
                for f in verdict.blocking
            ]

        def prepare(release: Path) -> bool:
            withdrawal.apply(release, withdrawn[0], withdrawn[1], withdrawn[2])
            return bool(withdrawn[0])

        def quick(release: Path) -> list[Problem]:
            """--withdraw: the notices are in place (the rest is the checked release online)."""
            return [
                Problem("撤稿页面未生成", path=w.page, fix="不加 --withdraw，完整发布一次")
                for w in withdrawn[0]
                if not (release / w.page).is_file()
                or withdrawal.MARK not in (release / w.page).read_text(encoding="utf-8")
            ]

        meta["withdrawn"] = [w.page for w in withdrawn[0]]
        chosen_gate = quick if withdraw_only else None if no_report else gate
        name = pub.publish(
            src.root,
            to,
            keep=keep,
            gate=chosen_gate,
            search=not no_search,
            meta=meta,
            prepare=prepare,
            copy_live=withdraw_only,
        )
        pub.write_readonly(
            target / withdrawal.NGINX, withdrawal.nginx_conf(withdrawn[0], withdrawn[1])
        )
    click.echo(
        f"已发布 {name}（{datetime.now():%Y-%m-%d %H:%M}，{chosen} 提交 "
        f"{src.commit[:10]}）：{Path(to) / pub.CURRENT} → {pub.RELEASES}/{name}"
    )


def _online(root: Path, to: Path, day: date, *, intact: bool) -> tuple[str, list[list[str]]] | None:
    """(commit, findings today) of the release online, checked the way a new one is;
    None when it cannot be judged fairly (unknown commit, files changed on the server)."""
    from govsite.health import release_gate
    from govsite.health.collect import collect
    from govsite.release import publish as pub
    from govsite.release import source

    name = pub.current(to)
    meta = pub.info(to, name) if name else None
    if name is None or meta is None or not intact or not source.has_commit(root, meta.commit):
        return None
    commit = str(meta.commit)
    with source.checkout(root, commit, slot=source.LIVE) as live:
        result = collect(live.root, day, output=to / pub.RELEASES / name)
    return commit, release_gate.keys(result.findings)


def _withdrawn(src: Any) -> tuple[list[Any], str, list[str]]:
    """(withdrawn articles, site name, every article page) at the revision published."""
    import git

    from govsite.commands.withdraw import attachment_files
    from govsite.library import load_library
    from govsite.model.frontmatter import split
    from govsite.release import withdrawal
    from govsite.site import urls

    lib = load_library(src.root)
    lib.raise_if_problems()
    items = []
    repo = git.Repo(src.root, search_parent_directories=True)
    for a in lib.articles:
        if a.withdrawn is None:
            continue
        former: list[str] = list(a.attachments)
        # the attachments of the last version before the withdrawal: gone from the site too
        for sha in repo.git.log("--format=%H", "-n", "50", src.commit, "--", a.path).split():
            try:
                data = split(repo.git.show(f"{sha}:{a.path}"), a.path).data
            except Exception:  # an old version that no longer parses names nothing
                continue
            if not data.get("撤稿日期"):
                former += attachment_files(data.get("附件"), a.path)
                break
        items.append(withdrawal.of(a, former))
    return items, lib.site.name, [urls.article_path(a) for a in lib.articles]


def _only_withdrawals(
    root: Path, to: Path, src: Any, withdrawn: tuple[list[Any], str, list[str]]
) -> None:
    """--withdraw publishes withdrawals only: anything else since the release online needs a
    full publish with its health check."""
    import git

    from govsite.release import publish as pub

    name = pub.current(to)
    meta = pub.info(to, name) if name else None
    if meta is None or not meta.commit:
        raise ContentError(
            Problem(
                "线上没有记录提交的发布版本，不能只做撤稿更新",
                path=str(to),
                fix="不加 --withdraw，完整发布一次",
            )
        )
    repo = git.Repo(root, search_parent_directories=True)
    allowed = {f"content/{w.page.removesuffix('.html')}.md" for w in withdrawn[0]}
    allowed |= {f"content/{rel}" for w in withdrawn[0] for rel in w.attachments}
    changed = repo.git.diff("--name-only", "--no-renames", meta.commit, src.commit).split("\n")
    others = [p for p in changed if p and p not in allowed]
    if others:
        raise ContentError(
            *(Problem("不是撤稿的改动，--withdraw 不发布它", path=p) for p in others),
            Problem(
                f"线上版本 {name} 之后还有 {len(others)} 个别的改动",
                fix="不加 --withdraw，完整发布（含健康检查）",
            ),
        )
    if not any(p in allowed for p in changed):
        raise ContentError(
            Problem(
                f"线上版本 {name} 之后没有新的撤稿", path=str(to), fix="撤稿的合并请求合并后再运行"
            )
        )


def _owners(root: Path) -> dict[str, Any]:
    """Source and page path -> the article's title and 责任单位."""
    from govsite.health.release_gate import Owner
    from govsite.library import load_library
    from govsite.site import urls

    lib = load_library(root)
    out: dict[str, Any] = {}
    for a in lib.articles:
        unit = lib.policy.units.get(a.unit)
        owner = Owner(a.title, unit.name if unit else a.unit)
        out[a.path] = owner
        out[urls.article_path(a)] = owner
    return out


@click.command()
@click.option(
    "--to", "to", required=True, type=click.Path(file_okay=False, path_type=Path), help="发布目录"
)
@click.option("--release", default=None, help="回退到的版本名（默认上一个版本）")
@click.option("--list", "listing", is_flag=True, help="列出可回退的版本（提交、文件树、清单摘要）")
def rollback(to: Path, release: str | None, listing: bool) -> None:
    """把 DIR/current 切回以前的发布版本（先核验该版本未被改动，再原子切换）。

    \b
    示例：
      govsite rollback --to /srv/www/shixian --list
      govsite rollback --to /srv/www/shixian
      govsite rollback --to /srv/www/shixian --release 20261120-020000
    """
    from govsite.release import publish as pub

    if listing:
        live = pub.current(to)
        names = pub.releases(to)
        if not names:
            click.echo(f"{to} 没有已发布的版本")
            return
        for name in reversed(names):
            meta = pub.info(to, name)
            if meta is None:
                continue
            commit = (meta.commit or "（未记录）")[:10]
            tree = (meta.tree or "（未记录）")[:10]
            mark = "  ← 当前" if name == live else ""
            click.echo(
                f"{name}  提交 {commit}  文件树 {tree}  清单 {meta.manifest_sha256[:12]}"
                f"  {meta.rev or ''}{mark}"
            )
        return
    before = pub.current(to)
    name = pub.rollback(to, release)
    click.echo(f"已回退：{before or '无'} → {name}")
