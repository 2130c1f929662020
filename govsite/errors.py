"""Exceptions that carry everything a person needs to fix the problem.

Every error a user can see names the file, the line and the key where it can,
says what is wrong and how to fix it, in Chinese. ``error_handler`` renders them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

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


@dataclass
class GovsiteError(Exception):
    """Base class: one or more problems that stop the command."""

    problems: list[Problem] = field(default_factory=list)
    exit_code: int = EXIT_FINDINGS

    def __init__(self, *problems: Problem, exit_code: int | None = None) -> None:
        super().__init__("\n".join(p.render() for p in problems))
        self.problems = list(problems)
        if exit_code is not None:
            self.exit_code = exit_code
        else:
            self.exit_code = type(self).exit_code_default

    exit_code_default = EXIT_FINDINGS

    @classmethod
    def single(
        cls,
        message: str,
        *,
        path: str | None = None,
        line: int | None = None,
        key: str | None = None,
        fix: str | None = None,
    ) -> GovsiteError:
        return cls(Problem(message, path=path, line=line, key=key, fix=fix))

    def render(self) -> str:
        return "\n".join(p.render() for p in self.problems)


class ConfigError(GovsiteError):
    """site.yml, reviewers.yml, hooks/ data or command-line usage is wrong: exit 2."""

    exit_code_default = EXIT_CONFIG


class ContentError(GovsiteError):
    """An article or page cannot be published as it is: exit 1."""

    exit_code_default = EXIT_FINDINGS


class SystemProblem(GovsiteError):
    """The machine failed the command (disk full, permissions, names too long): exit 2."""

    exit_code_default = EXIT_CONFIG


class InternalError(GovsiteError):
    """A bug in govsite itself, not in the content: exit 3, with the traceback kept."""

    exit_code_default = EXIT_INTERNAL

    def __init__(self, *problems: Problem, detail: str = "") -> None:
        super().__init__(*problems)
        self.detail = detail


class ForgeError(GovsiteError):
    """The code forge could not be reached or refused us. Never a pass: exit 2."""

    exit_code_default = EXIT_CONFIG
