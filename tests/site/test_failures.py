"""Failures that say what happened (issue 9, item 6), on real builds in subprocesses.

Disk full on a real tmpfs (or, where none can be mounted, a real file size
limit of the process), a read-only file system, a template failing for one
article, a bug of govsite inside the generator (exit 3, traceback kept), and
builds killed with SIGKILL at each point of the output swap, while rendering
and while Pagefind indexes: the next build recovers the previous tree by
itself and leaves no temporary folder. The output is world-readable.
"""

from __future__ import annotations

import errno
import os
import resource
import signal
import stat
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from govsite import oserrors
from govsite.errors import ContentError
from govsite.release.build import build_site
from tests.conftest import write_tree
from tests.site.conftest import make_site, news

pytestmark = pytest.mark.slow


def govsite(site: Path, *args: str, **kw: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govsite", *args],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        **kw,
    )


def leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith((".output", ".search")))


@pytest.fixture
def site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site")


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path | None]:
    """A 3 MB tmpfs, or None where this user cannot mount one."""
    mount = tmp_path / f"disk-{uuid.uuid4().hex[:6]}"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount)],
        capture_output=True,
        check=False,
    )
    if done.returncode != 0:
        yield None
        return
    try:
        yield mount
    finally:
        subprocess.run(["umount", "-l", str(mount)], check=False)


def test_disk_full_names_the_file_and_keeps_the_site(site: Path, small_disk: Path | None) -> None:
    big = os.urandom(4 * 1024 * 1024)  # an attachment larger than the disk
    write_tree(
        site,
        {
            "content/zfb/baogao.pdf": b"%PDF-1.4\n" + big,
            "content/zfb/gfwj.md": (site / "content/zfb/gfwj.md")
            .read_text(encoding="utf-8")
            .replace("附件: [banfa.pdf]", "附件: [banfa.pdf, baogao.pdf]"),
        },
    )
    if small_disk is not None:
        out = small_disk / "www"
        proc = govsite(site, "build", "--no-search", "-o", str(out))
        expected = "磁盘空间已满"
    else:  # a real EFBIG from the kernel: a file size limit for the build process
        out = site / "output"

        def limit() -> None:
            signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
            resource.setrlimit(resource.RLIMIT_FSIZE, (1024 * 1024, 1024 * 1024))

        proc = govsite(site, "build", "--no-search", preexec_fn=limit)
        expected = "文件超过系统允许的大小"
    assert proc.returncode == 2, proc.stderr
    assert "Traceback" not in proc.stderr and "Pelican 生成失败" not in proc.stderr
    line = proc.stderr.strip().splitlines()[-1]
    assert line.startswith("系统错误：") and expected in line and "baogao.pdf" in line, line
    assert "修改方法：" in line
    assert leftovers(out.parent) == []


def test_disk_full_while_writing_pages_keeps_the_previous_site(
    site: Path, small_disk: Path | None
) -> None:
    if small_disk is None:
        pytest.fail("this test needs a tmpfs: run the suite as root (make test does)")
    out = small_disk / "www"
    assert govsite(site, "build", "--no-search", "-o", str(out)).returncode == 0
    before = (out / "zfb/gfwj.html").read_bytes()
    (small_disk / "filler").write_bytes(b"\0" * (small_disk_free(small_disk) - 20_000))
    write_tree(
        site,
        {
            f"content/zfb/new-{i}.md": news(f"新会议{i}" + "长" * 3000, "2025-07-29 09:00")
            for i in range(10)
        },
    )
    proc = govsite(site, "build", "--no-search", "--full", "-o", str(out))
    assert proc.returncode == 2, proc.stderr
    assert "系统错误：" in proc.stderr and "磁盘空间已满" in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr
    assert (out / "zfb/gfwj.html").read_bytes() == before
    assert leftovers(small_disk) == []


def small_disk_free(mount: Path) -> int:
    st = os.statvfs(mount)
    return st.f_bavail * st.f_frsize


