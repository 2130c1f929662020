"""reviewers.yml: the issue's shape loads; every kind of mistake is a configuration error."""

from __future__ import annotations

from pathlib import Path

import pytest

from govsite.config.reviewers import ReviewPolicy, loads, path_matches
from govsite.errors import ConfigError

REPO_ROOT = Path(__file__).resolve().parents[2]

GOOD = """\
ordered: true
units:
  zfb:
    name: 阿巴嘎旗人民政府办公室
    paths: ["content/zfb/**"]
    reviewers:
      1: [alice, bob]
      2: [carol, bob]
      3: [dave]
  platform:
    name: 政务服务与数据管理局
    paths: ["reviewers.yml", "site.yml", "hooks/**", ".github/**", "theme/**"]
    reviewers: {1: [ivan], 2: [judy], 3: [mallory]}
leaders: [erin]
"""


def test_issue_example_loads() -> None:
    policy = loads(GOOD)
    assert policy.ordered is True and policy.leaders == ("erin",)
    assert policy.units["zfb"].reviewers == {1: ("alice", "bob"), 2: ("carol", "bob"), 3: ("dave",)}


def test_repository_reviewers_yml_is_valid() -> None:
    assert isinstance(loads((REPO_ROOT / "reviewers.yml").read_text("utf-8")), ReviewPolicy)


def test_default_paths_and_ordered() -> None:
    policy = loads("units:\n  fgw:\n    name: 发改委\n    reviewers: {1: [a], 2: [b], 3: [c]}\n")
    assert policy.units["fgw"].paths == ("content/fgw/**",) and policy.ordered is True


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("units: [", "YAML"),
        ("units:\n  zfb:\n    name: x\n    reviewers: {1: [a], 2: [b]}\n", "第 3 级审核没有人"),
        (
            "units:\n  zfb:\n    name: x\n    paths: [a/**]\n    reviewers: {1: [a], 2: [b], 3: [c]}\n"
            "  fgw:\n    name: y\n    paths: [a/**]\n    reviewers: {1: [a], 2: [b], 3: [c]}\n",
            "路径模式 a/** 同时属于单位 zfb 和 fgw",
        ),
        (
            "units:\n  zfb:\n    name: x\n    reviewer: {1: [a]}\n    reviewers: {1: [a], 2: [b], 3: [c]}\n",
            "reviewer",
        ),
        (
            "ordered: yes please\nunits:\n  zfb:\n    name: x\n    reviewers: {1: [a], 2: [b], 3: [c]}\n",
            "ordered 只能是 true 或 false",
        ),
        (
            "units:\n  zfb:\n    name: x\n    reviewers: {1: [a], 2: [b], 3: [c], 4: [d]}\n",
            "审核级别“4”不存在",
        ),
        ("units: {}\n", "缺少 units"),
        ("leaders: [erin]\n", "缺少 units"),
    ],
)
def test_errors_are_configuration_errors(text: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        loads(text)
    assert info.value.exit_code == 2
    assert message in str(info.value)


@pytest.mark.parametrize(
    ("path", "pattern", "matches"),
    [
        ("content/zfb/a.md", "content/zfb/**", True),
        ("content/zfb/2026/a.md", "content/zfb/**", True),
        ("content/zfbx/a.md", "content/zfb/**", False),
        ("content/a.md", "content/*", True),
        ("content/zfb/a.md", "content/*", False),
        (".github/workflows/x.yml", ".github/**", True),
        ("reviewers.yml", "reviewers.yml", True),
    ],
)
def test_path_matches(path: str, pattern: str, matches: bool) -> None:
    assert path_matches(path, pattern) is matches


def test_longest_pattern_owns_the_path() -> None:
    policy = loads(
        "units:\n  zfb:\n    name: x\n    paths: ['content/**']\n"
        "    reviewers: {1: [a], 2: [b], 3: [c]}\n"
        "  fgw:\n    name: y\n    paths: ['content/fgw/**']\n"
        "    reviewers: {1: [a], 2: [b], 3: [c]}\n"
    )
    owner = policy.owner_of("content/fgw/a.md")
    assert owner is not None and owner.id == "fgw"
    other = policy.owner_of("content/zfb/a.md")
    assert other is not None and other.id == "zfb"
    assert policy.owner_of("README.md") is None
