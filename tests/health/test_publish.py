"""Atomic publishing, rollback, and a build killed midway leaving the published site alone."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from govsite.commands.publish import publish as publish_cmd
from govsite.commands.publish import rollback as rollback_cmd
from govsite.errors import ConfigError, ContentError
from govsite.health import manifest
from govsite.health import publish as pub

pytestmark = pytest.mark.slow


def test_publish_twice_then_rollback(sample_site: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    first = pub.publish(sample_site, to, search=False)
    assert pub.current(to) == first
    assert (to / "current/index.html").is_file()
    assert (to / "current/manifest.json").is_file()
    assert os.readlink(to / "current") == f"releases/{first}"
    assert oct((to / "releases" / first).stat().st_mode & 0o777) == "0o755"

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
        sample_site: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    first = pub.publish(sample_site, to, search=False)
    article = sample_site / "content/zfb/2024-renda-kaimu.md"
    article.write_text(article.read_text(encoding="utf-8") + "\n补充一段。\n", encoding="utf-8")
    second = pub.publish(sample_site, to, search=False)
    old, new = to / "releases" / first, to / "releases" / second
    assert (old / "sitemap.html").stat().st_ino == (new / "sitemap.html").stat().st_ino
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


def test_failed_gate_leaves_site(sample_site: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    first = pub.publish(sample_site, to, search=False)
    result = CliRunner().invoke(publish_cmd, ["--root", str(sample_site), "--to", str(to),
                                              "--today", "2031-06-01", "--no-search"])
    assert result.exit_code == 1
    assert isinstance(result.exception, ContentError)
    assert "健康检查不通过，未切换" in result.exception.render()
    assert pub.current(to) == first
    assert pub.releases(to) == [first]


def test_failed_build_leaves_site(sample_site: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    first = pub.publish(sample_site, to, search=False)
    bad = sample_site / "content/zfb/2026-fengshoujie.md"
    bad.write_text(bad.read_text(encoding="utf-8").replace("标题:", "标 题:", 1),
                   encoding="utf-8")
    with pytest.raises(ContentError):
        pub.publish(sample_site, to, search=False)
    assert pub.current(to) == first and pub.releases(to) == [first]


def test_real_directory_as_current_is_refused(sample_site: Path, tmp_path: Path) -> None:
    (tmp_path / "www/current").mkdir(parents=True)
    with pytest.raises(ConfigError) as err:
        pub.publish(sample_site, tmp_path / "www", search=False)
    assert "是普通目录，不是发布用的符号链接" in err.value.render()


def test_killed_build_leaves_published_release_untouched(sample_site: Path,
                                                         tmp_path: Path) -> None:
    to = tmp_path / "www"
    first = pub.publish(sample_site, to, search=False)
    kept = manifest.load(to / "current/manifest.json")
    proc = subprocess.Popen(
        [sys.executable, "-m", "govsite", "publish", "--root", str(sample_site), "--to", str(to),
         "--no-report"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    partial: list[Path] = []
    while time.monotonic() < deadline and proc.poll() is None:
        partial = list((to / "releases").glob(".output-*"))
        if partial and any(partial[0].iterdir()):
            break
        time.sleep(0.005)
    assert proc.poll() is None, "the build finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert partial, "no build in progress was seen"
    assert pub.current(to) == first
    assert pub.releases(to) == [first]
    assert manifest.verify(kept, to / "current").clean

    second = pub.publish(sample_site, to, search=False)  # cleans the killed build's leftovers
    assert not list((to / "releases").glob(".output-*"))
    assert pub.current(to) == second


def test_nightly_sequence_on_the_sample_site(sample_site: Path, tmp_path: Path) -> None:
    """publish (with the health gate) → register → verify, as the nightly job runs them."""
    import git

    from govsite.commands.register import register
    from govsite.commands.verify import verify
    from govsite.library import load_library

    repo = git.Repo.init(sample_site, initial_branch="main")
    repo.git.add("-A")
    repo.git.commit("-m", "import the sample site")
    lib = load_library(sample_site)
    home = {c for col in lib.site.home_columns() for c in (col.id, *col.children)}
    today = max(a.published.date() for a in lib.articles if set(a.columns) & home)
    to = tmp_path / "www"
    runner = CliRunner()
    result = runner.invoke(publish_cmd, ["--root", str(sample_site), "--to", str(to),
                                         "--today", today.isoformat()])
    assert result.exit_code == 0, result.output or repr(result.exception)
    assert result.output.startswith(f"已发布 {pub.current(to)}")
    result = runner.invoke(register, ["--root", str(sample_site), "--out", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    assert f"登记 {len(lib.articles)} 篇文章" in result.output
    result = runner.invoke(verify, ["--manifest", str(to / "current/manifest.json"),
                                    "--root", str(sample_site), str(to / "current")])
    assert result.exit_code == 0, result.output


def test_no_search_build_is_refused_by_the_gate(sample_site: Path, tmp_path: Path) -> None:
    """Without the Pagefind index the search page's links are broken: not published."""
    lib_today = "2026-11-21"
    result = CliRunner().invoke(publish_cmd, ["--root", str(sample_site), "--to",
                                              str(tmp_path / "www"), "--today", lib_today,
                                              "--no-search"])
    assert result.exit_code == 1
    assert "/pagefind/0/pagefind-ui.js”指向的文件不存在" in result.exception.render()  # type: ignore[union-attr]
    assert pub.current(tmp_path / "www") is None and pub.releases(tmp_path / "www") == []


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
