"""Every rule of the gate on real git repositories (base and head commits)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from govsite.review import gate
from govsite.review.reviews import from_json
from tests.conftest import GitRepo
from tests.review.helpers import BASE_TREE, POLICY, article, gh, three


def decide(
    repo: GitRepo, base: str, head: str, reviews: list[dict[str, Any]], author: str = "editor"
) -> gate.Decision:
    return gate.decide(repo.path, base, head, author, from_json(reviews))


@pytest.fixture
def repo(git_repo: Callable[..., GitRepo]) -> GitRepo:
    return git_repo(BASE_TREE)


def base_of(repo: GitRepo) -> str:
    return repo.repo.head.commit.hexsha


def test_three_levels_three_people_is_mergeable(repo: GitRepo) -> None:
    base = base_of(repo)
    head = repo.commit({"content/zfb/a.md": article(body="新正文")})
    decision = decide(repo, base, head, three(head))
    assert decision.mergeable, decision.reasons
    [unit] = decision.units
    assert unit.unit == "zfb"
    assert [lv.approved_by for lv in unit.levels] == ["alice", "carol", "dave"]


@pytest.mark.parametrize(
    ("people", "mergeable", "reason_part"),
    [
        (("alice", "carol", "dave"), True, None),
        (("bob", "carol", "dave"), True, None),  # bob at level 1, carol at 2
        (("alice", "bob", "dave"), True, None),  # bob fills level 2
        (("bob", "dave"), False, "缺少"),  # bob fills only one level
        (("alice", "carol"), False, "三审（主要负责人签发）"),
        (("ALICE", "Carol", "dave"), True, None),  # logins compare case-insensitively
        (("alice", "carol", "mallory"), False, "三审"),  # rule 10: mallory is not zfb's
    ],
)
def test_matching_of_people_to_levels(
    repo: GitRepo, people: tuple[str, ...], mergeable: bool, reason_part: str | None
) -> None:
    base = base_of(repo)
    head = repo.commit({"content/zfb/a.md": article(body="改")})
    decision = decide(repo, base, head, three(head, people=people))
    assert decision.mergeable is mergeable, decision.reasons
    if reason_part:
        assert any(reason_part in r for r in decision.reasons)


def test_attack_self_approval(repo: GitRepo) -> None:
    base = base_of(repo)
    head = repo.commit({"content/zfb/a.md": article(body="改")})
    decision = decide(repo, base, head, three(head), author="Alice")
    assert not decision.mergeable
    assert "alice 是合并请求的作者，本人的批准不计入" in decision.notes
    level1 = decision.units[0].levels[0]
    assert level1.approved_by is None and level1.could_approve == ["bob"]


def test_attack_stale_approval(repo: GitRepo) -> None:
    base = base_of(repo)
    first = repo.commit({"content/zfb/a.md": article(body="第一版")})
    head = repo.commit({"content/zfb/a.md": article(body="第二版")})
    decision = decide(repo, base, head, three(first))
    assert not decision.mergeable
    assert any("批准的是旧版本" in n for n in decision.notes)


def test_tree_identical_rebase_keeps_approvals(repo: GitRepo) -> None:
    base = base_of(repo)
    first = repo.commit({"content/zfb/a.md": article(body="改")})
    head = repo.commit({}, "empty rebase-like commit")  # same tree as first
    assert decide(repo, base, head, three(first)).mergeable


def test_approval_of_unknown_commit_does_not_count(repo: GitRepo) -> None:
    base = base_of(repo)
    head = repo.commit({"content/zfb/a.md": article(body="改")})
    reviews = three(head)
    reviews[0]["commit_id"] = "0123456789" * 4
    decision = decide(repo, base, head, reviews)
    assert not decision.mergeable
    assert any("在仓库中找不到" in n for n in decision.notes)


def test_attack_policy_edited_in_pr(repo: GitRepo) -> None:
    base = base_of(repo)
    # The PR makes the author a reviewer at every level of zfb and platform.
    edited = POLICY.replace("[alice, bob]", "[eve]").replace("[ivan]", "[eve]")
    head = repo.commit({"reviewers.yml": edited, "content/zfb/a.md": article(body="改")})
    reviews = three(head, people=("eve", "carol", "dave"))
    decision = decide(repo, base, head, reviews)
    assert not decision.mergeable
    assert {u.unit for u in decision.units} == {"zfb", "platform"}  # judged by the BASE policy
    assert decision.units[0].levels[0].could_approve == ["alice", "bob"]


def test_attack_major_downgraded_in_pr(repo: GitRepo) -> None:
    base = repo.commit({"content/zfb/a.md": article("重大")})
    head = repo.commit({"content/zfb/a.md": article("一般")})
    decision = decide(repo, base, head, three(head))
    assert not decision.mergeable
    assert any("政府领导签发" in r for r in decision.reasons)
    reviews = [*three(head), gh(9, "erin", "APPROVED", head, 30)]
    assert decide(repo, base, head, reviews).mergeable


def test_major_needs_a_fourth_different_person(repo: GitRepo) -> None:
    base = base_of(repo)
    head = repo.commit({"content/zfb/a.md": article("重大")})
    policy_leader_is_dave = decide(repo, base, head, three(head))
    assert not policy_leader_is_dave.mergeable
    assert [lv.level for lv in policy_leader_is_dave.units[0].levels] == ["1", "2", "3", "leader"]


def test_attack_file_moved_between_units(repo: GitRepo) -> None:
    base = base_of(repo)
    repo.repo.git.mv("content/fgw/b.md", "content/zfb/b.md")
    repo.repo.git.commit("-m", "move")
    head = repo.repo.head.commit.hexsha
    decision = decide(repo, base, head, three(head))
    assert not decision.mergeable
    assert {u.unit for u in decision.units} == {"zfb", "fgw"}
    both = [*three(head), *three(head, 10, ("frank", "grace", "heidi"), 10)]
    assert decide(repo, base, head, both).mergeable


def test_deleted_file_involves_its_unit(repo: GitRepo) -> None:
    base = base_of(repo)
    head = repo.commit({"content/fgw/b.md": None})
    decision = decide(repo, base, head, three(head))
    assert [u.unit for u in decision.units] == ["fgw"]
    assert not decision.mergeable


def test_attack_dismissed_change_request(repo: GitRepo) -> None:
    base = base_of(repo)
    head = repo.commit({"content/zfb/a.md": article(body="改")})
    # carol approves, later requests changes, then that request is dismissed:
    # the dismissal must not revive the approval.
    reviews = [
        *three(head),
        gh(20, "carol", "CHANGES_REQUESTED", head, 20),
        gh(21, "carol", "DISMISSED", head, 21),
    ]
    decision = decide(repo, base, head, reviews)
    assert not decision.mergeable
    assert decision.units[0].levels[1].approved_by is None


def test_outstanding_change_request_blocks(repo: GitRepo) -> None:
    base = base_of(repo)
    head = repo.commit({"content/zfb/a.md": article(body="改")})
    reviews = [
        *three(head),
        gh(30, "bob", "CHANGES_REQUESTED", head, 30),
        gh(31, "bob", "COMMENTED", head, 31),
    ]  # a comment changes nothing
    decision = decide(repo, base, head, reviews)
    assert not decision.mergeable
    assert "bob 要求修改（审核记录 30），须按意见修改后由其重新批准，不能合并" in decision.reasons


def test_change_request_from_outsider_is_ignored(repo: GitRepo) -> None:
    base = base_of(repo)
    head = repo.commit({"content/zfb/a.md": article(body="改")})
    reviews = [*three(head), gh(30, "stranger", "CHANGES_REQUESTED", head, 30)]
    assert decide(repo, base, head, reviews).mergeable


@pytest.mark.parametrize(
    ("order", "mergeable"),
    [
        (("alice", "carol", "dave"), True),
        (("carol", "alice", "dave"), False),  # level 2 before level 1
        (("dave", "alice", "carol"), False),  # level 3 first
    ],
)
def test_ordered_levels(repo: GitRepo, order: tuple[str, ...], mergeable: bool) -> None:
    base = base_of(repo)
    head = repo.commit({"content/zfb/a.md": article(body="改")})
    assert decide(repo, base, head, three(head, people=order)).mergeable is mergeable


def test_unordered_policy_accepts_any_order(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo(
        {**BASE_TREE, "reviewers.yml": POLICY.replace("ordered: true", "ordered: false")}
    )
    base = base_of(repo)
    head = repo.commit({"content/zfb/a.md": article(body="改")})
    assert decide(repo, base, head, three(head, people=("dave", "carol", "alice"))).mergeable


def test_path_without_owner_blocks(repo: GitRepo) -> None:
    base = base_of(repo)
    head = repo.commit({"content/zfb/a.md": article(body="改"), "stray/x.txt": "x"})
    decision = decide(repo, base, head, three(head))
    assert not decision.mergeable
    assert decision.reasons[0].startswith("stray/x.txt：没有单位负责这个路径")


def test_co_issuer_needs_level_three(repo: GitRepo) -> None:
    base = base_of(repo)
    head = repo.commit({"content/zfb/a.md": article(co="fgw")})
    decision = decide(repo, base, head, three(head))
    assert not decision.mergeable
    fgw = next(u for u in decision.units if u.unit == "fgw")
    assert [lv.level for lv in fgw.levels] == ["3"] and fgw.levels[0].could_approve == ["heidi"]
    assert decide(repo, base, head, [*three(head), gh(9, "heidi", "APPROVED", head, 9)]).mergeable


def test_co_issuer_removed_in_pr_still_counts(repo: GitRepo) -> None:
    base = repo.commit({"content/zfb/a.md": article(co="fgw")})
    head = repo.commit({"content/zfb/a.md": article()})
    assert not decide(repo, base, head, three(head)).mergeable


def test_unparseable_front_matter_fails_closed(repo: GitRepo) -> None:
    base = base_of(repo)
    head = repo.commit({"content/zfb/a.md": "---\n标题: [未闭合\n---\n正文\n"})
    decision = decide(repo, base, head, three(head))
    assert not decision.mergeable
    assert any("content/zfb/a.md：元数据无法读取" in r for r in decision.reasons)


def test_empty_pr_is_not_mergeable(repo: GitRepo) -> None:
    base = base_of(repo)
    decision = decide(repo, base, base, [])
    assert not decision.mergeable


@pytest.mark.parametrize(
    ("broken_base", "needs_leader", "blocked"),
    [
        ("---\n标题: [坏\n重要程度: 一般\n---\n正文\n", False, False),
        ("---\n标题: [坏\n重要程度: 重大\n---\n正文\n", True, False),
        ('---\n标题: [坏\n重要程度: "\\u91cd\\u5927"\n---\n正文\n', True, False),
        ("---\n标题: [坏\n联合发文单位: [fgw\n---\n正文\n", False, True),
    ],
)
def test_pr_repairing_broken_base_front_matter(
    git_repo: Callable[..., GitRepo], broken_base: str, needs_leader: bool, blocked: bool
) -> None:
    repo = git_repo({**BASE_TREE, "content/zfb/a.md": broken_base})
    base = base_of(repo)
    head = repo.commit({"content/zfb/a.md": article()})
    decision = decide(repo, base, head, three(head))
    slots = [lv.level for u in decision.units for lv in u.levels]
    assert ("leader" in slots) is needs_leader
    assert decision.mergeable is not (needs_leader or blocked)
