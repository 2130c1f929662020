"""Publication register (信息发布登记, REV-10/11): who wrote, approved, merged and published.

One row per article at a revision, for the version that is on the branch now: the
signed approval record covering that version's blob (govsite.review.records, the
same reader the gate and the audit use), the first-parent commit that landed it,
how it landed (merge commit, squash, rebase, fast-forward) and who merged it.
Articles whose version landed before the gate show 门禁启用前发布; any other
article without a valid record shows 无有效审批记录 (the audit fails on those).
"""

from __future__ import annotations

import csv
import html
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import git

from govsite import gitpaths
from govsite.clock import BEIJING
from govsite.config.reviewers import ReviewPolicy
from govsite.gitlog import FileDates
from govsite.model.article import Article
from govsite.review import records
from govsite.review.records import Record

NOTES_REF = records.REF
NO_RECORD = "无有效审批记录"
BASELINE = "门禁启用前发布"
LEVELS = {"1": "一审", "2": "二审", "3": "三审"}
MERGE, SQUASH, REBASE, FAST_FORWARD = "合并提交", "压缩合并", "变基合并", "快进合并"
HEADERS = (
    "标题",
    "索引号",
    "单位",
    "作者",
    "一审",
    "二审",
    "三审",
    "领导签发",
    "联合发文",
    "合并人",
    "合并方式",
    "合并提交",
    "合并时间",
    "公开日期",
    "审批记录",
    "撤稿",
    "文件",
)
SHORT = 10  # hash length shown: enough to find the commit, short enough to read


@dataclass(frozen=True)
class Landing:
    """A first-parent commit that put a version of a file on the branch."""

    sha: str
    parents: tuple[str, ...]
    author: str
    committer: str
    authored_at: datetime
    committed_at: datetime
    subject: str


@dataclass(frozen=True)
class Row:
    title: str
    index_no: str
    unit: str
    author: str
    levels: dict[str, str]  # "1", "2", "3", "leader", "co" -> who (time)
    merger: str
    method: str
    merge_commit: str
    merged_at: str
    published_at: str
    record: str  # "PR #7" … or BASELINE / NO_RECORD
    path: str
    withdrawn: str = ""  # "2026-12-03 原因；批准：…" for a withdrawn article

    @property
    def approved(self) -> bool:
        return self.record not in (NO_RECORD, BASELINE)

    def cells(self) -> list[str]:
        filler = "" if self.approved else self.record
        levels = [self.levels.get(k, filler) for k in ("1", "2", "3")]
        return [
            self.title,
            self.index_no,
            self.unit,
            self.author,
            *levels,
            self.levels.get("leader", ""),
            self.levels.get("co", ""),
            self.merger,
            self.method,
            self.merge_commit[:SHORT],
            self.merged_at,
            self.published_at,
            self.record,
            self.withdrawn,
            self.path,
        ]


def merge_method(landing: Landing, record: Record, ancestors: frozenset[str]) -> str:
    """How a PR landed, from the landing commit and the record (pure).

    ``ancestors``: commits reachable from the landing commit's second parent (for a merge).
    """
    if landing.sha == record.head:
        return FAST_FORWARD
    if len(landing.parents) >= 2 and record.head in ancestors:
        return MERGE
    for c in record.commits:
        try:
            when = datetime.fromisoformat(c.get("authored_at", ""))
        except ValueError:
            continue
        # a rebase keeps each commit's author time and message; a squash makes a new one
        if when == landing.authored_at and c.get("subject") == landing.subject:
            return REBASE
    return SQUASH


def merger_of(landing: Landing, method: str) -> str:
    # A merge commit's author is whoever merged; otherwise git only knows the committer
    # (a forge's merge button commits as the person, or as the forge itself).
    return landing.author if method == MERGE else landing.committer


def _stamp(text: str) -> str:
    try:
        return datetime.fromisoformat(text).astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return text


def _levels(record: Record, policy: ReviewPolicy) -> dict[str, str]:
    out: dict[str, list[str]] = {}
    for a in record.approvals:
        slot = "co" if a.co_issuer else a.level
        who = policy.display(a.login)
        if slot == "co":
            unit = policy.units.get(a.unit)
            who = f"{unit.name if unit else a.unit}：{who}"
        out.setdefault(slot, []).append(f"{who} {_stamp(a.submitted_at)}")
    return {k: "；".join(v) for k, v in out.items()}


