"""Suppressions: ``<!-- govsite: allow RULE 理由 -->`` on the line before, and the reviewed
exceptions of hooks/allowlist.yml (keyed by the value's hash, never the value).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from govsite.checks.base import RULES, Finding
from govsite.checks.wordlists import AllowEntry

# What the page never shows whatever a comment says (govsite.markup): no exceptions.
UNSUPPRESSIBLE = frozenset(
    {"format.raw-html", "format.unsafe-link", "format.attr-list", "format.file-type"}
)
_ALLOW = re.compile(r"<!--\s*govsite\s*:\s*allow\b(?P<rest>.*?)-->")


@dataclass(frozen=True)
class Allow:
    line: int  # the line the suppression applies to
    rule: str


def _matches(rule: str, pattern: str) -> bool:
    return rule == pattern or rule.startswith(pattern.rstrip("*").rstrip(".") + ".")


def parse(text: str, path: str) -> tuple[list[Allow], list[Finding]]:
    allows: list[Allow] = []
    problems: list[Finding] = []
    if "govsite" not in text:
        return allows, problems
    for number, line in enumerate(text.split("\n"), 1):
        m = _ALLOW.search(line)
        if m is None:
            continue
        words = m["rest"].split(None, 1)
        column = m.start() + 1
        if not words:
            problems.append(
                Finding(
                    "suppress.invalid",
                    path,
                    number,
                    column,
                    "豁免注释没有写规则编号和理由",
                    "写成 <!-- govsite: allow pii.mobile 理由 -->",
                )
            )
            continue
        rule, reason = words[0], (words[1].strip() if len(words) > 1 else "")
        if not any(_matches(r, rule) for r in RULES):
            problems.append(
                Finding(
                    "suppress.invalid",
                    path,
                    number,
                    column,
                    f"豁免注释中的规则“{rule}”不存在",
                    "规则编号见 docs/保密审查与三校.md，如 pii.mobile",
                )
            )
        elif rule in UNSUPPRESSIBLE:
            problems.append(
                Finding(
                    "suppress.invalid",
                    path,
                    number,
                    column,
                    f"规则“{rule}”涉及网页安全，不能豁免（网页上总会删除这些内容）",
                    "删除这条豁免注释，按该规则的修改方法改正文",
                )
            )
        elif not reason:
            problems.append(
                Finding(
                    "suppress.invalid",
                    path,
                    number,
                    column,
                    f"豁免“{rule}”没有写理由",
                    f"写成 <!-- govsite: allow {rule} 理由 -->，理由说明为何可以公开",
                )
            )
        else:
            allows.append(Allow(number + 1, rule))
    return allows, problems


def apply_inline(findings: list[Finding], allows: list[Allow]) -> list[Finding]:
    if not allows:
        return findings
    return [
        f
        for f in findings
        if f.location is not None
        or not any(a.line == f.line and _matches(f.rule, a.rule) for a in allows)
    ]


def apply_allowlist(
    findings: list[Finding], entries: tuple[AllowEntry, ...], site_path: dict[str, str]
) -> list[Finding]:
    """Drop findings whose value hash is on the reviewed list; ``site_path`` maps display
    paths to site-relative ones for the entries' path patterns."""
    if not entries:
        return findings
    from govsite.config.reviewers import path_matches

    out = []
    for f in findings:
        digest = f.fingerprint
        rel = site_path.get(f.path, f.path)
        if digest and any(
            e.sha256 == digest
            and _matches(f.rule, e.rule)
            and (not e.paths or any(path_matches(rel, p) for p in e.paths))
            for e in entries
        ):
            continue
        out.append(f)
    return out
