"""撤稿 as a reader sees it in Chromium: the search no longer finds the withdrawn article."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import git
import pytest
from click.testing import CliRunner

from govsite.commands.withdraw import withdraw
from govsite.release import publish as pub
from govsite.review import gate, records
from govsite.review.reviews import from_json
from tests.browser.conftest import LOCAL_HOST, SHARD_SIZE, _QuietHandler
from tests.browser.test_journey import search
from tests.health.test_publish_git import run, site, today_for  # noqa: F401 (fixture)
from tests.review.helpers import gh
from tests.review.signers import Key

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

ARTICLE = "content/zfb/2025-guifanxing-wenjian-guanli.md"
PAGE = "/zfb/2025-guifanxing-wenjian-guanli.html"
INTERPRETATION = "/zfb/2025-guifanxing-wenjian-jiedu.html"


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    """The publish target and the URL of a real HTTP server on its ``current``."""
    to = tmp_path / "www"
    to.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(to / "current"))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield to, f"http://{LOCAL_HOST}:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_search_drops_the_withdrawn_article(
    site: Path,  # noqa: F811
    served: tuple[Path, str],
    page: Any,
    keys: tuple[Key, Key],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from govsite.site import search_index

    monkeypatch.setattr(search_index, "SHARD_SIZE", SHARD_SIZE)  # several shards, merged
    to, url = served
    assert run(site, to, "--today", today_for(site)).exit_code == 0
    query = "行政规范性文件管理办法"
    assert {PAGE, INTERPRETATION} <= set(search(page, url, query))

    repo = git.Repo(site)
    result = CliRunner().invoke(
        withdraw, [str(site / ARTICLE), "--reason", "含个人信息", "--root", str(site)]
    )
    assert result.exit_code == 0, repr(result.exception)
    head, base = repo.head.commit.hexsha, repo.commit("main").hexsha
    decision = gate.decide(
        site, base, head, "li-bianji", from_json([gh(1, "ivan-pt", "APPROVED", head, 1)])
    )  # the platform
    assert decision.mergeable, decision.reasons
    records.write(site, decision, keys[0].private, pr=3, author="li-bianji")
    repo.git.checkout("main")
    repo.git.merge("--no-ff", "withdraw/2025-guifanxing-wenjian-guanli", "-m", "Merge #3")
    result = run(site, to, "--withdraw")
    assert result.exit_code == 0, repr(result.exception)
    assert pub.current(to) is not None

    found = search(page, url, query)
    assert INTERPRETATION in found and PAGE not in found
    page.goto(url + PAGE)
    assert page.locator("h1").inner_text() == "本信息已撤销"
