"""``govsite new``: the next free 索引号, never a retired one."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable

from govsite.library import load_library
from tests.conftest import REPO_ROOT, GitRepo


def run(repo: GitRepo, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govsite", "new", *args],
        cwd=repo.path,
        capture_output=True,
        text=True,
        check=False,
    )


def test_new_allocates_past_deleted_serials(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo(
        {
            "site.yml": (REPO_ROOT / "site.yml").read_text(encoding="utf-8"),
            "reviewers.yml": (REPO_ROOT / "reviewers.yml").read_text(encoding="utf-8"),
        }
    )
    first = run(repo, "--unit", "czj", "--column", "czzj", "--slug", "a", "预算公开")
    assert first.returncode == 0, first.stderr
    assert "11152599MB00000388/" in first.stdout
    year = first.stdout.split("/")[-1][:4]
    repo.commit({}, "add a")
    second = run(repo, "--unit", "czj", "--column", "czzj", "--slug", "b", "决算公开")
    assert f"/{year}-00002" in second.stdout
    repo.commit({}, "add b")
    (repo.path / f"content/czj/{year}/b.md").unlink()
    repo.commit({}, "delete b")
    third = run(repo, "--unit", "czj", "--column", "czzj", "--slug", "c", "三公经费")
    assert f"/{year}-00003" in third.stdout  # 00002 stays retired
    # The template is a valid catalogue article once written.
    lib = load_library(repo.path)
    assert [p.render() for p in lib.problems] == []
    assert sorted(a.index_no or "" for a in lib.articles)[-1].endswith(f"{year}-00003")


def test_new_refuses_unknown_unit_and_existing_file(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo(
        {
            "site.yml": (REPO_ROOT / "site.yml").read_text(encoding="utf-8"),
            "reviewers.yml": (REPO_ROOT / "reviewers.yml").read_text(encoding="utf-8"),
        }
    )
    bad = run(repo, "--unit", "cjz", "--column", "czzj", "x")
    assert bad.returncode == 2
    assert "配置错误：--unit: 单位“cjz”不存在。修改方法：可用的单位：" in bad.stderr
    assert run(repo, "--unit", "czj", "--column", "tzgg", "--slug", "s", "x").returncode == 0
    again = run(repo, "--unit", "czj", "--column", "tzgg", "--slug", "s", "x")
    assert again.returncode == 2
    assert "文件已存在" in again.stderr


def test_new_writes_named_attachments(git_repo: Callable[..., GitRepo]) -> None:
    from govsite.model.attachment import AttachmentEntry

    repo = git_repo(
        {
            "site.yml": (REPO_ROOT / "site.yml").read_text(encoding="utf-8"),
            "reviewers.yml": (REPO_ROOT / "reviewers.yml").read_text(encoding="utf-8"),
        }
    )
    made = run(
        repo,
        "--unit",
        "czj",
        "--column",
        "czzj",
        "--slug",
        "ys",
        "--attach",
        "yusuan-biao.xlsx=2026年县级一般公共预算收支表",
        "--attach",
        "shuoming.pdf=说明: 第一部分",
        "--attach",
        "fubiao.pdf",
        "预算公开",
    )
    assert made.returncode == 0, made.stderr
    target = next((repo.path / "content/czj").rglob("ys.md"))
    for name in ("yusuan-biao.xlsx", "shuoming.pdf", "fubiao.pdf"):
        (target.parent / name).write_bytes(b"x")
    lib = load_library(repo.path)
    assert [p.render() for p in lib.problems] == []
    (article,) = lib.articles
    assert article.attachment_entries == (
        AttachmentEntry("yusuan-biao.xlsx", "2026年县级一般公共预算收支表"),
        AttachmentEntry("shuoming.pdf", "说明: 第一部分"),
        AttachmentEntry("fubiao.pdf"),
    )
    assert "    # 名称: 附件标题" in target.read_text(encoding="utf-8")  # a hint where no name
