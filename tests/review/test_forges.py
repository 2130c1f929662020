"""Forge clients against a real HTTP server on 127.0.0.1: pagination and failing closed."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

import pytest

from govsite.errors import ForgeError
from govsite.review.forges.gitea import Gitea
from govsite.review.forges.github import GitHub
from govsite.review.reviews import APPROVED, CHANGES_REQUESTED, DISMISSED
from tests.review.helpers import gh

Route = Callable[[BaseHTTPRequestHandler, dict[str, list[str]]], tuple[int, Any, dict[str, str]]]


class Server:
    def __init__(self) -> None:
        self.routes: dict[tuple[str, str], Route] = {}
        self.calls: list[tuple[str, str, Any]] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            def _serve(self, method: str) -> None:
                url = urlparse(self.path)
                length = int(self.headers.get("Content-Length") or 0)
                body = json.loads(self.rfile.read(length)) if length else None
                server.calls.append((method, url.path, body))
                route = server.routes.get((method, url.path))
                if route is None:
                    status, payload, headers = 404, {"message": "Not Found"}, {}
                else:
                    status, payload, headers = route(self, parse_qs(url.query))
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                for k, v in headers.items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                self._serve("GET")

            def do_POST(self) -> None:
                self._serve("POST")

            def do_PATCH(self) -> None:
                self._serve("PATCH")

            def log_message(self, *args: Any) -> None:
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"

    def fixed(self, method: str, path: str, status: int, payload: Any) -> None:
        self.routes[(method, path)] = lambda _h, _q: (status, payload, {})


HEAD = "a" * 40
PATH_GH = "/repos/county/site/pulls/7/reviews"
PATH_GITEA = "/api/v1/repos/county/site/pulls/7/reviews"


def test_github_follows_link_header_to_page_two(server: Server) -> None:
    page1 = [gh(1, "alice", "APPROVED", HEAD, 1), gh(2, "carol", "APPROVED", HEAD, 2)]
    page2 = [gh(3, "dave", "APPROVED", HEAD, 3)]

    def route(
        _h: BaseHTTPRequestHandler, q: dict[str, list[str]]
    ) -> tuple[int, Any, dict[str, str]]:
        assert q["per_page"] == ["100"] or q.get("page") == ["2"]
        if q.get("page") == ["2"]:
            return 200, page2, {}
        link = f'<{server.url}{PATH_GH}?per_page=100&page=2>; rel="next"'
        return 200, page1, {"Link": link}

    server.routes[("GET", PATH_GH)] = route
    reviews = GitHub(server.url, "county/site", "t").reviews(7)
    assert [(r.login, r.state) for r in reviews] == [
        ("alice", APPROVED),
        ("carol", APPROVED),
        ("dave", APPROVED),
    ]


def gitea_review(rid: int, login: str, state: str, **flags: Any) -> dict[str, Any]:
    """Gitea's PullReview shape (/repos/{owner}/{repo}/pulls/{index}/reviews)."""
    return {
        "id": rid,
        "user": {"id": rid, "login": login},
        "state": state,
        "body": "",
        "commit_id": HEAD,
        "stale": flags.get("stale", False),
        "official": True,
        "dismissed": flags.get("dismissed", False),
        "comments_count": 0,
        "submitted_at": f"2026-03-01T16:{rid % 60:02d}:00+08:00",
        "html_url": "",
        "pull_request_url": "",
    }


def test_gitea_pages_with_page_and_limit(server: Server) -> None:
    page1 = [gitea_review(i, f"user{i}", "COMMENT") for i in range(1, 50)]
    page1.append(gitea_review(50, "alice", "APPROVED"))
    page2 = [
        gitea_review(51, "carol", "REQUEST_CHANGES"),
        gitea_review(52, "dave", "APPROVED", dismissed=True),
        gitea_review(53, "bob", "REQUEST_REVIEW"),
    ]
    seen: list[tuple[str, str]] = []

    def route(
        _h: BaseHTTPRequestHandler, q: dict[str, list[str]]
    ) -> tuple[int, Any, dict[str, str]]:
        seen.append((q["page"][0], q["limit"][0]))
        return 200, page1 if q["page"] == ["1"] else page2, {}

    server.routes[("GET", PATH_GITEA)] = route
    reviews = Gitea(server.url + "/api/v1", "county/site", "t").reviews(7)
    assert seen == [("1", "50"), ("2", "50")]
    states = {r.login: r.state for r in reviews}
    assert states["alice"] == APPROVED
    assert states["carol"] == CHANGES_REQUESTED
    assert states["dave"] == DISMISSED


