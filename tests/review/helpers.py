"""Builders for the review tests: a policy, articles and reviews in GitHub's shape."""

from __future__ import annotations

from typing import Any

POLICY = """\
ordered: true
units:
  zfb:
    name: 政府办
    reviewers: {1: [alice, bob], 2: [carol, bob], 3: [dave]}
  fgw:
    name: 发改委
    reviewers: {1: [frank], 2: [grace], 3: [heidi]}
  platform:
    name: 平台
    paths: ["reviewers.yml", ".github/**"]
    reviewers: {1: [ivan], 2: [judy], 3: [mallory]}
leaders: [erin]
"""


def article(importance: str = "一般", co: str | None = None, body: str = "正文") -> str:
    extra = f"联合发文单位: [{co}]\n" if co else ""
    return f"---\n标题: 关于测试的通知\n重要程度: {importance}\n{extra}---\n{body}\n"


BASE_TREE: dict[str, str | bytes | None] = {
    "reviewers.yml": POLICY,
    "content/zfb/a.md": article(),
    "content/fgw/b.md": article(),
}


def gh(rid: int, login: str, state: str, commit: str, minute: int) -> dict[str, Any]:
    """One review in the shape of GitHub's "List reviews for a pull request"."""
    return {
        "id": rid,
        "node_id": f"PRR_{rid}",
        "user": {"login": login, "id": rid + 1000},
        "body": "",
        "state": state,
        "commit_id": commit,
        "submitted_at": f"2026-03-01T08:{minute:02d}:00Z",
        "html_url": f"https://example.invalid/pull/1#pullrequestreview-{rid}",
    }


def three(
    commit: str,
    start: int = 1,
    people: tuple[str, ...] = ("alice", "carol", "dave"),
    first_id: int = 1,
) -> list[dict[str, Any]]:
    return [gh(first_id + i, p, "APPROVED", commit, start + i) for i, p in enumerate(people)]
