"""The approvals the gate counted, as a git note on the head commit.

Ref ``refs/notes/approvals``; the note is JSON (UTF-8, one object)::

    {"format": 1, "head": "<sha>", "tree": "<tree sha>", "policy_blob": "<blob sha>",
     "approvals": [{"unit": "zfb", "level": "1", "login": "alice",
                    "review_id": 80, "submitted_at": "2026-01-02T03:04:05+00:00"}, ...]}

``level`` is "1", "2", "3" or "leader". The publication register reads it with
``git notes --ref=approvals show <commit>``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import git

from govsite.errors import ForgeError, Problem
from govsite.review.policy import Decision

REF = "approvals"


def payload(decision: Decision) -> dict[str, Any]:
    return {
        "format": 1, "head": decision.head, "tree": decision.head_tree,
        "policy_blob": decision.policy_blob,
        "approvals": [{"unit": u.unit, "level": lv.level, "login": lv.approved_by,
                       "review_id": lv.review_id, "submitted_at": lv.submitted_at}
                      for u in decision.units for lv in u.levels if lv.ok],
    }


def record(repo_path: Path, decision: Decision) -> None:
    text = json.dumps(payload(decision), ensure_ascii=False, sort_keys=True)
    try:
        # CI checkouts have no user identity; the note's author is the gate itself.
        git.Repo(repo_path).git.execute([
            "git", "-c", "user.name=govsite review-gate", "-c", "user.email=review-gate@localhost",
            "notes", f"--ref={REF}", "add", "-f", "-m", text, decision.head])
    except git.GitCommandError as exc:
        raise ForgeError(Problem(f"无法写入审核记录（git notes：{exc.stderr.strip()}）")) from None


def read(repo_path: Path, commit: str) -> dict[str, Any] | None:
    try:
        text = git.Repo(repo_path).git.notes(f"--ref={REF}", "show", commit)
    except git.GitCommandError:
        return None
    data = json.loads(text)
    return data if isinstance(data, dict) else None
