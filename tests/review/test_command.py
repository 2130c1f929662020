"""``govsite review evaluate`` and ``check`` end to end: exit codes, JSON, status, notes."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from govsite.review import records
from tests.conftest import GitRepo, Run
from tests.review.helpers import BASE_TREE, article, three
from tests.review.signers import Key
from tests.review.test_forges import Server


@pytest.fixture
def pr(git_repo: Callable[..., GitRepo], keys: tuple[Key, Key]) -> tuple[GitRepo, str, str]:
    repo = git_repo({**BASE_TREE, "hooks/gate-signers": keys[0].signers()})
    base = repo.repo.head.commit.hexsha
    head = repo.commit({"content/zfb/a.md": article(body="改")})
    return repo, base, head


def evaluate(
    run: Run, repo: GitRepo, base: str, head: str, reviews: Any, tmp_path: Path, *extra: str
) -> tuple[int, str, str]:
    file = tmp_path / "reviews.json"
    file.write_text(reviews if isinstance(reviews, str) else json.dumps(reviews), encoding="utf-8")
    return run(
        [
            "review",
            "evaluate",
            "--repo",
            str(repo.path),
            "--base",
            base,
            "--head",
            head,
            "--author",
            "editor",
            "--reviews",
            str(file),
            *extra,
        ]
    )


def test_evaluate_mergeable_json(run: Run, pr: tuple[GitRepo, str, str], tmp_path: Path) -> None:
    repo, base, head = pr
    code, out, _ = evaluate(run, repo, base, head, three(head), tmp_path, "--format", "json")
    data = json.loads(out)
    assert code == 0 and data["mergeable"] is True
    assert data["units"][0]["levels"][2] == {
        "level": "3",
        "name": "三审（主要负责人签发）",
        "ok": True,
        "approved_by": "dave",
        "review_id": 3,
        "submitted_at": "2026-03-01T08:03:00+00:00",
        "could_approve": [],
    }


def test_evaluate_not_mergeable_text(
    run: Run, pr: tuple[GitRepo, str, str], tmp_path: Path
) -> None:
    repo, base, head = pr
    code, out, _ = evaluate(run, repo, base, head, three(head)[:2], tmp_path)
    assert code == 1
    assert out.splitlines()[0] == "结论：不能合并"
    assert "三审（主要负责人签发）：待批准，可由 dave 批准" in out


@pytest.mark.parametrize(
    ("reviews", "message"),
    [
        ("{not json", "审核记录不是合法的 JSON"),
        ({"state": "APPROVED"}, "审核记录应是 JSON 数组"),
        ([{"id": 1, "state": "LIKED", "user": {"login": "a"}}], "第 1 条审核记录格式不对"),
    ],
)
def test_evaluate_bad_reviews_exit_2(
    run: Run, pr: tuple[GitRepo, str, str], tmp_path: Path, reviews: Any, message: str
) -> None:
    repo, base, head = pr
    code, _, err = evaluate(run, repo, base, head, reviews, tmp_path)
    assert code == 2 and message in err


def test_evaluate_bad_policy_on_base_exit_2(
    run: Run, git_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = git_repo(
        {
            **BASE_TREE,
            "reviewers.yml": "units:\n  zfb:\n    name: x\n    reviewers: {1: [a], 2: [b]}\n",
        }
    )
    base = repo.repo.head.commit.hexsha
    head = repo.commit({"content/zfb/a.md": article(body="改")})
    code, _, err = evaluate(run, repo, base, head, three(head), tmp_path)
    assert code == 2 and "第 3 级审核没有人" in err


def test_evaluate_unknown_commit_exit_2(
    run: Run, pr: tuple[GitRepo, str, str], tmp_path: Path
) -> None:
    repo, base, _ = pr
    code, _, err = evaluate(run, repo, base, "f" * 40, [], tmp_path)
    assert code == 2 and "仓库中找不到这个提交" in err


def test_check_sets_status_comment_summary_and_note(
    run: Run,
    pr: tuple[GitRepo, str, str],
    tmp_path: Path,
    server: Server,
    monkeypatch: pytest.MonkeyPatch,
    gate_key: Key,
) -> None:
    repo, base, head = pr
    event = tmp_path / "event.json"
    event.write_text(
        json.dumps(
            {
                "pull_request": {
                    "number": 7,
                    "user": {"login": "editor"},
                    "base": {"sha": base, "ref": "main"},
                    "head": {"sha": head},
                }
            }
        ),
        encoding="utf-8",
    )
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_EVENT_PATH", str(event))
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    monkeypatch.setenv("GITHUB_REPOSITORY", "county/site")
    monkeypatch.setenv("GITHUB_TOKEN", "secret")
    server.fixed("GET", "/repos/county/site/pulls/7/reviews", 200, three(head))
    server.fixed("GET", "/repos/county/site/issues/7/comments", 200, [])
    server.fixed("POST", "/repos/county/site/issues/7/comments", 201, {"id": 1})
    server.fixed("POST", f"/repos/county/site/statuses/{head}", 201, {"id": 1})
    code, _, err = run(["review", "check", "--repo", str(repo.path), "--api-url", server.url])
    assert code == 0, err
    statuses = [c[2] for c in server.calls if c[1].endswith(f"/statuses/{head}")]
    assert [s["state"] for s in statuses] == ["pending", "success"]
    assert {s["context"] for s in statuses} == {"review-gate: main"}
    assert "| 政府办（zfb） | 三审（主要负责人签发） | ✅ | dave |" in summary.read_text("utf-8")
    store = records.load(repo.path, gate_key.signers())
    assert store.rejected == {}
    (record,) = store.records
    assert record.head_tree == repo.repo.commit(head).tree.hexsha and record.pr == 7
    assert record.files == {
        "content/zfb/a.md": repo.repo.commit(head).tree["content/zfb/a.md"].hexsha
    }
    assert [(a.level, a.login) for a in record.approvals] == [
        ("1", "alice"),
        ("2", "carol"),
        ("3", "dave"),
    ]


def test_check_without_signing_key_fails_closed(
    run: Run, pr: tuple[GitRepo, str, str], server: Server, keys: tuple[Key, Key]
) -> None:
    repo, base, head = pr
    server.fixed("GET", "/repos/county/site/pulls/7/reviews", 200, three(head))
    server.fixed("POST", f"/repos/county/site/statuses/{head}", 201, {"id": 1})
    code, _, err = run(
        [
            "review",
            "check",
            "--repo",
            str(repo.path),
            "--api-url",
            server.url,
            "--repository",
            "county/site",
            "--pr",
            "7",
            "--base",
            base,
            "--head",
            head,
            "--author",
            "editor",
        ]
    )
    assert code == 2 and "GOVSITE_GATE_KEY" in err
    states = [c[2]["state"] for c in server.calls if c[1].endswith(f"/statuses/{head}")]
    assert states == ["pending", "failure"]
    assert records.load(repo.path, keys[0].signers()).records == []


def test_evaluate_record_needs_a_key(
    run: Run, pr: tuple[GitRepo, str, str], tmp_path: Path
) -> None:
    repo, base, head = pr
    code, _, err = evaluate(run, repo, base, head, three(head), tmp_path, "--record")
    assert code == 2 and "GOVSITE_GATE_KEY" in err and "未设置" in err


def test_evaluate_record_writes_the_signed_record_and_audit_sees_it(
    run: Run, pr: tuple[GitRepo, str, str], tmp_path: Path, gate_key: Key
) -> None:
    repo, base, head = pr
    repo.repo.git.tag("govsite-baseline", base)
    code, _, err = run(["review", "audit", "--root", str(repo.path), "--rev", head])
    assert code == 1 and "content/zfb/a.md: 没有有效的审批记录" in _
    code, out, err = evaluate(run, repo, base, head, three(head), tmp_path, "--record", "--pr", "7")
    assert code == 0, err
    assert "已写入签名的审批记录" in out
    (record,) = records.load(repo.path, gate_key.signers()).records
    assert record.pr == 7 and record.author == "editor"
    code, out, _ = run(["review", "audit", "--root", str(repo.path), "--rev", head])
    assert code == 0 and "0 个没有有效审批记录" in out


def test_evaluate_record_of_unmergeable_pr_writes_nothing(
    run: Run, pr: tuple[GitRepo, str, str], tmp_path: Path, gate_key: Key
) -> None:
    repo, base, head = pr
    code, _, _ = evaluate(run, repo, base, head, three(head)[:2], tmp_path, "--record")
    assert code == 1
    assert records.load(repo.path, gate_key.signers()).records == []


def test_check_api_failure_marks_failure_and_exits_2(
    run: Run, pr: tuple[GitRepo, str, str], server: Server, keys: tuple[Key, Key]
) -> None:
    repo, base, head = pr
    server.fixed("GET", "/repos/county/site/pulls/7/reviews", 403, {"message": "forbidden"})
    server.fixed("POST", f"/repos/county/site/statuses/{head}", 201, {"id": 1})
    code, _, err = run(
        [
            "review",
            "check",
            "--repo",
            str(repo.path),
            "--api-url",
            server.url,
            "--repository",
            "county/site",
            "--pr",
            "7",
            "--base",
            base,
            "--head",
            head,
            "--author",
            "editor",
        ]
    )
    assert code == 2 and "HTTP 403" in err
    states = [c[2]["state"] for c in server.calls if c[1].endswith(f"/statuses/{head}")]
    assert states == ["pending", "failure"]
    assert records.load(repo.path, keys[0].signers()).records == []


def test_check_on_gitea_counts_third_approval_on_page_two(
    run: Run,
    pr: tuple[GitRepo, str, str],
    server: Server,
    monkeypatch: pytest.MonkeyPatch,
    gate_key: Key,
) -> None:
    repo, base, head = pr
    monkeypatch.setenv("GITEA_ACTIONS", "true")
    monkeypatch.setenv("GITEA_TOKEN", "secret")

    def review(rid: int, login: str, state: str) -> dict[str, Any]:
        return {
            "id": rid,
            "user": {"login": login},
            "state": state,
            "commit_id": head,
            "stale": False,
            "dismissed": False,
            "official": True,
            "submitted_at": f"2026-03-01T09:{rid % 60:02d}:00+08:00",
        }

    page1 = [review(1, "alice", "APPROVED"), review(2, "carol", "APPROVED")]
    page1 += [review(i, "bystander", "COMMENT") for i in range(3, 51)]
    pages = {"1": page1, "2": [review(51, "dave", "APPROVED")]}
    api = "/api/v1/repos/county/site"
    server.routes[("GET", f"{api}/pulls/7/reviews")] = lambda _h, q: (200, pages[q["page"][0]], {})
    server.fixed("GET", f"{api}/issues/7/comments", 200, [])
    server.fixed("POST", f"{api}/issues/7/comments", 201, {"id": 1})
    server.fixed("POST", f"{api}/statuses/{head}", 201, {"id": 1})
    code, out, err = run(
        [
            "review",
            "check",
            "--repo",
            str(repo.path),
            "--api-url",
            server.url + "/api/v1",
            "--repository",
            "county/site",
            "--pr",
            "7",
            "--base",
            base,
            "--head",
            head,
            "--author",
            "editor",
            "--format",
            "json",
        ]
    )
    assert code == 0, err
    assert json.loads(out)["units"][0]["levels"][2]["approved_by"] == "dave"
    states = [c[2]["state"] for c in server.calls if c[1].endswith(f"/statuses/{head}")]
    assert states == ["pending", "success"]
