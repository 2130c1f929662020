"""Exceptions that carry everything a person needs to fix the problem.

Every error a user can see names the file, the line and the key where it can,
says what is wrong and how to fix it, in Chinese. Each class carries its own
Chinese label and exit code (class attributes); ``error_handler`` renders them
and is the one place that turns them into an exit status.

The exceptions are plain classes (identity equality, hashable, pickled with
their problems so a forked render worker can raise them); ``Problem`` is data.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

# Exit codes shared by every command (see the issues): 0 ok, 1 a finding or
# "not mergeable", 2 usage, configuration or system error, 3 a bug in govsite, 130 interrupted.
EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_CONFIG = 2
EXIT_INTERNAL = 3  # a bug in govsite: reported with its traceback
EXIT_INTERRUPTED = 130


@dataclass(frozen=True)
class Problem:
    """One located problem: ``path:line: key: message（fix）``."""

    message: str
    path: str | None = None
    line: int | None = None
    key: str | None = None
    fix: str | None = None
    # The stable rule id (format.front-matter, format.index-no …), set where the problem
    # is created: ``govsite check`` reports it, and nothing derives it from the message.
    rule: str | None = None
    other: str | None = None  # the other file of a duplicate (索引号 used twice)

    def render(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line:
                where += f":{self.line}"
            where += ": "
        key = f"{self.key}: " if self.key else ""
        fix = f"。修改方法：{self.fix}" if self.fix else ""
        return f"{where}{key}{self.message}{fix}"


class GovsiteError(Exception):
    """Base class: one or more problems that stop the command."""

    label: ClassVar[str] = "错误"  # the start of each line the person reads
    exit_code: ClassVar[int] = EXIT_FINDINGS

    def __init__(self, *problems: Problem) -> None:
        super().__init__("\n".join(p.render() for p in problems))
        self.problems: list[Problem] = list(problems)

    def __reduce__(self) -> tuple[Any, ...]:
        # Rebuilt from the problems, not from the joined message in ``args``.
        return (type(self), tuple(self.problems), dict(self.__dict__))

    def render(self) -> str:
        return "\n".join(p.render() for p in self.problems)

    def lines(self) -> list[str]:
        """What the person reads: one labelled line per problem."""
        return [f"{self.label}：{p.render()}" for p in self.problems]


class ContentError(GovsiteError):
    """An article or page cannot be published as it is: exit 1."""

    label = "错误"  # the path (content/…) says what it is; editors read this most
    exit_code = EXIT_FINDINGS


class ConfigError(GovsiteError):
    """site.yml, reviewers.yml, hooks/ data or an option's value is wrong: exit 2."""

    label = "配置错误"
    exit_code = EXIT_CONFIG


class UsageError(GovsiteError):
    """The command line itself is wrong (unknown option, missing argument): exit 2."""

    label = "用法错误"
    exit_code = EXIT_CONFIG


class SystemProblem(GovsiteError):
    """The machine failed the command (disk full, permissions, names too long): exit 2."""

    label = "系统错误"
    exit_code = EXIT_CONFIG


class ForgeError(GovsiteError):
    """The code forge could not be reached or refused us. Never a pass: exit 2."""

    label = "代码托管平台错误"
    exit_code = EXIT_CONFIG


class InternalError(GovsiteError):
    """A bug in govsite itself, not in the content: exit 3, with the traceback kept."""

    label = "内部错误"
    exit_code = EXIT_INTERNAL

    def __init__(self, *problems: Problem, detail: str = "") -> None:
        super().__init__(*problems)
        self.detail = detail
