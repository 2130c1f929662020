"""Issue 9 item 4: reviewers.yml and site.yml cannot be spoofed, tested through
``govsite review evaluate`` (the gate fails closed, exit 2) and the site loader."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from govsite.config import site as site_config
from govsite.config.schema import parse_yaml
from govsite.errors import ConfigError
from tests.conftest import GitRepo, Run
from tests.review.helpers import BASE_TREE, POLICY, article, gh, three
from tests.review.test_command import evaluate

PLANTED = POLICY.replace(
    "leaders:",
    """\
  zfb:
    name: 政府办
    reviewers: {1: [mallory], 2: [mallory2], 3: [mallory3]}
leaders:""",
)


def gate(
    run: Run,
    git_repo: Callable[..., GitRepo],
    tmp_path: Path,
    policy: str,
    reviews: object | None = None,
) -> tuple[int, str, str]:
    repo = git_repo({**BASE_TREE, "reviewers.yml": policy})
    base = repo.repo.head.commit.hexsha
    head = repo.commit({"content/zfb/a.md": article(body="改")})
    planted = [
        gh(i + 1, p, "APPROVED", head, i + 1)
        for i, p in enumerate(("mallory", "mallory2", "mallory3"))
    ]
    return evaluate(run, repo, base, head, planted if reviews is None else reviews, tmp_path)


def test_unit_defined_twice_fails_closed_naming_both_lines(
    run: Run, git_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    code, out, err = gate(run, git_repo, tmp_path, PLANTED)
    assert code == 2, out + err
    assert "可以合并" not in out
    first = POLICY.splitlines().index("  zfb:") + 1
    second = PLANTED.splitlines().index("  zfb:", first) + 1
    assert "reviewers.yml（目标分支 " in err
    assert f":{second}: units.zfb: 键“zfb”重复：第 {first} 行和第 {second} 行都定义了它" in err


@pytest.mark.parametrize(
    ("policy", "message"),
    [
        # a reviewer level written twice inside one unit
        (
            POLICY.replace(
                "reviewers: {1: [alice, bob], 2: [carol, bob], 3: [dave]}",
                "reviewers: {1: [alice], 2: [carol], 3: [dave], 3: [mallory]}",
            ),
            "键“3”重复",
        ),
        # a top-level key twice
        (POLICY + "leaders: [mallory]\n", "键“leaders”重复"),
        # an anchor and alias copying a unit's reviewers
        (
            POLICY.replace(
                "reviewers: {1: [frank], 2: [grace], 3: [heidi]}",
                "reviewers: &r {1: [frank], 2: [grace], 3: [heidi]}",
            )
            + "  jyj:\n    name: 教育局\n    reviewers: *r\n",
            "不允许使用 YAML 锚点、别名或合并键",
        ),
        # a merge key that re-defines a unit without an alias
        (
            POLICY.replace(
                "units:\n", "units:\n  <<: {zfb: {name: x, reviewers: {1: [m], 2: [m], 3: [m]}}}\n"
            ),
            "不允许使用 YAML 锚点、别名或合并键",
        ),
        # a key that is a mapping
        (POLICY + "? {a: 1}\n: x\n", "键必须是文字"),
        # nested far deeper than any policy
        (POLICY + "ordered2: " + "[" * 150 + "]" * 150 + "\n", "嵌套超过 100 层"),
    ],
)
def test_spoofed_policy_fails_closed(
    run: Run, git_repo: Callable[..., GitRepo], tmp_path: Path, policy: str, message: str
) -> None:
    code, out, err = gate(run, git_repo, tmp_path, policy)
    assert code == 2, out + err
    assert message in err
    assert "Traceback" not in err


def test_billion_laughs_in_reviewers_is_refused_at_once(
    run: Run, git_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    lol = "lol0: &a0 [lol]\n" + "".join(
        f"lol{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]\n" for i in range(1, 12)
    )
    started = time.monotonic()
    code, _, err = gate(run, git_repo, tmp_path, POLICY + lol)
    assert code == 2 and "不允许使用 YAML 锚点、别名或合并键" in err
    assert time.monotonic() - started < 30  # not a timing test: 9**11 nodes would never end


def test_recursive_alias_in_reviewers_is_refused(
    run: Run, git_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    code, _, err = gate(run, git_repo, tmp_path, POLICY + "loop: &x [*x]\n")
    assert code == 2 and "不允许使用 YAML 锚点" in err


def test_clean_policy_still_mergeable(
    run: Run, git_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = git_repo(BASE_TREE)
    base = repo.repo.head.commit.hexsha
    head = repo.commit({"content/zfb/a.md": article(body="改")})
    code, out, _ = evaluate(run, repo, base, head, three(head), tmp_path)
    assert code == 0 and out.startswith("结论：可以合并")


@pytest.mark.parametrize(
    ("reviews", "message"),
    [
        ("[" * 100_000 + "]" * 100_000, "审核数据嵌套 100000 层"),
        (
            '[{"id": 1, "x": ' + "[" * 101 + "]" * 101 + "}]",
            "超过 hooks/limits.yml 的“嵌套层数上限”",
        ),
    ],
)
def test_hostile_reviews_json_exit_2(
    run: Run, git_repo: Callable[..., GitRepo], tmp_path: Path, reviews: str, message: str
) -> None:
    code, _, err = gate(run, git_repo, tmp_path, POLICY, reviews)
    assert code == 2 and message in err and "Traceback" not in err


def test_brackets_inside_strings_are_not_depth(
    run: Run, git_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = git_repo(BASE_TREE)
    base = repo.repo.head.commit.hexsha
    head = repo.commit({"content/zfb/a.md": article(body="改")})
    reviews = three(head)
    reviews[0]["body"] = "[" * 500 + '\\"{' * 200
    code, out, err = evaluate(run, repo, base, head, reviews, tmp_path)
    assert code == 0, err
    assert out.startswith("结论：可以合并")


def test_reviews_json_over_the_size_limit(
    run: Run, git_repo: Callable[..., GitRepo], tmp_path: Path
) -> None:
    repo = git_repo({**BASE_TREE, "hooks/limits.yml": "审核数据大小上限MB: 1\n"})
    base = repo.repo.head.commit.hexsha
    head = repo.commit({"content/zfb/a.md": article(body="改")})
    big = json.dumps([*three(head), {"pad": "x" * (2 * 1024 * 1024)}])
    code, _, err = evaluate(run, repo, base, head, big, tmp_path)
    assert code == 2 and "审核数据超过 1 MB（hooks/limits.yml 的“审核数据大小上限MB”）" in err


SITE = (Path(__file__).resolve().parents[2] / "site.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "key", "message"),
    [
        (SITE + "\n每页条数: 10\n" + "每页条数: 30\n", "每页条数", "键“每页条数”重复：第 "),
        (
            SITE.replace("网站:\n", "网站:\n  名称: 假冒网站\n", 1),
            "网站.名称",
            "键“名称”重复：第 4 行和第 5 行都定义了它",
        ),
        (SITE + "\n链接2: &x {a: 1}\n链接3: *x\n", "链接2", "不允许使用 YAML 锚点"),
    ],
)
def test_site_yml_duplicates_and_aliases(text: str, key: str, message: str) -> None:
    with pytest.raises(ConfigError) as info:
        data, lines = parse_yaml(text, "site.yml")
        site_config.validate(data, lines)
    problem = info.value.problems[0]
    assert problem.path == "site.yml" and problem.key == key and problem.line
    assert message in problem.message
