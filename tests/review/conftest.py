"""The forge test server, shared by the client and command tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from tests.review.test_forges import Server


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    thread = threading.Thread(target=srv.httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()
