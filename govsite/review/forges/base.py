"""What the gate needs from a code forge, and the HTTP plumbing both forges share.

Every failure (network, timeout, 4xx/5xx, unexpected JSON) raises ForgeError
with a Chinese message: the gate fails closed, never passes on an error.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any, Protocol

import httpx

from govsite.errors import ForgeError, Problem
from govsite.review.reviews import Review, decode_json

TIMEOUT = 20.0
MAX_PAGES = 100  # a PR with more than 10,000 reviews is not a real PR: stop rather than loop

_STATUS_HINTS = {
    401: "令牌无效或已过期，请检查 GITHUB_TOKEN / GITEA_TOKEN",
    403: "令牌权限不足（需要读取合并请求、写提交状态和评论的权限），或已触发限流",
    404: "找不到仓库或合并请求，请检查仓库名和编号，以及令牌能否访问该仓库",
}


class Forge(Protocol):
    name: str

    def reviews(self, number: int) -> list[Review]: ...

    def set_status(self, sha: str, state: str, context: str, description: str) -> None: ...

    def upsert_comment(self, number: int, marker: str, body: str) -> None: ...


class Http:
    def __init__(
        self,
        base_url: str,
        token: str | None,
        timeout: float = TIMEOUT,
        auth_scheme: str = "Bearer",
    ) -> None:
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
                    f"代码托管平台接口超时（{what}），门禁判为不通过",
                    fix="稍后重新运行检查；若持续超时请联系平台管理员",
                )
            ) from None
        except httpx.HTTPError as exc:
            raise ForgeError(
                Problem(
                    f"无法连接代码托管平台（{what}：{exc}），门禁判为不通过",
                    fix="检查接口地址和网络",
                )
            ) from None
        if response.status_code >= 400:
            hint = _STATUS_HINTS.get(response.status_code, "平台内部错误，请稍后重试")
            raise ForgeError(
                Problem(
                    f"代码托管平台拒绝了请求（{what} 返回 HTTP {response.status_code}），"
                    "门禁判为不通过",
                    fix=hint,
                )
            )
        return response

    def json(self, method: str, url: str, **kwargs: Any) -> Any:
        response = self.request(method, url, **kwargs)
        if not response.content:
            return None
        return decode_json(response.content, f"{method} {url}", error=ForgeError)

    def pages(self, url: str, params: dict[str, Any], next_page: Any) -> Iterator[list[Any]]:
        """Yield each page's JSON list; ``next_page(response, page_no)`` gives the next request."""
        request: tuple[str, dict[str, Any]] | None = (url, params)
        for page_no in range(1, MAX_PAGES + 1):
            if request is None:
                return
            # an empty params dict would wipe the query of a Link URL
            response = self.request("GET", request[0], params=request[1] or None)
            data = decode_json(response.content, f"GET {url}", error=ForgeError)
            if not isinstance(data, list):
                raise ForgeError(
                    Problem(f"代码托管平台返回的审核列表格式不对（GET {url}），门禁判为不通过")
                )
            yield data
            request = next_page(response, page_no, data)
        raise ForgeError(Problem(f"审核记录超过 {MAX_PAGES} 页，门禁判为不通过"))
