"""The sample county (示例县) is a complete, clean site: the acceptance baseline."""

from __future__ import annotations

import subprocess
import sys
from datetime import datetime
from pathlib import Path

from govsite.library import load_library
from tests.conftest import REPO_ROOT


def test_sample_site_loads_without_problems() -> None:
    lib = load_library(REPO_ROOT)
    assert [p.render() for p in lib.problems] == []
    assert len(lib.articles) >= 40
    assert {"zfb", "fgw", "czj", "jyj"} <= {a.unit for a in lib.articles}


def test_every_leaf_column_has_content_and_news_is_recent() -> None:
    lib = load_library(REPO_ROOT)
    used = {c for a in lib.articles for c in a.columns}
    leaves = [c.id for c in lib.site.columns.values() if not c.children]
    assert [c for c in leaves if c not in used] == []  # MON-04: no blank columns
    newest = max(a.published for a in lib.articles if "zwyw" in a.columns)
    assert newest >= datetime(2026, 11, 8)


def test_sample_has_the_documents_the_issue_asks_for() -> None:
    lib = load_library(REPO_ROOT)
    assert lib.links is not None
    assert lib.links.interpretations, "a policy with its 解读"
    assert lib.links.repealing, "a repealed document linked to its successor"
    assert any(a.validity == "废止" for a in lib.articles)
    assert any(a.co_issuers for a in lib.articles)
    suffixes = {Path(n).suffix for a in lib.articles for n in a.attachments}
    assert {".pdf", ".xlsx"} <= suffixes
    assert any("gknb" in a.columns for a in lib.articles)


def test_generator_output_loads_clean(tmp_path: Path) -> None:
    out = tmp_path / "gen"
    result = subprocess.run(
        [sys.executable, str(REPO_ROOT / "benchmarks" / "generate.py"), "300", str(out), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    lib = load_library(out)
    assert [p.render() for p in lib.problems] == []
    assert len(lib.articles) == 300
