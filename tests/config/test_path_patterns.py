"""reviewers.yml path patterns (matched by pathspec): the documented semantics, as a table.

``**`` spans directories, ``*`` and ``?`` stay within one segment, every pattern is
anchored at the repository root, and a directory pattern owns what is inside it.
"""

from __future__ import annotations

import pytest

from govsite.config.reviewers import loads, path_matches

TABLE = [
    # ** spans directories
    ("content/zfb/a.md", "content/zfb/**", True),
    ("content/zfb/2026/03/a.md", "content/zfb/**", True),
    ("content/zfbx/a.md", "content/zfb/**", False),
    ("content/zf/a.md", "content/zfb/**", False),
    (".github/workflows/test.yml", ".github/**", True),
    ("theme/templates/base.html", "theme/**", True),
    ("content/zfb/a.md", "content/**/a.md", True),
    ("content/a.md", "content/**/a.md", True),
    ("content/zfb/2026/a.md", "content/**/a.md", True),
    ("content/zfb/b.md", "content/**/a.md", False),
    ("docs/x/Makefile", "**/Makefile", True),
    ("Makefile", "**/Makefile", True),
    # * and ? within one segment
    ("content/a.md", "content/*", True),
    ("content/zfb/a.md", "content/*", False),
    ("content/zfb/2026-a.md", "content/zfb/2026-*.md", True),
    ("content/zfb/a1.md", "content/zfb/a?.md", True),
    ("content/zfb/a/.md", "content/zfb/a?.md", False),
    ("content/zfb/a12.md", "content/zfb/a?.md", False),
    # anchored at the root: a name without "/" is not matched at any depth
    ("reviewers.yml", "reviewers.yml", True),
    ("content/zfb/reviewers.yml", "reviewers.yml", False),
    ("Makefile", "Makefile", True),
    ("docs/Makefile", "Makefile", False),
    ("README.md", "README.md", True),
    ("content/README.md", "README.md", False),
    # literal characters are literal
    ("site.yml", "site.yml", True),
    ("siteXyml", "site.yml", False),
    ("pelicanconf.py", "pelicanconf.py", True),
    # a directory pattern owns what is inside it
    ("hooks/pre-commit", "hooks/", True),
    ("hooks/x/y", "hooks", True),
    ("hooksy/x", "hooks", False),
    # ...and so does a pattern whose last segment names a directory (gitignore), except
    # a lone "*" as the last segment: content/* is the files directly in content/
    ("content/zfb/2026/a.md", "content/zfb/2026*", True),
    ("content/zfb/2026/a.md", "content/zfb/*", False),
]


@pytest.mark.parametrize(("path", "pattern", "matches"), TABLE)
def test_documented_semantics(path: str, pattern: str, matches: bool) -> None:
    assert path_matches(path, pattern) is matches


def test_the_sample_platform_patterns_own_platform_files_only() -> None:
    from pathlib import Path

    from govsite.config.reviewers import load

    root = Path(__file__).resolve().parents[2]
    policy = load(root / "reviewers.yml")
    owners = {
        "content/a.md": "platform",
        "content/pages/about.md": "platform",
        "content/zfb/2026/a.md": "zfb",
        "govsite/review/gate.py": "platform",
        "docs/预览.md": "platform",
        ".github/workflows/test.yml": "platform",
    }
    for path, unit in owners.items():
        owner = policy.owner_of(path)
        assert owner is not None and owner.id == unit, path
    assert policy.owner_of("content/nobody/a.md") is None


def test_longest_pattern_wins_with_pathspec() -> None:
    policy = loads(
        "units:\n  a:\n    name: x\n    paths: ['content/**']\n"
        "    reviewers: {1: [p], 2: [q], 3: [r]}\n"
        "  b:\n    name: y\n    paths: ['content/b/*.md']\n"
        "    reviewers: {1: [s], 2: [t], 3: [u]}\n"
    )
    assert policy.owner_of("content/b/x.md").id == "b"  # type: ignore[union-attr]
    assert policy.owner_of("content/b/sub/x.md").id == "a"  # type: ignore[union-attr]
