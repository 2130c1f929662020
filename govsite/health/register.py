"""Publication register (信息发布登记, REV-10/11): who wrote, approved and merged each article.

Approvals come from the review gate's JSON git notes under refs/notes/approvals on
the merge (landing) commit:
``{"approvals": [{"unit", "level", "login", "review_id", "submitted_at"}], "head",
"tree", "reviewers_blob"}``. Another component writes them, so they are parsed
defensively: a malformed note is shown as such, never crashes the register.
Articles that landed before the gate existed show "无审批记录".
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import git

from govsite.gitlog import BEIJING, FileDates
from govsite.model.article import Article

NOTES_REF = "refs/notes/approvals"
NO_RECORD = "无审批记录"
BAD_NOTE = "审批记录无法读取"
LEVELS = {1: "初审", 2: "复审", 3: "终审"}
HEADERS = ("标题", "索引号", "单位", "作者", "初审", "复审", "终审", "合并提交", "合并时间",
           "公开日期", "文件")


@dataclass(frozen=True)
class Row:
    title: str
    index_no: str
    unit: str
    author: str
    approvers: dict[int, list[str]]  # level -> "login（时间）"
    approval_note: str  # "" when approvals parsed, else NO_RECORD / BAD_NOTE
    merge_commit: str
    merged_at: str
    published_at: str
    path: str

    def cells(self) -> list[str]:
        levels = [("、".join(self.approvers.get(n, [])) or self.approval_note) for n in (1, 2, 3)]
        return [self.title, self.index_no, self.unit, self.author, *levels, self.merge_commit,
                self.merged_at, self.published_at, self.path]


def parse_note(text: str | None) -> dict[int, list[str]] | None:
    """Approvers by level from one note; None when the note is not what the gate writes."""
    if text is None:
        return None
    try:
        data: Any = json.loads(text)
    except ValueError:
        return None
    approvals = data.get("approvals") if isinstance(data, dict) else None
    if not isinstance(approvals, list):
        return None
    out: dict[int, list[str]] = {}
    for item in approvals:
        if not isinstance(item, dict):
            continue
        level, login = item.get("level"), item.get("login")
        if isinstance(level, str) and level.isdigit():
            level = int(level)
        if not isinstance(level, int) or isinstance(level, bool) or not isinstance(login, str):
            continue
        when = item.get("submitted_at")
        out.setdefault(level, []).append(f"{login}（{when}）" if isinstance(when, str) else login)
    return out


def build_rows(articles: Iterable[Article], dates: Mapping[str, FileDates],
               notes: Mapping[str, str], authors: Mapping[str, str],
               unit_names: Mapping[str, str]) -> list[Row]:
    """Pure: one row per article that landed on the branch, newest first."""
    rows = []
    for a in articles:
        fd = dates.get(a.path)
        if fd is None:
            continue
        raw = notes.get(fd.first_commit)
        parsed = parse_note(raw)
        marker = NO_RECORD if raw is None else (BAD_NOTE if parsed is None else "")
        if parsed is not None and not parsed:
            marker = NO_RECORD
        rows.append(Row(a.title, a.index_no or "", unit_names.get(a.unit, a.unit),
                        authors.get(a.path, ""), parsed or {}, marker, fd.first_commit,
                        fd.first_added.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M"),
                        a.published.strftime("%Y-%m-%d %H:%M"), a.path))
    return sorted(rows, key=lambda r: (r.merged_at, r.path), reverse=True)


def read_notes(root: Path) -> dict[str, str]:
    """commit sha -> note text, for every note under refs/notes/approvals (two git calls)."""
    try:
        repo = git.Repo(root, search_parent_directories=True)
        listing = repo.git.notes("--ref", NOTES_REF, "list")
    except (git.InvalidGitRepositoryError, git.NoSuchPathError, git.GitCommandError):
        return {}
    pairs = [line.split() for line in listing.splitlines() if line.strip()]
    out: dict[str, str] = {}
    for pair in pairs:
        if len(pair) != 2:
            continue
        blob, commit = pair
        try:
            out[commit] = repo.git.cat_file("blob", blob)
        except git.GitCommandError:
            continue
    return out


def read_authors(root: Path, paths: tuple[str, ...] = ("content",)) -> dict[str, str]:
    """path -> author of the commit that first added it (any parent: the PR's own commit)."""
    try:
        repo = git.Repo(root, search_parent_directories=True)
    except (git.InvalidGitRepositoryError, git.NoSuchPathError):
        return {}
    top = Path(repo.working_tree_dir or root).resolve()
    prefix = Path(root).resolve().relative_to(top).as_posix()
    prefix = "" if prefix == "." else prefix + "/"
    try:
        out = repo.git.log("--reverse", "--diff-filter=A", "--format=\x1e%an <%ae>",
                           "--name-only", "--", *(prefix + p for p in paths))
    except git.GitCommandError:
        return {}
    authors: dict[str, str] = {}
    for block in out.split("\x1e")[1:]:
        who, *names = block.strip("\n").split("\n")
        for name in names:
            name = name.strip()
            if name:
                authors.setdefault(name[len(prefix):] if name.startswith(prefix) else name, who)
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
    body = "\n".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row.cells())
                     + "</tr>" for row in rows)
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<title>{html.escape(site_name)} 信息发布登记表</title>
<style>body{{font-family:sans-serif;margin:1em}}table{{border-collapse:collapse;font-size:13px}}
td,th{{border:1px solid #999;padding:3px 6px;vertical-align:top}}th{{background:#eee}}</style>
</head><body><h1>{html.escape(site_name)} 信息发布登记表</h1>
<p>生成时间：{html.escape(generated)}　共 {len(rows)} 条。审批人来自三审门禁的审批记录
（git notes {NOTES_REF}）；“{NO_RECORD}”表示该文章在门禁启用前发布。</p>
<table><thead><tr>{head}</tr></thead><tbody>
{body}
</tbody></table></body></html>
"""


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_text(text, encoding="utf-8")
    os.replace(tmp, path)
