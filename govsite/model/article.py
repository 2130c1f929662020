"""The article: front-matter schema and validation (META-01…07).

Pure: takes the text and the site's configuration, returns an Article and the
problems found. Reading files and checks across articles live in
``govsite.model.library``.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from govsite.config.reviewers import Unit
from govsite.config.schema import closest
from govsite.config.site import SiteConfig
from govsite.errors import ContentError, Problem
from govsite.model import attachment, consultation, doc_number
from govsite.model.frontmatter import FrontMatter, split

VALIDITY = ("有效", "失效", "废止", "已修订")
DISCLOSURE = ("主动公开", "依申请公开", "不予公开", "免予公开")
IMPORTANCE = ("一般", "重要", "重大")
PUBLISHABLE = "主动公开"
YES = ("是", "true", "True", "yes")
NO = ("否", "false", "False", "no")

# Every key an editor may write, with a one-line description for messages and docs.
KEYS: dict[str, str] = {
    "标题": "文章标题（必填）",
    "公开日期": "公开（发布）日期时间，如 2025-05-28 09:30（必填）",
    "成文日期": "成文日期，如 2025-05-26",
    "索引号": "信息公开目录索引号，如 11152522MB1665215Y/2025-00002",
    "发文字号": "如 示政办发〔2025〕8号",
    "发文机构": "默认为本单位名称",
    "信息分类": "主题分类，取 site.yml 中“信息分类”之一",
    "栏目": "栏目编号列表，如 [tzgg, zcwj]",
    "有效性": "有效 / 失效 / 废止 / 已修订",
    "废止日期": "如 2026-01-01",
    "废止文件": "废止（或修订）本文件的文件的索引号",
    "公开方式": "主动公开 / 依申请公开 / 不予公开 / 免予公开；只有主动公开的内容可以发布",
    "公开范围": "如 面向全社会",
    "公开时限": "如 常年公开",
    "重要程度": "一般 / 重要 / 重大（默认一般）",
    "联合发文单位": "联合发文单位编号列表（reviewers.yml 中的单位）",
    "解读对象": "本解读所解读文件的索引号",
    "需要解读": "是 / 否：政策文件是否需要配发解读",
    "概述": "内容概述",
    "转载来源": "转载稿件的来源",
    "附件": "与文章同目录的附件：文件名列表，或每项写 文件 和 名称（页面显示的附件标题）",
    "关键词": "关键词列表",
    "体裁": "公文文种，如 通知、意见、公告",
    "公开依据": "惩戒公示 / 强制性信息披露：个人信息按规定脱敏后可公开",
    **consultation.KEYS,
    "撤稿日期": "撤稿（撤销发布）的日期，由 govsite withdraw 填写",
    "撤稿原因": "撤稿的原因，由 govsite withdraw 填写",
}
CATALOGUE_REQUIRED = ("索引号", "成文日期", "发文机构", "信息分类", "有效性")
GENERATED = {"最后更新": "最后更新时间由 git 历史自动生成，不要手写"}
PAGE_KEYS: dict[str, str] = {
    "标题": "页面标题（必填）",
    "别名": "页面网址名，如 xxgkzn（默认取文件名）",
    "更新日期": "页面内容的更新日期",
    "概述": "页面描述",
}

_DATE = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$")
_DATETIME = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})[ T](\d{1,2}):(\d{2})(?::(\d{2}))?$")


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
    body: str = ""
    body_line: int = 1
    key_lines: Mapping[str, int] = field(default_factory=dict)

    @property
    def is_interpretation(self) -> bool:
        return self.interprets is not None

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


def parse_date(text: str) -> date | None:
    m = _DATE.match(text.strip())
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def parse_datetime(text: str) -> datetime | None:
    text = text.strip()
    d = parse_date(text)
    if d is not None:
        return datetime(d.year, d.month, d.day)
    m = _DATETIME.match(text)
    if not m:
        return None
    try:
        return datetime(int(m[1]), int(m[2]), int(m[3]), int(m[4]), int(m[5]), int(m[6] or 0))
    except ValueError:
        return None


class _Reader:
    """Reads typed values from front matter, recording problems with their lines."""

    def __init__(self, fm: FrontMatter, path: str) -> None:
        self.fm, self.path = fm, path
        self.problems: list[Problem] = []

    def problem(self, key: str, message: str, fix: str | None = None) -> None:
        self.problems.append(
            Problem(message, path=self.path, line=self.fm.line_of(key), key=key, fix=fix))

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.fm.data.get(key)
        if value is None or value == "":
            if required:
                self.problems.append(Problem(
                    "缺少必填项", path=self.path, line=1, key=key,
                    fix=f"在元数据中添加“{key}: …”（{KEYS.get(key, PAGE_KEYS.get(key, ''))}）"))
            return None
        if not isinstance(value, str):
            self.problem(key, "应是一段文字，不能是列表或映射", f"写成“{key}: 文字”")
            return None
        return value.strip()

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.text(key)
        if value is None:
            return default
        if value not in choices:
            self.problem(key, f"“{value}”不是可用的值", f"只能填写 {' / '.join(choices)}")
            return default
        return value

    def a_date(self, key: str) -> date | None:
        value = self.text(key)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.problem(key, f"“{value}”不是有效的日期",
                         "写成 年-月-日，如 2025-05-28（日期须真实存在）")
        return parsed

    def a_list(self, key: str) -> tuple[str, ...]:
        value = self.fm.data.get(key)
        if value is None or value == "":
            return ()
        if isinstance(value, str):
            return (value.strip(),)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(key, "应是文字列表", f"写成“{key}: [甲, 乙]”")
            return ()
        return tuple(v.strip() for v in value)

    def flag(self, key: str) -> bool:
        value = self.text(key)
        if value is None:
            return False
        if value in YES:
            return True
        if value not in NO:
            self.problem(key, f"“{value}”不是可用的值", "只能填写 是 或 否")
        return False


def _unknown_keys(r: _Reader, known: Mapping[str, str]) -> None:
    for key in r.fm.data:
        if key in known:
            continue
        if key in GENERATED:
            r.problem(key, GENERATED[key], f"删除“{key}”这一行")
            continue
        near = closest(key, known)
        r.problem(key, f"未知的元数据键“{key}”",
                  f"是否应为“{near}”？" if near else f"可用的键：{'、'.join(known)}")
    for key, line in r.fm.duplicate_keys:
        r.problems.append(Problem("元数据键重复", path=r.path, line=line, key=key,
                                  fix="删除重复的一行，只保留一个"))


def parse_article(text: str, path: str, *, unit: Unit, site: SiteConfig,
                  units: Mapping[str, Unit]) -> tuple[Article | None, list[Problem]]:
    """Parse and validate one article; never raises for content problems."""
    try:
        fm = split(text, path)
    except ContentError as exc:
        return None, exc.problems
    return article_from_frontmatter(fm, path, unit=unit, site=site, units=units)


def article_from_frontmatter(fm: FrontMatter, path: str, *, unit: Unit, site: SiteConfig,
                             units: Mapping[str, Unit]) -> tuple[Article | None, list[Problem]]:
    r = _Reader(fm, path)
    _unknown_keys(r, KEYS)
    title = r.text("标题", required=True)
    published_text = r.text("公开日期", required=True)
    published = None
    if published_text is not None:
        published = parse_datetime(published_text)
        if published is None:
            r.problem("公开日期", f"“{published_text}”不是有效的日期时间",
                      "写成 2025-05-28 或 2025-05-28 09:30（日期须真实存在）")
    written = r.a_date("成文日期")
    if written and published and written > published.date():
        r.problem("成文日期", "成文日期晚于公开日期", "核对成文日期和公开日期")

    disclosure = r.choice("公开方式", DISCLOSURE, PUBLISHABLE)
    if disclosure != PUBLISHABLE:
        r.problem("公开方式", f"公开方式为“{disclosure}”的内容不能发布到网站",
                  "这类信息不属于公开仓库：请从仓库中删除该文件；如确应主动公开，改为“主动公开”")

    columns = r.a_list("栏目")
    if not columns and "栏目" not in fm.data:
        r.problems.append(Problem("缺少必填项", path=path, line=1, key="栏目",
                                  fix="添加“栏目: [栏目编号]”，栏目编号见 site.yml"))
    for cid in columns:
        if cid not in site.columns:
            near = closest(cid, site.columns)
            r.problem("栏目", f"栏目“{cid}”不存在",
                      f"是否应为“{near}”？" if near else "栏目编号见 site.yml 的“栏目”")
    in_catalogue = any(site.columns[c].catalogue for c in columns if c in site.columns)
    if in_catalogue:
        for key in CATALOGUE_REQUIRED:
            if not fm.data.get(key):
                r.problems.append(Problem(
                    "列入主动公开目录的栏目必须填写此项", path=path, line=1, key=key,
                    fix=f"添加“{key}: …”（{KEYS[key]}）"))

    index_no = r.text("索引号")
    if index_no is not None:
        why = site.index_rule.explain(index_no, unit.credit_code)
        if why:
            r.problem("索引号", why, "用 govsite new 生成新文章可自动分配正确的索引号")
        elif not unit.credit_code and site.index_rule.check_credit_code:
            r.problem("索引号",
                      f"单位 {unit.id} 在 reviewers.yml 中没有 credit_code，无法核对索引号",
                      f"在 reviewers.yml 的 units.{unit.id} 下填写 credit_code")
    doc_no = r.text("发文字号")
    if doc_no is not None:
        why = doc_number.explain(doc_no)
        if why:
            better = doc_number.suggest(doc_no)
            r.problem("发文字号", why, f"改为“{better}”" if better else "如 示政办发〔2025〕8号")

    topic = r.text("信息分类")
    if topic is not None and site.topics and topic not in site.topics:
        near = closest(topic, site.topics)
        r.problem("信息分类", f"“{topic}”不在 site.yml 的信息分类中",
                  f"是否应为“{near}”？" if near else f"可选：{'、'.join(site.topics)}")

    validity = r.choice("有效性", VALIDITY, "有效")
    repeal_date = r.a_date("废止日期")
    repealed_by = r.text("废止文件")
    if validity in ("废止", "失效") and repeal_date is None:
        r.problem("有效性", f"有效性为“{validity}”时须填写废止日期",
                  "添加“废止日期: 年-月-日”")
    if validity in ("废止", "已修订") and repealed_by is None and "废止文件" not in fm.data:
        r.problem("有效性", f"有效性为“{validity}”时须填写废止文件（新文件的索引号）",
                  "添加“废止文件: 新文件的索引号”，页面会链接到新文件")

    co_issuers = r.a_list("联合发文单位")
    for uid in co_issuers:
        if uid not in units:
            r.problem("联合发文单位", f"单位“{uid}”不在 reviewers.yml 中",
                      "填写 reviewers.yml 中 units 下的单位编号")
        elif uid == unit.id:
            r.problem("联合发文单位", "联合发文单位不能是本单位", f"删除“{uid}”")

    entries, found = attachment.parse(fm.data.get("附件"), path, fm.line_of)
    r.problems += found
    attachments = tuple(e.file for e in entries)
    consult, found_c = consultation.check(
        r.a_date(consultation.START), r.a_date(consultation.END), r.text(consultation.FEEDBACK),
        present={k for k in consultation.KEYS if k in fm.data})
    for key, message, fix in found_c:
        r.problem(key, message, fix)

    withdrawn = r.a_date("撤稿日期")
    withdraw_reason = r.text("撤稿原因")
    has_date, has_reason = bool(fm.data.get("撤稿日期")), bool(fm.data.get("撤稿原因"))
    if has_date != has_reason:
        r.problem("撤稿原因" if has_date else "撤稿日期", "撤稿日期和撤稿原因须同时填写",
                  "用 govsite withdraw 文件 --reason 原因 撤稿")

    article = None
    if title and published:
        article = Article(
            path=path, unit=unit.id, stem=path.rsplit("/", 1)[-1].removesuffix(".md"),
            title=title, published=published, columns=columns,
            issuer=r.text("发文机构") or unit.name, written=written, index_no=index_no,
            doc_no=doc_no, topic=topic, validity=validity, repeal_date=repeal_date,
            repealed_by=repealed_by, disclosure=disclosure, scope=r.text("公开范围"),
            time_limit=r.text("公开时限"),
            importance=r.choice("重要程度", IMPORTANCE, "一般"), co_issuers=co_issuers,
            interprets=r.text("解读对象"), needs_interpretation=r.flag("需要解读"),
            summary=r.text("概述"), source=r.text("转载来源"), attachments=attachments,
            attachment_entries=entries, consultation=consult,
            keywords=r.a_list("关键词"), genre=r.text("体裁"), basis=r.text("公开依据"),
            withdrawn=withdrawn, withdraw_reason=withdraw_reason, body=fm.body,
            body_line=fm.body_line, key_lines=dict(fm.key_lines))
    return article, r.problems


def parse_page(text: str, path: str) -> tuple[Page | None, list[Problem]]:
    try:
        fm = split(text, path)
    except ContentError as exc:
        return None, exc.problems
    r = _Reader(fm, path)
    _unknown_keys(r, PAGE_KEYS)
    title = r.text("标题", required=True)
    slug = r.text("别名") or path.rsplit("/", 1)[-1].removesuffix(".md")
    if not re.match(r"^[a-z0-9][a-z0-9-]*$", slug):
        r.problem("别名", f"页面网址名“{slug}”不合法", "只用小写字母、数字和 -，如 xxgkzn")
    page = None
    if title:
        page = Page(path=path, slug=slug, title=title, updated=r.a_date("更新日期"),
                    summary=r.text("概述"), body=fm.body, body_line=fm.body_line)
    return page, r.problems


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
