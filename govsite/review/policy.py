"""The gate's decision: policy + changed paths + front-matter facts + reviews -> Decision.

Pure: no git, no HTTP. ``changes.collect`` gathers the facts, ``reviews`` the
verdicts. The Decision explains itself per unit and level (who approved, who
could still approve, why not) so a reviewer never has to guess.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from govsite.config.reviewers import ReviewPolicy, Unit
from govsite.review.matching import Candidate, search
from govsite.review.reviews import APPROVED, CHANGES_REQUESTED, Review, standing

LEVEL_NAMES = {
    "1": "一审（信息员）",
    "2": "二审（分管负责人）",
    "3": "三审（主要负责人签发）",
    "leader": "政府领导签发（重大）",
    "withdraw": "撤稿批准（一人）",
}


@dataclass(frozen=True)
class ArticleFacts:
    """What the gate reads from one side (base or head) of a changed Markdown file."""

    path: str
    major: bool = False  # 重要程度: 重大
    co_issuers: tuple[str, ...] = ()  # 联合发文单位
    error: str | None = None  # front matter unreadable: fail closed
    withdrawn: bool = False  # 撤稿日期 set
    attachments: tuple[str, ...] = ()  # 附件 (file names beside the article)


@dataclass(frozen=True)
class Facts:
    policy: ReviewPolicy
    policy_blob: str  # blob id of reviewers.yml on the base commit
    changed: tuple[str, ...]
    articles: tuple[ArticleFacts, ...]
    head: str
    head_tree: str
    trees: dict[str, str | None]  # review commit id -> its tree id, None if not in the repo
    base: str = ""
    # path -> blob id at the head (None: deleted): what an approval record binds to
    blobs: dict[str, str | None] = field(default_factory=dict)
    commits: tuple[dict[str, str], ...] = ()  # the PR's commits (sha, author, time, subject)
    withdrawal: bool = False  # the PR only withdraws articles (撤稿): one approval suffices


@dataclass
class Level:
    level: str
    name: str
    approved_by: str | None = None
    review_id: int | None = None
    submitted_at: str | None = None
    could_approve: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.approved_by is not None


@dataclass
class UnitStatus:
    unit: str
    name: str
    why: list[str]  # why this unit is involved
    levels: list[Level]
    co_issuer: bool = False  # involved only as a 联合发文单位 (its 三审 consent)

    @property
    def ok(self) -> bool:
        return all(level.ok for level in self.levels)


@dataclass
class Decision:
    mergeable: bool
    units: list[UnitStatus]
    reasons: list[str]
    notes: list[str]  # approvals not counted and why (for the table)
    head: str
    head_tree: str
    policy_blob: str
    base: str = ""
    blobs: dict[str, str | None] = field(default_factory=dict)
    commits: tuple[dict[str, str], ...] = ()
    withdrawal: bool = False

    def to_json(self) -> dict[str, Any]:
        return {
            "mergeable": self.mergeable,
            "withdrawal": self.withdrawal,
            "head": self.head,
            "head_tree": self.head_tree,
            "policy_blob": self.policy_blob,
            "reasons": self.reasons,
            "notes": self.notes,
            "units": [
                {
                    "unit": u.unit,
                    "name": u.name,
                    "ok": u.ok,
                    "involved_because": u.why,
                    "levels": [
                        {
                            "level": lv.level,
                            "name": lv.name,
                            "ok": lv.ok,
                            "approved_by": lv.approved_by,
                            "review_id": lv.review_id,
                            "submitted_at": lv.submitted_at,
                            "could_approve": lv.could_approve,
                        }
                        for lv in u.levels
                    ],
                }
                for u in self.units
            ],
        }


@dataclass
class _Involvement:
    """Rule 2 (and REV-08): which units a change involves, and why."""

    involved: dict[str, list[str]] = field(default_factory=dict)  # unit -> why (三审)
    co_only: dict[str, list[str]] = field(default_factory=dict)  # unit -> why (联合发文 only)
    major: dict[str, list[str]] = field(default_factory=dict)  # unit -> why (重大: + leader)


def evaluate(facts: Facts, author: str, reviews: Iterable[Review]) -> Decision:
    """The gate's decision: each rule a step below, all of their reasons reported."""
    reasons: list[str] = []
    notes: list[str] = []
    author_key = author.lower()
    who = _involvement(facts, reasons)
    current = standing(reviews)
    valid = _counted_approvals(facts, current, author_key, notes)
    _change_requests(facts.policy, who, current, author_key, reasons)
    units = _statuses(facts, who, valid, author_key, reasons)
    return Decision(
        mergeable=not reasons and all(u.ok for u in units),
        units=units,
        reasons=reasons,
        notes=notes,
        head=facts.head,
        head_tree=facts.head_tree,
        policy_blob=facts.policy_blob,
        base=facts.base,
        blobs=dict(facts.blobs),
        commits=facts.commits,
        withdrawal=facts.withdrawal,
    )


