"""What a wrong command line means for the person who typed it (Chinese).

click says "Invalid value for '--format': 'xml' is not one of 'text', 'json',
'sarif'." in English; the person reads "--format: 取值无效：只能是 text、json、sarif
之一。修改方法：运行 `govsite check --help` 查看用法". Pure: maps a click usage error
to a Problem, from the exception's own fields (its parameter and that parameter's
type), not from click's English wording where the fields say it.
"""

from __future__ import annotations

import difflib
import re

import click

from govsite.errors import Problem

_CJK = re.compile(r"[\u4e00-\u9fff]")

# Errors click raises as a plain UsageError, known only by their (English) text.
_PLAIN: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"Got unexpected extra arguments? \((?P<x>.*)\)"), "多余的参数：{x}"),
    (re.compile(r"Missing command\."), "缺少子命令"),
    (re.compile(r"Option '(?P<x>[^']*)' requires an argument\."), "选项 {x} 后面要写一个值"),
    (re.compile(r"Option '(?P<x>[^']*)' requires \d+ arguments\."), "选项 {x} 后面的值不够"),
    (re.compile(r"Option '(?P<x>[^']*)' does not take a value\."), "选项 {x} 不带值"),
    (re.compile(r"Argument '(?P<x>[^']*)' takes \d+ values\."), "参数 {x} 的值不够"),
)


def problem(exc: click.UsageError) -> Problem:
    """``exc`` as a Problem naming the option or argument and pointing to ``--help``."""
    ctx = exc.ctx
    command = ctx.command_path if ctx is not None else "govsite"
    fix = f"运行 `{command} --help` 查看用法"
    group = ctx.command if ctx is not None and isinstance(ctx.command, click.Group) else None
    if isinstance(exc, click.exceptions.NoArgsIsHelpError) and group is not None:
        available = "、".join(group.list_commands(exc.ctx))
        return Problem(f"缺少子命令（可用：{available}）", fix=fix)
    if isinstance(exc, click.exceptions.NoSuchCommand):
        names = group.list_commands(exc.ctx) if group is not None and exc.ctx else []
        close = difflib.get_close_matches(exc.command_name, names)
        hint = f"（是不是想用 {'、'.join(close)}）" if close else ""
        return Problem(
            f"没有命令“{exc.command_name}”{hint}", fix=f"运行 `{command} --help` 查看全部命令"
        )
    if isinstance(exc, click.NoSuchOption):
        hint = f"（是不是想用 {'、'.join(exc.possibilities)}）" if exc.possibilities else ""
        return Problem(f"没有选项 {exc.option_name}{hint}", fix=fix)
    if isinstance(exc, click.MissingParameter):
        what = "参数" if isinstance(exc.param, click.Argument) else "选项"
        return Problem(f"缺少{what} {_name(exc)}", fix=fix)
    if isinstance(exc, click.BadParameter):
        name = _name(exc)
        return Problem(_invalid(exc), key=name, fix=fix)
    for pattern, chinese in _PLAIN:
        found = pattern.fullmatch(exc.message)
        if found:
            return Problem(chinese.format(**found.groupdict()), fix=fix)
    if _CJK.search(exc.message):  # govsite's own usage message, already in Chinese
        return Problem(exc.message, fix=fix)
    return Problem(f"命令行写法不对（{exc.message}）", fix=fix)


def _name(exc: click.BadParameter) -> str | None:
    if isinstance(exc.param_hint, str):
        return exc.param_hint
    if exc.param_hint:
        return " / ".join(exc.param_hint)
    param = exc.param
    if isinstance(param, click.Option):
        return max(param.opts, key=len)
    if isinstance(param, click.Argument):
        return param.human_readable_name
    return None


def _invalid(exc: click.BadParameter) -> str:
    """Why the value was refused, from the parameter's type."""
    if _CJK.search(exc.message):  # raised by govsite with its own Chinese reason
        return exc.message
    kind = exc.param.type if exc.param is not None else None
    if isinstance(kind, click.Choice):
        return f"取值无效：只能是 {'、'.join(str(c) for c in kind.choices)} 之一"
    if isinstance(kind, click.IntRange | click.FloatRange):
        number = "整数" if isinstance(kind, click.IntRange) else "数"
        return f"取值无效：应是{_range(kind)} 的{number}"
    if isinstance(kind, click.types.IntParamType):
        return "取值无效：应是整数"
    if isinstance(kind, click.types.FloatParamType):
        return "取值无效：应是数"
    if isinstance(kind, click.Path):
        for english, chinese in (
            ("does not exist", "不存在"),
            ("is a file", "是文件，这里应是目录"),
            ("is a directory", "是目录，这里应是文件"),
            ("is not readable", "不可读"),
            ("is not writable", "不可写"),
        ):
            if english in exc.message:
                return f"路径{chinese}"
    return f"取值无效（{exc.message}）"


def _range(kind: click.IntRange | click.FloatRange) -> str:
    low = None if kind.min is None else f"{'大于' if kind.min_open else '不小于'} {kind.min}"
    high = None if kind.max is None else f"{'小于' if kind.max_open else '不大于'} {kind.max}"
    return "、".join(p for p in (low, high) if p)
