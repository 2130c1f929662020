"""``govsite publish`` on a real repository: only committed, approved revisions go out."""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import git
import pytest
from click.testing import CliRunner, Result

from govsite.commands.publish import publish as publish_cmd
from govsite.commands.publish import rollback as rollback_cmd
from govsite.errors import ConfigError, ContentError
from govsite.library import load_library
from govsite.release import manifest
from govsite.release import publish as pub
from tests.review.signers import Key

pytestmark = pytest.mark.slow

ARTICLE = "content/zfb/2024-renda-kaimu.md"


@pytest.fixture
def site(sample_site: Path, keys: tuple[Key, Key]) -> Path:
    """The sample site as a repository whose import is the gate's baseline."""
    (sample_site / "hooks/gate-signers").write_text(keys[0].signers(), encoding="utf-8")
    repo = git.Repo.init(sample_site, initial_branch="main")
    repo.git.add("-A")
    repo.git.commit("-m", "import the sample site")
    repo.git.tag("govsite-baseline")
    return sample_site


def today_for(root: Path) -> str:
    lib = load_library(root)
    home = {c for col in lib.site.home_columns() for c in (col.id, *col.children)}
    return max(a.published.date() for a in lib.articles if set(a.columns) & home).isoformat()


def run(root: Path, to: Path, *args: str) -> Result:
    return CliRunner().invoke(publish_cmd, ["--root", str(root), "--to", str(to), *args])


def edit(root: Path, rel: str, extra: str) -> None:
    path = root / rel
    path.write_text(path.read_text(encoding="utf-8") + extra, encoding="utf-8")


