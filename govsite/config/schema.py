"""Small helpers for validating YAML configuration, collecting every error.

Like mkdocs' config and pre-commit's clientlib, an error carries the full key
path (``reviewers.yml: units.czj.reviewers.2[0]``) and all errors of a file are
reported in one pass, so a platform editor fixes them in one go.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from govsite.errors import ConfigError, Problem
from govsite.model import yaml_tree
from govsite.model.keys import Collector, closest, unknown_key_fix

__all__ = ["Collector", "closest", "load_yaml", "parse_yaml", "unknown_key_fix"]


def load_yaml(path: Path, display: str | None = None) -> tuple[Any, dict[str, int]]:
    """Read a YAML file; return the data and a map of dotted key path -> line."""
    name = display or str(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(
            Problem(
                f"找不到配置文件 {name}",
                path=name,
                fix="在网站仓库的根目录运行，或用 --root 指定网站目录",
            )
        ) from None
    except UnicodeDecodeError:
        raise ConfigError(
            Problem("文件不是 UTF-8 编码", path=name, fix="用 UTF-8 编码另存该文件")
        ) from None
    return parse_yaml(text, name)


def parse_yaml(text: str, name: str, *, nesting: int | None = None) -> tuple[Any, dict[str, int]]:
    """Typed data of a configuration file and its key lines; ConfigError for every key
    written twice (both lines named), any anchor or alias, and nesting beyond the limit.

    These files decide who may approve and what is published: the last of two
    ``units.zfb`` must not silently win, and ``&a``/``*a`` (billion laughs) must not
    hang every command. ``yaml_tree`` checks the event stream first; only a clean
    file reaches PyYAML's typed loader.
    """
    if text.startswith("\ufeff"):
        text = text[1:]
    if nesting is None:
        from govsite.config.limits import DEFAULT  # limits reads its file through here

        nesting = DEFAULT.nesting
    try:
        tree = yaml_tree.read(text, nesting=nesting, merge_keys=True)
    except yaml.YAMLError as exc:
        line = yaml_tree.problem_line(exc)
        raise ConfigError(
            Problem(
                f"不是合法的 YAML（{yaml_tree.chinese_problem(exc)}）",
                path=name,
                line=line + 1 if line is not None else None,
                fix="检查这一行的缩进、冒号和引号",
            )
        ) from None
    except yaml_tree.Refused as exc:
        raise ConfigError(_refused(exc, name, nesting)) from None
    if tree.duplicates:
        raise ConfigError(
            *(
                Problem(
                    f"键“{key}”重复：第 {first + 1} 行和第 {line + 1} 行都定义了它",
                    path=name,
                    line=line + 1,
                    key=path,
                    fix="只保留一处定义；后写的一处不会覆盖前一处，而是使配置无效",
                )
                for path, key, first, line in tree.duplicates
            )
        )
    try:
        data = yaml.load(text, Loader=_SAFE)
    except yaml.YAMLError as exc:
        line = yaml_tree.problem_line(exc)
        raise ConfigError(
            Problem(
                f"不是合法的 YAML（{yaml_tree.chinese_problem(exc)}）",
                path=name,
                line=line + 1 if line is not None else None,
                fix="检查这一行的写法（如日期、数字是否有效）",
            )
        ) from None
    except (ValueError, TypeError, OverflowError):
        # PyYAML's typed constructors raise these for values such as 2026-02-30.
        raise ConfigError(
            Problem(
                "有无法读取的值：日期不存在（如 2026-02-30）或数字过大",
                path=name,
                fix="检查文件中的日期是否真实存在；不是日期的值请加引号",
            )
        ) from None
    return data, {path: line + 1 for path, line in tree.lines.items()}


_SAFE: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _refused(exc: yaml_tree.Refused, name: str, nesting: int) -> Problem:
    line = exc.line + 1
    key = exc.path or None
    if exc.kind == "alias":
        return Problem(
            "不允许使用 YAML 锚点、别名或合并键（&、*、<<）",
            path=name,
            line=line,
            key=key,
            fix="把每一项直接写出来；审核人和单位不能用引用复制",
        )
    if exc.kind == "depth":
        from govsite.config.limits import key_of

        return Problem(
            f"嵌套超过 {nesting} 层（hooks/limits.yml 的“{key_of('nesting')}”）",
            path=name,
            line=line,
            key=key,
            fix="按文档中的示例书写，不要层层嵌套",
        )
    if exc.kind == "key":
        return Problem(
            "键必须是文字，不能是列表或映射",
            path=name,
            line=line,
            key=key,
            fix="按文档中的示例书写每个键",
        )
    return Problem(
        "文件中只能有一个 YAML 文档（多了 --- 或 ...）",
        path=name,
        line=line,
        fix="删除多余的 --- 或 ... 行",
    )
