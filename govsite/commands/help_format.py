"""``--help`` in Chinese, and usage errors that know their command.

click writes its own parts of a help page (the usage line, the section headings,
"[default: …]", the help of ``--help``) in English through gettext, which has no
Chinese catalogue for click; a small table of those few strings is kept here
instead of a compiled catalogue and a forced locale. Every govsite command gets
this context class from ``govsite.commands.cli`` (``LazyGroup.get_command``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager

import click

_HEADINGS = {
    "Options": "选项",
    "Commands": "命令",
    "Positional arguments": "参数",
    "Arguments": "参数",
}
# click's words inside an option's help text and its metavariables.
_PHRASES = (
    ("Show this message and exit.", "显示本帮助并退出。"),
    ("Show the version and exit.", "显示 govsite 的版本并退出。"),
    ("[default: ", "[默认："),
    ("; x>=", "；不小于 "),
    ("[required]", "[必填]"),
    ("; required]", "；必填]"),
    ("  [x>=", "  [不小于 "),
)
_METAVARS = (
    ("INTEGER RANGE", "整数"),
    ("FLOAT RANGE", "数"),
    ("INTEGER", "整数"),
    ("FLOAT", "数"),
    ("DIRECTORY", "目录"),
    ("FILE", "文件"),
    ("PATH", "路径"),
    ("TEXT", "文本"),
    ("[OPTIONS]", "[选项]"),
    ("COMMAND [ARGS]...", "命令 [参数]..."),
)


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _cjk(ch: str) -> bool:
    return bool(ch) and unicodedata.east_asian_width(ch) in "WF"


def _wrap(text: str, room: int) -> list[str]:
    """Lines of at most ``room`` display columns: breaks between Chinese characters or
    at spaces, never inside a Latin word, option or path."""
    lines: list[str] = []
    for paragraph in text.splitlines():
        line = ""
        for token in re.findall(r"\[[^]]*\]|[!-~]+|.", paragraph):  # "[默认：.]" whole
            if line.strip() and _width(line) + _width(token) > room:
                lines.append(line.rstrip())
                line = token.lstrip()
            else:
                line += token
        lines.append(line.rstrip())
    return lines


def _chinese(text: str, table: Sequence[tuple[str, str]]) -> str:
    for english, chinese in table:
        text = text.replace(english, chinese)
    return text


def _metavars(text: str) -> str:
    for english, chinese in _METAVARS:
        # Whole words only: the argument PATHS stays PATHS, the type PATH is 路径.
        text = re.sub(rf"(?<![A-Z]){re.escape(english)}(?![A-Z])", chinese, text)
    return text


class ChineseHelpFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, _metavars(args), "用法：" if prefix is None else prefix)

    def write_text(self, text: str) -> None:
        # click joins a paragraph's lines with a space and wraps by characters: Chinese
        # lines are joined without one and wrapped by display width. A paragraph whose
        # first line is "\\b" is kept as written, as in click.
        indent = " " * self.current_indent
        room = max((self.width or 80) - self.current_indent, 20)
        blocks = []
        for block in re.split(r"\n[ \t]*\n", text.expandtabs().strip("\n")):
            lines = block.splitlines()
            if lines and lines[0].strip() == "\b":
                blocks.append("\n".join(f"{indent}{line}".rstrip() for line in lines[1:]))
                continue
            margin = " " * (len(lines[0]) - len(lines[0].lstrip())) if lines else ""
            joined = ""
            for line in (line.strip() for line in lines):
                glue = "" if not joined or _cjk(joined[-1]) or _cjk(line[:1]) else " "
                joined += glue + line
            wrapped = _wrap(joined, room - len(margin))
            blocks.append("\n".join(f"{indent}{margin}{line}" for line in wrapped))
        self.write("\n\n".join(blocks) + "\n")

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{_HEADINGS.get(heading, heading)}：\n")

    def write_dl(
        self, rows: Iterable[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        # click measures columns in characters; a Chinese character takes two columns
        # of the terminal, so the table is laid out by display width here.
        table = [(_metavars(term), _chinese(text, _PHRASES)) for term, text in rows]
        first = min(max((_width(term) for term, _ in table), default=0), col_max) + col_spacing
        room = max((self.width or 80) - self.current_indent - first, 20)
        for term, text in table:
            indent = " " * self.current_indent
            lines = _wrap(text, room) or [""]
            if _width(term) + col_spacing > first:
                self.write(f"{indent}{term}\n")
                self.write(f"{indent}{' ' * first}{lines[0]}\n")
            else:
                self.write(f"{indent}{term}{' ' * (first - _width(term))}{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{indent}{' ' * first}{line}\n")


HELP_OPTION_NAMES = ["-h", "--help"]


class GovsiteContext(click.Context):
    formatter_class = ChineseHelpFormatter

    @contextmanager
    def scope(self, cleanup: bool = True) -> Iterator[click.Context]:
        # click raises some parse errors (an option without its value) without a
        # context: give them this one, so the message points to this command's --help.
        try:
            with super().scope(cleanup=cleanup) as ctx:
                yield ctx
        except click.UsageError as exc:
            if exc.ctx is None:
                exc.ctx = self  # (exc.cmd only serves click's own show())
            raise


def chinese(command: click.Command) -> click.Command:
    """``command`` and its subcommands with Chinese help and located usage errors."""
    command.context_class = GovsiteContext
    # The same help option names however the command is reached (the group, or a test
    # invoking the command object itself); click >= 8.2 caches the help option built for
    # the first context it saw, so drop a cache made before this.
    command.context_settings = {"help_option_names": HELP_OPTION_NAMES, **command.context_settings}
    command._help_option = None
    if isinstance(command, click.Group):
        for sub in command.commands.values():
            chinese(sub)
    return command
