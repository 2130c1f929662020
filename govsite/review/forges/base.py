"""What the gate needs from a code forge, the HTTP plumbing and the calls all forges share.

The endpoints for commit statuses and PR comments have the same paths and bodies on
GitHub and Gitea/Forgejo, so ``RestForge`` implements them once; a forge supplies
only what differs (authorisation scheme, media type, pagination, review shape).
Every failure (network, timeout, 4xx/5xx, unexpected JSON) raises ForgeError
with a Chinese message: the gate fails closed, never passes on an error.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any, ClassVar, Protocol

import httpx

from govsite.errors import ForgeError, Problem
from govsite.review.reviews import Review, decode_json, from_json

TIMEOUT = 20.0
GATE = "门禁判为不通过"  # what an API failure means, said after it (the gate's default)
MAX_PAGES = 100  # a PR with more than 10,000 reviews is not a real PR: stop rather than loop

_STATUS_HINTS = {
    401: "令牌无效或已过期，请检查 GITHUB_TOKEN / GITEA_TOKEN",
    403: "令牌权限不足（需要读取合并请求、写提交状态和评论的权限），或已触发限流",
    404: "找不到仓库或合并请求，请检查仓库名和编号，以及令牌能否访问该仓库",
}


# one page request: (url, query parameters); None when there is no next page
PageRequest = tuple[str, dict[str, Any]] | None


class Forge(Protocol):
    """A code forge as the gate and the preview use it; the registry maps names to these."""

    name: ClassVar[str]
    # environment variables holding the token, in order of preference
    token_variables: ClassVar[tuple[str, ...]]
    review_shape: ClassVar[str]  # "github" or "gitea": how reviews.from_json reads its reviews

    def __init__(
        self,
        api_url: str,
        repo: str,
        token: str | None,
        timeout: float = TIMEOUT,
        *,
        consequence: str = GATE,
    ) -> None: ...

    def reviews(self, number: int) -> list[Review]: ...

    def set_status(self, sha: str, state: str, context: str, description: str) -> None: ...

    def upsert_comment(self, number: int, marker: str, body: str) -> str | None:
        """Edit the one comment carrying ``marker`` or create it; its web address if given."""
        ...


class Http:
    def __init__(
        self,
        base_url: str,
        token: str | None,
        timeout: float = TIMEOUT,
        auth_scheme: str = "Bearer",
        consequence: str = "",
    ) -> None:
        self.consequence = consequence or GATE
        headers = {"Accept": "application/json", "User-Agent": "govsite-review-gate"}
        if token:
            headers["Authorization"] = f"{auth_scheme} {token}"
        self.client = httpx.Client(
            base_url=base_url.rstrip("/") + "/",
            headers=headers,
            timeout=timeout,
            follow_redirects=False,
        )

    def request(self, method: str, url: str, **kwargs: Any) -> httpx.Response:
        what = f"{method} {url}"
        try:
            response = self.client.request(
                method, url.lstrip("/") if "://" not in url else url, **kwargs
            )
        except httpx.TimeoutException:
            raise ForgeError(
                Problem(
                    f"代码托管平台接口超时（{what}），{self.consequence}",
                    fix="稍后重新运行检查；若持续超时请联系平台管理员",
                )
            ) from None
        except httpx.HTTPError as exc:
            raise ForgeError(
                Problem(
                    f"无法连接代码托管平台（{what}：{exc}），{self.consequence}",
                    fix="检查接口地址和网络",
                )
            ) from None
        if response.status_code >= 400:
            hint = _STATUS_HINTS.get(response.status_code, "平台内部错误，请稍后重试")
            raise ForgeError(
                Problem(
                    f"代码托管平台拒绝了请求（{what} 返回 HTTP {response.status_code}），"
                    f"{self.consequence}",
                    fix=hint,
                )
            )
        return response

    def json(self, method: str, url: str, **kwargs: Any) -> Any:
        response = self.request(method, url, **kwargs)
        if not response.content:
            return None
        return decode_json(response.content, f"{method} {url}", error=ForgeError)

    def pages(
        self,
        url: str,
        params: dict[str, Any],
        next_page: Callable[[str, httpx.Response, int, list[Any]], PageRequest],
    ) -> Iterator[list[Any]]:
        """Yield each page's JSON list; ``next_page(url, response, page_no, data)`` is next."""
        request: PageRequest = (url, params)
        for page_no in range(1, MAX_PAGES + 1):
            if request is None:
                return
            # an empty params dict would wipe the query of a Link URL
            response = self.request("GET", request[0], params=request[1] or None)
            data = decode_json(response.content, f"GET {url}", error=ForgeError)
            if not isinstance(data, list):
                raise ForgeError(
                    Problem(
                        f"代码托管平台返回的列表格式不对（GET {url}，应为 JSON 数组）",
                        fix="检查 --api-url 是否指向平台的 REST 接口（Gitea 为 …/api/v1）",
                    )
                )
            yield data
            request = next_page(url, response, page_no, data)
        raise ForgeError(Problem(f"列表超过 {MAX_PAGES} 页（GET {url}），判为失败"))


class RestForge:
    """Statuses, comments and review lists as GitHub and Gitea/Forgejo both shape them.

    Subclasses set the class attributes and ``next_page``; nothing else differs.
    """

    name: ClassVar[str]
    token_variables: ClassVar[tuple[str, ...]]
    auth_scheme: ClassVar[str] = "Bearer"
    media_type: ClassVar[str] = "application/json"
    first_page: ClassVar[dict[str, Any]] = {}
    review_shape: ClassVar[str]  # which table of reviews.from_json reads this forge's reviews
    label: ClassVar[str]

    def __init__(
        self,
        api_url: str,
        repo: str,
        token: str | None,
        timeout: float = TIMEOUT,
        *,
        consequence: str = GATE,
    ) -> None:
        self.repo = repo
        self.http = Http(
            api_url, token, timeout, auth_scheme=self.auth_scheme, consequence=consequence
        )
        self.http.client.headers["Accept"] = self.media_type

    @staticmethod
    def next_page(url: str, response: httpx.Response, page: int, data: list[Any]) -> PageRequest:
        raise NotImplementedError

    def _pages(self, url: str) -> Iterator[list[Any]]:
        return self.http.pages(url, dict(self.first_page), self.next_page)

    def _comment_pages(self, url: str) -> Iterator[list[Any]]:
        """The PR's comments, page by page (a forge without pagination there overrides)."""
        return self._pages(url)

    def reviews(self, number: int) -> list[Review]:
        url = f"repos/{self.repo}/pulls/{number}/reviews"
        items = [item for page in self._pages(url) for item in page]
        return from_json(items, self.review_shape, f"{self.label} {url}")

    def set_status(self, sha: str, state: str, context: str, description: str) -> None:
        self.http.json(
            "POST",
            f"repos/{self.repo}/statuses/{sha}",
            json={"state": state, "context": context, "description": description[:140]},
        )

    def upsert_comment(self, number: int, marker: str, body: str) -> str | None:
        url = f"repos/{self.repo}/issues/{number}/comments"
        for page in self._comment_pages(url):
            for comment in page:
                if isinstance(comment, dict) and marker in str(comment.get("body", "")):
                    done = self.http.json(
                        "PATCH",
                        f"repos/{self.repo}/issues/comments/{comment['id']}",
                        json={"body": body},
                    )
                    return _html_url(done) or _html_url(comment)
        return _html_url(self.http.json("POST", url, json={"body": body}))


def _html_url(data: Any) -> str | None:
    url = data.get("html_url") if isinstance(data, dict) else None
    return url if isinstance(url, str) and url else None