def _involvement(facts: Facts, reasons: list[str]) -> _Involvement:
    policy = facts.policy
    who = _Involvement()
    for path in facts.changed:
        unit = policy.owner_of(path)
        if unit is None:
            reasons.append(
                f"{path}：没有单位负责这个路径，不能合并。"
                "修改方法：平台单位在 reviewers.yml 中为它指定单位"
            )
        else:
            who.involved.setdefault(unit.id, []).append(f"修改了 {path}")
    for art in facts.articles:
        if art.error:
            reasons.append(
                f"{art.path}：元数据无法读取（{art.error}），门禁无法判断重要程度和"
                "联合发文单位，不能合并。修改方法：先修正元数据"
            )
            continue
        owner = policy.owner_of(art.path)
        if art.major and owner is not None:
            who.major.setdefault(owner.id, []).append(f"{art.path} 重要程度为重大")
        for co in art.co_issuers:
            if co not in policy.units:
                reasons.append(
                    f"{art.path}：联合发文单位“{co}”不在 reviewers.yml 中，不能合并。"
                    "修改方法：写 reviewers.yml 中的单位编号"
                )
            elif co not in who.involved:
                who.co_only.setdefault(co, []).append(f"{art.path} 列为联合发文单位")
    for co in list(who.co_only):
        if co in who.involved:
            who.involved[co].extend(who.co_only.pop(co))
    if not facts.changed:
        reasons.append("这个合并请求没有修改任何文件")
    return who


def _counted_approvals(
    facts: Facts, current: dict[str, Review], author_key: str, notes: list[str]
) -> dict[str, Review]:
    """Rules 4, 5, 6, 10: which approvals count at all."""
    valid: dict[str, Review] = {}
    for key, review in current.items():
        if review.state != APPROVED:
            continue
        if key == author_key:
            notes.append(f"{review.login} 是合并请求的作者，本人的批准不计入")
            continue
        tree = facts.trees.get(review.commit_id)
        if review.commit_id == facts.head or (tree is not None and tree == facts.head_tree):
            valid[key] = review
        elif review.commit_id and review.commit_id in facts.trees and tree is None:
            notes.append(
                f"{review.login} 批准的提交 {review.commit_id[:10]} 在仓库中找不到，"
                "无法确认内容未变，不计入；请在最新提交上重新批准"
            )
        else:
            notes.append(
                f"{review.login} 批准的是旧版本 {review.commit_id[:10]}，之后内容有改动，"
                "不计入；请在最新提交上重新批准"
            )
    return valid


def _change_requests(
    policy: ReviewPolicy,
    who: _Involvement,
    current: dict[str, Review],
    author_key: str,
    reasons: list[str],
) -> None:
    """Rule 8: an outstanding change request blocks."""
    watchers = {
        p.lower()
        for uid in list(who.involved) + list(who.co_only)
        for p in policy.units[uid].people()
    } | {p.lower() for p in policy.leaders}
    for key, review in sorted(current.items()):
        if review.state == CHANGES_REQUESTED and key in watchers and key != author_key:
            reasons.append(
                f"{review.login} 要求修改（审核记录 {review.id}），"
                "须按意见修改后由其重新批准，不能合并"
            )


