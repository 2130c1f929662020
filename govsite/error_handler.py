"""The one place that turns exceptions into the Chinese message a person reads and
into the exit status of every command.

Each govsite error class carries its label and exit code (``govsite.errors``);
click's usage errors (2), ^C (130), the operating system's errors (2) and govsite's
own bugs (3, traceback kept, with a line saying where to report it) are mapped here.
"""

from __future__ import annotations

import platform
import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

import click

from govsite import __version__, oserrors, usage
from govsite.errors import (
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    GovsiteError,
    InternalError,
    Problem,
    SystemProblem,
    UsageError,
)

REPORT = "govsite 内部错误（不是内容的问题），请把下面的信息报告给平台单位："
INTERRUPTED = "已中断。"


def report_line() -> str:
    """The last line of a bug report: whom to send it to, with what it needs."""
    return (
        "请把以上全部输出（含错误跟踪）和所运行的命令发给平台单位；平台单位转交 govsite 的"
        f"维护者，在 govsite 的问题跟踪（issue）中报告。govsite {__version__}，"
        f"Python {platform.python_version()}"
    )


def _err(message: str) -> None:
    sys.stderr.write(message + "\n")


def translate(exc: BaseException) -> GovsiteError | None:
    """The govsite error an exception stands for; None for a bug (or ^C, or an exit)."""
    if isinstance(exc, GovsiteError):
        return exc
    if isinstance(exc, click.UsageError):
        return UsageError(usage.problem(exc))
    if isinstance(exc, click.FileError):
        return SystemProblem(
            Problem(
                f"无法打开文件（{exc.message}）",
                path=exc.ui_filename,
                fix="检查文件是否存在、运行 govsite 的用户能否读写它后重新运行",
            )
        )
    if isinstance(exc, click.ClickException):
        return UsageError(Problem(exc.format_message(), fix="运行 `govsite --help` 查看用法"))
    if isinstance(exc, OSError):
        return SystemProblem(oserrors.problem(exc, doing="读写文件"))
    return None


@contextmanager
def error_handler() -> Iterator[None]:
    try:
        yield
    except SystemExit:
        raise  # a command's own outcome (EXIT_OK, EXIT_FINDINGS)
    except click.exceptions.Exit as exc:  # --help, --version, ctx.exit()
        raise SystemExit(exc.exit_code) from None
    except (KeyboardInterrupt, click.Abort):
        _err(INTERRUPTED)
        raise SystemExit(EXIT_INTERRUPTED) from None
    except InternalError as exc:
        _err(REPORT)
        for line in exc.lines():
            _err(line)
        if exc.detail:
            _err(exc.detail.rstrip())
        _err(report_line())
        raise SystemExit(EXIT_INTERNAL) from None
    except Exception as exc:
        error = translate(exc)
        if error is None:
            # A bug in govsite itself: keep the traceback for whoever fixes it.
            _err(REPORT)
            traceback.print_exc()
            _err(report_line())
            raise SystemExit(EXIT_INTERNAL) from None
        if isinstance(exc, click.exceptions.NoArgsIsHelpError):
            _err(exc.ctx.get_help() + "\n")  # `govsite` alone: what there is to run
        for line in error.lines():
            _err(line)
        raise SystemExit(error.exit_code) from None
