"""Shared fixtures: pinned git identity and home, real git repositories, the sample site."""

from __future__ import annotations

import shutil
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import git
import pytest

if TYPE_CHECKING:
    from tests.review.signers import Key

REPO_ROOT = Path(__file__).resolve().parent.parent
SITE_FILES = (
    "site.yml",
    "reviewers.yml",
    "content",
    "theme",
    "hooks",
    "pelicanconf.py",
    "publishconf.py",
    "data",
    "newmedia.yml",
)


@pytest.fixture(autouse=True)
def _pinned_environment(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_AUTHOR_NAME", "测试编辑")
    monkeypatch.setenv("GIT_AUTHOR_EMAIL", "editor@example.gov.cn")
    monkeypatch.setenv("GIT_COMMITTER_NAME", "测试编辑")
    monkeypatch.setenv("GIT_COMMITTER_EMAIL", "editor@example.gov.cn")
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    for var in (
        "GITHUB_ACTIONS",
        "GITHUB_EVENT_PATH",
        "GITHUB_TOKEN",
        "GITHUB_STEP_SUMMARY",
        "GITHUB_REPOSITORY",
        "GITHUB_API_URL",
        "GITEA_ACTIONS",
    ):
        monkeypatch.delenv(var, raising=False)
    (home / ".gitconfig").write_text(
        "[init]\n\tdefaultBranch = main\n[user]\n\tname = 测试编辑\n"
        "\temail = editor@example.gov.cn\n[commit]\n\tgpgsign = false\n",
        encoding="utf-8",
    )


Tree = dict[str, "str | bytes | None"]


def write_tree(root: Path, tree: Tree) -> None:
    """Write files (str or bytes); a None value deletes the file."""
    for rel, content in tree.items():
        path = root / rel
        if content is None:
            path.unlink(missing_ok=True)
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


class GitRepo:
    """A real git repository built in the test."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.repo = git.Repo.init(path, initial_branch="main")

    def commit(self, tree: Tree, message: str = "change", *, date: str | None = None) -> str:
        write_tree(self.path, tree)
        self.repo.git.add("-A")
        env = {"GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date} if date else {}
        self.repo.git.commit("-m", message, "--allow-empty", env=env)
        return self.repo.head.commit.hexsha


@pytest.fixture
def git_repo(tmp_path: Path) -> Callable[..., GitRepo]:
    def make(tree: Tree | None = None, name: str = "repo") -> GitRepo:
        repo = GitRepo(tmp_path / name)
        if tree:
            repo.commit(tree, "initial")
        return repo

    return make


def copy_sample(dest: Path) -> Path:
    """Copy the repository's sample site (content, config, theme) to ``dest``."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        src = REPO_ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name)
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


@pytest.fixture
def sample_site(tmp_path: Path) -> Iterator[Path]:
    """A copy of the repository's sample site, safe to modify."""
    yield copy_sample(tmp_path / "site")


@pytest.fixture(scope="session")
def keys(tmp_path_factory: pytest.TempPathFactory) -> tuple[Key, Key]:
    """The gate's key and an impostor's (another valid OpenSSH key)."""
    from tests.review.signers import make_key

    folder = tmp_path_factory.mktemp("keys")
    return make_key(folder, "gate"), make_key(folder, "impostor")


@pytest.fixture
def gate_key(keys: tuple[Key, Key], monkeypatch: pytest.MonkeyPatch) -> Key:
    monkeypatch.setenv("GOVSITE_GATE_KEY", str(keys[0].private))
    return keys[0]


Run = Callable[[list[str]], tuple[int, str, str]]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> Run:
    """``govsite ARGS`` through the real entry point (error handler included), as a person
    runs it: (exit code, stdout, stderr)."""
    from govsite.commands.cli import main

    def invoke(args: list[str]) -> tuple[int, str, str]:
        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["govsite", *args])
        code = 0
        try:
            main()
        except SystemExit as exc:  # a command that finishes normally may not raise it
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        return code, out, err

    return invoke
