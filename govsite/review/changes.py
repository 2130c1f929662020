"""GitPython adapter: the facts the policy needs, read from a real repository.

The policy (reviewers.yml) is read from the BASE commit (rule 1): a PR that
edits it cannot change how it is judged. Changed paths are those between the
merge base and the head, with both sides of a rename (rule 2).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import git
from gitdb.exc import BadName, BadObject

from govsite.config.reviewers import loads
from govsite.errors import ConfigError, GovsiteError, Problem
from govsite.model import attachment
from govsite.model.frontmatter import decode, split
from govsite.review.policy import ArticleFacts, Facts

POLICY_FILE = "reviewers.yml"


def collect(repo_path: Path, base: str, head: str, review_commits: Iterable[str]) -> Facts:
    try:
        repo = git.Repo(repo_path)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise ConfigError(
            Problem(f"{repo_path} 不是 git 仓库", fix="用 --repo 指向仓库根目录")
        ) from None
    base_c = _commit(repo, base, "--base")
    head_c = _commit(repo, head, "--head")
    try:
        blob = base_c.tree / POLICY_FILE
    except KeyError:
        raise ConfigError(
            Problem(
                f"目标分支提交 {base_c.hexsha[:10]} 中没有 {POLICY_FILE}",
                fix="先在目标分支上提交 reviewers.yml",
            )
        ) from None
    policy = loads(
        blob.data_stream.read().decode("utf-8"), f"{POLICY_FILE}（目标分支 {base_c.hexsha[:10]}）"
    )
    bases = repo.merge_base(base_c, head_c)
    fork = bases[0] if bases else base_c
    changed: list[str] = []
    articles: list[ArticleFacts] = []
    for diff in fork.diff(head_c, M=True):
        for path, commit in ((diff.a_path, fork), (diff.b_path, head_c)):
            if path and path not in changed:
                changed.append(path)
            if path and path.endswith(".md"):
                fact = _article(commit, path, lenient=commit is not head_c)
                if fact is not None:
                    articles.append(fact)
    blobs: dict[str, str | None] = {}
    for path in changed:
        try:
            blobs[path] = str((head_c.tree / path).hexsha)
        except KeyError:
            blobs[path] = None  # deleted (or the old side of a rename)
    trees: dict[str, str | None] = {}
    for sha in review_commits:
        if sha and sha not in trees:
            trees[sha] = _tree_of(repo, sha)
    return Facts(
        policy=policy,
        policy_blob=blob.hexsha,
        changed=tuple(changed),
        withdrawal=_is_withdrawal(changed, articles, fork),
        articles=tuple(articles),
        head=head_c.hexsha,
        head_tree=head_c.tree.hexsha,
        trees=trees,
        base=base_c.hexsha,
        blobs=blobs,
        commits=_commits(repo, fork, head_c),
    )


def _is_withdrawal(changed: list[str], articles: list[ArticleFacts], fork: git.Commit) -> bool:
    """Whether the PR only withdraws articles: each changed path is an article that the head
    marks 撤稿 (and the base did not), or an attachment of such an article that it deletes."""
    heads = {a.path: a for a in articles if a.withdrawn or a.path in changed}
    withdrawn = {p for p, a in heads.items() if a.withdrawn}
    if not withdrawn:
        return False
    allowed = set(withdrawn)
    for path in withdrawn:
        before = _article(fork, path, lenient=True)
        if before is None or before.withdrawn:
            return False  # a new article, or one already withdrawn: not a withdrawal
        folder = path.rsplit("/", 1)[0]
        allowed.update(f"{folder}/{name}" for name in before.attachments)
    return all(p in allowed for p in changed)


MAX_COMMITS = 250  # GitHub lists at most 250 commits of a PR; more is not a real PR


def _commits(repo: git.Repo, fork: git.Commit, head: git.Commit) -> tuple[dict[str, str], ...]:
    """The PR's own commits, so the register can tell a rebase from a squash later."""
    out = []
    for c in repo.iter_commits(f"{fork.hexsha}..{head.hexsha}", max_count=MAX_COMMITS):
        out.append(
            {
                "sha": c.hexsha,
                "author": f"{c.author.name} <{c.author.email}>",
                "authored_at": c.authored_datetime.isoformat(),
                "subject": c.summary if isinstance(c.summary, str) else c.summary.decode(),
            }
        )
    return tuple(out)


def _commit(repo: git.Repo, rev: str, flag: str) -> git.Commit:
    try:
        return repo.commit(rev)
    except (BadName, BadObject, ValueError, git.GitCommandError):
        raise ConfigError(
            Problem(
                f"{flag} {rev}：仓库中找不到这个提交", fix="先 git fetch 目标分支和合并请求的提交"
            )
        ) from None


def _tree_of(repo: git.Repo, sha: str) -> str | None:
    try:
        return str(repo.commit(sha).tree.hexsha)
    except (BadName, BadObject, ValueError, git.GitCommandError):
        return None


def _article(commit: git.Commit, path: str, lenient: bool) -> ArticleFacts | None:
    """重要程度 and 联合发文单位 of one version.

    Head versions must parse (they are what would be published): an unreadable
    one is recorded as an error and blocks the merge. Base versions are read
    leniently, so a PR that repairs broken front matter on main can still pass.
    """
    try:
        blob = commit.tree / path
    except KeyError:
        return None
    if not path.startswith("content/"):
        return None
    data = blob.data_stream.read()
    source, _ = decode(data, path)  # the reading build and check use (BOM, CRLF, CR)
    if source is None:
        if lenient:
            return _scan(data.decode("utf-8", "replace"), path)
        return ArticleFacts(path=path, error="不是 UTF-8 编码")
    text = source.text
    try:
        front = split(text, path)
    except GovsiteError as exc:
        if lenient:
            return _scan(text, path)
        message = exc.problems[0].message if exc.problems else "格式错误"
        return ArticleFacts(path=path, error=message)
    raw_co = front.data.get("联合发文单位", [])
    if isinstance(raw_co, str):
        raw_co = [raw_co] if raw_co.strip() else []
    if not isinstance(raw_co, list) or not all(isinstance(x, str) for x in raw_co):
        return ArticleFacts(path=path, error="联合发文单位应是单位编号列表")
    importance = front.data.get("重要程度", "")
    entries, _problems = attachment.parse(front.data.get("附件"), path, lambda _key: 1)
    attachments = tuple(e.file for e in entries)
    return ArticleFacts(
        path=path,
        major=str(importance).strip() == "重大",
        co_issuers=tuple(x.strip() for x in raw_co),
        withdrawn=bool(front.data.get("撤稿日期")),
        attachments=attachments,
    )


_IMPORTANCE_LINE = re.compile(r"^\s*[\"']?重要程度[\"']?\s*[:：](.*)$", re.M)
_CO_LINE = re.compile(r"联合发文单位")
_PLAIN = {"一般", "重要", "", "'一般'", '"一般"', "'重要'", '"重要"'}


def _scan(text: str, path: str) -> ArticleFacts:
    """Line scan of unparseable front matter, erring towards more review, never less.

    Any 重要程度 value that is not plainly 一般/重要 counts as 重大; a 联合发文单位
    line that cannot be parsed blocks the merge since we cannot tell whose consent is due.
    """
    if _CO_LINE.search(text):
        return ArticleFacts(path=path, error="目标分支上的版本元数据无法解析，无法读出联合发文单位")
    values = [m.group(1).split("#")[0].strip() for m in _IMPORTANCE_LINE.finditer(text)]
    return ArticleFacts(path=path, major=any(v not in _PLAIN for v in values))
