"""govsite.gitpaths: the site's prefix in its repository, the same as git's own."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import git
import pytest

from govsite import gitpaths


@pytest.mark.parametrize("folder", ["", "site", "counties/示例县", "a b/c"])
def test_prefix_is_what_git_rev_parse_show_prefix_says(tmp_path: Path, folder: str) -> None:
    repo = git.Repo.init(tmp_path / "repo")
    root = tmp_path / "repo" / folder
    root.mkdir(parents=True, exist_ok=True)
    shown = subprocess.run(
        ["git", "-c", "core.quotepath=off", "rev-parse", "--show-prefix"],
        cwd=root,
        capture_output=True,
        text=True,
        check=True,
    )
    expected = shown.stdout.strip()
    found = gitpaths.of_repo(repo, root)
    assert found.text == expected == (f"{folder}/" if folder else "")


def test_a_root_reached_through_a_symlink(tmp_path: Path) -> None:
    repo = git.Repo.init(tmp_path / "repo")
    (tmp_path / "repo/site").mkdir()
    os.symlink(tmp_path / "repo/site", tmp_path / "link")
    assert gitpaths.of_repo(repo, tmp_path / "link").text == "site/"


@pytest.mark.parametrize(
    ("prefix", "site_path", "repo_path"),
    [
        ("", "content/zfb/a.md", "content/zfb/a.md"),
        ("site/", "content/zfb/a.md", "site/content/zfb/a.md"),
        ("counties/示例县/", "content", "counties/示例县/content"),
    ],
)
def test_mapping_both_ways(prefix: str, site_path: str, repo_path: str) -> None:
    p = gitpaths.Prefix(prefix)
    assert p.repo_path(site_path) == repo_path
    assert p.inside(repo_path) and p.site_path(repo_path) == site_path


def test_paths_outside_the_site() -> None:
    p = gitpaths.Prefix("site/")
    assert not p.inside("other/content/a.md")
    assert p.site_path("other/content/a.md") == "other/content/a.md"
    with pytest.raises(ValueError):
        gitpaths.prefix("/srv/repo", "/srv/elsewhere")


def test_file_dates_of_a_site_below_the_top(tmp_path: Path) -> None:
    """The consumers read git's names through the prefix (gitlog.file_dates here)."""
    from govsite import gitlog

    repo = git.Repo.init(tmp_path / "repo")
    article = tmp_path / "repo/site/content/zfb/a.md"
    article.parent.mkdir(parents=True)
    article.write_text("x", encoding="utf-8")
    repo.git.add("-A")
    repo.git.commit("-m", "a", "--no-gpg-sign")
    dates = gitlog.file_dates(tmp_path / "repo/site")
    assert list(dates) == ["content/zfb/a.md"]
