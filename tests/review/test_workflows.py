"""The gate's workflows: a pull request can never change how it is judged."""

from __future__ import annotations

from typing import Any

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


def platform_paths() -> list[str]:
    from govsite.config.reviewers import load as load_policy

    policy = load_policy(REPO_ROOT / "reviewers.yml")
    owner = policy.owner_of("reviewers.yml")
    assert owner is not None
    return list(owner.paths)


def test_make_test_runs_on_every_pr_touching_platform_files() -> None:
    test = load("test.yml")
    assert set(test["on"]) == {"pull_request"}
    paths = test["on"]["pull_request"]["paths"]
    # exactly the platform unit's paths in reviewers.yml: one list, two places, kept equal
    assert sorted(paths) == sorted(platform_paths())
    for required in ("govsite/**", "theme/**", "hooks/**", ".github/**", ".gitea/**"):
        assert required in paths
    for file in ("site.yml", "reviewers.yml", "pyproject.toml", "Makefile"):
        assert file in paths
    steps = test["jobs"]["test"]["steps"]
    assert [s["run"] for s in steps if "run" in s] == ["make test"]
    assert test["permissions"] == {"contents": "read"}


def test_every_platform_file_in_the_repository_triggers_make_test() -> None:
    import git

    from govsite.config.reviewers import load as load_policy
    from govsite.config.reviewers import path_matches

    policy = load_policy(REPO_ROOT / "reviewers.yml")
    paths = load("test.yml")["on"]["pull_request"]["paths"]
    tracked = git.Repo(REPO_ROOT).git.ls_files().splitlines()
    platform = [f for f in tracked if (o := policy.owner_of(f)) is not None and o.id == "platform"]
    assert "govsite/review/gate.py" in platform and "theme/templates/base.html" in platform
    missed = [f for f in platform if not any(path_matches(f, p) for p in paths)]
    assert missed == []
    # an editor's article does not run the platform tests
    assert not any(path_matches("content/zfb/2026-fengshoujie.md", p) for p in paths)


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
