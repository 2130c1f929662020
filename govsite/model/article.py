"""The article: front-matter schema and validation (META-01…07).

Pure: takes the text and the site's configuration, returns an Article and the
problems found. Reading files and checks across articles live in
``govsite.model.library``.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from govsite.config.limits import DEFAULT, Limits, key_of
from govsite.config.reviewers import Unit
from govsite.config.schema import closest
from govsite.config.site import SiteConfig
from govsite.errors import ContentError, Problem
from govsite.model import attachment, consultation, doc_number, normative
from govsite.model.frontmatter import FrontMatter, control_characters, decode, split

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
    **normative.KEYS,
}
CATALOGUE_REQUIRED = ("索引号", "成文日期", "发文机构", "信息分类", "有效性")
GENERATED = {"最后更新": "最后更新时间由 git 历史自动生成，不要手写"}
PAGE_KEYS: dict[str, str] = {
    "标题": "页面标题（必填）",
    "别名": "页面网址名，如 xxgkzn（默认取文件名）",
    "更新日期": "页面内容的更新日期",
    "概述": "页面描述",
}

# ASCII digits only: \d would take ２０２５ and let a date or 索引号 escape comparison.
_DATE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_DATETIME = re.compile(
    r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?$"
)


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


# Keys editors write for another key (docs/编辑指南.md's table): difflib alone would
# suggest 联合发文单位 for 发文单位, which means something else.
ALIASES: dict[str, str] = {
    "发文单位": "发文机构",
    "发布单位": "发文机构",
    "发文部门": "发文机构",
    "发布机构": "发文机构",
    "发布日期": "公开日期",
    "发布时间": "公开日期",
    "公开时间": "公开日期",
    "日期": "公开日期",
    "成文时间": "成文日期",
    "印发日期": "成文日期",
    "文号": "发文字号",
    "题目": "标题",
    "主题分类": "信息分类",
    "分类": "信息分类",
    "摘要": "概述",
    "简介": "概述",
    "来源": "转载来源",
    "关键字": "关键词",
    "文种": "体裁",
    "时效": "有效性",
    "有效期": "有效性",
    "公开属性": "公开方式",
    "是否公开": "公开方式",
    "附件列表": "附件",
}
# The rule each key's problems belong to (stable ids, hooks/allowlist.yml uses them).
KEY_RULES = {"索引号": "format.index-no", "发文字号": "format.doc-no"}
RULE = "format.front-matter"
NOT_PUBLIC_RULE = "secret.not-for-publication"
_WIDE_ASCII = re.compile("[\uff01-\uff5e\u3000]")


def non_ascii(value: str, digits_only: bool = False) -> tuple[int, str] | None:
    """The first character where an ASCII one belongs: a full-width form, a non-ASCII digit."""
    for i, ch in enumerate(value):
        if ch.isdigit() and not ch.isascii():
            return i, ch
        if not digits_only and _WIDE_ASCII.match(ch):
            return i, ch
    return None


def ascii_message(value: str, found: tuple[int, str]) -> tuple[str, str]:
    i, ch = found
    narrow = unicodedata.normalize("NFKC", ch)
    what = "全角字符" if _WIDE_ASCII.match(ch) else "非半角数字"
    fixed = unicodedata.normalize("NFKC", value) if narrow.isascii() else None
    return (
        f"“{value}”第 {i + 1} 个字符“{ch}”是{what}，这里只能用半角（ASCII）字符",
        f"改为“{fixed}”" if fixed else f"把“{ch}”改为半角字符",
    )


def blank(value: Any) -> bool:
    """Missing, empty or only whitespace: a required value that is not there."""
    if value is None:
        return True
    if isinstance(value, str):
        return not value.strip(" \t\u3000")
    if isinstance(value, list):
        return all(blank(v) for v in value)
    return False


class _Reader:
    """Reads typed values from front matter, recording problems with their lines."""

    def __init__(self, fm: FrontMatter, path: str) -> None:
        self.fm, self.path = fm, path
        self.problems: list[Problem] = list(fm.problems)

    def problem(
        self, key: str, message: str, fix: str | None = None, rule: str | None = None
    ) -> None:
        self.problems.append(
            Problem(
                message,
                path=self.path,
                line=self.fm.line_of(key),
                key=key,
                fix=fix,
                rule=rule or KEY_RULES.get(key, RULE),
            )
        )

    def missing(self, key: str, fix: str) -> None:
        # On the key's line when the key is written but blank, else on line 1.
        line = self.fm.key_lines.get(key, 1)
        message = "缺少必填项" if key not in self.fm.data else "必填项的值是空的"
        self.problems.append(
            Problem(
                message, path=self.path, line=line, key=key, fix=fix, rule=KEY_RULES.get(key, RULE)
            )
        )

    def text(self, key: str, *, required: bool = False) -> str | None:
        value = self.fm.data.get(key)
        if blank(value) and not isinstance(value, list):
            if required:
                self.missing(
                    key, f"在元数据中添加“{key}: …”（{KEYS.get(key, PAGE_KEYS.get(key, ''))}）"
                )
            return None
        if not isinstance(value, str):
            self.problem(key, "应是一段文字，不能是列表或映射", f"写成“{key}: 文字”")
            return None
        return value.strip(" \t\u3000")

    def ascii_text(self, key: str, *, required: bool = False) -> str | None:
        value = self.text(key, required=required)
        if value is not None and (bad := non_ascii(value)) is not None:
            self.problem(key, *ascii_message(value, bad))
            return None
        return value

    def choice(self, key: str, choices: tuple[str, ...], default: str) -> str:
        value = self.text(key)
        if value is None:
            return default
        if value not in choices:
            self.problem(key, f"“{value}”不是可用的值", f"只能填写 {' / '.join(choices)}")
            return default
        return value

    def a_date(self, key: str) -> date | None:
        value = self.ascii_text(key)
        if value is None:
            return None
        parsed = parse_date(value)
        if parsed is None:
            self.problem(
                key, f"“{value}”不是有效的日期", "写成 年-月-日，如 2025-05-28（日期须真实存在）"
            )
        return parsed

    def a_list(self, key: str) -> tuple[str, ...]:
        value = self.fm.data.get(key)
        if value is None or (isinstance(value, str) and blank(value)):
            return ()
        if isinstance(value, str):
            return (value.strip(" \t\u3000"),)
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            self.problem(key, "应是文字列表", f"写成“{key}: [甲, 乙]”")
            return ()
        if any(blank(v) for v in value):
            self.problem(key, "列表中有空的项", f"删除空项，写成“{key}: [甲, 乙]”")
        return tuple(v.strip(" \t\u3000") for v in value if not blank(v))

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
        bare = re.sub(r"[\s\u3000]", "", key)
        if bare in known:
            r.problem(
                key,
                f"键名“{key}”中有空格（常是输入法的全角空格）",
                f"写成“{bare}: …”，键名中不要有空格",
            )
            continue
        near = ALIASES.get(bare) if ALIASES.get(bare) in known else closest(bare, known)
        r.problem(
            key,
            f"未知的元数据键“{key}”",
            f"是否应为“{near}”？" if near else f"可用的键：{'、'.join(known)}",
        )
    for key, line in r.fm.duplicate_keys:
        first = r.fm.first_lines.get(key)
        where = f"（第 {first} 行和第 {line} 行）" if first else ""
        r.problems.append(
            Problem(
                f"元数据键重复{where}",
                path=r.path,
                line=line,
                key=key,
                fix="删除重复的一行，只保留一个",
                rule=RULE,
            )
        )


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
    unit: Unit,
    site: SiteConfig,
    units: Mapping[str, Unit],
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
    parsed = parse_text(source.text, path, unit=unit, site=site, units=units, limits=limits)
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
    text: str, path: str, *, unit: Unit, site: SiteConfig, units: Mapping[str, Unit]
) -> tuple[Article | None, list[Problem]]:
    """Parse and validate one article's text; never raises for content problems."""
    parsed = parse_text(text, path, unit=unit, site=site, units=units)
    return parsed.article, parsed.problems


