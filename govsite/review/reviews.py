"""Reviews from the forge, normalised to one shape, and each reviewer's standing verdict.

GitHub states: APPROVED, CHANGES_REQUESTED, COMMENTED, DISMISSED, PENDING.
Gitea/Forgejo states: APPROVED, REQUEST_CHANGES, COMMENT, REQUEST_REVIEW, PENDING,
with ``dismissed`` and ``stale`` flags. Rule 5 of the gate: per reviewer only the
latest review that is not a plain comment counts; DISMISSED is "no verdict" and
never revives an earlier approval.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from govsite.config.limits import DEFAULT, Limits, key_of
from govsite.errors import ConfigError, GovsiteError, Problem

APPROVED = "APPROVED"
CHANGES_REQUESTED = "CHANGES_REQUESTED"
DISMISSED = "DISMISSED"
COMMENTED = "COMMENTED"
PENDING = "PENDING"

_GITHUB = {
    "APPROVED": APPROVED,
    "CHANGES_REQUESTED": CHANGES_REQUESTED,
    "DISMISSED": DISMISSED,
    "COMMENTED": COMMENTED,
    "PENDING": PENDING,
}
_GITEA = {
    "APPROVED": APPROVED,
    "REQUEST_CHANGES": CHANGES_REQUESTED,
    "COMMENT": COMMENTED,
    "REQUEST_REVIEW": COMMENTED,
    "PENDING": PENDING,
}
# Verdicts that replace a reviewer's earlier one; COMMENTED and PENDING change nothing.
VERDICTS = (APPROVED, CHANGES_REQUESTED, DISMISSED)


@dataclass(frozen=True)
class Review:
    id: int
    login: str  # as the forge spells it; compare with .key
    state: str
    submitted_at: datetime
    commit_id: str

    @property
    def key(self) -> str:
        return self.login.lower()


_STRING = re.compile(r'"(?:[^"\\]|\\.)*"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")


def check_size(
    size: int, source: str, limits: Limits = DEFAULT, error: type[GovsiteError] = ConfigError
) -> None:
    if size > limits.reviews_bytes:
        raise error(
            Problem(
                f"审核数据超过 {limits.reviews_bytes // (1024 * 1024)} MB"
                f"（hooks/limits.yml 的“{key_of('reviews_bytes')}”），门禁判为不通过",
                path=source,
                fix="确认接口地址正确；确需更大时由平台单位调大该上限",
            )
        )


def decode_json(
    raw: bytes | str, source: str, limits: Limits = DEFAULT, error: type[GovsiteError] = ConfigError
) -> Any:
    """JSON from the forge (or a file of it), bounded before it is parsed.

    ``json.loads`` recurses once per nesting level (100,000 levels: a traceback)
    and holds all of it in memory, so the size and depth are measured first, with
    the limits of hooks/limits.yml; anything over either is an error that fails
    the gate closed."""
    check_size(len(raw), source, limits, error)
    try:
        text = raw.decode("utf-8") if isinstance(raw, bytes) else raw
    except UnicodeDecodeError:
        raise error(
            Problem(
                "审核数据不是 UTF-8 编码的 JSON，门禁判为不通过",
                path=source,
                fix="提供代码托管平台接口原样返回的 JSON",
            )
        ) from None
    depth = 0
    deepest = 0
    for m in _BRACKET.finditer(_STRING.sub('""', text)):
        depth += 1 if m.group() in "[{" else -1
        deepest = max(deepest, depth)
    if deepest > limits.nesting:
        raise error(
            Problem(
                f"审核数据嵌套 {deepest} 层，超过 hooks/limits.yml 的“{key_of('nesting')}”"
                f"（{limits.nesting}），门禁判为不通过",
                path=source,
                fix="提供代码托管平台接口原样返回的 JSON",
            )
        )
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise error(
            Problem(
                f"审核记录不是合法的 JSON（第 {exc.lineno} 行第 {exc.colno} 列），门禁判为不通过",
                path=source,
                fix="提供代码托管平台接口原样返回的 JSON",
            )
        ) from None
    except (ValueError, RecursionError):
        raise error(
            Problem(
                "审核记录不是合法的 JSON，门禁判为不通过",
                path=source,
                fix="提供代码托管平台接口原样返回的 JSON",
            )
        ) from None


def parse_time(text: str) -> datetime:
    value = datetime.fromisoformat(text.replace("Z", "+00:00"))
    return value if value.tzinfo else value.replace(tzinfo=UTC)


def from_json(items: Any, forge: str = "github", source: str = "reviews") -> list[Review]:
    """Parse a list of reviews in GitHub's or Gitea's documented shape."""
    if not isinstance(items, list):
        raise ConfigError(
            Problem("审核记录应是 JSON 数组（代码托管平台“列出 PR 审核”接口的返回值）", path=source)
        )
    table = _GITHUB if forge == "github" else _GITEA
    out: list[Review] = []
    for i, item in enumerate(items):
        try:
            state = str(item["state"]).upper()
            if forge != "github" and item.get("dismissed"):
                state = DISMISSED
            elif state not in table:
                raise KeyError("state")
            else:
                state = table[state]
            when = item.get("submitted_at")
            if not when:  # a pending review has no submission time: it is not a verdict
                continue
            out.append(
                Review(
                    id=int(item["id"]),
                    login=str(item["user"]["login"]),
                    state=state,
                    submitted_at=parse_time(str(when)),
                    commit_id=str(item.get("commit_id") or ""),
                )
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(
                Problem(
                    f"第 {i + 1} 条审核记录格式不对（{exc}）",
                    path=source,
                    fix="提供代码托管平台接口原样返回的 JSON",
                )
            ) from None
    return out


def standing(reviews: Iterable[Review]) -> dict[str, Review]:
    """Each reviewer's latest verdict (APPROVED / CHANGES_REQUESTED / DISMISSED)."""
    latest: dict[str, Review] = {}
    for review in sorted(reviews, key=lambda r: (r.submitted_at, r.id)):
        if review.state in VERDICTS:
            latest[review.key] = review
    return latest
