"""Which health findings stop a release (pure).

Blocking the whole county's publish cannot fix a problem that is already online, and
it would hold back the very release that removes a leak. So a failing finding (veto
or error) blocks a release only when the release introduces it: the release online,
checked the same day, does not have a finding of the same rule on the same file (or
site-wide, for rules without a file). A release
that only removes or corrects content (no file added since the release online)
always goes out; its findings are reported, not blocking. The first release of a
site, or one after a release whose commit is unknown or whose files were changed on
the server, is judged in full.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from govsite.errors import Problem
from govsite.health.findings import FAILING, Finding

Key = tuple[str, str]  # (rule, path or "")


def key(finding: Finding) -> Key:
    return (finding.rule, finding.path or "")


def keys(findings: Iterable[Finding]) -> list[list[str]]:
    """What a release records of its findings (every level: a warning today is tomorrow's
    error on the same file, and still not introduced by a later release)."""
    return [list(k) for k in sorted({key(f) for f in findings})]


@dataclass(frozen=True)
class Owner:
    title: str
    unit: str  # the unit's name (责任单位)


@dataclass
class Verdict:
    blocking: list[Finding] = field(default_factory=list)
    tolerated: list[Finding] = field(default_factory=list)
    reason: str = ""  # why the tolerated ones do not block


def judge(
    findings: Sequence[Finding], live: Iterable[Sequence[str]] | None, removes_or_corrects: bool
) -> Verdict:
    failing = [f for f in findings if f.level in FAILING]
    if live is None:
        return Verdict(blocking=failing)
    if removes_or_corrects:
        return Verdict(tolerated=failing, reason="本次发布只删除或更正内容，总是发布")
    online = {(str(k[0]), str(k[1])) for k in live if len(k) == 2}
    verdict = Verdict(reason="线上版本已有同样的问题，不是本次发布带来的")
    for f in failing:
        (verdict.tolerated if key(f) in online else verdict.blocking).append(f)
    return verdict


def problem(finding: Finding, owners: Mapping[str, Owner], prefix: str) -> Problem:
    """The finding as a Problem naming the article and its 责任单位 where it has one.

    ``owners`` maps both an article's source path and its page path to it."""
    who = owners.get(finding.path or "")
    where = f"《{who.title}》（责任单位：{who.unit}）" if who else ""
    return Problem(f"{prefix}{where}{finding.render()}")
