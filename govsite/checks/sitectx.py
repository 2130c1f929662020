"""The site a checked file belongs to: root, configuration, hooks/ data, other 索引号.

An adapter (reads files): the rules themselves stay pure.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from govsite import files
from govsite.checks import wordlists
from govsite.config.limits import DEFAULT as DEFAULT_LIMITS
from govsite.config.limits import Limits
from govsite.config.limits import load as load_limits
from govsite.config.reviewers import ReviewPolicy
from govsite.config.site import SiteConfig

_INDEX_LINE = re.compile(r"^索引号\s*:\s*['\"]?([^'\"\n#]+?)['\"]?\s*$", re.M)


@cache
def find_root(directory: Path) -> Path | None:
    """The nearest directory at or above ``directory`` holding site.yml and reviewers.yml."""
    for d in (directory, *directory.parents):
        if (d / "site.yml").is_file() and (d / "reviewers.yml").is_file():
            return d
    return None


@dataclass
class SiteContext:
    root: Path | None
    site: SiteConfig | None = None
    policy: ReviewPolicy | None = None
    _lists: wordlists.Wordlists | None = None
    _indexes: dict[str, str] | None = field(default=None, repr=False)
    _real_root: str | None = field(default=None, repr=False)

    @classmethod
    def load(cls, root: Path | None) -> SiteContext:
        if root is None:
            return cls(None)
        from govsite.library import load_config

        site, policy = load_config(root)
        return cls(root, site, policy)

    @property
    def limits(self) -> Limits:
        """hooks/limits.yml of the site (the defaults outside a site)."""
        return load_limits(self.root / "hooks") if self.root else DEFAULT_LIMITS

    @property
    def lists(self) -> wordlists.Wordlists:
        if self._lists is None:
            self._lists = wordlists.load(str(self.root / "hooks") if self.root else None)
        return self._lists

    def rel(self, path: Path) -> str | None:
        if self.root is None:
            return None
        if self._real_root is None:
            self._real_root = os.path.realpath(self.root)
        full = _realdir(os.path.dirname(os.path.abspath(path)))
        rel = os.path.relpath(os.path.join(full, path.name), self._real_root)
        return None if rel.startswith("..") else rel.replace(os.sep, "/")

    def index_numbers(self, known: set[str] | None = None) -> dict[str, str]:
        """site-relative path -> 索引号 of every article not in ``known`` (already parsed),
        read from the front matter only."""
        known = known or set()
        if self._indexes is None:
            self._indexes = {}
            if self.root is not None:
                # Regular files only: a linked .md or a FIFO is never read (govsite.files).
                for found in files.walk(self.root / "content", hidden=False)[0]:
                    if found.endswith(".md"):
                        path = Path(found)
                        rel = path.relative_to(self.root).as_posix()
                        if rel not in known and (index := _front_index(path)):
                            self._indexes[rel] = index
        return self._indexes


@cache
def _realdir(directory: str) -> str:
    return os.path.realpath(directory)


def _front_index(path: Path) -> str | None:
    try:
        text = files.read_bytes(path).decode("utf-8")
    except (OSError, UnicodeDecodeError, files.NotRegular):
        return None
    if not text.startswith("---"):
        return None
    end = text.find("\n---", 3)
    m = _INDEX_LINE.search(text, 0, end if end != -1 else len(text))
    return m[1].strip() if m else None
