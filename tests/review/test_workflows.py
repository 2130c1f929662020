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