def parse_text(
    text: str,
    path: str,
    *,
    unit: Unit,
    site: SiteConfig,
    units: Mapping[str, Unit],
    limits: Limits = DEFAULT,
) -> Parsed:
    try:
        fm = split(text, path, nesting=limits.nesting)
    except ContentError as exc:
        return Parsed(None, exc.problems)
    parsed = article_from_frontmatter(fm, path, unit=unit, site=site, units=units)
    extra = body_problems(fm, path, limits)
    if not extra:
        return parsed
    return replace(parsed, article=None, problems=parsed.problems + extra)


def article_from_frontmatter(
    fm: FrontMatter, path: str, *, unit: Unit, site: SiteConfig, units: Mapping[str, Unit]
) -> Parsed:
    r = _Reader(fm, path)
    _unknown_keys(r, KEYS)
    title = r.text("标题", required=True)
    published_text = r.ascii_text("公开日期", required=True)
    published = None
    if published_text is not None:
        published = parse_datetime(published_text)
        if published is None:
            r.problem(
                "公开日期",
                f"“{published_text}”不是有效的日期时间",
                "写成 2025-05-28 或 2025-05-28 09:30（日期须真实存在）",
            )
    written = r.a_date("成文日期")
    if written and published and written > published.date():
        r.problem("成文日期", "成文日期晚于公开日期", "核对成文日期和公开日期")

    # "不予公开（涉及个人隐私）" says what it is: not publishable, not a mistyped value.
    said = r.text("公开方式") or ""
    disclosure = next((d for d in DISCLOSURE[1:] if said.startswith(d)), None) or r.choice(
        "公开方式", DISCLOSURE, PUBLISHABLE
    )
    if disclosure != PUBLISHABLE:
        r.problem(
            "公开方式",
            f"公开方式为“{disclosure}”的内容不能发布到网站",
            "这类信息不属于公开仓库：请从仓库中删除该文件；如确应主动公开，改为“主动公开”",
            rule=NOT_PUBLIC_RULE,
        )

    columns = r.a_list("栏目")
    if not columns and (blank(fm.data.get("栏目")) or "栏目" not in fm.data):
        r.missing("栏目", "添加“栏目: [栏目编号]”，栏目编号见 site.yml")
    for cid in columns:
        if cid not in site.columns:
            near = closest(cid, site.columns)
            r.problem(
                "栏目",
                f"栏目“{cid}”不存在",
                f"是否应为“{near}”？" if near else "栏目编号见 site.yml 的“栏目”",
            )
    in_catalogue = any(site.columns[c].catalogue for c in columns if c in site.columns)
    if in_catalogue:
        for key in CATALOGUE_REQUIRED:
            if blank(fm.data.get(key)):
                r.problems.append(
                    Problem(
                        "列入主动公开目录的栏目必须填写此项",
                        path=path,
                        line=fm.key_lines.get(key, 1),
                        key=key,
                        rule=KEY_RULES.get(key, RULE),
                        fix=f"添加“{key}: …”（{KEYS[key]}）",
                    )
                )

    index_no = r.ascii_text("索引号")
    if index_no is not None:
        why = site.index_rule.explain(index_no, unit.credit_code)
        if why:
            r.problem("索引号", why, "用 govsite new 生成新文章可自动分配正确的索引号")
        elif not unit.credit_code and site.index_rule.check_credit_code:
            r.problem(
                "索引号",
                f"单位 {unit.id} 在 reviewers.yml 中没有 credit_code，无法核对索引号",
                f"在 reviewers.yml 的 units.{unit.id} 下填写 credit_code",
            )
    doc_no = r.text("发文字号")
    if doc_no is not None and (bad := non_ascii(doc_no, digits_only=True)) is not None:
        r.problem("发文字号", *ascii_message(doc_no, bad))
    elif doc_no is not None:
        why = doc_number.explain(doc_no)
        if why:
            better = doc_number.suggest(doc_no)
            r.problem(
                "发文字号",
                why,
                f"改为“{better}”（可用 govsite check --fix 修正）"
                if better
                else "如 示政办发〔2025〕8号",
            )

    topic = r.text("信息分类")
    if topic is not None and site.topics and topic not in site.topics:
        near = closest(topic, site.topics)
        r.problem(
            "信息分类",
            f"“{topic}”不在 site.yml 的信息分类中",
            f"是否应为“{near}”？" if near else f"可选：{'、'.join(site.topics)}",
        )

    validity = r.choice("有效性", VALIDITY, "有效")
    repeal_date = r.a_date("废止日期")
    repealed_by = r.text("废止文件")
    if validity in ("废止", "失效") and repeal_date is None and blank(fm.data.get("废止日期")):
        r.problem("有效性", f"有效性为“{validity}”时须填写废止日期", "添加“废止日期: 年-月-日”")
    if validity in ("废止", "已修订") and repealed_by is None and "废止文件" not in fm.data:
        r.problem(
            "有效性",
            f"有效性为“{validity}”时须填写废止文件（新文件的索引号）",
            "添加“废止文件: 新文件的索引号”，页面会链接到新文件",
        )

    co_issuers = r.a_list("联合发文单位")
    for uid in co_issuers:
        if uid not in units:
            r.problem(
                "联合发文单位",
                f"单位“{uid}”不在 reviewers.yml 中",
                "填写 reviewers.yml 中 units 下的单位编号",
            )
        elif uid == unit.id:
            r.problem("联合发文单位", "联合发文单位不能是本单位", f"删除“{uid}”")

    entries, found = attachment.parse(fm.data.get("附件"), path, fm.line_of)
    r.problems += found
    attachments = tuple(e.file for e in entries)
    consult, found_c = consultation.check(
        r.a_date(consultation.START),
        r.a_date(consultation.END),
        r.text(consultation.FEEDBACK),
        present={k for k in consultation.KEYS if k in fm.data},
    )
    for key, message, fix in found_c:
        r.problem(key, message, fix)
    norm, found_n = normative.check(
        r.text(normative.KIND),
        r.text(normative.REG_NO),
        fm.data.get(normative.YEARS),
        r.a_list(normative.REPEALS),
        title=title or "",
        written=written,
        rule=site.normative,
        present={k for k in normative.KEYS if k in fm.data},
    )
    for key, message, fix in found_n:
        r.problem(key, message, fix)

    withdrawn = r.a_date("撤稿日期")
    withdraw_reason = r.text("撤稿原因")
    has_date, has_reason = bool(fm.data.get("撤稿日期")), bool(fm.data.get("撤稿原因"))
    if has_date != has_reason:
        r.problem(
            "撤稿原因" if has_date else "撤稿日期",
            "撤稿日期和撤稿原因须同时填写",
            "用 govsite withdraw 文件 --reason 原因 撤稿",
        )

    # Every key is read (and every problem found) whether or not the article can be made.
    issuer = r.text("发文机构") or unit.name
    scope, time_limit = r.text("公开范围"), r.text("公开时限")
    importance = r.choice("重要程度", IMPORTANCE, "一般")
    interprets = r.ascii_text("解读对象")
    needs_interpretation = r.flag("需要解读")
    summary, source = r.text("概述"), r.text("转载来源")
    keywords, genre, basis = r.a_list("关键词"), r.text("体裁"), r.text("公开依据")

    article = None
    if title and published:
        article = Article(
            path=path,
            unit=unit.id,
            stem=path.rsplit("/", 1)[-1].removesuffix(".md"),
            title=title,
            published=published,
            columns=columns,
            issuer=issuer,
            written=written,
            index_no=index_no,
            doc_no=doc_no,
            topic=topic,
            validity=validity,
            repeal_date=repeal_date,
            repealed_by=repealed_by,
            disclosure=disclosure,
            scope=scope,
            time_limit=time_limit,
            importance=importance,
            co_issuers=co_issuers,
            interprets=interprets,
            needs_interpretation=needs_interpretation,
            summary=summary,
            source=source,
            attachments=attachments,
            attachment_entries=entries,
            consultation=consult,
            normative=norm,
            keywords=keywords,
            genre=genre,
            basis=basis,
            withdrawn=withdrawn,
            withdraw_reason=withdraw_reason,
            body=fm.body,
            body_line=fm.body_line,
            key_lines=dict(fm.key_lines),
        )
    return Parsed(
        article,
        r.problems,
        attachments=attachments,
        attachments_line=fm.line_of("附件"),
        published=published,
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
    r = _Reader(fm, path)
    _unknown_keys(r, PAGE_KEYS)
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