def build_rows(
    articles: Iterable[Article],
    dates: Mapping[str, FileDates],
    blobs: Mapping[str, str],
    index: Mapping[tuple[str, str], list[Record]],
    landings: Mapping[str, Landing],
    ancestors: Mapping[str, frozenset[str]],
    baseline: frozenset[str],
    policy: ReviewPolicy,
    authors: Mapping[str, str] | None = None,
) -> list[Row]:
    """Pure: one row per article on the branch, newest landing first.

    ``authors``: path -> git author of the commit that added it (rows without a record)."""
    authors = authors or {}
    by_path: dict[str, list[Record]] = {}
    for (path, _blob), found_for in index.items():
        by_path.setdefault(path, []).extend(found_for)
    for found_for in by_path.values():
        found_for.sort(key=lambda r: r.decided_at)
    rows = []
    for a in articles:
        fd = dates.get(a.path)
        blob = blobs.get(a.path)
        if fd is None or blob is None:
            continue
        landing = landings[fd.last_commit]
        found = index.get((a.path, blob))
        record = found[-1] if found else None
        unit = policy.units.get(a.unit)
        if record is None:
            method = MERGE if len(landing.parents) >= 2 else ""
            status = BASELINE if fd.last_commit in baseline else NO_RECORD
            rows.append(
                Row(
                    a.title,
                    a.index_no or "",
                    unit.name if unit else a.unit,
                    authors.get(a.path, landing.author),
                    {},
                    merger_of(landing, method),
                    method,
                    landing.sha,
                    landing.committed_at.strftime("%Y-%m-%d %H:%M"),
                    a.published.strftime("%Y-%m-%d %H:%M"),
                    status,
                    a.path,
                )
            )
            continue
        method = merge_method(landing, record, ancestors.get(landing.sha, frozenset()))
        withdrawn = ""
        approval = record
        if a.withdrawn is not None:
            who = "；".join(
                f"{policy.display(x.login)} {_stamp(x.submitted_at)}"
                for x in record.approvals
                if x.level == "withdraw"
            )
            withdrawn = (
                f"{a.withdrawn:%Y-%m-%d} {a.withdraw_reason or ''}；批准：{who}（PR #{record.pr}）"
            )
            # the 三审 of the version that was published before it was withdrawn
            earlier = [
                r
                for r in by_path.get(a.path, [])
                if any(x.level != "withdraw" for x in r.approvals)
            ]
            approval = earlier[-1] if earlier else record
        author = policy.display(approval.author)
        if approval.commits:
            author += f"（{approval.commits[-1].get('author', '')}）"
        levels = {k: v for k, v in _levels(approval, policy).items() if k != "withdraw"}
        rows.append(
            Row(
                a.title,
                a.index_no or "",
                unit.name if unit else a.unit,
                author,
                levels,
                merger_of(landing, method),
                method,
                landing.sha,
                landing.committed_at.strftime("%Y-%m-%d %H:%M"),
                a.published.strftime("%Y-%m-%d %H:%M"),
                f"PR #{approval.pr}（门禁 {_stamp(approval.decided_at)}）"
                if approval.pr
                else f"门禁 {_stamp(approval.decided_at)}",
                a.path,
                withdrawn,
            )
        )
    return sorted(rows, key=lambda r: (r.merged_at, r.path), reverse=True)


def read_landings(
    root: Path, shas: Iterable[str]
) -> tuple[dict[str, Landing], dict[str, frozenset[str]]]:
    """Facts of each landing commit, and for merges the commits their second parent brought."""
    repo = git.Repo(root, search_parent_directories=True)
    landings: dict[str, Landing] = {}
    ancestors: dict[str, frozenset[str]] = {}
    for sha in set(shas):
        c = repo.commit(sha)
        subject = c.summary if isinstance(c.summary, str) else c.summary.decode()
        landings[sha] = Landing(
            sha=sha,
            parents=tuple(p.hexsha for p in c.parents),
            author=f"{c.author.name} <{c.author.email}>",
            committer=f"{c.committer.name} <{c.committer.email}>",
            authored_at=c.authored_datetime,
            committed_at=c.committed_datetime.astimezone(BEIJING),
            subject=subject,
        )
        if len(c.parents) >= 2:
            brought = repo.git.rev_list(f"{c.parents[0].hexsha}..{c.parents[1].hexsha}")
            ancestors[sha] = frozenset(brought.split())
    return landings, ancestors


def read_authors(
    root: Path, rev: str = "HEAD", paths: tuple[str, ...] = ("content",)
) -> dict[str, str]:
    """path -> author of the commit that first added it (any parent: the PR's own commit)."""
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return {}
    prefix = gitpaths.of_repo(repo, root)
    try:
        out = repo.git(c="core.quotepath=off").log(
            rev,
            "--reverse",
            "--diff-filter=A",
            "--format=\x1e%an <%ae>",
            "--name-only",
            "--",
            *(prefix.repo_path(p) for p in paths),
        )
    except git.GitCommandError:
        return {}
    authors: dict[str, str] = {}
    for block in out.split("\x1e")[1:]:
        who, *names = block.strip("\n").split("\n")
        for name in names:
            name = name.strip()
            if name:
                authors.setdefault(prefix.site_path(name), who)
    return authors


def to_csv(rows: list[Row]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(HEADERS)
    for row in rows:
        writer.writerow(row.cells())
    return "\ufeff" + buf.getvalue()  # BOM: Excel on the platform unit's PCs reads UTF-8


def to_html(rows: list[Row], site_name: str, generated: str) -> str:
    head = "".join(f"<th>{html.escape(h)}</th>" for h in HEADERS)
    body = "\n".join(
        "<tr"
        + ("" if row.approved else ' class="missing"')
        + ">"
        + "".join(f"<td>{html.escape(c)}</td>" for c in row.cells())
        + "</tr>"
        for row in rows
    )
    missing = sum(1 for r in rows if r.record == NO_RECORD)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{html.escape(site_name)} 信息发布登记表</title>
<style>body{{font-family:sans-serif;margin:1em}}
.wrap{{overflow-x:auto}}table{{border-collapse:collapse;font-size:13px}}
td,th{{border:1px solid #999;padding:3px 6px;vertical-align:top;max-width:16em;
overflow-wrap:anywhere}}th{{background:#eee;position:sticky;top:0}}
tr.missing td{{background:#fde8e8}}</style>
</head><body><h1>{html.escape(site_name)} 信息发布登记表</h1>
<p>生成时间：{html.escape(generated)}　共 {len(rows)} 条，其中 {missing} 条“{NO_RECORD}”。
审批人来自三审门禁签名的审批记录（git notes {NOTES_REF}），只计入门禁密钥签名有效、
且与现在这一版内容一致的记录；“{BASELINE}”表示这一版在门禁启用前入库。</p>
<div class="wrap"><table><thead><tr>{head}</tr></thead><tbody>
{body}
</tbody></table></div></body></html>
"""
