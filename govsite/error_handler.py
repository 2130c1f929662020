"""The one place that turns exceptions into the Chinese message a person reads."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

from govsite import oserrors
from govsite.errors import (
    EXIT_CONFIG,
    EXIT_INTERNAL,
    EXIT_INTERRUPTED,
    GovsiteError,
    InternalError,
    SystemProblem,
)

REPORT = "govsite 内部错误（不是内容的问题），请把下面的信息报告给平台单位："


def _err(message: str) -> None:
    sys.stderr.write(message + "\n")


@contextmanager
def error_handler() -> Iterator[None]:
    try:
        yield
    except InternalError as exc:
        _err(REPORT)
        for problem in exc.problems:
            _err(f"内部错误：{problem.render()}")
        if exc.detail:
            _err(exc.detail.rstrip())
        raise SystemExit(EXIT_INTERNAL) from None
    except GovsiteError as exc:
        label = (
            "系统错误"
            if isinstance(exc, SystemProblem)
            else "配置错误"
            if exc.exit_code == EXIT_CONFIG
            else "错误"
        )
        for problem in exc.problems:
            _err(f"{label}：{problem.render()}")
        raise SystemExit(exc.exit_code) from None
    except KeyboardInterrupt:
        _err("已中断。")
        raise SystemExit(EXIT_INTERRUPTED) from None
    except OSError as exc:
        _err(f"系统错误：{oserrors.problem(exc, doing='读写文件').render()}")
        raise SystemExit(EXIT_CONFIG) from None
    except Exception:
        # A bug in govsite itself: keep the traceback for whoever fixes it.
        _err(REPORT)
        traceback.print_exc()
        raise SystemExit(EXIT_INTERNAL) from None
