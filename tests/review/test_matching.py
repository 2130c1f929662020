"""Pure matching of people to levels: distinct people, optional time order."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from govsite.review.matching import Candidate, assign, search

SLOTS = ["1", "2", "3"]


def c(login: str, minute: int) -> Candidate:
    return Candidate(login, datetime(2026, 3, 1, 8, minute, tzinfo=UTC), minute)


@pytest.mark.parametrize(
    ("pools", "ordered", "expected"),
    [
        ({"1": [c("a", 1)], "2": [c("b", 2)], "3": [c("d", 3)]}, True, ["a", "b", "d"]),
        # bob is at levels 1 and 2; he may fill only one of them
        ({"1": [c("bob", 1)], "2": [c("bob", 1)], "3": [c("d", 3)]}, False, None),
        (
            {"1": [c("bob", 1), c("a", 2)], "2": [c("bob", 1)], "3": [c("d", 3)]},
            False,
            ["a", "bob", "d"],
        ),
        # ordered: level 2 before level 1 does not count, unordered it does
        ({"1": [c("a", 5)], "2": [c("b", 2)], "3": [c("d", 9)]}, True, None),
        ({"1": [c("a", 5)], "2": [c("b", 2)], "3": [c("d", 9)]}, False, ["a", "b", "d"]),
        # ordered, but a second level-1 candidate makes the order work
        ({"1": [c("a", 5), c("e", 1)], "2": [c("b", 2)], "3": [c("d", 9)]}, True, ["e", "b", "d"]),
        ({"1": [c("a", 1)], "2": [], "3": [c("d", 3)]}, True, None),
        # same minute is not "later"
        ({"1": [c("a", 1)], "2": [c("b", 1)], "3": [c("d", 3)]}, True, None),
    ],
)
def test_assign(
    pools: dict[str, list[Candidate]], ordered: bool, expected: list[str] | None
) -> None:
    got = assign(SLOTS, pools, SLOTS if ordered else [])
    assert (None if got is None else [got[s].login for s in SLOTS]) == expected


def test_leader_is_a_fourth_person() -> None:
    pools = {"1": [c("a", 1)], "2": [c("b", 2)], "3": [c("erin", 3)], "leader": [c("erin", 3)]}
    assert assign([*SLOTS, "leader"], pools, SLOTS) is None
    pools["3"].append(c("d", 4))
    got = assign([*SLOTS, "leader"], pools, SLOTS)
    assert got is not None and got["3"].login == "d" and got["leader"].login == "erin"


def test_partial_never_fills_a_level_above_a_gap() -> None:
    pools = {"2": [c("b", 2)], "3": [c("d", 3)]}
    assert search(SLOTS, pools, SLOTS) == {}
    assert set(search(SLOTS, pools, [])) == {"2", "3"}


def test_one_search_gives_the_full_assignment_first() -> None:
    # the first full assignment in the candidates' order, not merely some full one
    pools = {"1": [c("a", 1), c("e", 2)], "2": [c("b", 3)], "3": [c("d", 4), c("f", 5)]}
    got = search(SLOTS, pools, SLOTS)
    assert [got[s].login for s in SLOTS] == ["a", "b", "d"]
    assert assign(SLOTS, pools, SLOTS) == got
