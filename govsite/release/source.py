"""What ``govsite publish`` builds: a committed revision, never the working tree.

The revision is checked out into a worktree of its own inside the repository's git
directory (``.git/govsite-publish``), kept between publishes so the build can reuse
unchanged pages; an uncommitted file in the editor's checkout can never reach the
site. Which revision:

* ``--rev REV`` when given (any branch, tag or commit: a deliberate choice);
* otherwise ``origin/<branch>`` when that remote branch exists (what was merged
  through the gate), else the local ``<branch>`` (a server without a remote, or a
  repository a person publishes from by hand). ``<branch>`` is ``--branch``,
  default ``main``. Without ``--rev`` a dirty working tree or another checked-out
  branch is refused: the person probably expects their local state to go out.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import git

from govsite import gitpaths
from govsite.errors import ConfigError, Problem
from govsite.review.audit import resolve

WORKTREE = "govsite-publish"
LIVE = "govsite-publish-live"


@dataclass(frozen=True)
class Source:
    rev: str  # as chosen (origin/main, main, or --rev)
    commit: str
    tree: str
    root: Path  # the site root inside the checkout


def open_repo(root: Path) -> git.Repo:
    try:
        return git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise ConfigError(
            Problem(
                f"{root} 不是 git 仓库：发布只从已提交、经三审的版本构建",
                path=str(root),
                fix="在网站仓库中运行，或用 --root 指定",
            )
        ) from None


def choose(root: Path, rev: str | None, branch: str) -> str:
    """The revision to publish (see the module docstring); ConfigError when refused."""
    repo = open_repo(root)
    if rev:
        resolve(repo, rev)
        return rev
    remote = f"origin/{branch}"
    names = {r.name for r in repo.refs}
    chosen = remote if remote in names else branch if branch in names else None
    if chosen is None:
        raise ConfigError(
            Problem(
                f"找不到要发布的分支 {remote} 或 {branch}",
                key="--branch",
                fix="先 git fetch origin，或用 --rev 指定要发布的提交",
            )
        )
    try:
        on = repo.active_branch.name
    except TypeError:
        on = None  # detached HEAD
    if on != branch:
        raise ConfigError(
            Problem(
                f"当前检出的是{f'分支 {on}' if on else '游离的提交'}，不是 {branch}；"
                f"发布的将是 {chosen}，不是当前的文件",
                key="--rev",
                fix=f"切换到 {branch}（git switch {branch}），或用 --rev 明确指定要发布的版本",
            )
        )
    if repo.is_dirty(untracked_files=True):
        raise ConfigError(
            Problem(
                f"工作区有未提交的改动；发布只用已合并的 {chosen}，这些改动不会上线",
                path=str(repo.working_tree_dir),
                key="--rev",
                fix="先提交并经合并请求三审合并，或清理工作区（git status）；"
                "确要发布某个版本时用 --rev 指定",
            )
        )
    return chosen


@contextmanager
def checkout(root: Path, rev: str, slot: str = WORKTREE) -> Iterator[Source]:
    """Check ``rev`` out into the publish worktree (one publish at a time per repository);
    ``slot`` names another worktree (the release online, checked alongside)."""
    repo = open_repo(root)
    commit = resolve(repo, rev)
    prefix = gitpaths.of_repo(repo, root).text
    path = Path(repo.git_dir) / slot
    lock = Path(repo.git_dir) / f"{slot}.lock"
    with lock.open("w") as fh:
        try:
            fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise ConfigError(
                Problem(
                    "本仓库正在另一个发布中构建",
                    path=str(path),
                    fix="等待正在进行的发布结束后再运行",
                )
            ) from None
        try:
            _prepare(repo, path, commit.hexsha)
            yield Source(rev=rev, commit=commit.hexsha, tree=commit.tree.hexsha, root=path / prefix)
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def _prepare(repo: git.Repo, path: Path, sha: str) -> None:
    try:
        repo.git.worktree("prune")  # a worktree whose folder was removed by hand
        if (path / ".git").is_file():
            wt = git.Repo(path)
            wt.git.checkout("--detach", "--force", sha)
            # untracked files from an earlier checkout go; the build's cache (reuse) stays,
            # ignored or not
            wt.git.clean("-d", "--force", "--quiet", "-e", ".govsite-cache")
        else:
            repo.git.worktree("add", "--detach", "--force", str(path), sha)
    except git.GitCommandError as exc:
        raise ConfigError(
            Problem(
                f"无法检出要发布的版本 {sha[:10]}（{str(exc.stderr).strip()}）",
                path=str(path),
                fix=f"删除 {path} 后重试",
            )
        ) from None
    os.utime(path)


def adds_files(root: Path, old: str, new: str) -> bool:
    """Whether ``new`` adds any file that ``old`` does not have (renames count as adds)."""
    repo = open_repo(root)
    try:
        out = repo.git.diff("--name-status", "--no-renames", old, new)
    except git.GitCommandError:
        return True  # cannot tell: judge the release in full
    return any(line.startswith("A") for line in out.splitlines())


def has_commit(root: Path, sha: str | None) -> bool:
    if not sha:
        return False
    try:
        open_repo(root).commit(sha)
    except (ValueError, git.BadName, git.GitCommandError):
        return False
    return True
