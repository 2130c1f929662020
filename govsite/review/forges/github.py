"""GitHub REST: pages by ``per_page`` and the ``Link`` header, its own media type."""

from __future__ import annotations

from typing import Any, ClassVar

import httpx

from govsite.review.forges.base import PageRequest, RestForge


class GitHub(RestForge):
    name = "github"
    label = "GitHub"
    token_variables: ClassVar[tuple[str, ...]] = ("GITHUB_TOKEN",)
    media_type = "application/vnd.github+json"
    first_page: ClassVar[dict[str, Any]] = {"per_page": 100}
    review_shape = "github"

    @staticmethod
    def next_page(url: str, response: httpx.Response, page: int, data: list[Any]) -> PageRequest:
        link = response.links.get("next")
        return (link["url"], {}) if link and link.get("url") else None
