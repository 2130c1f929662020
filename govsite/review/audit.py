"""``govsite review audit``: is every file that goes public covered by a valid approval record?

At a revision, each file under ``content/`` and each file the platform unit owns
(reviewers.yml at that revision: the unit owning reviewers.yml) must have its
blob listed in an approval record signed by a key in ``hooks/gate-signers`` at
that revision. Files whose current version landed before the gate (commits up to
the ``govsite-baseline`` tag or before site.yml 审核门禁启用日期) are exempt.
``govsite publish`` runs the same audit on what it is about to publish.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import git
from gitdb.exc import BadName, BadObject

from govsite import gitlog
from govsite.clock import BEIJING
from govsite.config import site as site_config
from govsite.config.reviewers import ReviewPolicy, loads
from govsite.config.schema import parse_yaml
from govsite.errors import ConfigError, GovsiteError, Problem
from govsite.review import records, signing

CONTENT = "content/"


@dataclass(frozen=True)
class Uncovered:
    path: str
    blob: str
    commit: str  # the first-parent commit that brought this version onto the branch
    author: str
    committer: str  # who put it on the branch (a push or the forge's merge button)
    when: str

    def problem(self) -> Problem:
        return Problem(
            f"没有有效的审批记录（由提交 {self.commit[:10]} 于 {self.when} 入库，"
            f"作者 {self.author}，提交者 {self.committer}）",
            path=self.path,
            fix="经合并请求三审后再合并；确属门禁启用前的内容由平台单位设置 "
            f"{gitlog.BASELINE_TAG} 标签或 site.yml 的“审核门禁启用日期”",
        )


@dataclass
class Audit:
    rev: str
    commit: str
    checked: int = 0
    uncovered: list[Uncovered] = field(default_factory=list)
    covered: dict[str, records.Record] = field(default_factory=dict)  # path -> newest record
    exempt: list[str] = field(default_factory=list)
    rejected: dict[str, str] = field(default_factory=dict)  # note's commit -> why not counted
    signers_missing: bool = False

    @property
    def clean(self) -> bool:
        return not self.uncovered


def platform_unit(policy: ReviewPolicy) -> str | None:
    owner = policy.owner_of("reviewers.yml")
    return owner.id if owner else None


def in_scope(path: str, policy: ReviewPolicy) -> bool:
    if path.startswith(CONTENT):
        return True
    platform = platform_unit(policy)
    owner = policy.owner_of(path)
    return owner is not None and owner.id == platform


def open_repo(root: Path) -> git.Repo:
    try:
        return git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        raise ConfigError(
            Problem(f"{root} 不是 git 仓库", fix="在网站仓库中运行，或用 --root 指定")
        ) from None


def resolve(repo: git.Repo, rev: str) -> git.Commit:
    try:
        return repo.commit(rev)
    except (BadName, BadObject, ValueError, git.GitCommandError):
        raise ConfigError(
            Problem(
                f"--rev {rev}：仓库中找不到这个分支或提交",
                key="--rev",
                fix="先 git fetch，或写出分支名、标签或提交号",
            )
        ) from None


def _text(commit: git.Commit, path: str) -> str | None:
    try:
        return str((commit.tree / path).data_stream.read().decode("utf-8"))
    except KeyError:
        return None
    except UnicodeDecodeError:
        raise ConfigError(
            Problem(f"提交 {commit.hexsha[:10]} 中的 {path} 不是 UTF-8 编码", path=path)
        ) from None


def _policy(commit: git.Commit) -> ReviewPolicy:
    text = _text(commit, "reviewers.yml")
    if text is None:
        raise ConfigError(
            Problem(
                f"提交 {commit.hexsha[:10]} 中没有 reviewers.yml，无法判断哪些文件要审批",
                path="reviewers.yml",
            )
        )
    return loads(text, f"reviewers.yml（提交 {commit.hexsha[:10]}）")


def _gate_since(commit: git.Commit) -> date | None:
    text = _text(commit, "site.yml")
    if text is None:
        return None
    data, lines = parse_yaml(text, f"site.yml（提交 {commit.hexsha[:10]}）")
    try:
        return site_config.validate(data, lines).gate_since
    except GovsiteError:
        raise
    except Exception:  # site.yml that the loader cannot read is an error, not "no baseline"
        raise ConfigError(
            Problem(f"无法读取提交 {commit.hexsha[:10]} 中的 site.yml", path="site.yml")
        ) from None


def tree_blobs(repo: git.Repo, rev: str) -> list[tuple[str, str]]:
    """(path, blob id) of every file in ``rev``'s tree, in one git call."""
    out = []
    for entry in repo.git.ls_tree("-r", "-z", "--full-tree", rev).split("\0"):
        meta, _, path = entry.partition("\t")
        parts = meta.split()
        if len(parts) == 3 and parts[1] == "blob":
            out.append((path, parts[2]))
    return out


