"""The article: what one file says, read and validated (META-01…07).

Pure: takes the text, the unit it belongs to and the site's rules (``model.rules``),
returns an Article and every problem found. The keys are declared once in
``model.metadata.FIELDS``; reading files and the checks across articles live in
``govsite.library`` and ``model.references``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from govsite.errors import ContentError, Problem
from govsite.model import attachment, consultation, normative
from govsite.model.frontmatter import FrontMatter, control_characters, decode, split
from govsite.model.limits import DEFAULT, Limits, key_of
from govsite.model.metadata import (
    ALIASES,
    CATALOGUE_REQUIRED,
    DISCLOSURE,
    FIELDS,
    GENERATED,
    IMPORTANCE,
    KEY_RULES,
    KEYS,
    NO,
    NOT_PUBLIC_RULE,
    PUBLISHABLE,
    RULE,
    VALIDITY,
    YES,
    Reader,
    ascii_message,
    attributes,
    blank,
    non_ascii,
    parse_date,
    parse_datetime,
    read_fields,
)
from govsite.model.rules import Owner, Rules

__all__ = [
    "ALIASES",
    "CATALOGUE_REQUIRED",
    "DISCLOSURE",
    "FIELDS",
    "GENERATED",
    "IMPORTANCE",
    "KEYS",
    "KEY_RULES",
    "NO",
    "NOT_PUBLIC_RULE",
    "PAGE_KEYS",
    "PUBLISHABLE",
    "RULE",
    "VALIDITY",
    "YES",
    "Article",
    "Page",
    "Parsed",
    "ascii_message",
    "blank",
    "non_ascii",
    "parse_article",
    "parse_date",
    "parse_datetime",
    "parse_page",
    "parse_text",
    "read_article",
    "read_page",
]

PAGE_KEYS: dict[str, str] = {
    "标题": "页面标题（必填）",
    "别名": "页面网址名，如 xxgkzn（默认取文件名）",
    "更新日期": "页面内容的更新日期",
    "概述": "页面描述",
}


@dataclass(frozen=True)
class Article:
    path: str  # relative to the site root, '/'-separated
    unit: str
    stem: str
    title: str
    published: datetime
    columns: tuple[str, ...]
    issuer: str
    written: date | None = None
    index_no: str | None = None
    doc_no: str | None = None
    topic: str | None = None
    validity: str = "有效"
    repeal_date: date | None = None
    repealed_by: str | None = None
    disclosure: str = PUBLISHABLE
    scope: str | None = None
    time_limit: str | None = None
    importance: str = "一般"
    co_issuers: tuple[str, ...] = ()
    interprets: str | None = None
    needs_interpretation: bool = False
    summary: str | None = None
    source: str | None = None
    attachments: tuple[str, ...] = ()  # file names; display names in attachment_entries
    keywords: tuple[str, ...] = ()
    genre: str | None = None
    basis: str | None = None
    attachment_entries: tuple[attachment.AttachmentEntry, ...] = ()
    consultation: consultation.Consultation | None = None
    withdrawn: date | None = None  # 撤稿日期: the page is an 已撤销 notice from then on
    withdraw_reason: str | None = None
    normative: normative.Normative | None = None  # 文种, 统一编号, 有效期, 废止旧文件
    body: str = ""
    body_line: int = 1
    key_lines: Mapping[str, int] = field(default_factory=dict)

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, 1)


@dataclass(frozen=True)
class Page:
    path: str
    slug: str
    title: str
    updated: date | None
    summary: str | None
    body: str
    body_line: int


@dataclass(frozen=True)
class Parsed:
    """What one file says: the Article (None when it cannot be published) and every
    problem, plus what the checks around the model need even without an Article."""

    article: Article | None
    problems: list[Problem]
    attachments: tuple[str, ...] = ()  # as written, also when article is None
    attachments_line: int = 1
    published: datetime | None = None


def read_article(
    data: bytes,
    path: str,
    *,
    unit: Owner,
    rules: Rules,
    limits: Limits = DEFAULT,
) -> Parsed:
    """The one checking core: a file's bytes to an Article and every problem of the file.

    ``govsite build`` (through ``library``), ``govsite check``, the gate and the nightly
    all come here, so the same mistake gets the same message and rule everywhere."""
    problems: list[Problem] = []
    if len(data) > limits.file_bytes:
        problems.append(
            Problem(
                f"文件超过 {limits.file_bytes // (1024 * 1024)} MB"
                f"（hooks/limits.yml 的“{key_of('file_bytes')}”）",
                path=path,
                rule=RULE,
                fix="正文只写文字；大的表格、图片作为附件上传",
            )
        )
        return Parsed(None, problems)
    source, bad = decode(data, path)
    if source is None:
        return Parsed(None, problems + bad)
    parsed = parse_text(source.text, path, unit=unit, rules=rules, limits=limits)
    return replace(parsed, problems=problems + parsed.problems)


def body_problems(fm: FrontMatter, path: str, limits: Limits) -> list[Problem]:
    """Control characters, over-long lines and nesting deeper than the limit in the body:
    each would break or stall the build, so each is an error here, naming the line."""
    return control_characters(fm.body, path, fm.body_line) + over_limits(
        fm.body, fm.body_line, path, limits
    )


def over_limits(body: str, body_line: int, path: str, limits: Limits) -> list[Problem]:
    """Lines longer or nested deeper than hooks/limits.yml allows. Checked before any
    other rule reads the body: Markdown and some text rules take time that grows faster
    than the text on such input (a list nested 2,000 deep: minutes)."""
    out: list[Problem] = []
    nesting, longest = limits.nesting, limits.line_chars
    for i, line in enumerate(body.split("\n")):
        if len(line) > longest:
            out.append(
                Problem(
                    f"这一行有 {len(line)} 个字符，超过 hooks/limits.yml 的“{key_of('line_chars')}”"
                    f"（{longest}）",
                    path=path,
                    line=body_line + i,
                    rule=RULE,
                    fix="分段书写；大量数据请作为附件上传",
                )
            )
            break
        depth = _depth(line)
        if depth > nesting:
            out.append(
                Problem(
                    f"列表或引用嵌套约 {depth} 层，超过 hooks/limits.yml 的“{key_of('nesting')}”"
                    f"（{nesting}）",
                    path=path,
                    line=body_line + i,
                    rule=RULE,
                    fix="减少列表、引用的嵌套层数（正式文件不超过四级）",
                )
            )
            break
    return out


_LEAD = re.compile(r"^[ \t>]*")


def _depth(line: str) -> int:
    """A bound on the block nesting a line opens: each quote marker and every two columns
    of indentation may be one level (Markdown renders nesting recursively)."""
    lead = _LEAD.match(line)
    if lead is None or not lead.group():
        return 0
    text = lead.group()
    columns = sum(4 if c == "\t" else 1 for c in text if c != ">")
    return text.count(">") + columns // 2


def parse_article(
    text: str, path: str, *, unit: Owner, rules: Rules
) -> tuple[Article | None, list[Problem]]:
    """Parse and validate one article's text; never raises for content problems."""
    parsed = parse_text(text, path, unit=unit, rules=rules)
    return parsed.article, parsed.problems


