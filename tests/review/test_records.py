"""Signed approval records on real repositories: they cover what landed, and nothing else."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from govsite.review import audit, records, signing
from tests.conftest import GitRepo
from tests.review.helpers import POLICY, article
from tests.review.landing import METHODS, approve, decide, land, move_main_on, open_pr, site_repo
from tests.review.signers import Key

A = "content/zfb/a.md"


@pytest.mark.parametrize("method", METHODS)
def test_record_covers_the_landed_file_after_each_merge_method(
    git_repo: Callable[..., GitRepo], keys: tuple[Key, Key], method: str
) -> None:
    gate_key = keys[0]
    repo = site_repo(git_repo, gate_key)
    base, head = open_pr(repo, "feature", {A: article(body="三审通过的正文")})
    approve(repo, base, head, gate_key, pr=7)
    if method != "ff":  # a fast-forward needs main where the PR started
        move_main_on(repo, gate_key)
    tip = land(repo, "feature", method, 7)
    assert (tip == head) is (method == "ff")
    result = audit.audit(repo.path, "main")
    assert result.uncovered == [] and result.clean
    assert result.covered[A].pr == 7 and result.covered[A].head == head
    assert [(a.level, a.login) for a in result.covered[A].approvals] == [
        ("1", "alice"),
        ("2", "carol"),
        ("3", "dave"),
    ]
    if method != "ff":
        assert result.covered["content/fgw/b.md"].pr == 6

    # Changed afterwards, straight on main: the new version is nobody's approval.
    repo.commit({A: article(body="合并后偷偷改的正文")}, "edit after approval")
    after = audit.audit(repo.path, "main")
    assert [u.path for u in after.uncovered] == [A]
    gap = after.uncovered[0]
    assert gap.commit == repo.repo.head.commit.hexsha
    assert gap.author == "测试编辑 <editor@example.gov.cn>"
    assert "没有有效的审批记录" in gap.problem().render()


def test_baseline_files_are_exempt_and_new_unapproved_ones_are_not(
    git_repo: Callable[..., GitRepo], keys: tuple[Key, Key]
) -> None:
    repo = site_repo(git_repo, keys[0])
    clean = audit.audit(repo.path, "main")
    assert clean.clean and A in clean.exempt and "reviewers.yml" in clean.exempt
    repo.commit(
        {
            "content/zfb/new.md": article(),
            ".github/workflows/x.yml": "on: push\n",
            "notes.txt": "not published, not the platform's",
        },
        "pushed directly",
    )
    result = audit.audit(repo.path, "main")
    assert [u.path for u in result.uncovered] == [".github/workflows/x.yml", "content/zfb/new.md"]


def _land_with_note(
    repo: GitRepo, key: Key, note: Callable[[str], str] | None = None, signer: Key | None = None
) -> str:
    base, head = open_pr(repo, "feature", {A: article(body="改")})
    decision = approve(repo, base, head, signer or key, pr=7)
    if note is not None:
        text = repo.repo.git.notes("--ref", records.REF, "show", head)
        repo.repo.git.notes("--ref", records.REF, "add", "-f", "-m", note(text), head)
    land(repo, "feature", "merge", 7)
    return decision.head


def test_record_signed_by_another_key_counts_for_nothing(
    git_repo: Callable[..., GitRepo], keys: tuple[Key, Key]
) -> None:
    gate_key, impostor = keys
    repo = site_repo(git_repo, gate_key)
    head = _land_with_note(repo, gate_key, signer=impostor)
    result = audit.audit(repo.path, "main")
    assert [u.path for u in result.uncovered] == [A]
    assert result.rejected == {head: records.BAD_SIGNATURE}


def test_an_impostor_key_in_signers_under_another_principal_does_not_count(
    git_repo: Callable[..., GitRepo], keys: tuple[Key, Key]
) -> None:
    gate_key, impostor = keys
    repo = site_repo(
        git_repo,
        gate_key,
        {"hooks/gate-signers": gate_key.signers() + impostor.signers("someone-else")},
    )
    _land_with_note(repo, gate_key, signer=impostor)
    assert [u.path for u in audit.audit(repo.path, "main").uncovered] == [A]


def test_edited_record_counts_for_nothing(
    git_repo: Callable[..., GitRepo], keys: tuple[Key, Key]
) -> None:
    repo = site_repo(git_repo, keys[0])
    head = _land_with_note(
        repo, keys[0], note=lambda t: t.replace('"login":"dave"', '"login":"mallory"')
    )
    result = audit.audit(repo.path, "main")
    assert [u.path for u in result.uncovered] == [A]
    assert result.rejected == {head: records.BAD_SIGNATURE}


def test_unsigned_record_of_the_old_format_counts_for_nothing(
    git_repo: Callable[..., GitRepo], keys: tuple[Key, Key]
) -> None:
    repo = site_repo(git_repo, keys[0])
    head = _land_with_note(repo, keys[0], note=lambda t: t.split("\n")[0])
    result = audit.audit(repo.path, "main")
    assert [u.path for u in result.uncovered] == [A]
    assert result.rejected == {head: records.UNSIGNED}


def test_record_for_another_tree_does_not_cover_what_landed(
    git_repo: Callable[..., GitRepo], keys: tuple[Key, Key]
) -> None:
    """A genuine record of one version of the PR; a different version is what landed."""
    gate_key = keys[0]
    repo = site_repo(git_repo, gate_key)
    base, head = open_pr(repo, "feature", {A: article(body="审过的版本")})
    approve(repo, base, head, gate_key, pr=7)
    g = repo.repo.git
    g.checkout("feature")
    repo.commit({A: article(body="审后追加的版本")}, "after the approval")
    g.checkout("main")
    land(repo, "feature", "merge", 7)
    result = audit.audit(repo.path, "main")
    assert [u.path for u in result.uncovered] == [A]
    assert result.rejected == {}  # the record is valid, it just is not for this content


def test_missing_signers_file_verifies_nothing(
    git_repo: Callable[..., GitRepo], keys: tuple[Key, Key]
) -> None:
    repo = site_repo(git_repo, keys[0], {"hooks/gate-signers": None})
    _land_with_note(repo, keys[0])
    result = audit.audit(repo.path, "main")
    assert [u.path for u in result.uncovered] == [A] and result.signers_missing
    assert any(signing.SIGNERS_FILE in p.render() for p in audit.problems(result))


def test_record_content(git_repo: Callable[..., GitRepo], keys: tuple[Key, Key]) -> None:
    repo = site_repo(git_repo, keys[0])
    base, head = open_pr(repo, "feature", {A: article(importance="重大", co="fgw")})
    reviews_people = ("alice", "carol", "dave")
    decision = decide(repo, base, head, reviews_people)
    assert not decision.mergeable  # needs the leader and fgw's consent
    from govsite.review import gate
    from govsite.review.reviews import from_json
    from tests.review.helpers import gh, three

    reviews = from_json(
        [*three(head), gh(10, "erin", "APPROVED", head, 10), gh(11, "heidi", "APPROVED", head, 11)]
    )
    decision = gate.decide(repo.path, base, head, "editor", reviews)
    assert decision.mergeable, decision.reasons
    text = records.write(repo.path, decision, keys[0].private, pr=9, author="editor")
    message, signature = records.split(text) or (b"", "")
    data = json.loads(message)
    assert data["files"] == {A: repo.repo.commit(head).tree[A].hexsha}
    assert (data["base"], data["head"], data["pr"]) == (base, head, 9)
    assert data["policy_blob"] == repo.repo.commit(base).tree["reviewers.yml"].hexsha
    assert [(a["unit"], a["level"], a["login"], a["co_issuer"]) for a in data["approvals"]] == [
        ("zfb", "1", "alice", False),
        ("zfb", "2", "carol", False),
        ("zfb", "3", "dave", False),
        ("zfb", "leader", "erin", False),
        ("fgw", "3", "heidi", True),
    ]
    assert data["commits"][0]["sha"] == head and data["commits"][0]["author"].startswith("李编辑")
    assert signing.verify(message, signature, keys[0].signers())
    assert not signing.verify(message + b" ", signature, keys[0].signers())


def test_unmergeable_decision_is_never_recorded(
    git_repo: Callable[..., GitRepo], keys: tuple[Key, Key]
) -> None:
    from govsite.errors import ConfigError

    repo = site_repo(git_repo, keys[0])
    base, head = open_pr(repo, "feature", {A: article(body="改")})
    decision = decide(repo, base, head, ("alice", "carol"))
    with pytest.raises(ConfigError):
        records.write(repo.path, decision, keys[0].private, pr=7, author="editor")
    assert records.load(repo.path, keys[0].signers()).records == []


PLATFORM_HOOKS = {
    "reviewers.yml": POLICY.replace(
        'paths: ["reviewers.yml", ".github/**"]',
        'paths: ["reviewers.yml", ".github/**", "hooks/**"]',
    )
}
PLATFORM = ("ivan", "judy", "mallory")


def test_a_key_pushed_straight_to_main_is_not_trusted(
    git_repo: Callable[..., GitRepo], keys: tuple[Key, Key]
) -> None:
    gate_key, impostor = keys
    repo = site_repo(git_repo, gate_key, PLATFORM_HOOKS)
    repo.commit({"hooks/gate-signers": gate_key.signers() + impostor.signers()}, "add my key")
    _land_with_note(repo, gate_key, signer=impostor)
    result = audit.audit(repo.path, "main")
    assert [u.path for u in result.uncovered] == [A, "hooks/gate-signers"]
    assert audit.trusted_signers(repo.path, "main", None) == gate_key.signers()


def test_a_key_added_through_an_approved_pr_is_trusted(
    git_repo: Callable[..., GitRepo], keys: tuple[Key, Key]
) -> None:
    """Rotation: the old key signs the PR that adds the new one; then the new key counts."""
    old, new = keys
    repo = site_repo(git_repo, old, PLATFORM_HOOKS)
    base, head = open_pr(repo, "rotate", {"hooks/gate-signers": old.signers() + new.signers()})
    approve(repo, base, head, old, pr=5, people=PLATFORM)
    land(repo, "rotate", "squash", 5)
    _land_with_note(repo, old, signer=new)
    result = audit.audit(repo.path, "main")
    assert result.clean, [u.path for u in result.uncovered]
    assert result.covered["hooks/gate-signers"].pr == 5 and result.covered[A].pr == 7


def test_reverting_a_withdrawal_needs_a_new_review(
    git_repo: Callable[..., GitRepo], keys: tuple[Key, Key]
) -> None:
    from govsite.review import gate
    from govsite.review.reviews import from_json
    from tests.review.helpers import gh

    key = keys[0]
    repo = site_repo(git_repo, key)
    approved = article(body="三审通过、后来发现泄露的正文")
    base, head = open_pr(repo, "news", {A: approved})
    approve(repo, base, head, key, pr=7)
    land(repo, "news", "merge", 7)
    withdrawn = approved.replace("---\n正文", "---\n").replace(
        "重要程度: 一般\n", '重要程度: 一般\n撤稿日期: 2026-12-03\n撤稿原因: "泄露"\n'
    )
    withdrawn = withdrawn.replace("三审通过、后来发现泄露的正文", "本信息已撤销。")
    base, head = open_pr(repo, "withdraw", {A: withdrawn})
    decision = gate.decide(
        repo.path, base, head, "editor", from_json([gh(30, "dave", "APPROVED", head, 30)])
    )
    assert decision.mergeable and decision.withdrawal, decision.reasons
    records.write(repo.path, decision, key.private, pr=8, author="editor")
    land(repo, "withdraw", "merge", 8)
    assert audit.audit(repo.path, "main").covered[A].pr == 8

    repo.commit({A: approved}, "revert the withdrawal straight on main")
    result = audit.audit(repo.path, "main")
    assert [u.path for u in result.uncovered] == [A]  # the old approval predates the withdrawal