def trusted_signers(root: Path, rev: str, since: date | None) -> str:
    """hooks/gate-signers as trusted at ``rev``: a chain from the baseline.

    The version at (or before) the baseline is trusted as it is; every later version
    counts only if a record signed by a key of the version trusted before it covers
    its blob. A key pushed straight to the branch (and records it signed) never counts.
    """
    repo = open_repo(root)
    baseline = gitlog.baseline_commits(root, since=since, rev=rev)
    try:
        history = repo.git.log(
            "--first-parent", "--reverse", "--format=%H", rev, "--", signing.SIGNERS_FILE
        ).split()
    except git.GitCommandError:
        return ""
    notes: list[tuple[str, str, str]] | None = None
    trusted = ""
    for sha in history:
        text = _text(repo.commit(sha), signing.SIGNERS_FILE)
        if sha in baseline:
            trusted = text or ""
            continue
        if text is None:  # deleted: nothing is trusted any more
            trusted = ""
            continue
        blob = str((repo.commit(sha).tree / signing.SIGNERS_FILE).hexsha)
        if notes is None:
            notes = records.notes(repo)
        needle = f'"{signing.SIGNERS_FILE}":"{blob}"'
        candidates = [n for n in notes if needle in n[2]]
        store = records.from_notes(candidates, trusted)
        if any(r.covers(signing.SIGNERS_FILE, blob) for r in store.records):
            trusted = text
    return trusted


def audit(root: Path, rev: str = "HEAD", store: records.Store | None = None) -> Audit:
    repo = open_repo(root)
    commit = resolve(repo, rev)
    policy = _policy(commit)
    since = _gate_since(commit)
    signers = trusted_signers(root, commit.hexsha, since)
    files = [
        (path, blob) for path, blob in tree_blobs(repo, commit.hexsha) if in_scope(path, policy)
    ]
    if store is None:
        needed, paths = set(files), {p for p, _b in files}

        def wanted(data: Mapping[str, Any]) -> bool:
            raw = data.get("files")
            listed: Mapping[str, Any] = raw if isinstance(raw, dict) else {}
            if any((p, b) in needed for p, b in listed.items()):
                return True
            approvals = data.get("approvals") or []
            return (
                any(p in paths for p in listed)
                and isinstance(approvals, list)
                and all(isinstance(a, dict) and a.get("level") == "withdraw" for a in approvals)
            )

        store = records.load(root, signers, wanted)
    index = store.index()
    withdrawn = records.withdrawals(store)
    result = Audit(
        rev=rev,
        commit=commit.hexsha,
        rejected=dict(store.rejected),
        signers_missing=not signers.strip(),
    )
    result.checked = len(files)
    missing = []
    for path, blob in files:
        # An approval older than the article's withdrawal no longer counts: reverting a
        # withdrawn article (the leak) needs a new review, though its content was once approved.
        found = [
            r
            for r in index.get((path, blob), [])
            if r.is_withdrawal or r.decided_at > withdrawn.get(path, "")
        ]
        if found:
            result.covered[path] = found[-1]
        else:
            missing.append((path, blob))
    if not missing:
        return result
    landed = gitlog.file_dates(Path(repo.working_tree_dir or root), commit.hexsha, ())
    baseline = gitlog.baseline_commits(root, since=since, rev=commit.hexsha)
    people: dict[str, tuple[str, str, str]] = {}
    for path, blob in sorted(missing):
        fd = landed.get(path)
        sha = fd.last_commit if fd else commit.hexsha
        if sha in baseline:
            result.exempt.append(path)
            continue
        if sha not in people:
            c = repo.commit(sha)
            people[sha] = (
                f"{c.author.name} <{c.author.email}>",
                f"{c.committer.name} <{c.committer.email}>",
                c.committed_datetime.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M"),
            )
        author, committer, when = people[sha]
        result.uncovered.append(Uncovered(path, blob, sha, author, committer, when))
    return result


def problems(result: Audit) -> list[Problem]:
    out = [u.problem() for u in result.uncovered]
    if result.signers_missing and out:
        out.append(
            Problem(
                f"提交 {result.commit[:10]} 中没有 {signing.SIGNERS_FILE}（或为空），"
                "任何审批记录都无法核验",
                path=signing.SIGNERS_FILE,
                fix="平台单位按 docs/审核门禁.md“签名密钥”提交门禁公钥",
            )
        )
    return out
