"""The forge test server, shared by the client and command tests."""

from __future__ import annotations

import threading
from collections.abc import Iterator

import pytest

from tests.review.signers import Key, make_key
from tests.review.test_forges import Server


@pytest.fixture
def server() -> Iterator[Server]:
    srv = Server()
    thread = threading.Thread(target=srv.httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    yield srv
    srv.httpd.shutdown()
    srv.httpd.server_close()


@pytest.fixture(scope="session")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Key, Key]:
    """The gate's key and an impostor's (another valid OpenSSH key)."""
    folder = tmp_path_factory.mktemp("keys")
    return make_key(folder, "gate"), make_key(folder, "impostor")


@pytest.fixture
def gate_key(keys: tuple[Key, Key], monkeypatch: pytest.MonkeyPatch) -> Key:
    monkeypatch.setenv("GOVSITE_GATE_KEY", str(keys[0].private))
    return keys[0]
