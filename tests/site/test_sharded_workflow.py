"""The CI matrix of the sharded build calls ``govsite build`` with the contract's options."""

from __future__ import annotations

import re
import shlex
from typing import Any

import yaml

from govsite.commands.build import build
from tests.conftest import REPO_ROOT

WORKFLOW = REPO_ROOT / ".github" / "workflows" / "sharded-build.yml"
ON_GITHUB = "github.server_url == 'https://github.com'"
ON_GITEA = "github.server_url != 'https://github.com'"


def load() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    data["on"] = data.pop(True)  # YAML 1.1 reads the key `on` as true
    return data


def commands(step: dict[str, Any], values: dict[str, str]) -> list[list[str]]:
    """The ``govsite`` command lines of a run step, expressions and variables filled in."""
    text = step["run"].replace("\\\n", " ")
    for name, value in values.items():
        text = text.replace(name, value)
    out = []
    for line in text.splitlines():
        words = shlex.split(line)
        if words and words[0].endswith("/govsite"):
            out.append(words[1:])
    return out


def parsed(args: list[str]) -> dict[str, Any]:
    """The options click reads from them (an unknown option raises here, as in CI)."""
    assert args[0] == "build"
    return dict(build.make_context("build", args[1:]).params)


def uses(steps: list[dict[str, Any]], action: str) -> dict[str, dict[str, Any]]:
    """Condition -> step for the steps that use ``action`` (any version)."""
    return {s.get("if", ""): s for s in steps if str(s.get("uses", "")).startswith(action + "@")}


def test_matrix_runs_every_shard_once_with_one_build_day() -> None:
    flow = load()
    shards = int(flow["env"]["SHARDS"])
    job = flow["jobs"]["shard"]
    assert job["strategy"]["matrix"]["shard"] == list(range(1, shards + 1))
    assert job["needs"] == "plan"
    epoch = "${{ needs.plan.outputs.epoch }}"
    assert job["env"]["SOURCE_DATE_EPOCH"] == epoch
    assert flow["jobs"]["merge"]["env"]["SOURCE_DATE_EPOCH"] == epoch
    assert set(flow["jobs"]["merge"]["needs"]) == {"plan", "shard"}
    checkout = next(
        s for s in job["steps"] if str(s.get("uses", "")).startswith("actions/checkout")
    )
    assert checkout["with"]["fetch-depth"] == 0  # dates come from the git history


def test_each_shard_builds_its_share_into_the_folder_it_uploads() -> None:
    flow = load()
    steps = flow["jobs"]["shard"]["steps"]
    run = next(s for s in steps if "--shard" in s.get("run", ""))
    for i in flow["jobs"]["shard"]["strategy"]["matrix"]["shard"]:
        values = {"${{ matrix.shard }}": str(i), "$SHARDS": flow["env"]["SHARDS"]}
        values |= {"$RUNNER_TEMP": "/tmp/rt", "$GOVSITE_ROOT": "."}
        [args] = commands(run, values)
        options = parsed(args)
        assert options["shard_spec"] == f"{i}/{flow['env']['SHARDS']}"
        assert str(options["out"]) == f"/tmp/rt/shard-{i}"
        assert options["strict"] is True  # CI treats configuration warnings as errors
    uploads = uses(steps, "actions/upload-artifact")
    assert set(uploads) == {ON_GITHUB, ON_GITEA}
    assert uploads[ON_GITHUB]["uses"].endswith("@v4")
    assert uploads[ON_GITEA]["uses"].endswith("@v3")  # what every Gitea with Actions accepts
    for step in uploads.values():
        assert step["with"]["name"] == "shard-${{ matrix.shard }}"
        assert step["with"]["path"] == "${{ runner.temp }}/shard-${{ matrix.shard }}"
        assert step["with"]["if-no-files-found"] == "error"


def test_the_merge_takes_every_downloaded_shard() -> None:
    flow = load()
    steps = flow["jobs"]["merge"]["steps"]
    downloads = uses(steps, "actions/download-artifact")
    assert set(downloads) == {ON_GITHUB, ON_GITEA}
    assert downloads[ON_GITHUB]["uses"].endswith("@v4")
    assert downloads[ON_GITHUB]["with"]["pattern"] == "shard-*"
    assert downloads[ON_GITEA]["uses"].endswith("@v3")
    assert "name" not in downloads[ON_GITEA]["with"]  # v3 without a name: all, one folder each
    for step in downloads.values():
        assert step["with"]["path"] == "${{ runner.temp }}/shards"
    run = next(s for s in steps if "--merge" in s.get("run", ""))
    [args] = commands(run, {"$RUNNER_TEMP": "/tmp/rt", "$GOVSITE_ROOT": "."})
    options = parsed(args)
    assert options["merge"] is True
    assert [str(d) for d in options["dirs"]] == ["/tmp/rt/shards/shard-*"]  # the shell expands it
    assert str(options["output"]) == "/tmp/rt/site"
    uploads = uses(steps, "actions/upload-artifact")
    assert {s["with"]["path"] for s in uploads.values()} == {"${{ runner.temp }}/site"}


def test_the_workflow_runs_on_the_content_and_the_platform_paths() -> None:
    flow = load()
    paths = flow["on"]["push"]["paths"]
    for wanted in ("content/**", "theme/**", "site.yml", "reviewers.yml", "govsite/**"):
        assert wanted in paths
    assert "workflow_dispatch" in flow["on"]
    assert flow["permissions"] == {"contents": "read"}
    assert re.search(r"docs/分片构建\.md", WORKFLOW.read_text(encoding="utf-8"))
