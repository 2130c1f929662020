"""Rebuilds reuse what did not change, and give exactly the site a full build gives."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import git
import pytest

from govsite.release import build_record
from govsite.release.build import build_site
from govsite.site import search_index
from tests.conftest import write_tree
from tests.site.conftest import doc, news

pytestmark = pytest.mark.slow


def tree(out: Path) -> dict[str, bytes]:
    """Every file of a build but manifest.json (it carries the build time) and the
    search index (Pagefind's file names vary from run to run: see ``shards``)."""
    return {
        p.relative_to(out).as_posix(): p.read_bytes()
        for p in sorted(out.rglob("*"))
        if p.is_file() and p.name != "manifest.json" and p.relative_to(out).parts[0] != "pagefind"
    }


def shards(out: Path) -> dict[str, int]:
    """Search shard -> number of pages it indexes."""
    return {
        p.parent.name: json.loads(p.read_text(encoding="utf-8"))["languages"]["zh-cn"]["page_count"]
        for p in sorted((out / "pagefind").glob("*/pagefind-entry.json"))
    }


def inodes(out: Path) -> dict[str, int]:
    return {p.relative_to(out).as_posix(): p.stat().st_ino for p in out.rglob("*") if p.is_file()}


def edit(root: Path, rel: str, old: str, new: str) -> None:
    path = root / rel
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {rel}"
    path.write_text(text.replace(old, new), encoding="utf-8")


EDITS: dict[str, Callable[[Path], None]] = {
    "body": lambda root: edit(root, "content/zfb/news-10.md", "的正文。", "的正文，补充一句。"),
    "title": lambda root: edit(root, "content/zfb/news-10.md", "第10次常务会议", "第十次常务会议"),
    "repealing document": lambda root: edit(
        root, "content/zfb/gfwj.md", "示例县行政规范性文件管理办法", "示例县行政规范性文件管理规定"
    ),
    "deleted": lambda root: (root / "content/zfb/news-25.md").unlink(),
    "added": lambda root: write_tree(
        root,
        {
            "content/fgw/new.md": doc(
                "示例县新发展规划",
                "00009",
                code="11152599MB0000020E",
                column="ghjh",
                issuer="示例县发展和改革委员会",
                published="2025-08-01 09:00",
            ),
            "content/zfb/news-26.md": news("县政府召开第26次常务会议", "2025-07-26 09:00"),
        },
    ),
    "template": lambda root: edit(root, "theme/templates/base.html", "跳到主要内容", "跳到正文"),
    "site.yml": lambda root: edit(root, "site.yml", "每页条数: 20", "每页条数: 10"),
    "attachment": lambda root: (root / "content/zfb/banfa.pdf").write_bytes(
        b"%PDF-1.4\n" + b"1" * 5000
    ),
}


@pytest.fixture
def small_shards(monkeypatch: pytest.MonkeyPatch) -> None:
    # 29 articles in three search shards, so shard reuse is exercised too.
    monkeypatch.setattr(search_index, "SHARD_SIZE", 10)


@pytest.mark.usefixtures("small_shards")
@pytest.mark.parametrize("change", list(EDITS))
def test_rebuild_after_a_change_equals_a_full_build(small_site: Path, change: str) -> None:
    first = build_site(small_site)
    assert first.reused == 0
    EDITS[change](small_site)
    again = build_site(small_site)
    full = build_site(small_site, small_site / "full", reuse_previous=False)
    assert full.reused == 0
    rebuilt, expected = tree(small_site / "output"), tree(small_site / "full")
    assert sorted(rebuilt) == sorted(expected)
    assert [p for p in expected if rebuilt[p] != expected[p]] == []
    assert shards(small_site / "output") == shards(small_site / "full")
    assert sum(shards(small_site / "full").values()) == full.articles
    if change not in ("template", "site.yml"):  # those change every page
        assert again.reused > again.files * 0.6, (change, again.reused, again.files)


def test_body_edit_renders_the_article_and_the_listings_it_is_on(
    small_site: Path, small_shards: None
) -> None:
    build_site(small_site)
    before = inodes(small_site / "output")
    EDITS["body"](small_site)
    build_site(small_site)
    after = inodes(small_site / "output")
    # Pelican copies theme files, attachments and writes content/pages/ every time.
    changed = sorted(
        p
        for p in after
        if before.get(p) != after[p]
        and not p.startswith(("pagefind/", "theme/", "pages/", "zfb/banfa", "manifest.json"))
    )
    assert "zfb/news-10.html" in changed
    assert "columns/zwyw/index.html" in changed  # it is listed there
    assert "zfb/index_2.html" not in changed  # a later page of the unit's listing
    assert "fgw/plan.html" not in changed
    assert len(changed) < 15, changed
    entries = [p for p in after if p.startswith("pagefind/") and p.endswith("entry.json")]
    assert len(entries) == 3
    assert len([p for p in entries if before.get(p) != after[p]]) == 1


def test_an_output_touched_since_is_rendered_again(small_site: Path) -> None:
    build_site(small_site, search=False)
    page = small_site / "output/index.html"
    good = page.read_bytes()
    with page.open("ab") as fh:  # in place: same inode, new size and mtime
        fh.write(b"<!-- injected -->")
    result = build_site(small_site, search=False)
    assert page.read_bytes() == good
    assert 0 < result.reused < result.files


def test_an_output_not_built_by_us_is_not_reused(small_site: Path) -> None:
    build_site(small_site, search=False)
    (small_site / "output/manifest.json").write_text('{"files": {}}', encoding="utf-8")
    assert build_site(small_site, search=False).reused == 0


def test_a_damaged_record_means_a_full_build(small_site: Path) -> None:
    build_site(small_site, search=False)
    record = build_record.record_path(small_site, small_site / "output")
    record.write_text("{not json", encoding="utf-8")
    result = build_site(small_site, search=False)
    assert result.reused == 0
    assert build_site(small_site, search=False).reused > 0  # and the record is good again


def test_full_flag_renders_everything(small_site: Path) -> None:
    build_site(small_site, search=False)
    assert build_site(small_site, search=False, reuse_previous=False).reused == 0


def test_a_failed_rebuild_leaves_the_build_online_and_its_record(small_site: Path) -> None:
    build_site(small_site, search=False)
    online = tree(small_site / "output")
    write_tree(small_site, {"content/zfb/bad.md": news("坏文章", "2025-02-30 09:00")})
    with pytest.raises(Exception):  # noqa: B017 - the bad date stops the build
        build_site(small_site, search=False)
    assert tree(small_site / "output") == online
    (small_site / "content/zfb/bad.md").unlink()
    assert build_site(small_site, search=False).reused > 0


def _commit(root: Path, message: str) -> None:
    repo = git.Repo(root)
    repo.git.add("-A", "content")  # not the outputs and caches beside it
    env = {
        "GIT_AUTHOR_NAME": "测试编辑",
        "GIT_AUTHOR_EMAIL": "editor@example.gov.cn",
        "GIT_COMMITTER_NAME": "测试编辑",
        "GIT_COMMITTER_EMAIL": "editor@example.gov.cn",
        "GIT_AUTHOR_DATE": "2025-07-31T10:00:00+08:00",
        "GIT_COMMITTER_DATE": "2025-07-31T10:00:00+08:00",
    }
    repo.git.commit("-m", message, "--no-gpg-sign", env=env)


SEQUENCE: list[tuple[str, Callable[[Path], None]]] = [
    ("body", EDITS["body"]),
    ("title in listings", EDITS["title"]),
    (
        "added",
        lambda root: write_tree(
            root,
            {
                "content/zfb/news-26.md": news("县政府召开第26次常务会议", "2025-07-26 09:00"),
                "content/zfb/gfwj2.md": doc(
                    "示例县政府信息公开工作规定", "00004", published="2025-07-20 09:00"
                ),
            },
        ),
    ),
    ("deleted", lambda root: (root / "content/zfb/news-25.md").unlink()),
    (
        "renamed",
        lambda root: (root / "content/zfb/news-24.md").rename(root / "content/zfb/news-24b.md"),
    ),
    ("column", lambda root: edit(root, "content/zfb/news-05.md", "栏目: [zwyw]", "栏目: [tzgg]")),
    (
        "解读 policy link",
        lambda root: edit(root, "content/zfb/gfwj-jd.md", "/2025-00001", "/2025-00004"),
    ),
]


@pytest.mark.usefixtures("small_shards")
def test_a_sequence_of_committed_edits_rebuilds_byte_identical(small_site: Path) -> None:
    """Each edit committed (the build reads dates from git), rebuilt from the one before,
    and compared with a clean full build of the same commit: every page, every shard."""
    build_site(small_site)
    for name, change in SEQUENCE:
        change(small_site)
        _commit(small_site, name)
        again = build_site(small_site)
        full = build_site(small_site, small_site / "full", reuse_previous=False)
        rebuilt, expected = tree(small_site / "output"), tree(small_site / "full")
        assert sorted(rebuilt) == sorted(expected), name
        assert [p for p in expected if rebuilt[p] != expected[p]] == [], name
        assert shards(small_site / "output") == shards(small_site / "full"), name
        assert again.articles == full.articles
        assert again.reused > again.files * 0.5, (name, again.reused, again.files)
        assert set(again.phases) == {"validate", "key", "render", "search", "manifest", "swap"}
        assert again.phases["render"] > 0
