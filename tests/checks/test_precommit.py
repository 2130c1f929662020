"""A real ``pre-commit`` run in a temporary git repository (no network: ``repo: local``)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.checks.helpers import ID
from tests.checks.test_attachments import xlsx
from tests.conftest import REPO_ROOT

BIN = Path(sys.executable).parent
ARTICLE = "---\n标题: 公示\n公开日期: 2025-06-01 09:00\n栏目: [tzgg]\n---\n\n{body}\n"


def config(entry: str) -> str:
    return f"""repos:
  - repo: local
    hooks:
      - id: govsite-check
        name: 保密审查与三校
        entry: {entry}
        language: system
        files: ^content/
        types: [file]
        require_serial: true
"""


@pytest.fixture
def site_repo(git_repo: Callable[..., object]) -> object:
    tree: dict[str, str | bytes | None] = {
        name: (REPO_ROOT / name).read_text(encoding="utf-8")
        for name in ("site.yml", "reviewers.yml")
    }
    tree[".pre-commit-config.yaml"] = config(f"{BIN / 'govsite'} check")
    repo = git_repo(tree)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run(
        [BIN / "pre-commit", "install"],
        cwd=repo.path,  # type: ignore[attr-defined]
        check=True,
        capture_output=True,
        env=env,
    )
    return repo


def commit(repo: object, tree: dict[str, str | bytes | None]) -> subprocess.CompletedProcess[str]:
    from tests.conftest import write_tree

    root: Path = repo.path  # type: ignore[attr-defined]
    write_tree(root, tree)
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "PRE_COMMIT_HOME": str(root.parent / "pre-commit-cache"),
    }
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    # The hook's output reaches the terminal through git's stderr.
    return subprocess.run(
        ["git", "commit", "-m", "发布"],
        cwd=root,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env=env,
        check=False,
    )


@pytest.mark.slow
def test_commit_with_an_id_number_is_refused(site_repo: object) -> None:
    done = commit(site_repo, {"content/zfb/gongshi.md": ARTICLE.format(body=f"张三 {ID}")})
    assert done.returncode != 0
    assert "content/zfb/gongshi.md:7:4: pii.id-card: 发现未脱敏的身份证号" in done.stdout
    assert "Failed" in done.stdout


@pytest.mark.slow
def test_clean_commit_passes(site_repo: object) -> None:
    done = commit(
        site_repo,
        {
            "content/zfb/gongshi.md": ARTICLE.format(
                body="张*，身份证号 152522********0519，咨询电话：0479-5212345。"
            )
        },
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "Passed" in done.stdout


@pytest.mark.slow
def test_hidden_sheet_of_id_numbers_is_refused(site_repo: object) -> None:
    def build(wb: object) -> None:
        wb.active.append(["姓名", "补贴"])  # type: ignore[attr-defined]
        hidden = wb.create_sheet("底稿")  # type: ignore[attr-defined]
        hidden.append(["张三", ID])
        hidden.sheet_state = "hidden"

    done = commit(site_repo, {"content/zfb/mingdan.xlsx": xlsx(build)})
    assert done.returncode != 0
    assert "content/zfb/mingdan.xlsx:底稿!A1:1:1: attach.hidden-content" in done.stdout
    assert "content/zfb/mingdan.xlsx:底稿!B1:1:1: pii.id-card" in done.stdout


def test_hook_definitions_run_govsite_check() -> None:
    import yaml

    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert {h["id"]: h["entry"] for h in hooks} == {
        "govsite-check": "govsite check",
        "govsite-check-fix": "govsite check --fix",
    }
    ours = yaml.safe_load((REPO_ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert all(r["repo"] == "local" for r in ours["repos"])
