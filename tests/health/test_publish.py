"""Atomic publishing, rollback, and a build killed midway leaving the published site alone."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from govsite.commands.publish import rollback as rollback_cmd
from govsite.errors import ConfigError, ContentError
from govsite.release import manifest
from govsite.release import publish as pub

pytestmark = pytest.mark.slow


def test_publish_twice_then_rollback(sample_site: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    first = pub.publish(sample_site, to, search=False)
    assert pub.current(to) == first
    assert (to / "current/index.html").is_file()
    assert (to / "current/manifest.json").is_file()
    assert os.readlink(to / "current") == f"releases/{first}"
    assert oct((to / "releases" / first).stat().st_mode & 0o777) == "0o755"
    assert (to / "current/index.html").stat().st_mode & 0o777 == 0o444  # world-readable
    assert pub.info(to, first) is not None

    page = sample_site / "content/pages/gywm.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n新增一段说明。\n", encoding="utf-8")
    second = pub.publish(sample_site, to, search=False)
    assert second != first and pub.current(to) == second
    assert pub.releases(to) == [first, second]

    result = CliRunner().invoke(rollback_cmd, ["--to", str(to)])
    assert result.exit_code == 0, result.output
    assert result.output.strip() == f"已回退：{second} → {first}"
    assert pub.current(to) == first
    with pytest.raises(ConfigError) as err:
        pub.rollback(to)
    assert "没有比当前版本" in err.value.render()
    assert pub.rollback(to, second) == second


def test_a_release_reuses_the_unchanged_pages_of_the_release_online(
    sample_site: Path, tmp_path: Path
) -> None:
    to = tmp_path / "www"
    first = pub.publish(sample_site, to, search=False)
    article = sample_site / "content/zfb/2024-renda-kaimu.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n补充一段。\n", encoding="utf-8")
    second = pub.publish(sample_site, to, search=False)
    old, new = to / "releases" / first, to / "releases" / second
    # reused, yet a copy of its own: editing one release on the server never changes another
    assert (old / "sitemap.html").read_bytes() == (new / "sitemap.html").read_bytes()
    assert (old / "sitemap.html").stat().st_ino != (new / "sitemap.html").stat().st_ino
    assert (new / "sitemap.html").stat().st_mode & 0o777 == 0o444
    page = "zfb/2024-renda-kaimu.html"
    assert "补充一段" in (new / page).read_text(encoding="utf-8")
    assert "补充一段" not in (old / page).read_text(encoding="utf-8")  # rollback stays intact
    for release in (old, new):
        assert manifest.verify(manifest.load(release / "manifest.json"), release).clean


def test_keep_prunes_old_releases(sample_site: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    names = [pub.publish(sample_site, to, keep=2, search=False) for _ in range(3)]
    assert pub.releases(to) == names[1:]
    assert pub.current(to) == names[2]


def test_failed_build_leaves_site(sample_site: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    first = pub.publish(sample_site, to, search=False)
    bad = sample_site / "content/zfb/2026-fengshoujie.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("标题:", "标 题:", 1), encoding="utf-8")
    with pytest.raises(ContentError):
        pub.publish(sample_site, to, search=False)
    assert pub.current(to) == first and pub.releases(to) == [first]


def test_real_directory_as_current_is_refused(sample_site: Path, tmp_path: Path) -> None:
    (tmp_path / "www/current").mkdir(parents=True)
    with pytest.raises(ConfigError) as err:
        pub.publish(sample_site, tmp_path / "www", search=False)
    assert "是普通目录，不是发布用的符号链接" in err.value.render()


def test_concurrent_publish_is_refused(sample_site: Path, tmp_path: Path) -> None:
    import fcntl

    to = tmp_path / "www"
    (to / "releases").mkdir(parents=True)
    with (to / ".publish.lock").open("w") as held:
        fcntl.flock(held, fcntl.LOCK_EX)
        with pytest.raises(ConfigError) as err:
            pub.publish(sample_site, to, search=False)
    assert "正在发布或回退中" in err.value.render()
    assert pub.releases(to) == []


def test_release_is_immutable_against_an_in_place_edit(sample_site: Path, tmp_path: Path) -> None:
    """A defaced page in current/ does not reach the previous release; rollback undoes it,
    and a rollback to a defaced release is refused."""
    to = tmp_path / "www"
    first = pub.publish(sample_site, to, search=False)
    second = pub.publish(sample_site, to, search=False)
    page = to / "current/index.html"
    original = page.read_bytes()
    os.chmod(page, 0o644)  # the attacker is root or the owner: permissions do not stop them
    with open(page, "r+b") as fh:  # in place: same inode, as an editor on the server would
        fh.write(b"<!-- defaced -->")
    assert (to / "releases" / first / "index.html").read_bytes() == original
    assert pub.verify_release(to, second)[0].path == "index.html"
    assert pub.rollback(to) == first
    assert (to / "current/index.html").read_bytes() == original
    with pytest.raises(ContentError) as err:
        pub.rollback(to, second)
    assert "已被改动，不回退到它" in err.value.render() and pub.current(to) == first


def test_an_unchecked_release_is_never_listed_or_picked(sample_site: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    first = pub.publish(sample_site, to, search=False)
    # what a publish killed between its build and its checks leaves behind
    (to / "releases/29990101-000000").mkdir()
    (to / "releases/.pending-29990101-000000").write_text("", encoding="utf-8")
    (to / "releases/29990101-000001").mkdir()  # no release.json: never passed its checks
    assert pub.releases(to) == [first]
    with pytest.raises(ConfigError):
        pub.rollback(to, "29990101-000001")
    assert pub.current(to) == first
    second = pub.publish(sample_site, to, search=False)
    assert not (to / "releases/29990101-000000").exists()
    assert pub.releases(to) == [first, second]
