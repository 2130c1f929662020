"""Publication-date integrity (MON-08: a faked 发稿日期 is a veto item).

The time a file first landed on the branch (first-parent history, so the merge
commit of its review) is when it really went public. Checked per article:

* 公开日期 changed after the file landed: a veto (later edits are 最后更新,
  which the build takes from git).
* 公开日期 more than ``EARLY_DAYS`` (7) calendar days before landing: a veto
  (倒签). Seven days leave room for the 三审 review between writing the date and
  the merge; a longer review must update 公开日期 before merging.
* 公开日期 more than ``LATE_DAYS`` (1) day after landing: a veto (a date in the
  future of its own publication makes the site look fresher than it is).
* Content that was on the branch before the review gate went live cannot be checked
  against git: files that landed at or before the commit tagged ``BASELINE_TAG``
  (``git tag govsite-baseline <commit>``, set once by the platform unit) or committed
  before site.yml's ``审核门禁启用日期``, and files
  that arrived in one commit with ``BULK`` (10) or more other articles (a migration),
  are listed once per commit as information.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from datetime import date, datetime, timedelta
from pathlib import Path

from govsite import gitlog, gitpaths
from govsite.clock import BEIJING
from govsite.errors import GovsiteError
from govsite.gitlog import FileDates
from govsite.health.findings import INFO, VETO, Finding
from govsite.model.article import Article, parse_datetime
from govsite.model.frontmatter import split

EARLY_DAYS = 7
LATE_DAYS = 1
BULK = 10
BASELINE_TAG = gitlog.BASELINE_TAG
KEY = "公开日期"


def landed(fd: FileDates) -> datetime:
    """The landing time as naive Beijing time, like 公开日期."""
    return fd.first_added.astimezone(BEIJING).replace(tzinfo=None)


def off_by(published: datetime, when: datetime) -> str:
    """Why ``published`` cannot be the publication at ``when`` ("" when it can)."""
    if published < when - timedelta(days=EARLY_DAYS):
        return f"比实际发布时间 {when:%Y-%m-%d %H:%M} 早 {(when - published).days} 天，疑似倒签"
    if published > when + timedelta(days=LATE_DAYS):
        return f"晚于实际发布时间 {when:%Y-%m-%d %H:%M}"
    return ""


def check_dates(
    articles: Iterable[Article],
    dates: Mapping[str, FileDates],
    original: Mapping[str, str | None],
    baseline: frozenset[str] = frozenset(),
) -> list[Finding]:
    """Pure: ``original`` maps a path to its 公开日期 text in the commit where it landed;
    ``baseline`` holds the commits on the branch up to the gate's start."""
    articles = [a for a in articles if a.path in dates]
    per_commit = Counter(dates[a.path].first_commit for a in articles)
    found: list[Finding] = []
    for sha, n in sorted(per_commit.items()):
        if sha in baseline:
            found.append(
                Finding(
                    "MON-08",
                    INFO,
                    f"{n} 篇文章在审核门禁启用前随提交 {sha[:10]} 入库，公开日期无法与入库时间核对",
                )
            )
        elif n >= BULK:
            found.append(
                Finding(
                    "MON-08",
                    INFO,
                    f"{n} 篇文章随提交 {sha[:10]} 批量入库（历史迁移），公开日期无法与入库时间核对",
                )
            )
    for a in articles:
        fd = dates[a.path]
        if per_commit[fd.first_commit] >= BULK or fd.first_commit in baseline:
            continue
        line = a.line_of(KEY)
        when = landed(fd)
        actual = f"{when:%Y-%m-%d %H:%M}"
        correct = (
            f"把公开日期改为实际发布（合并）的时间 {actual}；"
            "这次更正会记入健康报告，不算改动公开日期"
        )
        was = original.get(a.path)
        was_at = parse_datetime(was) if was is not None else None
        if was_at is not None and was_at != a.published:
            if off_by(was_at, when) and not off_by(a.published, when):
                # One path for a wrongly dated article: correcting it to the truth is recorded,
                # never a second veto.
                found.append(
                    Finding(
                        "MON-08",
                        INFO,
                        f"公开日期已更正：入库时为“{was}”（{off_by(was_at, when)}），"
                        f"现为 {a.published:%Y-%m-%d %H:%M}，与实际发布时间 {actual}"
                        f"（提交 {fd.first_commit[:10]}）相符",
                        path=a.path,
                        line=line,
                        key=KEY,
                    )
                )
            elif not off_by(was_at, when):
                found.append(
                    Finding(
                        "MON-08",
                        VETO,
                        f"公开日期在发布后被改动（入库时为“{was}”，"
                        f"现为 {a.published:%Y-%m-%d %H:%M}）",
                        path=a.path,
                        line=line,
                        key=KEY,
                        fix=f"恢复为“{was}”；内容更新由 git 记为最后更新，不要改公开日期",
                    )
                )
            else:
                found.append(
                    Finding(
                        "MON-08",
                        VETO,
                        f"公开日期 {a.published:%Y-%m-%d %H:%M} "
                        f"{off_by(a.published, when)}（提交 "
                        f"{fd.first_commit[:10]}；入库时为“{was}”）",
                        path=a.path,
                        line=line,
                        key=KEY,
                        fix=correct,
                    )
                )
            continue
        problem = off_by(a.published, when)
        if problem:
            found.append(
                Finding(
                    "MON-08",
                    VETO,
                    f"公开日期 {a.published:%Y-%m-%d %H:%M} {problem}"
                    f"（提交 {fd.first_commit[:10]}）",
                    path=a.path,
                    line=line,
                    key=KEY,
                    fix=correct,
                )
            )
    return found


def baseline_commits(
    root: Path, tag: str = BASELINE_TAG, since: date | None = None, rev: str = "HEAD"
) -> frozenset[str]:
    """First-parent commits up to the baseline tag, and those committed before ``since``
    (site.yml 审核门禁启用日期, which travels with every clone where a tag may not)."""
    return gitlog.baseline_commits(root, tag, since, rev)


def original_dates(
    root: Path, articles: Iterable[Article], dates: Mapping[str, FileDates]
) -> dict[str, str | None]:
    """公开日期 as written in each article's landing commit (only for files edited since)."""
    import git

    repo = git.Repo(root, search_parent_directories=True)
    prefix = gitpaths.of_repo(repo, root)
    # Only files changed since they landed (in a later commit or uncommitted) can differ.
    status = repo.git.status("--porcelain", "-z", "--no-renames", "--", prefix.repo_path("content"))
    dirty = {prefix.site_path(entry[3:]) for entry in status.split("\0") if entry[3:]}
    out: dict[str, str | None] = {}
    for a in articles:
        fd = dates.get(a.path)
        if fd is None or (fd.first_commit == fd.last_commit and a.path not in dirty):
            continue
        try:
            text = repo.git.show(f"{fd.first_commit}:{prefix.repo_path(a.path)}")
            value = split(text, a.path).data.get(KEY)
        except (git.GitCommandError, GovsiteError):
            continue
        out[a.path] = str(value) if value is not None else None
    return out
