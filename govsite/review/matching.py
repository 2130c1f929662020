"""Fill review levels with different people (rule 3), optionally in time order (rule 7).

A person listed at two levels may fill only one. The slots are few (levels 1-3,
plus a leader for 重大 content) and the candidates per slot a handful, so an
exhaustive search over one person per slot is exact and cheap; it also handles
the time-order constraint that a plain bipartite matching algorithm cannot.
One search gives both answers: the largest consistent assignment is complete
exactly when every slot can be filled.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from itertools import product


@dataclass(frozen=True)
class Candidate:
    login: str
    time: datetime
    review_id: int


def search(
    slots: Sequence[str],
    candidates: Mapping[str, Sequence[Candidate]],
    ordered: Sequence[str] = (),
) -> dict[str, Candidate]:
    """The largest consistent assignment of distinct people to slots (complete if possible).

    ``ordered`` lists the slots whose approvals must be strictly later than the
    slot before them in that list (e.g. levels "1", "2", "3"). Each pool ends with
    "nobody", so the product meets full assignments first, in the candidates' order.
    """
    pools: list[list[Candidate | None]] = [[*candidates.get(slot, ()), None] for slot in slots]
    best: dict[str, Candidate] = {}
    for combo in product(*pools):
        chosen = {slot: c for slot, c in zip(slots, combo, strict=True) if c is not None}
        if len(chosen) <= len(best):
            continue
        logins = [c.login.lower() for c in chosen.values()]
        if len(logins) != len(set(logins)) or not _in_order(chosen, ordered):
            continue
        best = chosen
        if len(best) == len(slots):
            break
    return best


def assign(
    slots: Sequence[str],
    candidates: Mapping[str, Sequence[Candidate]],
    ordered: Sequence[str] = (),
) -> dict[str, Candidate] | None:
    """One distinct person per slot, or None."""
    chosen = search(slots, candidates, ordered)
    return chosen if len(chosen) == len(slots) else None


def _in_order(chosen: Mapping[str, Candidate], ordered: Sequence[str]) -> bool:
    previous: Candidate | None = None
    for slot in ordered:
        current = chosen.get(slot)
        if current is None:
            # a gap: a later level cannot count before the lower one is filled
            if any(chosen.get(s) for s in ordered[ordered.index(slot) + 1 :]):
                return False
            return True
        if previous is not None and not current.time > previous.time:
            return False
        previous = current
    return True