def test_publish_records_the_commit_and_lists_releases(site: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    result = run(site, to, "--today", today_for(site))
    assert result.exit_code == 0, result.output or repr(result.exception)
    name = pub.current(to)
    assert name is not None
    head = git.Repo(site).head.commit
    meta = pub.info(to, name)
    assert meta is not None and (meta.commit, meta.tree, meta.rev) == (
        head.hexsha,
        head.tree.hexsha,
        "main",
    )
    assert meta.manifest_sha256 == pub.digest(to / "current" / manifest.MANIFEST)
    listed = CliRunner().invoke(rollback_cmd, ["--to", str(to), "--list"])
    assert listed.exit_code == 0
    assert listed.output.startswith(
        f"{name}  提交 {head.hexsha[:10]}  文件树 {head.tree.hexsha[:10]}"
    )
    assert listed.output.rstrip().endswith("← 当前")


def test_uncovered_content_is_refused_with_the_live_release_untouched(
    site: Path, tmp_path: Path
) -> None:
    to = tmp_path / "www"
    assert run(site, to, "--no-report", "--no-search").exit_code == 0
    live = pub.current(to)
    kept = manifest.load(to / "current" / manifest.MANIFEST)
    repo = git.Repo(site)
    edit(site, ARTICLE, "\n未经审核直接推送的一段。\n")
    repo.git.add("-A")
    repo.git.commit("-m", "pushed straight to main")
    for flags in ((), ("--no-report",)):  # no flag skips the approval audit
        result = run(site, to, "--no-search", *flags)
        assert result.exit_code == 1
        assert isinstance(result.exception, ContentError)
        text = result.exception.render()
        assert f"{ARTICLE}: 未经三审，不发布：没有有效的审批记录" in text
        assert repo.head.commit.hexsha[:10] in text
        assert pub.current(to) == live and pub.releases(to) == [live]
        assert manifest.verify(kept, to / "current").clean


def test_working_tree_is_never_published(site: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    draft = site / "content/zfb/draft.md"
    draft.write_text(
        (site / ARTICLE).read_text(encoding="utf-8").replace("标题:", "标题: 草稿", 1),
        encoding="utf-8",
    )
    result = run(site, to, "--no-report", "--no-search")
    assert isinstance(result.exception, ConfigError) and result.exception.exit_code == 2
    assert "工作区有未提交的改动" in result.exception.render()
    assert pub.releases(to) == []
    result = run(site, to, "--no-report", "--no-search", "--rev", "main")
    assert result.exit_code == 0, repr(result.exception)
    assert not (to / "current/zfb/draft.html").exists()
    assert (to / "current/zfb/2024-renda-kaimu.html").exists()


def test_another_branch_needs_an_explicit_rev(site: Path, tmp_path: Path) -> None:
    repo = git.Repo(site)
    repo.git.checkout("-b", "feature")
    result = run(site, tmp_path / "www", "--no-report", "--no-search")
    assert isinstance(result.exception, ConfigError) and result.exception.exit_code == 2
    assert "当前检出的是分支 feature，不是 main" in result.exception.render()


def test_origin_branch_is_the_default(
    site: Path, tmp_path: Path, git_repo: Callable[..., object]
) -> None:
    """With a remote, what is published is origin/main, not unpushed local commits."""
    origin = tmp_path / "origin.git"
    git.Repo.clone_from(site, origin, bare=True)
    clone = git.Repo.clone_from(str(origin), tmp_path / "clone")
    clone.git.fetch("origin", "refs/tags/govsite-baseline:refs/tags/govsite-baseline")
    root = Path(clone.working_tree_dir or "")
    edit(root, ARTICLE, "\n本地未推送的改动。\n")
    clone.git.commit("-am", "local only")
    to = tmp_path / "www"
    result = run(root, to, "--no-report", "--no-search")
    assert result.exit_code == 0, repr(result.exception)
    meta = pub.info(to, pub.current(to) or "")
    assert meta is not None and meta.rev == "origin/main"
    assert meta.commit == clone.commit("origin/main").hexsha
    assert "本地未推送的改动" not in (to / "current/zfb/2024-renda-kaimu.html").read_text("utf-8")


def approved_pr(site: Path, key: Key, tree: dict[str, str | bytes | None], pr: int) -> str:
    """An editor's PR on the sample site, approved by zfb's three levels and merged."""
    from govsite.review import gate, records
    from govsite.review.reviews import from_json
    from tests.conftest import GitRepo
    from tests.review.helpers import gh
    from tests.review.landing import land, open_pr

    repo = GitRepo(site)
    base, head = open_pr(repo, f"pr{pr}", tree)
    reviews = from_json(
        [
            gh(pr * 10 + i, who, "APPROVED", head, i)
            for i, who in enumerate(("wang-xy", "zhao-fg", "sun-zr"), 1)
        ]
    )
    decision = gate.decide(site, base, head, "li-bianji", reviews)
    assert decision.mergeable, decision.reasons
    records.write(site, decision, key.private, pr=pr, author="li-bianji")
    return land(repo, f"pr{pr}", "merge", pr)


def new_article(title: str, published: str) -> str:
    return f"---\n标题: {title}\n公开日期: {published}\n栏目: [zwyw]\n---\n\n{title}的正文。\n"


def test_first_release_with_a_veto_is_refused(site: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    result = run(site, to, "--today", "2031-06-01", "--no-search")
    assert result.exit_code == 1
    assert isinstance(result.exception, ContentError)
    assert "健康检查不通过，未切换" in result.exception.render()
    assert pub.current(to) is None and pub.releases(to) == []


def test_a_veto_blocks_only_when_the_release_introduces_it(
    site: Path, tmp_path: Path, keys: tuple[Key, Key]
) -> None:
    to = tmp_path / "www"
    day = today_for(site)
    assert run(site, to, "--today", day).exit_code == 0
    live = pub.current(to)
    approved_pr(
        site,
        keys[0],
        {"content/zfb/2026-weilai.md": new_article("日期写到未来的通知", "2030-01-01 09:00")},
        7,
    )
    result = run(site, to, "--today", day)
    assert result.exit_code == 1 and isinstance(result.exception, ContentError)
    text = result.exception.render()
    # A 公开日期 in the future is an error of the one checking core (issue 11): the build
    # stops before the health check would have vetoed it (MON-08).
    assert (
        "content/zfb/2026-weilai.md:3: 公开日期: 公开日期 2030-01-01 09:00 晚于今天一天以上"
    ) in text and "MON-08" in text
    assert pub.current(to) == live and pub.releases(to) == [live]


def test_a_veto_already_online_does_not_block(
    site: Path, tmp_path: Path, keys: tuple[Key, Key]
) -> None:
    to = tmp_path / "www"
    assert run(site, to, "--no-report", "--no-search").exit_code == 0  # no findings recorded
    live = pub.current(to)
    approved_pr(
        site,
        keys[0],
        {"content/zfb/2026-xinwen.md": new_article("新的通知", f"{datetime.now():%Y-%m-%d %H:%M}")},
        8,
    )
    later = "2031-06-01"  # the home page is stale then, online as much as in the new release
    result = run(site, to, "--today", later)
    assert result.exit_code == 0, repr(result.exception)
    assert (
        "不阻止本次发布（线上版本已有同样的问题，不是本次发布带来的）：[否决] MON-02"
        in result.stderr
    )
    assert pub.current(to) != live


def test_a_release_that_removes_content_always_goes_out(
    site: Path, tmp_path: Path, keys: tuple[Key, Key]
) -> None:
    to = tmp_path / "www"
    day = today_for(site)
    assert run(site, to, "--today", day).exit_code == 0
    live = pub.current(to)
    # Removing the 解读 leaves its policy without one: an error this release brings, and yet
    # a removal (say, of a leak) must never wait for it.
    approved_pr(site, keys[0], {"content/zfb/2025-guifanxing-wenjian-jiedu.md": None}, 9)
    result = run(site, to, "--today", day)
    assert result.exit_code == 0, repr(result.exception)
    assert "不阻止本次发布（本次发布只删除或更正内容，总是发布）：《" in result.stderr
    assert "META-08 content/zfb/2025-guifanxing-wenjian-guanli.md" in result.stderr
    assert pub.current(to) != live
    assert not (to / "current/zfb/2025-guifanxing-wenjian-jiedu.html").exists()


def test_no_search_build_is_refused_by_the_gate(site: Path, tmp_path: Path) -> None:
    """Without the Pagefind index the search page's links are broken: not published."""
    result = run(site, tmp_path / "www", "--today", "2026-11-21", "--no-search")
    assert result.exit_code == 1
    assert "/pagefind/0/pagefind-ui.js”指向的文件不存在" in result.exception.render()  # type: ignore[union-attr]
    assert pub.current(tmp_path / "www") is None and pub.releases(tmp_path / "www") == []


def test_defaced_live_site_is_replaced_and_reported(site: Path, tmp_path: Path) -> None:
    to = tmp_path / "www"
    assert run(site, to, "--no-report", "--no-search").exit_code == 0
    first = pub.current(to)
    page = to / "current/index.html"
    page.chmod(0o644)
    page.write_text(page.read_text(encoding="utf-8") + "<p>黑链</p>", encoding="utf-8")
    result = CliRunner().invoke(
        publish_cmd, ["--root", str(site), "--to", str(to), "--no-report", "--no-search"]
    )
    assert result.exit_code == 0, repr(result.exception)
    assert f"线上版本 {first} 与其清单不符（改动 1 个" in result.stderr
    assert "index.html" in result.stderr
    assert "黑链" not in (to / "current/index.html").read_text(encoding="utf-8")
    assert manifest.verify(manifest.load(to / "current/manifest.json"), to / "current").clean


def _kill_when(site: Path, to: Path, seen: Callable[[], bool], *args: str) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "govsite", "publish", "--root", str(site), "--to", str(to), *args],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 120
    hit = False
    while time.monotonic() < deadline and proc.poll() is None:
        if seen():
            hit = True
            break
        time.sleep(0.002)
    assert proc.poll() is None, "the publish finished before it could be killed"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=10)
    assert hit


def test_publish_killed_while_building_or_checking_leaves_nothing_to_roll_back_to(
    site: Path, tmp_path: Path
) -> None:
    to = tmp_path / "www"
    first = run(site, to, "--no-report", "--no-search")
    assert first.exit_code == 0
    live = pub.current(to)
    kept = manifest.load(to / "current/manifest.json")
    releases = to / "releases"

    def building() -> bool:
        return any(p.is_dir() and any(p.iterdir()) for p in releases.glob(".output-*"))

    def checking() -> bool:  # built and renamed into place, health check running
        return any(
            p.is_dir() and p.name != live and (p / "manifest.json").exists()
            for p in releases.iterdir()
            if not p.name.startswith(".")
        )

    for seen in (building, checking):
        _kill_when(site, to, seen, "--today", today_for(site))
        assert pub.current(to) == live and pub.releases(to) == [live]
        assert manifest.verify(kept, to / "current").clean
        with pytest.raises(Exception) as err:
            pub.rollback(to)  # nothing older, and the killed one is never a candidate
        assert "没有比当前版本" in str(err.value)
    result = run(site, to, "--no-report", "--no-search")  # cleans the killed publishes' leftovers
    assert result.exit_code == 0
    assert not list(releases.glob(".output-*")) and not list(releases.glob(".pending-*"))
    assert len(pub.releases(to)) == 2


def test_nightly_sequence_on_the_sample_site(site: Path, tmp_path: Path) -> None:
    """publish (with the health gate) → register → verify, as the nightly job runs them."""
    from govsite.commands.register import register
    from govsite.commands.verify import verify

    lib = load_library(site)
    to = tmp_path / "www"
    result = run(site, to, "--today", today_for(site))
    assert result.exit_code == 0, result.output or repr(result.exception)
    assert result.output.startswith(f"已发布 {pub.current(to)}")
    runner = CliRunner()
    result = runner.invoke(register, ["--root", str(site), "--out", str(tmp_path / "r")])
    assert result.exit_code == 0, result.output
    assert f"登记 {len(lib.articles)} 篇文章" in result.output
    result = runner.invoke(
        verify,
        ["--manifest", str(to / "current/manifest.json"), "--root", str(site), str(to / "current")],
    )
    assert result.exit_code == 0, result.output
