"""Gitea/Forgejo REST (/api/v1): pages by ``page`` and ``limit``, ``token`` authorisation."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, ClassVar

import httpx

from govsite.review.forges.base import PageRequest, RestForge

LIMIT = 50  # Gitea's default MAX_RESPONSE_ITEMS; a short page means the last page


class Gitea(RestForge):
    name = "gitea"
    label = "Gitea"
    # Gitea Actions hands the job a GITHUB_TOKEN too; a dedicated GITEA_TOKEN comes first
    token_variables: ClassVar[tuple[str, ...]] = ("GITEA_TOKEN", "GITHUB_TOKEN")
    auth_scheme = "token"
    first_page: ClassVar[dict[str, Any]] = {"page": 1, "limit": LIMIT}
    review_shape = "gitea"

    @staticmethod
    def next_page(url: str, response: httpx.Response, page: int, data: list[Any]) -> PageRequest:
        return (url, {"page": page + 1, "limit": LIMIT}) if len(data) >= LIMIT else None

    def _comment_pages(self, url: str) -> Iterator[list[Any]]:
        # GET …/issues/{index}/comments takes only since/before and returns every comment:
        # asking for page 2 would get the whole list again (and again, up to MAX_PAGES).
        return self.http.pages(url, {}, lambda *_: None)


class Forgejo(Gitea):
    """Forgejo keeps Gitea's API (/api/v1) and shapes; only the name people use differs."""

    name = "forgejo"
    label = "Forgejo"
    token_variables: ClassVar[tuple[str, ...]] = ("FORGEJO_TOKEN", "GITEA_TOKEN", "GITHUB_TOKEN")
