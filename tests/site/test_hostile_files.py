"""Only regular files of the repository are read or published (issue 9, item 1).

Links to files, folders, /proc, /dev and .git, FIFOs and links inside the
repository, in a real git repository of a small site: ``govsite build`` and
``govsite check`` (a folder, a file, ``--staged``) refuse each with a Chinese
error naming it, and never read or copy what it points to. Commands run in a
subprocess with a timeout, so a FIFO that blocked or /dev/zero that never ended
fails the test instead of hanging it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import git
import pytest

from govsite import files
from tests.site.conftest import make_site

# name in content/zfb -> what to create there ("link:<target>" or "fifo")
CASES = {
    "passwd.txt": "link:/etc/passwd",
    "environ.txt": "link:/proc/self/environ",
    "zero.csv": "link:/dev/zero",
    "gitconfig.txt": "link:../../.git/config",
    "etc": "link:/etc",
    "inside.pdf": "link:banfa.pdf",
    "pipe.csv": "fifo",
}
SECRET = "extraheader = AUTHORIZATION: basic c2VjcmV0"


def plant(site: Path, name: str, what: str) -> Path:
    path = site / "content/zfb" / name
    if what == "fifo":
        os.mkfifo(path)
    else:
        os.symlink(what.removeprefix("link:"), path)
    return path


def run(site: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govsite", *args],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def site(tmp_path: Path) -> Path:
    root = make_site(tmp_path / "site")
    with (root / ".git/config").open("a", encoding="utf-8") as fh:  # what CI checkouts hold
        fh.write(f'[http "https://git.example.gov.cn/"]\n\t{SECRET}\n')
    return root


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(CASES))
def test_build_refuses_and_publishes_nothing(site: Path, name: str) -> None:
    plant(site, name, CASES[name])
    proc = run(site, "build", "--no-search")
    assert proc.returncode == 1, proc.stderr
    line = next(x for x in proc.stderr.splitlines() if f"content/zfb/{name}" in x)
    if CASES[name] == "fifo":
        assert line == (
            f"错误：content/zfb/{name}: 是命名管道（FIFO），不是普通文件，"
            "不能读取或发布。修改方法：删除它（rm 路径）：仓库中的内容只能是普通文件"
        )
    else:
        target = CASES[name].removeprefix("link:")
        assert line == (
            f"错误：content/zfb/{name}: 是符号链接（指向 {target}），"
            f"govsite 不跟随链接读取或发布。修改方法：{files.FIX_LINK}"
        )
    assert "Traceback" not in proc.stderr
    assert not (site / "output").exists()


@pytest.mark.slow
def test_plain_pelican_refuses_a_link_in_content(site: Path) -> None:
    plant(site, "gitconfig.txt", CASES["gitconfig.txt"])
    proc = subprocess.run(
        [sys.executable, "-m", "pelican", "-s", "pelicanconf.py", "-o", "plain"],
        cwd=site,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert proc.returncode != 0
    assert not any(
        SECRET in p.read_text(errors="replace") for p in (site / "plain").rglob("*") if p.is_file()
    )


@pytest.mark.slow
def test_static_copy_refuses_a_link_the_library_did_not_see(site: Path) -> None:
    """The copy into output/ checks every file itself (a link in the theme's static files)."""
    os.symlink("/etc/passwd", site / "theme/static/css/passwd.css")
    proc = run(site, "build", "--no-search")
    assert proc.returncode == 1
    assert (
        "错误：theme/static/css/passwd.css: 是符号链接（指向 /etc/passwd），"
        "govsite 不跟随链接读取或发布"
    ) in proc.stderr
    assert not (site / "output").exists()


@pytest.mark.slow
def test_build_refuses_a_linked_template(site: Path) -> None:
    os.symlink("/dev/zero", site / "theme/templates/zero.html")
    proc = run(site, "build", "--no-search")
    assert proc.returncode == 1
    assert (
        "错误：theme/templates/zero.html: 是符号链接（指向 /dev/zero），"
        "govsite 不跟随链接读取或发布"
    ) in proc.stderr
    assert not (site / "output").exists()


@pytest.mark.parametrize("name", sorted(CASES))
def test_check_folder_and_file_refuse(site: Path, name: str) -> None:
    plant(site, name, CASES[name])
    for target in ("content/", f"content/zfb/{name}"):
        proc = run(site, "check", target)
        assert proc.returncode == 1, (target, proc.stdout, proc.stderr)
        assert f"content/zfb/{name}:1:1: format.file-type: 是" in proc.stdout, proc.stdout
        assert SECRET not in proc.stdout and "root:x:0:0" not in proc.stdout


def test_check_file_through_a_linked_folder(site: Path, tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "a.md").write_text("---\n标题: 外部\n---\n\n正文\n", encoding="utf-8")
    os.symlink(outside, site / "content/zfb/ext")
    proc = run(site, "check", "content/zfb/ext/a.md")
    assert proc.returncode == 1
    assert (
        "content/zfb/ext/a.md:1:1: format.file-type: 所在目录ext/ 符号链接"
        f"（指向 {outside}），govsite 不跟随链接读取或发布"
    ) in proc.stdout
    proc = run(site, "check", "content/")  # a folder never enters the link
    assert "content/zfb/ext:1:1: format.file-type: 是符号链接" in proc.stdout
    assert "content/zfb/ext/a.md" not in proc.stdout


def test_check_names_a_linked_attachment(site: Path) -> None:
    (site / "content/zfb/banfa.pdf").unlink()
    os.symlink("/etc/passwd", site / "content/zfb/banfa.pdf")
    proc = run(site, "check", "content/zfb/gfwj.md")
    assert proc.returncode == 1
    assert (
        "content/zfb/gfwj.md:11:1: format.file-type: 附件“banfa.pdf”是符号链接（指向 /etc/passwd）"
    ) in proc.stdout


@pytest.mark.parametrize("name", ["gitconfig.txt", "passwd.txt", "inside.pdf"])
def test_staged_link_is_an_error(site: Path, name: str) -> None:
    plant(site, name, CASES[name])
    repo = git.Repo(site)
    repo.git.add(f"content/zfb/{name}")
    assert repo.git.ls_files("-s", f"content/zfb/{name}").startswith("120000 ")
    proc = run(site, "check", "--staged")
    assert proc.returncode == 1, proc.stdout
    target = CASES[name].removeprefix("link:")
    assert (
        f"content/zfb/{name}:1:1: format.file-type: 暂存的是符号链接（指向 {target}），"
        "govsite 不发布链接"
    ) in proc.stdout
    assert SECRET not in proc.stdout


def test_staged_link_is_checked_for_what_it_would_publish(site: Path) -> None:
    """A link to a file of the repository: the file it points to is checked as well."""
    (site / "notes.txt").write_text("联系人手机 13812345678\n", encoding="utf-8")
    os.symlink("../../notes.txt", site / "content/zfb/notes.txt")
    repo = git.Repo(site)
    repo.git.add("content/zfb/notes.txt")
    proc = run(site, "check", "--staged")
    assert proc.returncode == 1
    assert "content/zfb/notes.txt:1:1: format.file-type: 暂存的是符号链接" in proc.stdout
    assert "content/zfb/notes.txt:1:" in proc.stdout and "pii.mobile" in proc.stdout


def test_staged_file_turned_into_a_link(site: Path) -> None:
    """A type change (file -> link, git status T) is staged content like any other."""
    (site / "content/zfb/banfa.pdf").unlink()
    os.symlink("../../.git/config", site / "content/zfb/banfa.pdf")
    git.Repo(site).git.add("-A")
    proc = run(site, "check", "--staged")
    assert proc.returncode == 1
    assert "content/zfb/banfa.pdf:1:1: format.file-type: 暂存的是符号链接" in proc.stdout


def test_read_bytes_never_blocks_or_follows(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "fifo")
    os.symlink("/dev/zero", tmp_path / "zero")
    (tmp_path / "ok.txt").write_bytes(b"ok")
    assert files.read_bytes(tmp_path / "ok.txt", tmp_path) == b"ok"
    for name in ("fifo", "zero"):
        with pytest.raises(files.NotRegular):
            files.read_bytes(tmp_path / name, tmp_path)
    with pytest.raises(files.NotRegular) as exc:
        files.read_bytes("/etc/hostname", tmp_path)
    assert exc.value.refused.reason == "在网站仓库之外，不能读取或发布"
    with pytest.raises(files.NotRegular):
        files.read_bytes("/proc/self/environ")


def test_walk_lists_links_and_specials_without_entering(tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "a/x.md").write_text("x", encoding="utf-8")
    os.symlink("/etc", tmp_path / "a/etc")
    os.mkfifo(tmp_path / "a/p")
    found, refused = files.walk(tmp_path)
    assert found == [str(tmp_path / "a/x.md")]
    assert sorted(Path(r.path).name for r in refused) == ["etc", "p"]


@pytest.mark.slow
def test_long_file_name_is_named_before_the_build(site: Path) -> None:
    name = "a" * 246 + ".md"
    (site / "content/zfb" / name).write_text(
        (site / "content/zfb/news-01.md").read_text(encoding="utf-8"), encoding="utf-8"
    )
    proc = run(site, "check", f"content/zfb/{name}")
    assert proc.returncode == 1
    assert (f"content/zfb/{name}:1:1: format.file-type: 文件名太长（249 字节）") in proc.stdout
    proc = run(site, "build", "--no-search")
    assert proc.returncode == 1
    assert (
        f"错误：content/zfb/{name}: 文件名太长（249 字节），生成的网页文件名会超过系统上限 "
        "255 字节。修改方法：把文件名缩短到 248 字节以内"
    ) in proc.stderr
