"""Key-path problems and key suggestions, shared by every reader of structured data.

The model reads front matter and 机构概况.yml; ``govsite.config`` reads site.yml,
reviewers.yml and the other platform files. Both name the key path and its line in
every problem and suggest the nearest known key, so both use this module (it lives
in the model because config may import the model, never the other way).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from govsite.errors import ConfigError, Problem


def closest(word: str, options: Iterable[str]) -> str | None:
    found = difflib.get_close_matches(word, list(options), n=1, cutoff=0.4)
    return found[0] if found else None


def unknown_key_fix(key: str, known: Iterable[str]) -> str:
    """How to fix an unknown key: the nearest known key, else the list of known keys."""
    known = list(known)
    near = closest(key, known)
    return f"是否应为“{near}”？" if near else f"可用的键：{'、'.join(known)}"


@dataclass
class Collector:
    """Collects problems for one file; ``raise_if_any`` raises them together.

    ``warnings`` are what a file may say but should not (the field declarations'
    ``warn``): commands print them, and ``--strict`` turns them into errors."""

    path: str
    problems: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    lines: dict[str, int] = field(default_factory=dict)  # key path -> line

    def add(self, key: str, message: str, fix: str | None = None) -> None:
        self.problems.append(
            Problem(message, path=self.path, line=self.lines.get(key), key=key, fix=fix)
        )

    def warn(self, key: str, message: str, fix: str | None = None) -> None:
        self.warnings.append(
            Problem(message, path=self.path, line=self.lines.get(key), key=key, fix=fix)
        )

    def unknown_keys(self, mapping: Mapping[str, Any], known: Iterable[str], prefix: str) -> None:
        """Every key not in ``known`` is an error (fail closed: a mistyped key would
        otherwise be silently ignored), naming the key, its line and the nearest key."""
        known = list(known)
        for key in mapping:
            if key in known:
                continue
            where = f"{prefix}.{key}" if prefix else str(key)
            self.add(where, f"未知的键“{key}”", unknown_key_fix(str(key), known))

    def raise_if_any(self) -> None:
        if self.problems:
            raise ConfigError(*self.problems)
