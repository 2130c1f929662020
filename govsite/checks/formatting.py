"""format.front-matter, format.index-no and format.doc-no from the article model.

The schema is the site issue's (``govsite.model.article``): this module only
maps its problems to rule ids, and adds 索引号 uniqueness across the repository
through ``govsite.model.references.link``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from govsite.checks.base import Finding
from govsite.config.reviewers import ReviewPolicy
from govsite.config.site import SiteConfig
from govsite.errors import Problem
from govsite.model.article import Article, parse_article, parse_page
from govsite.model.references import link

_KEY_RULES = {"索引号": "format.index-no", "发文字号": "format.doc-no"}
_NOT_PUBLIC = ("不予公开", "免予公开")


def _finding(p: Problem, path: str) -> Finding:
    rule = _KEY_RULES.get(p.key or "", "format.front-matter")
    if p.key == "索引号" and "重复" in p.message:
        rule = "format.index-no"
    return Finding(rule, path, p.line or 1, 1, p.message, p.fix or "", key=p.key)


def front_matter(text: str, display: str, rel: str, *, site: SiteConfig,
                 policy: ReviewPolicy) -> tuple[list[Finding], Article | None]:
    """Findings for one Markdown file under content/; ``rel`` is site-relative."""
    parts = rel.split("/")
    if len(parts) >= 3 and parts[1] == "pages":
        _, problems = parse_page(text, display)
        return [_finding(p, display) for p in problems], None
    if len(parts) < 3:
        return [], None
    unit = policy.units.get(parts[1])
    if unit is None:
        return [Finding("format.front-matter", display, 1, 1,
                        f"content/{parts[1]}/ 不属于任何单位",
                        f"在 reviewers.yml 的 units 下添加单位“{parts[1]}”，"
                        "或把文件移到已有单位的目录")
                ], None
    article, problems = parse_article(text, display, unit=unit, site=site, units=policy.units)
    out = [_finding(p, display) for p in problems
           if not (p.key == "公开方式" and any(w in p.message for w in _NOT_PUBLIC))]
    return out, article


def unique_index(checked: Mapping[str, Article], others: Mapping[str, str]) -> list[Finding]:
    """索引号 duplicates between the checked articles (display path -> Article) and every
    other article of the site (site path -> 索引号), reported on the checked file."""
    stubs = [Article(path=p, unit="", stem="", title="", published=datetime.min, columns=(),
                     issuer="", index_no=idx) for p, idx in others.items()]
    by_path = dict(checked)
    _, problems = link([*by_path.values(), *stubs])
    out = []
    for p in problems:
        if p.path in by_path:
            out.append(_finding(p, p.path))
        elif p.key == "索引号" and p.path is not None:
            # Reported on the other file; say it on the checked one instead.
            other = p.message.removeprefix("索引号与 ").removesuffix(" 重复")
            if other in by_path:
                art = by_path[other]
                out.append(Finding("format.index-no", other, art.line_of("索引号"), 1,
                                   f"索引号与 {p.path} 重复", p.fix or "", key="索引号"))
    return out
