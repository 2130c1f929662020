"""The gate's workflows: a pull request can never change how it is judged."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

from tests.conftest import REPO_ROOT

WORKFLOWS = REPO_ROOT / ".github" / "workflows"


def load(name: str) -> dict[Any, Any]:
    data = yaml.safe_load((WORKFLOWS / name).read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def test_gate_runs_only_on_base_branch_events() -> None:
    gate = load("review-gate.yml")
    # pull_request / pull_request_review would run the PR's own copy of this file.
    assert set(gate["on"]) == {"pull_request_target", "workflow_run", "workflow_dispatch"}
    assert set(gate["on"]["pull_request_target"]["types"]) == {
        "opened",
        "synchronize",
        "reopened",
        "edited",
        "ready_for_review",
    }
    assert gate["on"]["workflow_run"]["workflows"] == ["review-event"]
    steps = gate["jobs"]["gate"]["steps"]
    checkout = next(s for s in steps if str(s.get("uses", "")).startswith("actions/checkout"))
    assert "head" not in str(checkout["with"]["ref"])  # the base branch, never the PR head
    assert any("refs/pull/" in str(s.get("run", "")) for s in steps)  # head fetched as data


def test_review_events_are_relayed_without_permissions() -> None:
    relay = load("review-event.yml")
    assert relay["name"] == "review-event"
    assert set(relay["on"]["pull_request_review"]["types"]) == {"submitted", "edited", "dismissed"}
    assert relay["permissions"] == {}
    for job in relay["jobs"].values():
        assert all("uses" not in step for step in job["steps"])  # runs no repository code
        assert all("govsite" not in str(step.get("run", "")) for step in job["steps"])


def test_signing_key_is_a_protected_environment_secret_of_one_step() -> None:
    gate = load("review-gate.yml")
    job = gate["jobs"]["gate"]
    assert job["environment"] == "review-gate"
    assert "GOVSITE_GATE_KEY" not in str(job.get("env", {}))
    holders = [s for s in job["steps"] if "secrets.GOVSITE_GATE_KEY" in str(s.get("env", {}))]
    assert [s["name"] for s in holders] == ["三审门禁"]
    assert "review check" in holders[0]["run"]
    push = next(
        s
        for s in job["steps"]
        if "refs/notes/approvals" in str(s.get("run", "")) and "git push" in str(s.get("run", ""))
    )
    assert "notes --ref=approvals merge" in push["run"]


def test_nightly_publishes_to_the_intranet_by_default_and_audits() -> None:
    nightly = load("nightly.yml")
    steps = nightly["jobs"]["build"]["steps"]
    target = next(s for s in steps if s.get("id") == "target")
    assert "|| 'rsync'" in target["run"]  # GitHub Pages (abroad, no ICP 备案) only when asked
    pages = next(s for s in steps if "upload-pages-artifact" in str(s.get("uses", "")))
    assert "只用于测试站点" in pages["name"]
    assert "target == 'pages'" in pages["if"]
    report = next(s for s in steps if s.get("id") == "report")
    assert "govsite review audit" in report["run"]
    deploy = [s for s in steps if "govsite publish --to" in str(s.get("run", ""))]
    assert deploy and all("--rev" in s["run"] for s in deploy)


def test_make_test_runs_on_every_pr_and_tests_when_platform_files_changed() -> None:
    test = load("test.yml")
    # every PR: a required check filtered away by on.paths would stay pending forever
    assert test["on"] == {"pull_request": {"branches": ["main"]}}
    assert test["permissions"] == {"contents": "read"}
    steps = test["jobs"]["test"]["steps"]
    decide = next(s for s in steps if s.get("id") == "platform")
    assert ".ci/platform_changed.py" in decide["run"] and "GITHUB_OUTPUT" in decide["run"]
    assert "continue-on-error" not in decide  # an error fails the job, never skips the tests
    after = steps[steps.index(decide) + 1 :]
    assert [s["run"] for s in after if "run" in s] == ["make test"]
    assert all(s["if"] == "steps.platform.outputs.platform == 'true'" for s in after)


PLATFORM_FILES = [
    "govsite/review/gate.py",
    "theme/templates/base.html",
    "hooks/allowlist.yml",
    ".github/workflows/check.yml",
    ".gitea/workflows/x.yml",
    "site.yml",
    "reviewers.yml",
    "pyproject.toml",
    "Makefile",
    "content/pages/lxwm.md",
    "docs/预览.md",
    "package.json",
]
EDITOR_FILES = ["content/zfb/2026-fengshoujie.md", "content/zfb/shizhengbanfa-2025-8.pdf"]


def platform_changed(tmp_path: Path, change: dict[str, str | None]) -> tuple[int, str, str]:
    """Run .ci/platform_changed.py as CI does, in a real repository holding this one's
    reviewers.yml, on a branch that makes ``change``."""
    from tests.conftest import GitRepo

    repo = GitRepo(tmp_path / "repo")
    policy = (REPO_ROOT / "reviewers.yml").read_text(encoding="utf-8")
    repo.commit(
        {**{f: "old\n" for f in [*PLATFORM_FILES, *EDITOR_FILES]}, "reviewers.yml": policy},
        "base",
    )
    repo.repo.git.checkout("-b", "pr")
    if "reviewers.yml" in change:  # keep it a valid policy
        change = {**change, "reviewers.yml": policy + "# 改动\n"}
    repo.commit(change)
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / ".ci" / "platform_changed.py"), "main"],
        cwd=repo.path,
        capture_output=True,
        text=True,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.parametrize("name", PLATFORM_FILES)
def test_a_platform_file_runs_make_test(tmp_path: Path, name: str) -> None:
    code, out, err = platform_changed(tmp_path, {name: "new\n"})
    assert (code, out) == (0, "platform=true\n"), err
    assert f"平台单位的文件：{name}" in err


@pytest.mark.parametrize("name", EDITOR_FILES)
def test_an_article_does_not_run_make_test(tmp_path: Path, name: str) -> None:
    code, out, err = platform_changed(tmp_path, {name: "new\n"})
    assert (code, out) == (0, "platform=false\n"), err


def test_a_deleted_platform_file_runs_make_test(tmp_path: Path) -> None:
    code, out, _ = platform_changed(tmp_path, {"theme/templates/base.html": None})
    assert (code, out) == (0, "platform=true\n")


def test_an_unknown_base_fails_instead_of_skipping(tmp_path: Path) -> None:
    from tests.conftest import GitRepo

    repo = GitRepo(tmp_path / "r")
    repo.commit({"reviewers.yml": (REPO_ROOT / "reviewers.yml").read_text(encoding="utf-8")})
    done = subprocess.run(
        [sys.executable, str(REPO_ROOT / ".ci" / "platform_changed.py"), "no-such-branch"],
        cwd=repo.path,
        capture_output=True,
        text=True,
    )
    assert done.returncode != 0 and "platform=" not in done.stdout


def test_the_docs_list_what_reviewers_yml_gives_the_platform_unit() -> None:
    from govsite.config.reviewers import load as load_policy

    policy = load_policy(REPO_ROOT / "reviewers.yml")
    owner = policy.owner_of("reviewers.yml")
    assert owner is not None
    for name in PLATFORM_FILES:
        assert policy.owner_of(name) == owner, name
    doc = (REPO_ROOT / "docs" / "审核门禁.md").read_text(encoding="utf-8")
    section = doc[doc.index("## 平台代码的测试") :]
    for shown in ("govsite/", "theme/", "hooks/", ".github/", ".gitea/", "site.yml", "Makefile"):
        assert f"`{shown}`" in section


def test_gitea_reads_these_workflows() -> None:
    # Gitea/Forgejo read .github/workflows only while .gitea/workflows does not exist:
    # one such directory would silently switch off the gate, the checks and the tests there.
    assert not (REPO_ROOT / ".gitea" / "workflows").exists()
    for name in ("test.yml", "preview.yml", "review-gate.yml", "check.yml"):
        assert (WORKFLOWS / name).is_file()


def test_preview_never_runs_a_fork_on_the_intranet_runner_nor_publishes() -> None:
    preview = load("preview.yml")
    assert set(preview["on"]) == {"pull_request"}
    job = preview["jobs"]["preview"]
    assert "head.repo.full_name == github.repository" in job["runs-on"]
    text = (WORKFLOWS / "preview.yml").read_text(encoding="utf-8")
    assert "govsite preview" in text and "--comment" in text
    assert "govsite publish" not in "".join(str(s.get("run", "")) for s in job["steps"])
    assert "secrets.GOVSITE_GATE_KEY" not in text and "DEPLOY" not in text
    upload = next(s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/upload"))
    assert upload["with"]["name"] == "preview"
