"""format.front-matter, format.index-no and format.doc-no: the model's problems as findings.

The schema is the model's (``govsite.model.article``, reached through
``govsite.library.check_article``, the same core ``govsite build`` uses). Each
Problem carries its rule id from where it was made; this module only changes
its shape, and adds 索引号 uniqueness across the repository through
``govsite.model.references.link``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from govsite.checks.base import RULES, Finding
from govsite.errors import Problem
from govsite.model.article import RULE, Article
from govsite.model.references import link


def finding(p: Problem, path: str) -> Finding:
    rule = p.rule if p.rule in RULES else RULE
    return Finding(rule, p.path or path, p.line or 1, 1, p.message, p.fix or "", key=p.key)


def unique_index(checked: Mapping[str, Article], others: Mapping[str, str]) -> list[Finding]:
    """索引号 duplicates between the checked articles (display path -> Article) and every
    other article of the site (site path -> 索引号), reported on the checked file."""
    stubs = [
        Article(
            path=p,
            unit="",
            stem="",
            title="",
            published=datetime.min,
            columns=(),
            issuer="",
            index_no=idx,
        )
        for p, idx in others.items()
    ]
    by_path = dict(checked)
    _, problems = link([*by_path.values(), *stubs])
    out = []
    for p in problems:
        if p.path in by_path:
            out.append(finding(p, p.path))
        elif p.other is not None and p.other in by_path and p.path is not None:
            # Reported on the other file; say it on the checked one instead.
            art = by_path[p.other]
            out.append(
                finding(
                    Problem(
                        f"索引号与 {p.path} 重复",
                        path=p.other,
                        line=art.line_of("索引号"),
                        key="索引号",
                        fix=p.fix,
                        rule=p.rule,
                        other=p.path,
                    ),
                    p.other,
                )
            )
    return out
