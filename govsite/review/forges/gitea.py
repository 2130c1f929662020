"""Gitea/Forgejo REST (/api/v1): reviews (page + limit), commit status, one PR comment."""

from __future__ import annotations

from typing import Any

import httpx

from govsite.review.forges.base import TIMEOUT, Http
from govsite.review.reviews import Review, from_json

LIMIT = 50  # Gitea's default MAX_RESPONSE_ITEMS; a short page means the last page


class Gitea:
    name = "gitea"

    def __init__(
        self, api_url: str, repo: str, token: str | None, timeout: float = TIMEOUT
    ) -> None:
        self.repo = repo
        self.http = Http(api_url, token, timeout, auth_scheme="token")

    def _all(self, url: str) -> list[Any]:
        items: list[Any] = []
        for page in self.http.pages(url, {"page": 1, "limit": LIMIT}, _next_page(url)):
            items.extend(page)
        return items

    def reviews(self, number: int) -> list[Review]:
        url = f"repos/{self.repo}/pulls/{number}/reviews"
        return from_json(self._all(url), "gitea", f"Gitea {url}")

    def set_status(self, sha: str, state: str, context: str, description: str) -> None:
        self.http.json(
            "POST",
            f"repos/{self.repo}/statuses/{sha}",
            json={"state": state, "context": context, "description": description[:140]},
        )

    def upsert_comment(self, number: int, marker: str, body: str) -> None:
        url = f"repos/{self.repo}/issues/{number}/comments"
        for comment in self._all(url):
            if isinstance(comment, dict) and marker in str(comment.get("body", "")):
                self.http.json(
                    "PATCH",
                    f"repos/{self.repo}/issues/comments/{comment['id']}",
                    json={"body": body},
                )
                return
        self.http.json("POST", url, json={"body": body})


def _next_page(url: str) -> Any:
    def step(
        _response: httpx.Response, page: int, data: list[Any]
    ) -> tuple[str, dict[str, Any]] | None:
        return (url, {"page": page + 1, "limit": LIMIT}) if len(data) >= LIMIT else None

    return step
