"""SEC-15: the daily re-scan of everything already published, with today's rules.

Dictionaries and readers change, so a page or attachment that passed when it was
committed can fail now. ``govsite check --all`` (cached by file digest) runs over the
site; the 保密审查 findings (pii, secret, ad, attach) in published articles and their
attachments are reported: errors at veto level (单项否决), warnings as warnings.
三校 (format.*) findings are the commit checks' business, not the nightly report's.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from govsite.checks.base import Finding as CheckFinding
from govsite.checks.whole import check_all
from govsite.health.findings import VETO, WARN, Finding
from govsite.model.article import Article

SECURITY = ("pii.", "secret.", "ad.", "attach.")


def published_files(articles: Iterable[Article]) -> set[str]:
    """Site paths of published articles and of the attachments they list."""
    out: set[str] = set()
    for a in articles:
        out.add(a.path)
        folder = a.path.rsplit("/", 1)[0]
        out.update(f"{folder}/{name}" for name in a.attachments)
    return out


def to_health(findings: Iterable[CheckFinding], published: set[str]) -> list[Finding]:
    """Pure: check findings -> SEC-15 report findings for the published files."""
    out = []
    for f in findings:
        if f.path not in published or not f.rule.startswith(SECURITY):
            continue
        out.append(
            Finding(
                "SEC-15",
                VETO if f.is_error else WARN,
                f"已发布的内容中：{f.message}（{f.rule}）",
                path=f.where,
                line=f.line if not f.location else None,
                fix=(f.fix + "；" if f.fix else "")
                + "已公开的须立即撤下或替换，并按规定登记、报告（SEC-16）",
            )
        )
    return out


def scan_published(root: Path, live: list[Article]) -> list[Finding]:
    findings = check_all(root).findings
    # Each unit's 机构概况.yml is published as its 机构概况 page whatever the articles say.
    profiles = {f.path for f in findings if f.path.endswith("/机构概况.yml")}
    return to_health(findings, published_files(live) | profiles)
