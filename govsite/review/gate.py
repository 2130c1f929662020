"""Evaluate a PR and tell people: text for a terminal, Markdown for the PR and job summary."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from govsite.review.changes import collect
from govsite.review.forges.base import Forge
from govsite.review.policy import Decision, evaluate
from govsite.review.reviews import Review

MARKER = "<!-- govsite-review-gate -->"


def decide(repo: Path, base: str, head: str, author: str, reviews: list[Review]) -> Decision:
    facts = collect(repo, base, head, [r.commit_id for r in reviews])
    return evaluate(facts, author, reviews)


def summary(decision: Decision) -> str:
    if decision.mergeable:
        return "三审齐全，可以合并"
    first = decision.reasons[0] if decision.reasons else "审核未完成"
    return f"不能合并：{first}"


def render_text(decision: Decision) -> str:
    lines = ["结论：可以合并" if decision.mergeable else "结论：不能合并"]
    for unit in decision.units:
        why = "；".join(unit.why[:5])
        if len(unit.why) > 5:  # a large PR would otherwise bury the verdict
            why += f" 等 {len(unit.why)} 项"
        lines.append(f"{unit.name}（{unit.unit}）：{why}")
        for lv in unit.levels:
            state = (
                f"已批准：{lv.approved_by}"
                if lv.ok
                else f"待批准，可由 {'、'.join(lv.could_approve) or '（无人）'} 批准"
            )
            lines.append(f"  {lv.name}：{state}")
    lines += [f"原因：{r}" for r in decision.reasons]
    lines += [f"说明：{n}" for n in decision.notes]
    return "\n".join(lines)


def render_markdown(decision: Decision, context: str) -> str:
    head = "✅ 三审齐全，可以合并" if decision.mergeable else "❌ 不能合并"
    out = [
        MARKER,
        f"### {context}：{head}",
        "",
        "| 单位 | 审核级别 | 状态 | 已批准 | 还可由谁批准 |",
        "|---|---|---|---|---|",
    ]
    for unit in decision.units:
        for lv in unit.levels:
            out.append(
                f"| {unit.name}（{unit.unit}） | {lv.name} | "
                f"{'✅' if lv.ok else '⏳'} | {lv.approved_by or ''} | "
                f"{'、'.join(lv.could_approve)} |"
            )
    if decision.reasons:
        out += ["", "**不能合并的原因：**", *[f"- {r}" for r in decision.reasons]]
    if decision.notes:
        out += ["", "**未计入的审核：**", *[f"- {n}" for n in decision.notes]]
    out += [
        "",
        f"判断依据：提交 `{decision.head[:10]}`，reviewers.yml（目标分支）"
        f" `{decision.policy_blob[:10]}`。",
    ]
    return "\n".join(out)


def render_json(decision: Decision) -> str:
    return json.dumps(decision.to_json(), ensure_ascii=False, indent=2)


def check(
    forge: Forge,
    number: int,
    repo: Path,
    base: str,
    head: str,
    author: str,
    context: str,
    summary_path: Path | None,
    record: Callable[[Decision], object] | None = None,
) -> Decision:
    """The CI flow: pending -> evaluate -> (signed record) -> success/failure + table + comment.

    ``record`` runs for a mergeable decision before the status turns green: a gate
    that cannot sign its record does not pass. Any error propagates after a
    best-effort attempt to mark the status as failure.
    """
    forge.set_status(head, "pending", context, "三审门禁检查中")
    try:
        reviews = forge.reviews(number)
        decision = decide(repo, base, head, author, reviews)
        if decision.mergeable and record is not None:
            record(decision)
    except Exception as exc:
        description = getattr(exc, "problems", None)
        text = description[0].message if description else "门禁检查出错"
        try:
            forge.set_status(head, "failure", context, f"门禁出错，不能合并：{text}")
        except Exception:  # the original error says more than a failed status update
            pass
        raise
    body = render_markdown(decision, context)
    if summary_path is not None:
        with summary_path.open("a", encoding="utf-8") as fh:
            fh.write(body + "\n")
    forge.upsert_comment(number, MARKER, body)
    forge.set_status(
        head, "success" if decision.mergeable else "failure", context, summary(decision)
    )
    return decision
