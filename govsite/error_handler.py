"""The one place that turns exceptions into the Chinese message a person reads."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

from govsite.errors import EXIT_CONFIG, EXIT_INTERRUPTED, GovsiteError


def _err(message: str) -> None:
    sys.stderr.write(message + "\n")


@contextmanager
def error_handler() -> Iterator[None]:
    try:
        yield
    except GovsiteError as exc:
        label = "配置错误" if exc.exit_code == EXIT_CONFIG else "错误"
        for problem in exc.problems:
            _err(f"{label}：{problem.render()}")
        raise SystemExit(exc.exit_code) from None
    except KeyboardInterrupt:
        _err("已中断。")
        raise SystemExit(EXIT_INTERRUPTED) from None
    except OSError as exc:
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        _err(f"错误：{where}无法读写文件（{exc.strerror or exc}）。请检查路径和权限。")
        raise SystemExit(EXIT_CONFIG) from None
    except Exception:
        # A bug in govsite itself: keep the traceback for whoever fixes it.
        _err("govsite 内部错误，请把下面的信息报告给平台单位：")
        traceback.print_exc()
        raise SystemExit(3) from None
