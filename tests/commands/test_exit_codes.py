"""One error path (issue 13, item 2): every exception → its label and exit code, in one place.

The table drives ``error_handler`` itself; then each exit code once through the real
``govsite`` command in a subprocess (0, 1, 2 for usage, configuration and the
machine, 3 for a bug of govsite, 130 for ^C).
"""

from __future__ import annotations

import errno
import pickle
import subprocess
import sys
from pathlib import Path

import click
import pytest

from govsite.error_handler import REPORT, error_handler
from govsite.errors import (
    ConfigError,
    ContentError,
    ForgeError,
    GovsiteError,
    InternalError,
    Problem,
    SystemProblem,
    UsageError,
)
from tests.conftest import write_tree
from tests.site.conftest import make_site

P = Problem("说明", path="site.yml", line=3, key="键", fix="怎么改")


def _choice() -> click.BadParameter:
    option = click.Option(["-f", "--format"], type=click.Choice(["text", "json"]))
    return click.BadParameter("'xml' is not one of 'text', 'json'.", param=option)


@pytest.mark.parametrize(
    ("exc", "first_line", "code"),
    [
        (ContentError(P), "错误：site.yml:3: 键: 说明。修改方法：怎么改", 1),
        (ConfigError(P), "配置错误：site.yml:3: 键: 说明。修改方法：怎么改", 2),
        (UsageError(P), "用法错误：site.yml:3: 键: 说明。修改方法：怎么改", 2),
        (SystemProblem(P), "系统错误：site.yml:3: 键: 说明。修改方法：怎么改", 2),
        (
            ForgeError(Problem("代码托管平台接口超时")),
            "代码托管平台错误：代码托管平台接口超时",
            2,
        ),
        (InternalError(P, detail="Traceback …"), REPORT, 3),
        (
            OSError(errno.ENOSPC, "No space left on device", "output/a.html"),
            "系统错误：output/a.html: 读写文件时磁盘空间已满。修改方法：清理该目录所在的磁盘"
            "（df -h 查看剩余空间），或用 --output 换到空间足够的磁盘后重新运行；"
            "原有的输出目录未被改动",
            2,
        ),
        (
            _choice(),
            "用法错误：--format: 取值无效：只能是 text、json 之一。"
            "修改方法：运行 `govsite --help` 查看用法",
            2,
        ),
        (
            click.NoSuchOption("--nope"),
            "用法错误：没有选项 --nope。修改方法：运行 `govsite --help` 查看用法",
            2,
        ),
        (
            click.UsageError("Got unexpected extra arguments (a b)"),
            "用法错误：多余的参数：a b。修改方法：运行 `govsite --help` 查看用法",
            2,
        ),
        (KeyboardInterrupt(), "已中断。", 130),
        (click.Abort(), "已中断。", 130),
        (KeyError("a key govsite forgot"), REPORT, 3),
        (click.exceptions.Exit(0), None, 0),
    ],
)
def test_each_exception_has_its_label_and_exit_code(
    exc: BaseException, first_line: str | None, code: int, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exited, error_handler():
        raise exc
    assert exited.value.code == code
    err = capsys.readouterr().err
    if first_line is None:
        assert err == ""
        return
    lines = err.splitlines()
    assert lines[0] == first_line
    if code == 3:  # a bug: the traceback (or the detail) and where to report it
        assert "Traceback" in err
        assert lines[-1].startswith("请把以上全部输出（含错误跟踪）和所运行的命令发给平台单位")
        assert "问题跟踪" in lines[-1] and "govsite 0.1.0" in lines[-1]
    else:
        assert "Traceback" not in err


def test_labels_and_codes_are_class_attributes() -> None:
    table = {
        cls: (cls.label, cls.exit_code)
        for cls in (ContentError, ConfigError, UsageError, SystemProblem, ForgeError, InternalError)
    }
    assert table == {
        ContentError: ("错误", 1),
        ConfigError: ("配置错误", 2),
        UsageError: ("用法错误", 2),
        SystemProblem: ("系统错误", 2),
        ForgeError: ("代码托管平台错误", 2),
        InternalError: ("内部错误", 3),
    }


def test_exceptions_are_plain_objects_that_travel_between_processes() -> None:
    a, b = ConfigError(P), ConfigError(P)
    assert a != b and len({a, b}) == 2  # identity, hashable: not a dataclass
    copy = pickle.loads(pickle.dumps(InternalError(P, detail="trace")))
    assert type(copy) is InternalError and copy.problems == [P] and copy.detail == "trace"
    assert isinstance(copy, GovsiteError) and str(copy) == P.render()


# -- through the real command ----------------------------------------------------


def govsite(cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govsite", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def run_script(cwd: Path, script: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", script],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_exit_0_and_usage_errors_2(tmp_path: Path) -> None:
    ok = govsite(tmp_path, "--version")
    assert (ok.returncode, ok.stdout.strip(), ok.stderr) == (0, "govsite 0.1.0", "")
    help_page = govsite(tmp_path, "check", "--help")
    assert help_page.returncode == 0 and help_page.stdout.startswith("用法：govsite check")
    for args, line in [
        (
            ("check", "--format", "xml", "a.md"),
            "用法错误：--format: 取值无效：只能是 text、json、sarif 之一。"
            "修改方法：运行 `govsite check --help` 查看用法",
        ),
        (
            ("new", "--unit"),
            "用法错误：选项 --unit 后面要写一个值。修改方法：运行 `govsite new --help` 查看用法",
        ),
        (
            ("chek",),
            "用法错误：没有命令“chek”（是不是想用 check）。"
            "修改方法：运行 `govsite --help` 查看全部命令",
        ),
    ]:
        proc = govsite(tmp_path, *args)
        assert (proc.returncode, proc.stderr.splitlines()) == (2, [line]), proc.stderr


def test_govsite_alone_shows_what_there_is_and_exits_2(tmp_path: Path) -> None:
    proc = govsite(tmp_path)
    assert proc.returncode == 2
    assert proc.stderr.startswith("用法：govsite [选项] 命令 [参数]...")
    assert proc.stderr.splitlines()[-1].startswith(
        "用法错误：缺少子命令（可用：admin、annual-report、build"
    )


def test_configuration_2_content_1_and_system_2(tmp_path: Path) -> None:
    config = govsite(tmp_path, "build", "--no-search")
    assert config.returncode == 2
    assert config.stderr.startswith("配置错误：site.yml: 找不到配置文件 site.yml"), config.stderr
    site = make_site(tmp_path / "site")
    write_tree(site, {"content/zfb/bad.md": "---\n标题: \n---\n正文\n"})
    content = govsite(site, "build", "--no-search")
    assert content.returncode == 1, content.stderr
    assert content.stderr.startswith("错误：content/zfb/bad.md:2: 标题: 必填项的值是空的")
    (site / "content/zfb/bad.md").unlink()
    system = govsite(site, "build", "--no-search", "-o", "/dev/null/www")
    assert system.returncode == 2, system.stderr
    assert system.stderr.startswith("系统错误：/dev/null: "), system.stderr
    assert "Traceback" not in content.stderr + system.stderr + config.stderr


BUG = """
import sys
import govsite.library
def broken(*args, **kwargs):
    raise KeyError("a key govsite forgot")
govsite.library.load_library = broken
sys.argv = ["govsite", "register", "--root", "."]
from govsite.commands.cli import main
main()
"""

INTERRUPT = """
import os, signal, sys, time
import govsite.library
def slow(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGINT)  # the person presses ^C
    time.sleep(30)
govsite.library.load_library = slow
sys.argv = ["govsite", "register", "--root", "."]
from govsite.commands.cli import main
main()
"""


def test_a_bug_exits_3_with_its_traceback_and_where_to_report_it(tmp_path: Path) -> None:
    proc = run_script(tmp_path, BUG)
    assert proc.returncode == 3, proc.stderr
    lines = proc.stderr.splitlines()
    assert lines[0] == REPORT
    assert "Traceback (most recent call last):" in proc.stderr
    assert "KeyError: 'a key govsite forgot'" in proc.stderr
    assert lines[-1].startswith("请把以上全部输出（含错误跟踪）和所运行的命令发给平台单位")


def test_interrupt_exits_130_with_one_chinese_line(tmp_path: Path) -> None:
    proc = run_script(tmp_path, INTERRUPT)
    assert proc.returncode == 130, proc.stderr
    assert [line for line in proc.stderr.splitlines() if line] == ["已中断。"]
