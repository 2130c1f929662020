"""A code forge on 127.0.0.1 that keeps PR comments as GitHub and Gitea document them.

GitHub (REST, "Issue comments"): GET /repos/{owner}/{repo}/issues/{n}/comments pages by
``per_page``/``page`` with a ``Link: <…>; rel="next"`` header; POST there answers 201
with the comment; PATCH /repos/{owner}/{repo}/issues/comments/{id} answers 200.
Gitea/Forgejo (/api/v1, the same paths): the list takes only ``since``/``before`` and
returns every comment, no pagination; POST 201, PATCH 200 (the Comment object).
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse


@dataclass
class Forge:
    kind: str  # "github" or "gitea"
    prefix: str  # "" for GitHub, "/api/v1" for Gitea
    comments: dict[int, list[dict[str, Any]]] = field(default_factory=dict)
    calls: list[tuple[str, str, dict[str, list[str]]]] = field(default_factory=list)
    next_id: int = 1000
    url: str = ""

    def comment(self, number: int, body: str, login: str = "someone") -> dict[str, Any]:
        self.next_id += 1
        item = {
            "id": self.next_id,
            "html_url": f"{self.url}/county/site/pull/{number}#issuecomment-{self.next_id}",
            "body": body,
            "user": {"login": login, "id": 1},
            "created_at": "2026-03-01T08:00:00Z",
            "updated_at": "2026-03-01T08:00:00Z",
        }
        if self.kind == "github":
            item["node_id"] = f"IC_{self.next_id}"
            item["author_association"] = "MEMBER"
        else:
            item["pull_request_url"] = f"{self.url}/county/site/pulls/{number}"
            item["issue_url"] = ""
            item["original_author"] = ""
            item["original_author_id"] = 0
            item["assets"] = []
        self.comments.setdefault(number, []).append(item)
        return item


LIST = re.compile(r"^/repos/county/site/issues/(\d+)/comments$")
EDIT = re.compile(r"^/repos/county/site/issues/comments/(\d+)$")
PER_PAGE = 30  # GitHub's default page size when per_page is not given


def serve(kind: str) -> tuple[Forge, ThreadingHTTPServer, threading.Thread]:
    forge = Forge(kind, "" if kind == "github" else "/api/v1")

    class Handler(BaseHTTPRequestHandler):
        def _answer(self, status: int, payload: Any, headers: dict[str, str] | None = None) -> None:
            data = json.dumps(payload).encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for k, v in (headers or {}).items():
                self.send_header(k, v)
            self.end_headers()
            self.wfile.write(data)

        def _route(self, method: str) -> None:
            url = urlparse(self.path)
            query = parse_qs(url.query)
            forge.calls.append((method, url.path, query))
            if not url.path.startswith(forge.prefix):
                return self._answer(404, {"message": "Not Found"})
            path = url.path[len(forge.prefix) :]
            length = int(self.headers.get("Content-Length") or 0)
            body = json.loads(self.rfile.read(length)) if length else {}
            if not self.headers.get("Authorization"):
                return self._answer(401, {"message": "Requires authentication"})
            listing, edit = LIST.match(path), EDIT.match(path)
            if listing and method == "GET":
                items = forge.comments.get(int(listing[1]), [])
                if forge.kind == "gitea":
                    return self._answer(200, items)
                per_page = int(query.get("per_page", [PER_PAGE])[0])
                page = int(query.get("page", ["1"])[0])
                chunk = items[(page - 1) * per_page : page * per_page]
                headers = {}
                if page * per_page < len(items):
                    nxt = f"{forge.url}{url.path}?per_page={per_page}&page={page + 1}"
                    headers["Link"] = f'<{nxt}>; rel="next"'
                return self._answer(200, chunk, headers)
            if listing and method == "POST":
                return self._answer(201, forge.comment(int(listing[1]), body["body"], "bot"))
            if edit and method == "PATCH":
                for items in forge.comments.values():
                    for item in items:
                        if item["id"] == int(edit[1]):
                            item["body"] = body["body"]
                            return self._answer(200, item)
            return self._answer(404, {"message": "Not Found"})

        def do_GET(self) -> None:
            self._route("GET")

        def do_POST(self) -> None:
            self._route("POST")

        def do_PATCH(self) -> None:
            self._route("PATCH")

        def log_message(self, *args: Any) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    forge.url = f"http://127.0.0.1:{httpd.server_address[1]}"
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    return forge, httpd, thread
