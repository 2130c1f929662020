"""GitHub REST: list reviews (per_page + Link header), commit status, one PR comment."""

from __future__ import annotations

from typing import Any

import httpx

from govsite.review.forges.base import TIMEOUT, Http
from govsite.review.reviews import Review, from_json


class GitHub:
    name = "github"

    def __init__(
        self, api_url: str, repo: str, token: str | None, timeout: float = TIMEOUT
    ) -> None:
        self.repo = repo
        self.http = Http(api_url, token, timeout)
        self.http.client.headers["Accept"] = "application/vnd.github+json"

    def reviews(self, number: int) -> list[Review]:
        items: list[Any] = []
        url = f"repos/{self.repo}/pulls/{number}/reviews"
        for page in self.http.pages(url, {"per_page": 100}, _next_link):
            items.extend(page)
        return from_json(items, "github", f"GitHub {url}")

    def set_status(self, sha: str, state: str, context: str, description: str) -> None:
        self.http.json(
            "POST",
            f"repos/{self.repo}/statuses/{sha}",
            json={"state": state, "context": context, "description": description[:140]},
        )

    def upsert_comment(self, number: int, marker: str, body: str) -> None:
        url = f"repos/{self.repo}/issues/{number}/comments"
        for page in self.http.pages(url, {"per_page": 100}, _next_link):
            for comment in page:
                if isinstance(comment, dict) and marker in str(comment.get("body", "")):
                    self.http.json(
                        "PATCH",
                        f"repos/{self.repo}/issues/comments/{comment['id']}",
                        json={"body": body},
                    )
                    return
        self.http.json("POST", url, json={"body": body})


def _next_link(
    response: httpx.Response, _page: int, _data: list[Any]
) -> tuple[str, dict[str, Any]] | None:
    link = response.links.get("next")
    return (link["url"], {}) if link and link.get("url") else None
