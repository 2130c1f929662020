"""Read the whole content library from disk (the one adapter between files and the model).

``load_library`` never stops at the first problem: it returns every article
it could read and every problem found, so ``govsite build`` and ``govsite
check`` report all of them in one pass.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from govsite import files
from govsite.config import reviewers as reviewers_config
from govsite.config import site as site_config
from govsite.config.reviewers import ReviewPolicy
from govsite.config.site import SiteConfig
from govsite.errors import ContentError, Problem
from govsite.model.article import Article, Page, parse_article, parse_page
from govsite.model.references import Links, link
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


def load_config(root: Path, *, strict: bool = False) -> tuple[SiteConfig, ReviewPolicy]:
    site = site_config.load(root, strict=strict)
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


def load_library(root: Path, *, strict: bool = False, cache: bool = False) -> Library:
    """Every article and page with every problem. ``cache``: reuse the parse of files
    unchanged since the last build (govsite.parse_cache; ``govsite build`` uses it)."""
    site, policy = load_config(root, strict=strict)
    parsed = ParseCache(root, strict) if cache else None
    lib = Library(root=root, site=site, policy=policy)
    content = root / CONTENT
    if not content.is_dir():
        lib.problems.append(Problem("找不到 content/ 目录", path=str(root),
                                    fix="在网站仓库根目录运行，或用 --root 指定网站目录"))
        return lib
    # Links, FIFOs and devices anywhere in content/ are errors and never read (issue 9).
    regular, refused = files.content_problems(root)
    lib.problems.extend(refused)
    for unit_dir in sorted(p for p in content.iterdir() if p.is_dir() and not p.is_symlink()):
        if unit_dir.name != PAGES and unit_dir.name not in policy.units:
            lib.problems.append(Problem(
                f"content/{unit_dir.name}/ 不属于任何单位", path=f"content/{unit_dir.name}",
                fix=f"在 reviewers.yml 的 units 下添加单位“{unit_dir.name}”，"
                "或把文件移到已有单位的目录"))
    for path in article_files(root):
        if os.path.abspath(path) not in regular:
            continue  # its name is too long: reported above
        rel = path.relative_to(root).as_posix()
        unit = policy.units.get(path.relative_to(content).parts[0])
        if unit is None:
            continue
        data = files.read_bytes(path)
        digest = file_digest(data) if parsed is not None else ""
        hit = parsed.get(rel, digest) if parsed is not None else None
        if hit is None:
            text = decode(data, rel, lib.problems)
            if text is None:
                continue
            hit = parse_article(text, rel, unit=unit, site=site, units=policy.units)
            if parsed is not None:
                parsed.put(rel, digest, hit)
        article, problems = hit
        lib.problems.extend(problems)
        if article is not None:
            for name in article.attachments:
                beside = path.parent / name
                if os.path.abspath(beside) not in regular and (
                        not os.path.lexists(beside) or beside.is_dir()):
                    lib.problems.append(Problem(
                        f"附件“{name}”不存在", path=rel, line=article.line_of("附件"),
                        key="附件", fix=f"把 {name} 放到 {path.parent.relative_to(root)}/ 下，"
                        "或从附件列表中删除"))
            lib.articles.append(article)
    pages = content / PAGES
    for path in (Path(p) for p in files.walk(pages)[0] if p.endswith(".md")) if (
            pages.is_dir() and not pages.is_symlink()) else ():
        if os.path.abspath(path) not in regular:
            continue
        rel = path.relative_to(root).as_posix()
        text = read_text(path, rel, lib.problems)
        if text is None:
            continue
        page, problems = parse_page(text, rel)
        lib.problems.extend(problems)
        if page is not None:
            lib.pages.append(page)
    lib.links, problems = link(lib.articles)
    lib.problems.extend(problems)
    if parsed is not None:
        parsed.save()
    return lib


def read_text(path: Path, rel: str, problems: list[Problem]) -> str | None:
    return decode(files.read_bytes(path), rel, problems)


def decode(data: bytes, rel: str, problems: list[Problem]) -> str | None:
    try:
        # Universal newlines, as Path.read_text gives: CRLF files parse like LF ones.
        return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        problems.append(Problem("文件不是 UTF-8 编码", path=rel, fix="用 UTF-8 编码另存该文件"))
        return None