@pytest.mark.parametrize(
    ("status", "hint"),
    [
        (401, "令牌无效或已过期"),
        (403, "令牌权限不足"),
        (404, "找不到仓库或合并请求"),
        (500, "平台内部错误"),
    ],
)
@pytest.mark.parametrize("kind", ["github", "gitea"])
def test_http_errors_fail_closed(server: Server, status: int, hint: str, kind: str) -> None:
    path = PATH_GH if kind == "github" else PATH_GITEA
    server.fixed("GET", path, status, {"message": "nope"})
    client = (
        GitHub(server.url, "county/site", "t")
        if kind == "github"
        else Gitea(server.url + "/api/v1", "county/site", "t")
    )
    with pytest.raises(ForgeError) as info:
        client.reviews(7)
    problem = info.value.problems[0]
    assert f"返回 HTTP {status}），门禁判为不通过" in problem.message
    assert problem.fix is not None and hint in problem.fix


def test_slow_answer_times_out_and_fails_closed(server: Server) -> None:
    def slow(
        _h: BaseHTTPRequestHandler, _q: dict[str, list[str]]
    ) -> tuple[int, Any, dict[str, str]]:
        time.sleep(1.0)
        return 200, [], {}

    server.routes[("GET", PATH_GH)] = slow
    with pytest.raises(ForgeError) as info:
        GitHub(server.url, "county/site", "t", timeout=0.2).reviews(7)
    assert info.value.problems[0].message.startswith("代码托管平台接口超时")


def test_not_json_list_fails_closed(server: Server) -> None:
    server.fixed("GET", PATH_GH, 200, {"message": "not a list"})
    with pytest.raises(ForgeError, match="返回的列表格式不对"):
        GitHub(server.url, "county/site", "t").reviews(7)


def test_status_and_comment_updated_in_place(server: Server) -> None:
    comments = "/repos/county/site/issues/7/comments"
    server.fixed(
        "GET",
        comments,
        200,
        [{"id": 5, "body": "其他评论"}, {"id": 6, "body": "<!-- gate -->旧表"}],
    )
    server.fixed("PATCH", "/repos/county/site/issues/comments/6", 200, {"id": 6})
    server.fixed("POST", f"/repos/county/site/statuses/{HEAD}", 201, {"id": 1})
    client = GitHub(server.url, "county/site", "t")
    client.upsert_comment(7, "<!-- gate -->", "<!-- gate -->新表")
    client.set_status(HEAD, "success", "review-gate: main", "三审齐全，可以合并")
    assert (
        "PATCH",
        "/repos/county/site/issues/comments/6",
        {"body": "<!-- gate -->新表"},
    ) in server.calls
    assert server.calls[-1] == (
        "POST",
        f"/repos/county/site/statuses/{HEAD}",
        {"state": "success", "context": "review-gate: main", "description": "三审齐全，可以合并"},
    )


@pytest.mark.parametrize(
    ("env", "name", "token"),
    [
        ({"GITHUB_TOKEN": "gh"}, "github", "gh"),
        ({"GITEA_ACTIONS": "true", "GITHUB_TOKEN": "gh", "GITEA_TOKEN": "gt"}, "gitea", "gt"),
        ({"GITEA_ACTIONS": "true", "GITHUB_TOKEN": "gh"}, "gitea", "gh"),
        (
            {"FORGEJO_ACTIONS": "true", "GITEA_ACTIONS": "true", "FORGEJO_TOKEN": "f"},
            "forgejo",
            "f",
        ),
    ],
)
def test_registry_selects_the_runner_forge_and_its_token(
    server: Server, env: dict[str, str], name: str, token: str
) -> None:
    from govsite.review import forges

    forge = forges.from_env(None, server.url, "county/site", {**env, "GITHUB_API_URL": server.url})
    assert forge.name == name and isinstance(forge, forges.FORGES[name])
    server.fixed("POST", f"/repos/county/site/statuses/{HEAD}", 201, {"id": 1})
    forge.set_status(HEAD, "pending", "c", "d")
    assert server.calls[-1][0] == "POST"


def test_registry_refuses_an_unknown_forge_in_chinese() -> None:
    from govsite.errors import ConfigError
    from govsite.review import forges

    with pytest.raises(ConfigError, match="不认识的代码托管平台“gitlab”"):
        forges.make("gitlab", "http://127.0.0.1:9", "county/site", None)


def test_every_forge_sends_its_own_authorisation(server: Server) -> None:
    from govsite.review import forges

    seen: list[str] = []

    def route(
        h: BaseHTTPRequestHandler, _q: dict[str, list[str]]
    ) -> tuple[int, Any, dict[str, str]]:
        seen.append(str(h.headers.get("Authorization")))
        return 200, [], {}

    server.routes[("GET", PATH_GH)] = route
    for name in forges.FORGES:
        forges.make(name, server.url, "county/site", "secret").reviews(7)
    assert seen == ["Bearer secret", "token secret", "token secret"]