def test_read_only_output_says_so(site: Path, tmp_path: Path) -> None:
    ro = tmp_path / "ro"
    ro.mkdir()
    if (
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", "ro,size=1m", "tmpfs", str(ro)],
            capture_output=True,
            check=False,
        ).returncode
        != 0
    ):
        pytest.fail("this test needs to mount a tmpfs: run the suite as root")
    try:
        proc = govsite(site, "build", "--no-search", "-o", str(ro / "www"))
    finally:
        subprocess.run(["umount", "-l", str(ro)], check=False)
    assert proc.returncode == 2
    assert proc.stderr.startswith("系统错误：")
    assert "所在的文件系统是只读的" in proc.stderr and f"{ro}/" in proc.stderr
    assert "修改方法：用 --output 换到可写的目录后重新运行" in proc.stderr


def test_permission_denied_names_the_folder(site: Path, tmp_path: Path) -> None:
    """A real EACCES: the build runs without the capability that lets root write anywhere
    (setpriv, util-linux) into a folder that is not writable."""
    locked = tmp_path / "locked"
    locked.mkdir()
    os.chmod(locked, 0o555)
    caps = "-dac_override,-dac_read_search"
    proc = subprocess.run(
        [
            "setpriv",
            f"--bounding-set={caps}",
            f"--inh-caps={caps}",
            sys.executable,
            "-m",
            "govsite",
            "build",
            "--no-search",
            "-o",
            str(locked / "www"),
        ],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.startswith(f"系统错误：{locked}/"), proc.stderr
    assert (
        "构建网站时没有权限。修改方法：确认运行 govsite 的用户对该文件和所在目录有读写权限"
        in proc.stderr
    )
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize(
    ("code", "reason"),
    [
        (errno.ENOSPC, "磁盘空间已满"),
        (errno.EACCES, "没有权限"),
        (errno.ENAMETOOLONG, "文件名或路径太长"),
        (errno.EROFS, "所在的文件系统是只读的"),
        (errno.EDQUOT, "超出磁盘配额"),
        (errno.ELOOP, "系统错误"),
    ],
)
def test_os_errors_name_the_file_and_what_to_do(code: int, reason: str, tmp_path: Path) -> None:
    exc = OSError(code, os.strerror(code), str(tmp_path / "output/zfb/a.html"))
    found = oserrors.problem(exc, tmp_path, doing="写入网页")
    assert found.path == "output/zfb/a.html"
    assert found.message.startswith("写入网页时" + reason)
    assert found.fix


def test_template_failing_for_one_article_names_it(site: Path) -> None:
    template = (site / "theme/templates/article.html").read_text(encoding="utf-8")
    write_tree(
        site,
        {
            "theme/templates/article.html": template.replace(
                "{% block content %}",
                "{% block content %}{% if article.govsite.stem == 'old' %}"
                "{{ article.no_such_field.value }}{% endif %}",
                1,
            )
        },
    )
    proc = govsite(site, "build", "--no-search")
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.startswith(
        "错误：content/zfb/old.md: 用模板 article.html 生成网页 zfb/old.html时出错：UndefinedError:"
    ), proc.stderr
    assert "修改方法：修改模板，或检查本文元数据的写法后重新构建" in proc.stderr
    assert not (site / "output").exists()


def test_control_characters_are_named_by_the_build(site: Path) -> None:
    """A control character YAML lets through ("\\e" in a quoted title), a NUL in the
    body: the build names file, line and key instead of failing inside the feed writer."""
    write_tree(
        site,
        {
            "content/zfb/ctl.md": news('"标题\\e[31m红"', "2025-07-29 09:00").replace(
                "的正文。", "的正文。\n\n第二段\x00尾"
            )
        },
    )
    proc = govsite(site, "build", "--no-search")
    assert proc.returncode == 1, proc.stderr
    assert proc.stderr.splitlines() == [
        "错误：content/zfb/ctl.md:2: 标题: 含有控制字符 U+001B，无法写入订阅（Atom）和网页。"
        "修改方法：删除这个控制字符（多见于从其他软件复制的文字），或重新输入这段文字",
        "错误：content/zfb/ctl.md:9: 含有控制字符 U+0000，无法写入订阅（Atom）和网页。"
        "修改方法：删除这个控制字符（多见于从其他软件复制的文字），或重新输入这段文字",
    ]


@pytest.mark.parametrize(
    ("exc", "kind"),
    [
        (RecursionError("maximum recursion depth exceeded"), "content"),
        (UnicodeEncodeError("utf-8", "\ud800", 0, 1, "surrogates not allowed"), "content"),
        (OSError(errno.ENOSPC, "No space left on device"), "os"),
        (KeyError("x"), "bug"),
    ],
)
def test_render_failures_are_classified(exc: Exception, kind: str, tmp_path: Path) -> None:
    from govsite.errors import InternalError, SystemProblem
    from govsite.release.build import _failure
    from govsite.site.generator import RenderFailure, _kind

    assert _kind(exc) == kind
    failure = RenderFailure(
        "zfb/a.html",
        "content/zfb/a.md",
        "article",
        kind,
        f"{type(exc).__name__}: {exc}",
        getattr(exc, "errno", 0) or 0,
    )
    error = _failure(failure, tmp_path, tmp_path / ".output-new-output-x")
    assert type(error) is {"content": ContentError, "os": SystemProblem, "bug": InternalError}[kind]
    assert error.problems[0].path == "content/zfb/a.md"
    assert "网页 zfb/a.html" in error.problems[0].message


BUG = """
import sys
import govsite.site.article_page as page
from govsite.commands.cli import main
real = page.view
def view(inp, *args):
    if inp.govsite.stem == "old":
        return {}["a key govsite forgot"]
    return real(inp, *args)
page.view = view
sys.argv = ["govsite", "build", "--no-search"]
main()
"""


def test_a_bug_inside_the_generator_is_not_a_content_error(site: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", BUG],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 3, proc.stderr
    lines = proc.stderr.splitlines()
    assert lines[0] == "govsite 内部错误（不是内容的问题），请把下面的信息报告给平台单位："
    assert lines[1] == (
        "内部错误：content/zfb/old.md: 生成网页 zfb/old.html时出错"
        "（KeyError: 'a key govsite forgot'）"
    )
    assert "Traceback (most recent call last):" in proc.stderr
    assert "in view\nKeyError: " in proc.stderr  # the traceback is kept
    assert "修改方法" not in proc.stderr


# -- builds killed with SIGKILL ------------------------------------------------

KILL = """
import os, signal, sys
import govsite.release.build as build
import govsite.site.search_index as search_index
point = sys.argv[1]
real_replace = os.replace
pages = 0
def die():
    os.killpg(0, signal.SIGKILL)  # the build and everything it started, as kill -9 of a job
def replace(src, dst):
    global pages
    real_replace(src, dst)
    name, target = os.path.basename(str(src)), os.path.basename(str(dst))
    if point == "first-rename" and ".output-old-" in target:
        die()
    if point == "second-rename" and ".output-new-" in name and target == "output":
        die()
    if point == "rendering" and target.endswith(".html"):
        pages += 1
        if pages == 12:
            die()
os.replace = replace
if point == "indexing":
    real_start = search_index._Runner._start
    def start(self, shard):
        real_start(self, shard)
        die()
    search_index._Runner._start = start
sys.argv = ["govsite", "build"] + (["--no-search"] if point != "indexing" else [])
from govsite.commands.cli import main
main()
"""


def killed_build(site: Path, point: str) -> None:
    proc = subprocess.run(
        [sys.executable, "-c", KILL, point],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        start_new_session=True,
    )
    assert proc.returncode == -signal.SIGKILL, proc.stderr


@pytest.mark.parametrize("point", ["first-rename", "second-rename", "rendering", "indexing"])
def test_killed_build_is_recovered_by_the_next(site: Path, point: str) -> None:
    build_site(site, search=False)
    before = (site / "output/zfb/gfwj.html").read_bytes()
    write_tree(
        site,
        {
            "content/zfb/gfwj.md": (site / "content/zfb/gfwj.md")
            .read_text(encoding="utf-8")
            .replace("制定本办法。", "制定本办法（修订）。")
        },
    )
    killed_build(site, point)
    left = leftovers(site)
    assert left, "the kill left nothing to clean: it came too late"
    if point == "first-rename":
        assert not (site / "output").exists()  # the moment the issue is about
    # The next build puts the previous tree back even when it fails itself.
    write_tree(site, {"content/zfb/bad.md": news("坏文章", "2025-02-30 09:00")})
    with pytest.raises(ContentError):
        build_site(site, search=False)
    assert leftovers(site) == []
    if point == "second-rename":
        assert "制定本办法（修订）。" in (site / "output/zfb/gfwj.html").read_text(encoding="utf-8")
    else:
        assert (site / "output/zfb/gfwj.html").read_bytes() == before
    write_tree(site, {"content/zfb/bad.md": None})
    result = build_site(site, search=point == "indexing")
    assert "制定本办法（修订）。" in (site / "output/zfb/gfwj.html").read_text(encoding="utf-8")
    assert result.articles == 29 and leftovers(site) == []


def test_next_build_says_it_recovered(site: Path) -> None:
    build_site(site, search=False)
    killed_build(site, "first-rename")
    proc = govsite(site, "build", "--no-search")
    assert proc.returncode == 0, proc.stderr
    assert "已恢复上次被中断的构建留下的输出目录" in proc.stdout


def test_legacy_temporary_folders_are_removed(site: Path) -> None:
    build_site(site, search=False)
    for name in (".output-abc12345", ".output-old-k2j4h5g6", ".search-zz11yy22"):
        (site / name / "sub").mkdir(parents=True)
    build_site(site, search=False)
    assert leftovers(site) == []


def test_concurrent_build_of_the_same_output_is_refused(site: Path) -> None:
    import fcntl

    with open(site / ".govsite-lock-output", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        proc = govsite(site, "build", "--no-search")
    assert proc.returncode == 2
    assert f"另一个 govsite build 正在生成 {site / 'output'}" in proc.stderr


def test_output_is_world_readable_whatever_the_umask(site: Path) -> None:
    os.chmod(site / "content/zfb/banfa.pdf", 0o600)
    proc = govsite(site, "build", preexec_fn=lambda: os.umask(0o077))
    assert proc.returncode == 0, proc.stderr
    out = site / "output"
    modes = {stat.S_IMODE(out.stat().st_mode)}
    for path in out.rglob("*"):
        want = 0o755 if path.is_dir() else 0o644
        assert stat.S_IMODE(path.stat().st_mode) == want, path
        modes.add(want)
    assert stat.S_IMODE(out.stat().st_mode) == 0o755 and modes == {0o755, 0o644}


READER = """
import sys
import govsite.site.reader as reader
def body(text, markdown):
    raise {exc}
reader.body_html = body
sys.argv = ["govsite", "build", "--no-search"]
from govsite.commands.cli import main
main()
"""


@pytest.mark.parametrize(
    ("exc", "code", "first"),
    [
        ('KeyError("a key govsite forgot")', 3, "govsite 内部错误（不是内容的问题）"),
        ('RecursionError("maximum recursion depth exceeded")', 1, "错误：content/pages/"),
    ],
)
def test_what_pelican_only_logs_keeps_its_class(
    site: Path, exc: str, code: int, first: str
) -> None:
    """A reader failing inside Pelican (which catches it and logs "Could not process"):
    a bug of govsite exits 3 with its traceback, what the text causes is a content error."""
    proc = subprocess.run(
        [sys.executable, "-c", READER.format(exc=exc)],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == code, proc.stderr
    assert proc.stderr.startswith(first), proc.stderr
    assert "content/pages/" in proc.stderr and "读取时出错" in proc.stderr
    assert ("Traceback (most recent call last):" in proc.stderr) == (code == 3)
    assert not (site / "output").exists()
