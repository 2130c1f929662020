"""Where the site lies inside its git repository, and its paths in git's terms.

The site's root may be the repository's top or a folder in it (a platform that keeps
several counties in one repository, a test tree). git names files from the top
(``site/content/a.md``); govsite names them from the site's root (``content/a.md``).
The prefix is the one ``git rev-parse --show-prefix`` prints in the site's root,
computed from the two paths instead of a git process per call.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import git


@dataclass(frozen=True)
class Prefix:
    """``""`` at the top of the repository, else ``"folder/"`` (always with the slash)."""

    text: str

    def repo_path(self, site_path: str) -> str:
        """``content/a.md`` as git names it (``site/content/a.md``)."""
        return self.text + site_path

    def inside(self, repo_path: str) -> bool:
        return repo_path.startswith(self.text)

    def site_path(self, repo_path: str) -> str:
        """git's ``site/content/a.md`` as govsite names it; a path outside is kept as is."""
        return repo_path[len(self.text) :] if self.inside(repo_path) else repo_path


def prefix(top: Path | str, root: Path | str) -> Prefix:
    """The prefix of ``root`` in the work tree at ``top`` (links resolved, as git does).

    ValueError if ``root`` is not inside ``top``."""
    rel = Path(root).resolve().relative_to(Path(top).resolve()).as_posix()
    return Prefix("" if rel == "." else rel + "/")


def of_repo(repo: git.Repo, root: Path | str) -> Prefix:
    """The prefix of ``root`` in ``repo``'s work tree (a bare repository: the top)."""
    return prefix(Path(repo.working_tree_dir or root), root)