def parse_text(
    text: str,
    path: str,
    *,
    unit: Owner,
    rules: Rules,
    limits: Limits = DEFAULT,
) -> Parsed:
    try:
        fm = split(text, path, nesting=limits.nesting)
    except ContentError as exc:
        return Parsed(None, exc.problems)
    parsed = article_from_frontmatter(fm, path, unit=unit, rules=rules)
    extra = body_problems(fm, path, limits)
    if not extra:
        return parsed
    return replace(parsed, article=None, problems=parsed.problems + extra)


def article_from_frontmatter(fm: FrontMatter, path: str, *, unit: Owner, rules: Rules) -> Parsed:
    """Every key of ``FIELDS`` read and checked in one pass; the Article when 标题 and
    公开日期 are there (the problems of the other keys are reported either way)."""
    r = Reader(fm, path, rules=rules, unit=unit, help=KEYS)
    values = read_fields(r)
    kwargs = attributes(values)
    article = None
    if kwargs["title"] and kwargs["published"]:
        article = Article(
            path=path,
            unit=unit.id,
            stem=path.rsplit("/", 1)[-1].removesuffix(".md"),
            body=fm.body,
            body_line=fm.body_line,
            key_lines=dict(fm.key_lines),
            **kwargs,
        )
    return Parsed(
        article,
        r.problems,
        attachments=kwargs["attachments"],
        attachments_line=fm.line_of("附件"),
        published=kwargs["published"],
    )


def read_page(
    data: bytes, path: str, limits: Limits = DEFAULT
) -> tuple[Page | None, list[Problem]]:
    """A site page's bytes to a Page and every problem (the same reading as articles)."""
    source, bad = decode(data, path)
    if source is None:
        return None, bad
    return parse_page(source.text, path, limits)


def parse_page(text: str, path: str, limits: Limits = DEFAULT) -> tuple[Page | None, list[Problem]]:
    try:
        fm = split(text, path, nesting=limits.nesting)
    except ContentError as exc:
        return None, exc.problems
    r = Reader(fm, path, help=PAGE_KEYS)
    r.unknown_keys(PAGE_KEYS)
    title = r.text("标题", required=True)
    slug = r.text("别名") or path.rsplit("/", 1)[-1].removesuffix(".md")
    if not re.match(r"^[a-z0-9][a-z0-9-]*$", slug):
        r.problem("别名", f"页面网址名“{slug}”不合法", "只用小写字母、数字和 -，如 xxgkzn")
    updated, summary = r.a_date("更新日期"), r.text("概述")
    extra = body_problems(fm, path, limits)
    page = None
    if title and not extra:
        page = Page(
            path=path,
            slug=slug,
            title=title,
            updated=updated,
            summary=summary,
            body=fm.body,
            body_line=fm.body_line,
        )
    return page, r.problems + extra


def as_dict(article: Article) -> dict[str, Any]:
    """The catalogue fields of an article, for catalogue.json/csv and reports."""
    return {
        "索引号": article.index_no or "",
        "标题": article.title,
        "发文字号": article.doc_no or "",
        "发文机构": article.issuer,
        "信息分类": article.topic or "",
        "成文日期": article.written.isoformat() if article.written else "",
        "公开日期": article.published.strftime("%Y-%m-%d"),
        "有效性": article.validity,
        "单位": article.unit,
    }
