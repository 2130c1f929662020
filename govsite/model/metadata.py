"""Front matter as a table: every key an editor may write, read in one pass (META-01…07).

``FIELDS`` maps each key to its reader, the ``Article`` attribute it fills, its
default and when it is required, as Pelican's ``METADATA_PROCESSORS`` do. Every
field is read and every problem found whether or not the article can be made (a
missing 标题 does not hide a wrong 成文日期); the checks across keys run after all
keys are read. The same table gives the unknown-key suggestions, the messages'
one-line descriptions and the key list in docs/编辑指南.md (``docs_table``).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from govsite.errors import Problem
from govsite.model import attachment, consultation, doc_number, normative
from govsite.model.frontmatter import FrontMatter
from govsite.model.keys import closest
from govsite.model.rules import Owner, Rules

VALIDITY = ("有效", "失效", "废止", "已修订")
DISCLOSURE = ("主动公开", "依申请公开", "不予公开", "免予公开")
IMPORTANCE = ("一般", "重要", "重大")
PUBLISHABLE = "主动公开"
YES = ("是", "true", "True", "yes")
NO = ("否", "false", "False", "no")
# The rule each key's problems belong to (stable ids, hooks/allowlist.yml uses them).
KEY_RULES = {"索引号": "format.index-no", "发文字号": "format.doc-no"}
RULE = "format.front-matter"
NOT_PUBLIC_RULE = "secret.not-for-publication"
GENERATED = {"最后更新": "最后更新时间由 git 历史自动生成，不要手写"}
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

# ASCII digits only: \d would take ２０２５ and let a date or 索引号 escape comparison.
_DATE = re.compile(r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})$")
_DATETIME = re.compile(
    r"^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})[ T]([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?$"
)
_WIDE_ASCII = re.compile("[\uff01-\uff5e\u3000]")


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


class Reader:
    """Reads typed values from front matter, recording problems with their lines."""

    def __init__(
        self,
        fm: FrontMatter,
        path: str,
        *,
        rules: Rules | None = None,
        unit: Owner | None = None,
        help: Mapping[str, str] | None = None,
    ) -> None:
        self.fm, self.path = fm, path
        self.rules = rules or Rules()
        self.unit = unit
        self.help = help or {}
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

    def missing(self, key: str, fix: str, message: str | None = None) -> None:
        # On the key's line when the key is written but blank, else on line 1.
        line = self.fm.key_lines.get(key, 1)
        if message is None:
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
                self.missing(key, f"在元数据中添加“{key}: …”（{self.help.get(key, '')}）")
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

    def unknown_keys(self, known: Mapping[str, object]) -> None:
        for key in self.fm.data:
            if key in known:
                continue
            if key in GENERATED:
                self.problem(key, GENERATED[key], f"删除“{key}”这一行")
                continue
            bare = re.sub(r"[\s\u3000]", "", key)
            if bare in known:
                self.problem(
                    key,
                    f"键名“{key}”中有空格（常是输入法的全角空格）",
                    f"写成“{bare}: …”，键名中不要有空格",
                )
                continue
            near = ALIASES.get(bare) if ALIASES.get(bare) in known else closest(bare, known)
            self.problem(
                key,
                f"未知的元数据键“{key}”",
                f"是否应为“{near}”？" if near else f"可用的键：{'、'.join(known)}",
            )
        for key, line in self.fm.duplicate_keys:
            first = self.fm.first_lines.get(key)
            where = f"（第 {first} 行和第 {line} 行）" if first else ""
            self.problems.append(
                Problem(
                    f"元数据键重复{where}",
                    path=self.path,
                    line=line,
                    key=key,
                    fix="删除重复的一行，只保留一个",
                    rule=RULE,
                )
            )


# ---- readers: one per kind of value, (reader, key) -> value ----------------------------

ReadFn = Callable[[Reader, str], Any]


def _text(r: Reader, key: str) -> str | None:
    return r.text(key)


def _ascii(r: Reader, key: str) -> str | None:
    return r.ascii_text(key)


def _date(r: Reader, key: str) -> date | None:
    return r.a_date(key)


def _list(r: Reader, key: str) -> tuple[str, ...]:
    return r.a_list(key)


def _flag(r: Reader, key: str) -> bool:
    return r.flag(key)


def _raw(r: Reader, key: str) -> object:
    return r.fm.data.get(key)


def _choice(choices: tuple[str, ...], default: str) -> ReadFn:
    def read(r: Reader, key: str) -> str:
        return r.choice(key, choices, default)

    return read


def _published(r: Reader, key: str) -> datetime | None:
    text = r.ascii_text(key)
    if text is None:
        return None
    published = parse_datetime(text)
    if published is None:
        r.problem(
            key,
            f"“{text}”不是有效的日期时间",
            "写成 2025-05-28 或 2025-05-28 09:30（日期须真实存在）",
        )
    return published


def _columns(r: Reader, key: str) -> tuple[str, ...]:
    columns = r.a_list(key)
    for cid in columns:
        if cid not in r.rules.columns:
            near = closest(cid, r.rules.columns)
            r.problem(
                key,
                f"栏目“{cid}”不存在",
                f"是否应为“{near}”？" if near else "栏目编号见 site.yml 的“栏目”",
            )
    return columns


def _disclosure(r: Reader, key: str) -> str:
    # "不予公开（涉及个人隐私）" says what it is: not publishable, not a mistyped value.
    said = r.text(key) or ""
    disclosure = next((d for d in DISCLOSURE[1:] if said.startswith(d)), None) or r.choice(
        key, DISCLOSURE, PUBLISHABLE
    )
    if disclosure != PUBLISHABLE:
        r.problem(
            key,
            f"公开方式为“{disclosure}”的内容不能发布到网站",
            "这类信息不属于公开仓库：请从仓库中删除该文件；如确应主动公开，改为“主动公开”",
            rule=NOT_PUBLIC_RULE,
        )
    return disclosure


def _index_no(r: Reader, key: str) -> str | None:
    index_no = r.ascii_text(key)
    if index_no is None or r.unit is None:
        return index_no
    rule = r.rules.index_rule
    why = rule.explain(index_no, r.unit.credit_code)
    if why:
        r.problem(key, why, "用 govsite new 生成新文章可自动分配正确的索引号")
    elif not r.unit.credit_code and rule.check_credit_code:
        r.problem(
            key,
            f"单位 {r.unit.id} 在 reviewers.yml 中没有 credit_code，无法核对索引号",
            f"在 reviewers.yml 的 units.{r.unit.id} 下填写 credit_code",
        )
    return index_no


def _doc_no(r: Reader, key: str) -> str | None:
    doc_no = r.text(key)
    if doc_no is not None and (bad := non_ascii(doc_no, digits_only=True)) is not None:
        r.problem(key, *ascii_message(doc_no, bad))
    elif doc_no is not None:
        why = doc_number.explain(doc_no)
        if why:
            better = doc_number.suggest(doc_no)
            r.problem(
                key,
                why,
                f"改为“{better}”（可用 govsite check --fix 修正）"
                if better
                else "如 示政办发〔2025〕8号",
            )
    return doc_no


def _topic(r: Reader, key: str) -> str | None:
    topic = r.text(key)
    topics = r.rules.topics
    if topic is not None and topics and topic not in topics:
        near = closest(topic, topics)
        r.problem(
            key,
            f"“{topic}”不在 site.yml 的信息分类中",
            f"是否应为“{near}”？" if near else f"可选：{'、'.join(topics)}",
        )
    return topic


def _issuer(r: Reader, key: str) -> str | None:
    return r.text(key) or (r.unit.name if r.unit is not None else None)


def _co_issuers(r: Reader, key: str) -> tuple[str, ...]:
    co_issuers = r.a_list(key)
    for uid in co_issuers:
        if uid not in r.rules.units:
            r.problem(
                key,
                f"单位“{uid}”不在 reviewers.yml 中",
                "填写 reviewers.yml 中 units 下的单位编号",
            )
        elif r.unit is not None and uid == r.unit.id:
            r.problem(key, "联合发文单位不能是本单位", f"删除“{uid}”")
    return co_issuers


def _attachments(r: Reader, key: str) -> tuple[attachment.AttachmentEntry, ...]:
    entries, found = attachment.parse(r.fm.data.get(key), r.path, r.fm.line_of)
    r.problems += found
    return tuple(entries)


# ---- required-when ------------------------------------------------------------------


@dataclass(frozen=True)
class Required:
    """When a field must be written; ``message``/``fix`` override the default wording."""

    when: Callable[[Mapping[str, Any], Rules], bool]  # (values by key, rules)
    docs: str  # the 必填 column of docs/编辑指南.md
    message: str | None = None  # default: 缺少必填项 / 必填项的值是空的
    fix: str = "在元数据中添加“{key}: …”（{help}）"  # formatted with the field's key and help


def _always(values: Mapping[str, Any], rules: Rules) -> bool:
    return True


def _in_catalogue(values: Mapping[str, Any], rules: Rules) -> bool:
    return any(rules.columns.get(c, False) for c in values.get("栏目", ()))


ALWAYS = Required(_always, "必填")
IN_CATALOGUE = Required(
    _in_catalogue,
    "目录栏目必填",
    message="列入主动公开目录的栏目必须填写此项",
    fix="添加“{key}: …”（{help}）",
)


@dataclass(frozen=True)
class Field:
    """One front-matter key: how it is read, where it goes, when it is required."""

    key: str
    read: ReadFn
    attribute: str | None  # the Article attribute; None: used by a check across keys
    help: str  # one line, for messages ("在元数据中添加…（help）")
    need: str = "否"  # the 必填 column of the docs when ``required`` does not say it
    doc: str = ""  # the docs' 含义和写法 (default: help)
    example: str = ""
    required: Required | None = None
    default: Any = None  # when the reader gives None (the Article's own default otherwise)


FIELDS: tuple[Field, ...] = (
    Field(
        "标题",
        _text,
        "title",
        "文章标题（必填）",
        doc="文章标题，与正式文件标题一致",
        example="标题: 关于调整县政务服务中心冬季办公时间的公告",
        required=ALWAYS,
    ),
    Field(
        "公开日期",
        _published,
        "published",
        "公开（发布）日期时间，如 2025-05-28 09:30（必填）",
        doc="在网站上公开的日期，可带时分",
        example="公开日期: 2026-11-18 15:00",
        required=ALWAYS,
    ),
    Field(
        "栏目",
        _columns,
        "columns",
        "栏目编号列表，如 [tzgg, zcwj]",
        doc="栏目编号列表，见第五节",
        example="栏目: [gfxwj, xxgkzd]",
        required=Required(_always, "必填", fix="添加“栏目: [栏目编号]”，栏目编号见 site.yml"),
    ),
    Field(
        "成文日期",
        _date,
        "written",
        "成文日期，如 2025-05-26",
        doc="文件的成文日期（落款日期）",
        example="成文日期: 2025-05-26",
        required=IN_CATALOGUE,
    ),
    Field(
        "索引号",
        _index_no,
        "index_no",
        "信息公开目录索引号，如 11152522MB1665215Y/2025-00002",
        doc="见第六节，用 `govsite new` 分配",
        example="索引号: 11152599MB0000011G/2025-00004",
        required=IN_CATALOGUE,
    ),
    Field(
        "发文字号",
        _doc_no,
        "doc_no",
        "如 示政办发〔2025〕8号",
        need="有文号的填",
        doc="见第七节",
        example="发文字号: 示政办发〔2025〕8号",
    ),
    Field(
        "发文机构",
        _issuer,
        "issuer",
        "默认为本单位名称",
        doc="默认本单位名称；联合发文写全部机构",
        example="发文机构: 示例县发展和改革委员会、示例县财政局",
        required=IN_CATALOGUE,
        default="",
    ),
    Field(
        "信息分类",
        _topic,
        "topic",
        "主题分类，取 site.yml 中“信息分类”之一",
        doc="主题分类，只能取 site.yml “信息分类”中的一项",
        example="信息分类: 财政金融审计",
        required=IN_CATALOGUE,
    ),
    Field(
        "有效性",
        _choice(VALIDITY, "有效"),
        "validity",
        "有效 / 失效 / 废止 / 已修订",
        doc="有效 / 失效 / 废止 / 已修订，见第八节",
        example="有效性: 有效",
        required=IN_CATALOGUE,
    ),
    Field(
        normative.KIND,
        _text,
        None,
        normative.KEYS[normative.KIND],
        need="规范性文件必填",
        doc=f"{' / '.join(normative.WENZHONG)}，见第八节",
        example="文种: 行政规范性文件",
    ),
    Field(
        normative.REG_NO,
        _text,
        None,
        normative.KEYS[normative.REG_NO],
        need="行政规范性文件必填",
        doc="统一编号（登记号），见第八节",
        example="统一编号: 示政办规〔2025〕1号",
    ),
    Field(
        normative.YEARS,
        _raw,
        None,
        normative.KEYS[normative.YEARS],
        need="可选",
        doc="年数，默认 5 年（暂行、试行 2 年）",
        example="有效期: 5",
    ),
    Field(
        normative.REPEALS,
        _list,
        None,
        normative.KEYS[normative.REPEALS],
        need="可选",
        doc="本文件废止的旧文件的索引号列表",
        example="废止旧文件: [11152599MB0000011G/2024-00001]",
    ),
    Field(
        "废止日期",
        _date,
        "repeal_date",
        "如 2026-01-01",
        need="失效、废止时必填",
        doc="失效或废止的日期",
        example="废止日期: 2026-07-01",
    ),
    Field(
        "废止文件",
        _text,
        "repealed_by",
        "废止（或修订）本文件的文件的索引号",
        need="废止、已修订时必填",
        doc="废止（修订）本文件的**新文件的索引号**",
        example="废止文件: 11152599MB0000011G/2026-00002",
    ),
    Field(
        "需要解读",
        _flag,
        "needs_interpretation",
        "是 / 否：政策文件是否需要配发解读",
        example="需要解读: 是",
    ),
    Field(
        "解读对象",
        _ascii,
        "interprets",
        "本解读所解读文件的索引号",
        need="解读文章必填",
        doc="被解读文件的索引号，见第九节",
        example="解读对象: 11152599MB0000011G/2025-00004",
    ),
    Field(
        "联合发文单位",
        _co_issuers,
        "co_issuers",
        "联合发文单位编号列表（reviewers.yml 中的单位）",
        doc="联合发文的其他单位编号（reviewers.yml 中的编号），不含本单位",
        example="联合发文单位: [czj]",
    ),
    Field(
        "重要程度",
        _choice(IMPORTANCE, "一般"),
        "importance",
        "一般 / 重要 / 重大（默认一般）",
        doc="一般 / 重要 / 重大，默认一般",
        example="重要程度: 重要",
    ),
    Field(
        "公开方式",
        _disclosure,
        "disclosure",
        "主动公开 / 依申请公开 / 不予公开 / 免予公开；只有主动公开的内容可以发布",
        doc="默认主动公开。**只有主动公开的内容可以放进仓库**",
        example="公开方式: 主动公开",
    ),
    Field("公开范围", _text, "scope", "如 面向全社会", example="公开范围: 面向全社会"),
    Field("公开时限", _text, "time_limit", "如 常年公开", example="公开时限: 常年公开"),
    Field(
        "概述",
        _text,
        "summary",
        "内容概述",
        need="建议填",
        doc="一两句话的内容概述，显示在元数据表、列表和搜索结果中",
        example="概述: 2026年10月15日至2027年6月15日为全县森林草原防火期。",
    ),
    Field(
        "转载来源",
        _text,
        "source",
        "转载稿件的来源",
        need="转载时必填",
        doc="转载稿件的来源网站或媒体",
        example="转载来源: 示例市人民政府网",
    ),
    Field(
        "附件",
        _attachments,
        "attachment_entries",
        "与文章同目录的附件：文件名列表，或每项写 文件 和 名称（页面显示的附件标题）",
        doc="与文章同目录的附件：文件名列表，或每项写“文件”和“名称”，见第十节",
        example="附件: [2026-xianji-yusuan-biao.xlsx]",
    ),
    Field(
        consultation.START,
        _date,
        None,
        consultation.KEYS[consultation.START],
        need="征求意见稿必填",
        doc="意见征集的开始日期，见第十一节",
        example="征集开始日期: 2026-11-20",
    ),
    Field(
        consultation.END,
        _date,
        None,
        consultation.KEYS[consultation.END],
        need="征求意见稿必填",
        doc="意见征集的截止日期，截止当天仍可提交，见第十一节",
        example="征集截止日期: 2026-12-20",
    ),
    Field(
        consultation.FEEDBACK,
        _text,
        None,
        consultation.KEYS[consultation.FEEDBACK],
        need="征集结束后填",
        doc="公布意见采纳情况的文章的文件名（与本文同目录）",
        example="意见采纳情况: 2026-zhongdian-xiangmu-fankui.md",
    ),
    Field(
        "关键词",
        _list,
        "keywords",
        "关键词列表",
        doc="关键词列表，用于搜索和页面关键词",
        example="关键词: [预算公开, 三公经费]",
    ),
    Field(
        "体裁",
        _text,
        "genre",
        "公文文种，如 通知、意见、公告",
        doc="公文文种：决议、决定、命令、公报、公告、通告、意见、通知、通报、报告、请示、批复、议案、函、纪要",
        example="体裁: 通知",
    ),
    Field(
        "公开依据",
        _text,
        "basis",
        "惩戒公示 / 强制性信息披露：个人信息按规定脱敏后可公开",
        doc="惩戒公示 / 强制性信息披露：只有这两类可以公开按规定脱敏的个人信息",
        example="公开依据: 惩戒公示",
    ),
    Field(
        "撤稿日期",
        _date,
        "withdrawn",
        "撤稿（撤销发布）的日期，由 govsite withdraw 填写",
        need="撤稿时由 govsite withdraw 填写",
        doc="撤稿（撤销发布）的日期，页面从这天起显示为已撤销",
        example="撤稿日期: 2026-12-01",
    ),
    Field(
        "撤稿原因",
        _text,
        "withdraw_reason",
        "撤稿的原因，由 govsite withdraw 填写",
        need="撤稿时由 govsite withdraw 填写",
        doc="撤稿的原因",
        example="撤稿原因: 内容有误，已重新发布",
    ),
)
BY_KEY: dict[str, Field] = {f.key: f for f in FIELDS}
# Every key an editor may write, with a one-line description for messages and docs.
KEYS: dict[str, str] = {f.key: f.help for f in FIELDS}
CATALOGUE_REQUIRED = tuple(f.key for f in FIELDS if f.required is IN_CATALOGUE)


def read_fields(r: Reader) -> dict[str, Any]:
    """Every key of ``FIELDS`` read (values by key), then every required-when checked:
    one pass, so each problem of the file is reported in the same run."""
    r.unknown_keys(KEYS)
    values: dict[str, Any] = {}
    for f in FIELDS:
        value = f.read(r, f.key)
        values[f.key] = f.default if value is None and f.default is not None else value
    for f in FIELDS:
        need = f.required
        if need is None or not blank(r.fm.data.get(f.key)) or not need.when(values, r.rules):
            continue
        r.missing(f.key, need.fix.format(key=f.key, help=f.help), need.message)
    _across_keys(r, values)
    return values


def _across_keys(r: Reader, values: dict[str, Any]) -> None:
    """Checks that read more than one key; each fills the values it derives."""
    data = r.fm.data
    written, published = values["成文日期"], values["公开日期"]
    if written and published and written > published.date():
        r.problem("成文日期", "成文日期晚于公开日期", "核对成文日期和公开日期")
    validity = values["有效性"]
    if validity in ("废止", "失效") and values["废止日期"] is None and blank(data.get("废止日期")):
        r.problem("有效性", f"有效性为“{validity}”时须填写废止日期", "添加“废止日期: 年-月-日”")
    if validity in ("废止", "已修订") and values["废止文件"] is None and "废止文件" not in data:
        r.problem(
            "有效性",
            f"有效性为“{validity}”时须填写废止文件（新文件的索引号）",
            "添加“废止文件: 新文件的索引号”，页面会链接到新文件",
        )
    consult, found = consultation.check(
        values[consultation.START],
        values[consultation.END],
        values[consultation.FEEDBACK],
        present={k for k in consultation.KEYS if k in data},
    )
    norm, found_n = normative.check(
        values[normative.KIND],
        values[normative.REG_NO],
        values[normative.YEARS],
        values[normative.REPEALS],
        title=values["标题"] or "",
        written=written,
        rule=r.rules.normative,
        present={k for k in normative.KEYS if k in data},
    )
    for key, message, fix in found + found_n:
        r.problem(key, message, fix)
    values["consultation"], values["normative"] = consult, norm
    if bool(data.get("撤稿日期")) != bool(data.get("撤稿原因")):
        r.problem(
            "撤稿原因" if data.get("撤稿日期") else "撤稿日期",
            "撤稿日期和撤稿原因须同时填写",
            "用 govsite withdraw 文件 --reason 原因 撤稿",
        )


def attributes(values: Mapping[str, Any]) -> dict[str, Any]:
    """The Article keyword arguments the table's values give (attribute -> value)."""
    out = {f.attribute: values[f.key] for f in FIELDS if f.attribute is not None}
    out["consultation"], out["normative"] = values["consultation"], values["normative"]
    out["attachments"] = tuple(e.file for e in values["附件"])
    return out


def docs_table() -> str:
    """The key list of docs/编辑指南.md (section 四), generated from ``FIELDS``."""
    rows = ["| 键 | 必填 | 含义和写法 | 示例 |", "|---|---|---|---|"]
    for f in FIELDS:
        need = f.required.docs if f.required is not None else f.need
        rows.append(f"| {f.key} | {need} | {f.doc or f.help} | `{f.example}` |")
    return "\n".join(rows) + "\n"
