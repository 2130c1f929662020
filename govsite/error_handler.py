"""The one place that turns exceptions into the Chinese message a person reads."""

from __future__ import annotations

import sys
import traceback
from collections.abc import Iterator
from contextlib import contextmanager

from govsite.errors import EXIT_CONFIG, EXIT_INTERRUPTED, GovsiteError


@contextmanager
def error_handler() -> Iterator[None]:
    try:
        yield
    except GovsiteError as exc:
        label = "配置错误" if exc.exit_code == EXIT_CONFIG else "错误"
        for problem in exc.problems:
            print(f"{label}：{problem.render()}", file=sys.stderr)
        raise SystemExit(exc.exit_code) from None
    except KeyboardInterrupt:
        print("已中断。", file=sys.stderr)
        raise SystemExit(EXIT_INTERRUPTED) from None
    except OSError as exc:
        where = f"{exc.filename}: " if getattr(exc, "filename", None) else ""
        print(f"错误：{where}无法读写文件（{exc.strerror or exc}）。请检查路径和权限。",
              file=sys.stderr)
        raise SystemExit(EXIT_CONFIG) from None
    except Exception:  # noqa: BLE001 - last resort: a bug in govsite itself
        print("govsite 内部错误，请把下面的信息报告给平台单位：", file=sys.stderr)
        traceback.print_exc()
        raise SystemExit(3) from None
