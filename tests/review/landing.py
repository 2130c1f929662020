"""PRs on a real repository: open a branch, let the gate approve it, land it as a forge does."""

from __future__ import annotations

from collections.abc import Callable

from govsite.review import gate, records
from govsite.review.policy import Decision
from govsite.review.reviews import from_json
from tests.conftest import GitRepo, Tree
from tests.review.helpers import BASE_TREE, three
from tests.review.signers import Key

ZFB = ("alice", "carol", "dave")
FGW = ("frank", "grace", "heidi")
EDITOR = {"GIT_AUTHOR_NAME": "李编辑", "GIT_AUTHOR_EMAIL": "li@example.gov.cn"}
MERGER = {
    "GIT_AUTHOR_NAME": "孙合并",
    "GIT_AUTHOR_EMAIL": "sun@example.gov.cn",
    "GIT_COMMITTER_NAME": "孙合并",
    "GIT_COMMITTER_EMAIL": "sun@example.gov.cn",
}
METHODS = ("merge", "squash", "rebase", "ff")


def site_repo(git_repo: Callable[..., GitRepo], key: Key, extra: Tree | None = None) -> GitRepo:
    """The review tests' site with the gate's public key; its first commit is the baseline."""
    repo = git_repo({**BASE_TREE, "hooks/gate-signers": key.signers(), **(extra or {})})
    repo.repo.git.tag("govsite-baseline")
    return repo


def open_pr(repo: GitRepo, branch: str, tree: Tree, message: str = "edit") -> tuple[str, str]:
    """A branch off main with one commit by the editor; returns (base, head)."""
    g = repo.repo.git
    base = repo.repo.heads.main.commit.hexsha
    g.checkout("-b", branch, "main")
    from tests.conftest import write_tree

    write_tree(repo.path, tree)
    g.add("-A")
    g.commit("-m", message, env=EDITOR)
    head = repo.repo.head.commit.hexsha
    g.checkout("main")
    return base, head


def decide(repo: GitRepo, base: str, head: str, people: tuple[str, ...] = ZFB) -> Decision:
    reviews = from_json(three(head, people=people))
    return gate.decide(repo.path, base, head, "editor", reviews)


def approve(
    repo: GitRepo, base: str, head: str, key: Key, pr: int, people: tuple[str, ...] = ZFB
) -> Decision:
    decision = decide(repo, base, head, people)
    assert decision.mergeable, decision.reasons
    records.write(repo.path, decision, key.private, pr=pr, author="editor")
    return decision


def land(repo: GitRepo, branch: str, method: str, pr: int) -> str:
    """Land ``branch`` on main the way GitHub/Gitea's merge button does; returns main's tip."""
    g = repo.repo.git
    g.checkout("main")
    if method == "merge":
        g.merge("--no-ff", branch, "-m", f"Merge pull request #{pr} from {branch}", env=MERGER)
    elif method == "squash":
        g.merge("--squash", branch)
        g.commit(
            "-m",
            f"PR 标题 (#{pr})",
            env={**EDITOR, **{k: v for k, v in MERGER.items() if k.startswith("GIT_COMMITTER")}},
        )
    elif method == "rebase":
        g.checkout(branch)
        g.rebase("main", env=MERGER)
        g.checkout("main")
        g.merge("--ff-only", branch)
    elif method == "ff":
        g.merge("--ff-only", branch)
    else:
        raise ValueError(method)
    return repo.repo.head.commit.hexsha


def move_main_on(repo: GitRepo, key: Key) -> None:
    """Another unit's approved PR lands first, so the PR under test is no longer on top."""
    base, head = open_pr(
        repo,
        "other",
        {"content/fgw/b.md": "---\n标题: 发改委的通知\n重要程度: 一般\n---\n别的内容\n"},
        "fgw news",
    )
    approve(repo, base, head, key, pr=6, people=FGW)
    land(repo, "other", "merge", 6)
