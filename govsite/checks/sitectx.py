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
from govsite.config import limits
from govsite.config.reviewers import ReviewPolicy
from govsite.config.site import SiteConfig
from govsite.errors import ContentError
from govsite.model.frontmatter import decode, split


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
    def limits(self) -> limits.Limits:
        """hooks/limits.yml of the site (the defaults outside a site)."""
        return limits.load(self.root / "hooks") if self.root else limits.DEFAULT

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


# The 索引号 line of a front matter written the plain way (the guide's way). Anything a
# regex could read differently from YAML (quotes, flow mappings, explicit keys, tags,
# anchors, block scalars, a continued line) goes to the YAML parser instead: 10,000
# plain files are read in a tenth of the time, and none is read with another meaning.
_INDEX_LINE = re.compile(r"^索引号[ \t]*:[ \t]+([^\s#][^\n#]*?)[ \t]*(?:#[^\n]*)?$", re.M)
_NOT_PLAIN = re.compile(r"[\"'{}!&*\t\u3000]|^\?", re.M)


def _front_index(path: Path) -> str | None:
    """The 索引号 as the YAML parser reads it (a quoted or flow-written one too)."""
    try:
        source, _ = decode(files.read_bytes(path), str(path))
    except (OSError, files.NotRegular):
        return None
    if source is None or not source.text.startswith("---"):
        return None
    text = source.text
    end = text.find("\n---", 3)
    front = text[: end if end != -1 else len(text)]
    m = _INDEX_LINE.search(front)
    if (
        m is not None
        and not _NOT_PLAIN.search(front)
        and not front.startswith((" ", "\t"), m.end() + 1)
        and front.count("\n索引号") == 1
    ):
        return m[1]
    try:
        value = split(text, str(path)).data.get("索引号")
    except ContentError:
        return None
    return value.strip() if isinstance(value, str) and value.strip() else None
