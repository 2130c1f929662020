"""The publication register and the publication-date check on real git histories."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from govsite.commands.register import register
from govsite.gitlog import file_dates
from govsite.health import integrity
from govsite.health.collect import collect
from govsite.health.findings import INFO, VETO
from govsite.library import load_library
from govsite.review import register as reg

REPO = Path(__file__).resolve().parents[2]


def article(title: str, published: str) -> str:
    return f"---\n标题: {title}\n公开日期: {published}\n栏目: [zwyw]\n---\n\n{title}的正文。\n"


def base_tree() -> dict[str, str | bytes | None]:
    tree: dict[str, str | bytes | None] = {
        name: (REPO / name).read_text(encoding="utf-8") for name in ("site.yml", "reviewers.yml")
    }
    # These histories are dated 2026; the sample's go-live date would make them all baseline.
    site = str(tree["site.yml"])
    tree["site.yml"] = "\n".join(
        line for line in site.split("\n") if not line.startswith("审核门禁启用日期")
    )
    for page in (REPO / "content/pages").glob("*.md"):
        tree[f"content/pages/{page.name}"] = page.read_text(encoding="utf-8")
    return tree


OLD_NOTE = {"approvals": [{"unit": "zfb", "level": 1, "login": "wang-xy"}]}  # unsigned: void


@pytest.fixture
def history(git_repo: Callable[..., object]) -> Path:
    repo = git_repo()
    g = repo.repo.git  # type: ignore[attr-defined]
    repo.commit(base_tree(), "site skeleton", date="2026-01-01T09:00:00+08:00")  # type: ignore[attr-defined]
    # Before the gate: committed straight to main, no note.
    repo.commit(
        {"content/zfb/old.md": article("门禁前的旧闻", "2026-03-02 10:00")},  # type: ignore[attr-defined]
        "old news",
        date="2026-03-02T10:05:00+08:00",
    )
    # Through the gate: a branch by the editor, merged with --no-ff, approvals noted.
    g.checkout("-b", "feature")
    env = {
        "GIT_AUTHOR_NAME": "李编辑",
        "GIT_AUTHOR_EMAIL": "li@example.gov.cn",
        "GIT_AUTHOR_DATE": "2026-04-01T09:00:00+08:00",
        "GIT_COMMITTER_DATE": "2026-04-01T09:00:00+08:00",
    }
    path = repo.path / "content/zfb/new.md"  # type: ignore[attr-defined]
    path.write_text(article("三审通过的新闻", "2026-04-02 09:30"), encoding="utf-8")
    g.add("-A")
    g.commit("-m", "new article", env=env)
    g.checkout("main")
    merge_env = {
        "GIT_COMMITTER_DATE": "2026-04-02T10:00:00+08:00",
        "GIT_AUTHOR_DATE": "2026-04-02T10:00:00+08:00",
    }
    g.merge("--no-ff", "feature", "-m", "Merge PR #7", env=merge_env)
    merge = repo.repo.head.commit.hexsha  # type: ignore[attr-defined]
    g.notes("--ref", reg.NOTES_REF, "add", "-m", json.dumps(OLD_NOTE), merge)
    # A malformed note on another landing commit.
    bad = repo.commit(
        {"content/zfb/bad.md": article("记录损坏的文章", "2026-05-06 10:00")},  # type: ignore[attr-defined]
        "bad note",
        date="2026-05-06T10:10:00+08:00",
    )
    g.notes("--ref", reg.NOTES_REF, "add", "-m", "{not json", bad)
    return Path(repo.path)  # type: ignore[attr-defined]


def test_register_ignores_unsigned_and_malformed_notes(history: Path, tmp_path: Path) -> None:
    out = tmp_path / "reports"
    result = CliRunner().invoke(register, ["--root", str(history), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "登记 3 篇文章（其中 3 篇无有效审批记录）" in result.output
    rows = list(csv.reader(io.StringIO((out / "register.csv").read_text(encoding="utf-8-sig"))))
    assert rows[0] == list(reg.HEADERS)
    new = next(r for r in rows if r[0] == "三审通过的新闻")
    assert new[4:7] == [reg.NO_RECORD] * 3 and new[10] == reg.MERGE
    assert new[3] == "李编辑 <li@example.gov.cn>"  # the author of the merge is the merger


def test_integrity_on_history(history: Path, git_repo: Callable[..., object]) -> None:
    import git

    repo = git.Repo(history)
    new = history / "content/zfb/new.md"
    new.write_text(
        new.read_text(encoding="utf-8").replace("2026-04-02 09:30", "2026-06-01 09:30"),
        encoding="utf-8",
    )
    (history / "content/zfb/backdated.md").write_text(
        article("倒签的通知", "2026-04-20 10:00"), encoding="utf-8"
    )
    (history / "content/zfb/ok.md").write_text(
        article("正常的通知", "2026-05-31 16:00"), encoding="utf-8"
    )
    repo.git.add("-A")
    repo.git.commit(
        "-m",
        "edit",
        env={
            "GIT_AUTHOR_DATE": "2026-06-01T10:00:00+08:00",
            "GIT_COMMITTER_DATE": "2026-06-01T10:00:00+08:00",
        },
    )
    lib = load_library(history)
    dates = file_dates(history)
    found = integrity.check_dates(
        lib.articles, dates, integrity.original_dates(history, lib.articles, dates)
    )
    rendered = sorted(f.render() for f in found)
    assert rendered == [
        "[否决] MON-08 content/zfb/backdated.md:3: 公开日期: 公开日期 2026-04-20 10:00 "
        "比实际发布时间 2026-06-01 10:00 早 42 天，疑似倒签"
        f"（提交 {dates['content/zfb/backdated.md'].first_commit[:10]}）。修改方法：把公开日期改为"
        "实际发布（合并）的时间 2026-06-01 10:00；这次更正会记入健康报告，不算改动公开日期",
        "[否决] MON-08 content/zfb/new.md:3: 公开日期: 公开日期在发布后被改动（入库时为“2026-04-02 "
        "09:30”，现为 2026-06-01 09:30）。修改方法：恢复为“2026-04-02 09:30”；内容更新由 git "
        "记为最后更新，不要改公开日期",
    ]


def test_bulk_import_is_information(git_repo: Callable[..., object]) -> None:
    tree = base_tree()
    for i in range(integrity.BULK):
        tree[f"content/zfb/old{i}.md"] = article(f"迁移的旧文{i}", "2019-05-01 10:00")
    repo = git_repo(tree)
    root = Path(repo.path)  # type: ignore[attr-defined]
    lib = load_library(root)
    dates = file_dates(root)
    found = integrity.check_dates(lib.articles, dates, {})
    assert [(f.level, f.rule) for f in found] == [(INFO, "MON-08")]
    assert f"{integrity.BULK} 篇文章随提交" in found[0].message


def test_report_includes_integrity(history: Path) -> None:
    new = history / "content/zfb/new.md"
    new.write_text(new.read_text(encoding="utf-8").replace("09:30", "08:30"), encoding="utf-8")
    report = collect(history, date(2026, 5, 10))  # not built: says so, still checks the rest
    assert any(
        f.rule == "MON-08" and f.level == VETO and f.path == "content/zfb/new.md"
        for f in report.findings
    )
    assert any(f.rule == "MON-09" and "没有找到构建输出" in f.message for f in report.findings)


@pytest.mark.parametrize(
    ("published", "landed", "original", "flagged"),
    [
        ("2026-04-02 09:30", "2026-04-02T10:00:00", None, False),
        ("2026-03-26 10:00", "2026-04-02T10:00:00", None, False),  # exactly 7 days: review time
        ("2026-03-26 09:59", "2026-04-02T10:00:00", None, True),  # more than 7 days early
        ("2026-04-03 10:00", "2026-04-02T10:00:00", None, False),  # one day late at most
        ("2026-04-03 10:01", "2026-04-02T10:00:00", None, True),
        ("2026-04-02 09:30", "2026-04-02T10:00:00", "2026-04-02 09:30", False),  # edited, date kept
        ("2026-04-02 09:00", "2026-04-02T10:00:00", "2026-04-02 09:30", True),  # date edited
        # MON-08's one path: a wrong date corrected to the truth is recorded (info), not a veto
        ("2026-04-02 09:30", "2026-04-02T10:00:00", "2026-05-30 09:30", False),
        ("2026-04-02 09:30", "2026-04-02T10:00:00", "2026-01-02 09:30", False),
        ("2026-05-01 09:30", "2026-04-02T10:00:00", "2026-05-30 09:30", True),  # still wrong
    ],
)
def test_tolerance_table(published: str, landed: str, original: str | None, flagged: bool) -> None:
    from datetime import datetime

    from govsite.clock import BEIJING
    from govsite.gitlog import FileDates
    from govsite.model.article import Article

    a = Article(
        path="content/zfb/a.md",
        unit="zfb",
        stem="a",
        title="标题",
        published=datetime.fromisoformat(published),
        columns=("zwyw",),
        issuer="办公室",
    )
    when = datetime.fromisoformat(landed).replace(tzinfo=BEIJING)
    dates = {a.path: FileDates(when, "c" * 40, when, "d" * 40)}
    found = integrity.check_dates([a], dates, {a.path: original} if original else {})
    assert any(f.level == VETO for f in found) is flagged
    assert all(f.rule == "MON-08" for f in found)
    if not flagged and original and original != published:
        assert [f.level for f in found] == [INFO] and "公开日期已更正" in found[0].message


def legacy_repo(git_repo: Callable[..., object]) -> tuple[Path, Any, Any]:
    """A repository whose one article claims a 2019 公开日期 but landed today."""
    tree = base_tree()
    tree["content/zfb/legacy.md"] = article("门禁前迁入的旧文", "2019-05-01 10:00")
    repo = git_repo(tree)
    root = Path(repo.path)  # type: ignore[attr-defined]
    return root, load_library(root).articles, file_dates(root)


def test_baseline_tag_exempts_content_before_the_gate(git_repo: Callable[..., object]) -> None:
    import git

    root, articles, dates = legacy_repo(git_repo)
    before = integrity.check_dates(articles, dates, {}, integrity.baseline_commits(root))
    assert [(f.level, f.path) for f in before] == [(VETO, "content/zfb/legacy.md")]
    git.Repo(root).git.tag(integrity.BASELINE_TAG)
    after = integrity.check_dates(articles, dates, {}, integrity.baseline_commits(root))
    assert [f.level for f in after] == [INFO]
    assert after[0].message.startswith("1 篇文章在审核门禁启用前随提交")


def test_go_live_date_in_site_yml_exempts_older_commits(git_repo: Callable[..., object]) -> None:
    from datetime import date as day

    root, articles, dates = legacy_repo(git_repo)
    early = integrity.baseline_commits(root, since=day(2000, 1, 1))
    assert [f.level for f in integrity.check_dates(articles, dates, {}, early)] == [VETO]
    late = integrity.baseline_commits(root, since=day(2099, 1, 1))
    assert [f.level for f in integrity.check_dates(articles, dates, {}, late)] == [INFO]