def _statuses(
    facts: Facts,
    who: _Involvement,
    valid: dict[str, Review],
    author_key: str,
    reasons: list[str],
) -> list[UnitStatus]:
    policy = facts.policy
    if facts.withdrawal:
        # 撤稿 (SEC-16): an article must come down within hours, so one approval from the
        # people reviewers.yml names for it (default: the unit's 三审 or the platform unit).
        return [
            _withdraw_status(policy.units[uid], why, policy, valid, author_key, reasons)
            for uid, why in who.involved.items()
        ]
    units: list[UnitStatus] = []
    for uid, why in who.involved.items():
        slots = ["1", "2", "3"] + (["leader"] if uid in who.major else [])
        units.append(
            _unit_status(
                policy.units[uid],
                slots,
                why + who.major.get(uid, []),
                policy,
                valid,
                author_key,
                reasons,
            )
        )
    for uid, why in who.co_only.items():
        status = _unit_status(policy.units[uid], ["3"], why, policy, valid, author_key, reasons)
        status.co_issuer = True
        units.append(status)
    return units


def _unit_status(
    unit: Unit,
    slots: list[str],
    why: list[str],
    policy: ReviewPolicy,
    valid: dict[str, Review],
    author_key: str,
    reasons: list[str],
) -> UnitStatus:
    listed = {
        slot: [
            p
            for p in (policy.leaders if slot == "leader" else unit.reviewers.get(int(slot), ()))
            if p.lower() != author_key
        ]
        for slot in slots
    }
    candidates = {
        slot: [
            Candidate(valid[p.lower()].login, valid[p.lower()].submitted_at, valid[p.lower()].id)
            for p in people
            if p.lower() in valid
        ]
        for slot, people in listed.items()
    }
    order = [s for s in ("1", "2", "3") if s in slots] if policy.ordered else []
    chosen = search(slots, candidates, order)  # complete when every slot is filled
    used = {c.login.lower() for c in chosen.values()}
    levels = []
    for slot in slots:
        c = chosen.get(slot)
        levels.append(
            Level(
                level=slot,
                name=LEVEL_NAMES[slot],
                approved_by=c.login if c else None,
                review_id=c.review_id if c else None,
                submitted_at=c.time.isoformat() if c else None,
                could_approve=[] if c else [p for p in listed[slot] if p.lower() not in used],
            )
        )
        if c is None:
            who = "、".join(listed[slot]) or "（无人可批准：作者本人不能审核自己的提交）"
            order_note = "（按顺序审核：须在下一级之前、上一级之后批准）" if order else ""
            reasons.append(
                f"{unit.name}（{unit.id}）缺少{LEVEL_NAMES[slot]}的批准，"
                f"可由 {who} 批准{order_note}"
            )
    return UnitStatus(unit=unit.id, name=unit.name, why=why, levels=levels)


def _withdraw_status(
    unit: Unit,
    why: list[str],
    policy: ReviewPolicy,
    valid: dict[str, Review],
    author_key: str,
    reasons: list[str],
) -> UnitStatus:
    people = [p for p in policy.withdrawal_approvers(unit) if p.lower() != author_key]
    approved = sorted(
        (valid[p.lower()] for p in people if p.lower() in valid),
        key=lambda r: (r.submitted_at, r.id),
    )
    first = approved[0] if approved else None
    level = Level(
        level="withdraw",
        name=LEVEL_NAMES["withdraw"],
        approved_by=first.login if first else None,
        review_id=first.id if first else None,
        submitted_at=first.submitted_at.isoformat() if first else None,
        could_approve=[] if first else people,
    )
    if first is None:
        reasons.append(
            f"{unit.name}（{unit.id}）的撤稿缺少批准，可由 "
            f"{'、'.join(people) or '（无人）'} 中任一人批准"
        )
    return UnitStatus(unit=unit.id, name=unit.name, why=why, levels=[level])
