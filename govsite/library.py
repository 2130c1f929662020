"""Read the whole content library from disk (the one adapter between files and the model).

``load_library`` never stops at the first problem: it returns every article
it could read and every problem found, so ``govsite build`` and ``govsite
check`` report all of them in one pass.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from pathlib import Path

from govsite import clock, files
from govsite.config import reviewers as reviewers_config
from govsite.config import site as site_config
from govsite.config.limits import DEFAULT, Limits
from govsite.config.limits import load as load_limits
from govsite.config.reviewers import ReviewPolicy
from govsite.config.site import SiteConfig
from govsite.errors import ContentError, Problem
from govsite.model import frontmatter
from govsite.model.article import RULE, Article, Page, Parsed, read_article, read_page
from govsite.model.normative import repeal_consistency
from govsite.model.references import Links, link
from govsite.model.rules import Rules
from govsite.parse_cache import ParseCache, file_digest

CONTENT = "content"
PAGES = "pages"


@dataclass
class Library:
    root: Path
    site: SiteConfig
    policy: ReviewPolicy
    articles: list[Article] = field(default_factory=list)
    pages: list[Page] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    links: Links | None = None

    def raise_if_problems(self) -> None:
        if self.problems:
            raise ContentError(*self.problems)


def load_config(root: Path) -> tuple[SiteConfig, ReviewPolicy]:
    site = site_config.load(root)
    policy = reviewers_config.load(root / "reviewers.yml")
    return site, policy


def article_files(root: Path) -> list[Path]:
    """Every .md under content/<unit>/ (not content/pages/), sorted by path. Regular
    files only: links, FIFOs and devices are never listed (govsite.files)."""
    content = root / CONTENT
    found: list[str] = []
    for unit in sorted(os.listdir(content)) if content.is_dir() else []:
        top = os.path.join(content, unit)
        if unit == PAGES or os.path.islink(top) or not os.path.isdir(top):
            continue
        regular, _refused = files.walk(top)  # strings: 10,000 files, not Path objects
        found += [p for p in regular if p.endswith(".md")]
    return [Path(p) for p in sorted(found, key=lambda p: p.split(os.sep))]  # as Path sorts


# 公开日期 is Beijing time; one day of grace for a 公开日期 written ahead of the merge.
FUTURE_GRACE = timedelta(days=1)


def check_article(
    path: Path,
    rel: str,
    data: bytes,
    *,
    site: SiteConfig,
    policy: ReviewPolicy,
    limits: Limits = DEFAULT,
    display: str | None = None,
    cache: ParseCache | None = None,
    now: datetime | None = None,
    rules: Rules | None = None,
    known: object = None,
) -> Parsed:
    """One article file, as build, check, the gate and the nightly read it.

    ``rel`` is site-relative (content/<unit>/…); problems name ``display`` (the path as
    the user gave it; default ``rel``). The pure part (``model.article.read_article``)
    may come from the parse cache; what depends on other files or on today
    (attachments present, 公开日期 not in the future) is checked every time.
    ``rules``: ``site.rules(policy.units)``, passed by callers that read many files.
    ``known``: the cached parse of a file not changed since (``ParseCache.unchanged``;
    ``data`` is then not looked at)."""
    display = display or rel
    parts = rel.split("/")
    unit = policy.units.get(parts[1]) if len(parts) >= 3 else None
    if unit is None:
        return Parsed(
            None,
            [
                Problem(
                    f"content/{parts[1] if len(parts) > 1 else ''}/ 不属于任何单位",
                    path=display,
                    line=1,
                    rule=RULE,
                    fix=f"在 reviewers.yml 的 units 下添加单位“{parts[1]}”，"
                    "或把文件移到已有单位的目录"
                    if len(parts) > 1
                    else "把文章放到单位目录下",
                )
            ],
        )
    parsed = known if isinstance(known, Parsed) else None
    digest = file_digest(data) if cache is not None and parsed is None else ""
    if parsed is None and cache is not None:
        parsed = cache.get(rel, digest)
    if not isinstance(parsed, Parsed):
        parsed = read_article(
            data,
            display,
            unit=unit,
            rules=rules or site.rules(policy.units),
            limits=limits,
        )
        if cache is not None:
            cache.put(rel, digest, parsed)
    extra: list[Problem] = []
    # A link or FIFO in its place is present but refused (files.content_problems, and
    # check's format.file-type), not missing.
    missing = [
        n
        for n in parsed.attachments
        if "/" not in n
        and "\\" not in n
        and not n.startswith(".")
        and (not os.path.lexists(path.parent / n) or (path.parent / n).is_dir())
    ]
    if missing:
        names = "、".join(f"“{n}”" for n in missing)
        extra.append(
            Problem(
                f"附件{names}不存在",
                path=display,
                line=parsed.attachments_line,
                key="附件",
                rule=RULE,
                fix=f"把 {'、'.join(missing)} 放到 {rel.rsplit('/', 1)[0]}/ 下，或从附件列表中删除",
            )
        )
    now = now or clock.now()
    if parsed.published is not None and parsed.published > now + FUTURE_GRACE:
        extra.append(
            Problem(
                f"公开日期 {parsed.published:%Y-%m-%d %H:%M} 晚于今天一天以上",
                path=display,
                line=parsed.article.line_of("公开日期") if parsed.article else 1,
                key="公开日期",
                rule=RULE,
                fix="公开日期写实际发布（合并）的日期；网站检查把未来的公开日期判为发稿日期造假"
                "（MON-08 单项否决）",
            )
        )
    if extra:
        return replace(parsed, problems=parsed.problems + extra)
    return parsed


def load_library(root: Path, *, cache: bool = False, now: datetime | None = None) -> Library:
    """Every article and page with every problem. ``cache``: reuse the parse of files
    unchanged since the last build (govsite.parse_cache; ``govsite build`` uses it).
    ``now`` (Beijing time) judges 公开日期 in the future (default: the clock)."""
    site, policy = load_config(root)
    limits = load_limits(root / "hooks")
    parsed = ParseCache(root) if cache else None
    lib = Library(root=root, site=site, policy=policy)
    content = root / CONTENT
    if not content.is_dir():
        lib.problems.append(
            Problem(
                "找不到 content/ 目录",
                path=str(root),
                fix="在网站仓库根目录运行，或用 --root 指定网站目录",
            )
        )
        return lib
    # Links, FIFOs and devices anywhere in content/ are errors and never read (issue 9).
    regular, refused = files.content_problems(root)
    lib.problems.extend(refused)
    for unit_dir in sorted(p for p in content.iterdir() if p.is_dir() and not p.is_symlink()):
        if unit_dir.name != PAGES and unit_dir.name not in policy.units:
            lib.problems.append(
                Problem(
                    f"content/{unit_dir.name}/ 不属于任何单位",
                    path=f"content/{unit_dir.name}",
                    rule=RULE,
                    fix=f"在 reviewers.yml 的 units 下添加单位“{unit_dir.name}”，"
                    "或把文件移到已有单位的目录",
                )
            )
    now = now or clock.now()
    rules = site.rules(policy.units)
    for path in article_files(root):
        if os.path.abspath(path) not in regular:
            continue  # its name is too long: reported above
        rel = path.relative_to(root).as_posix()
        if path.relative_to(content).parts[0] not in policy.units:
            continue
        # Unchanged since it was parsed (its stat, as git's index): not read again.
        known = parsed.unchanged(rel, path) if parsed is not None else None
        hit = check_article(
            path,
            rel,
            b"" if isinstance(known, Parsed) else files.read_bytes(path),
            site=site,
            policy=policy,
            limits=limits,
            cache=parsed,
            now=now,
            rules=rules,
            known=known,
        )
        lib.problems.extend(hit.problems)
        if hit.article is not None:
            lib.articles.append(hit.article)
    pages = content / PAGES
    for path in (
        (Path(p) for p in files.walk(pages)[0] if p.endswith(".md"))
        if (pages.is_dir() and not pages.is_symlink())
        else ()
    ):
        if os.path.abspath(path) not in regular:
            continue
        rel = path.relative_to(root).as_posix()
        page, problems = read_page(files.read_bytes(path), rel, limits)
        lib.problems.extend(problems)
        if page is not None:
            lib.pages.append(page)
    lib.links, problems = link(lib.articles)
    lib.problems.extend(problems)
    lib.problems.extend(repeal_consistency(lib.articles, lib.links.by_index))
    if parsed is not None:
        parsed.save()
    return lib


def read_text(path: Path, rel: str, problems: list[Problem]) -> str | None:
    return decode(files.read_bytes(path), rel, problems)


def decode(data: bytes, rel: str, problems: list[Problem]) -> str | None:
    """The text every reader sees (BOM dropped, CRLF and CR as LF), or None and a problem."""
    source, bad = frontmatter.decode(data, rel)
    problems.extend(bad)
    return source.text if source is not None else None
