"""site.yml: the site's identity, footer, 索引号 rule, topics and column tree.

Keys are Chinese: platform editors maintain this file and the keys are the
labels they see on the page. Every key is declared once in ``SITE`` (key, type,
default, reader, help), which also writes the table in docs/平台配置.md. An unknown
key is an error naming its line and the nearest known key, in every section (fail
closed: a mistyped key silently ignored would drop a footer item or a rule).
``SiteConfig.warnings`` (a blank 党政机关标识) are printed by build, check and
report; ``--strict`` makes them errors.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from govsite.config import normative
from govsite.config.schema import (
    Collector,
    Option,
    Read,
    a_date,
    flag,
    integer,
    load_yaml,
    read_options,
    regex,
    section,
    text,
)
from govsite.errors import Problem
from govsite.model.index_number import DEFAULT_PATTERN, IndexNumberRule
from govsite.model.rules import Rules

COLUMN_ID = re.compile(r"^[a-z][a-z0-9-]*$")


@dataclass(frozen=True)
class Period:
    """How often a column must be updated (MON-03/05)."""

    label: str  # 动态 / 要闻 / 通知公告 / 政策文件 / 月度 / 季度 / 年度 / 不定期 / 14天 …
    days: int = 0
    months: int = 0

    @property
    def kind(self) -> str:
        """'14d', '6m' or 'other': the classes the veto thresholds count."""
        if self.days == 14 and not self.months:
            return "14d"
        if self.months == 6 and not self.days:
            return "6m"
        return "other"


# MON-05's defaults by column type.
PERIODS: dict[str, Period] = {
    "动态": Period("动态", days=14),
    "要闻": Period("要闻", days=14),
    "政务新媒体": Period("政务新媒体", days=14),
    "通知公告": Period("通知公告", months=6),
    "政策文件": Period("政策文件", months=6),
    "人事": Period("人事", months=12),
    "规划计划": Period("规划计划", months=12),
    "月度": Period("月度", months=1),
    "季度": Period("季度", months=3),
    "年度": Period("年度", months=12),
    "不定期": Period("不定期", months=12),
}
_EXPLICIT = re.compile(r"^(?P<n>[1-9]\d*)\s*(?P<u>天|日|个月|月|年)$")


def parse_period(text: str) -> Period | None:
    if text in PERIODS:
        return PERIODS[text]
    m = _EXPLICIT.match(text)
    if not m:
        return None
    n = int(m["n"])
    if m["u"] in ("天", "日"):
        return Period(text, days=n)
    if m["u"] == "年":
        return Period(text, months=12 * n)
    return Period(text, months=n)


@dataclass(frozen=True)
class Column:
    id: str
    title: str
    period: Period
    parent: str | None = None
    children: tuple[str, ...] = ()
    home: bool = False  # listed on the portal home page
    catalogue: bool = False  # 公开目录: lists disclosure-catalogue entries
    description: str = ""
    unit: str | None = None  # 栏目保障责任单位 (SITE-02)
    kind: str = ""  # 类型: "" or 意见征集 (its articles carry a 征集期)

    @property
    def top_level(self) -> bool:
        return self.parent is None


@dataclass(frozen=True)
class Link:
    key: str
    title: str
    url: str


@dataclass(frozen=True)
class Disclosure:
    """政府信息公开 section (SITE-03/04/06)."""

    guide: str | None = None  # page slug of 政府信息公开指南
    system: str | None = None  # column id of 政府信息公开制度
    annual_report: str | None = None  # column id of 政府信息公开年报
    site_report: str | None = None  # column id of 政府网站工作年度报表
    application: str | None = None  # page slug of 依申请公开
    statutory: tuple[tuple[str, tuple[str, ...]], ...] = ()  # 第二十条 item -> column ids
    not_applicable: tuple[tuple[str, str], ...] = ()  # 第二十条 item -> reason (SITE-06)


@dataclass(frozen=True)
class SiteConfig:
    name: str
    url: str
    id_code: str
    sponsor: str
    organizer: str
    contact: str
    icp: str
    police: str
    conac_url: str = ""
    index_rule: IndexNumberRule = field(default_factory=IndexNumberRule)
    topics: tuple[str, ...] = ()
    columns: dict[str, Column] = field(default_factory=dict)
    links: tuple[Link, ...] = ()
    disclosure: Disclosure = field(default_factory=Disclosure)
    page_size: int = 20
    gate_since: date | None = None  # content that landed before this predates the gate (MON-08)
    normative: normative.NormativeRule = field(default_factory=normative.NormativeRule)
    warnings: tuple[Problem, ...] = ()  # printed by build, check and report; --strict: errors

    @property
    def domain(self) -> str:
        return re.sub(r"^https?://", "", self.url).split("/")[0]

    def catalogue_columns(self) -> list[Column]:
        return [c for c in self.columns.values() if c.catalogue]

    def home_columns(self) -> list[Column]:
        return [c for c in self.columns.values() if c.home]

    def rules(self, units: Collection[str]) -> Rules:
        """The narrow context the model judges front matter in (model.rules)."""
        return Rules(
            columns={c.id: c.catalogue for c in self.columns.values()},
            topics=self.topics,
            index_rule=self.index_rule,
            normative=self.normative,
            units=frozenset(units),
        )

    def ancestors(self, column_id: str) -> list[Column]:
        out: list[Column] = []
        col = self.columns.get(column_id)
        while col is not None and col.parent is not None:
            col = self.columns.get(col.parent)
            if col is not None:
                out.insert(0, col)
        return out


COLUMN_KINDS = ("意见征集",)
LINK_KEYS = ("名称", "网址")  # each entry of 链接
STATUTORY_KEYS = ("条目", "栏目", "不适用")  # each item of 政府信息公开.法定主动公开内容
PERIOD_HELP = f"可写 {'、'.join(PERIODS)}，或“14天”“6个月”“1年”"


def _no_conac(value: Any) -> tuple[str, str] | None:
    if value:
        return None
    return (
        "未填写党政机关网站标识的链接：页脚的“党政机关网站标识”无法链接到核验页（SITE-08）",
        "开办标识后，在 site.yml 的“网站”下填写 党政机关标识（中国机构编制网给出的网址）",
    )


def _identity(key: str, help: str, read: Read | None = None) -> Option:
    return Option(
        key,
        "文字",
        help,
        default="",
        read=read or text(),
        required=f"缺少“{key}”（每个页面底部都要显示，SITE-08）",
        fix=f"在 site.yml 的“网站”下填写 {key}",
    )


IDENTITY: tuple[Option, ...] = (
    _identity("名称", "网站名称，页面标题和 SiteName 标签"),
    _identity(
        "网址",
        "正式网址，以 https:// 开头",
        text(r"^https?://[^/\s]+", "网址应以 https:// 开头", "如 https://www.shixian.gov.cn"),
    ),
    _identity(
        "网站标识码",
        "全国政府网站基本信息数据库分配的标识码：10 位数字，或 bm 加 8 位数字（建议加引号）",
        text(
            r"^(\d{10}|bm\d{8})$",
            "网站标识码应为 10 位数字（或 bm 加 8 位数字）",
            "填写全国政府网站基本信息数据库分配的标识码，如 1525990001",
        ),
    ),
    _identity("主办单位", "页脚显示的主办单位"),
    _identity("承办单位", "页脚显示的承办单位"),
    _identity("联系方式", "页脚显示的电话和地址"),
    _identity("ICP备案号", "页脚显示的 ICP 备案号"),
    _identity("公安备案号", "页脚显示的公安机关备案号"),
    Option(
        "党政机关标识",
        "文字",
        "党政机关网站标识（红色标识）的链接；不填时警告（--strict 下是错误）",
        default="",
        read=text(),
        warn=_no_conac,
    ),
)
INDEX: tuple[Option, ...] = (
    Option(
        "格式",
        "正则表达式",
        "索引号的正则表达式，须有 org、year、serial 三个命名分组",
        default=DEFAULT_PATTERN,
        read=regex(DEFAULT_PATTERN, ("org", "year", "serial")),
        shown_default="统一社会信用代码/年份-5位序号",
    ),
    Option(
        "校验信用代码",
        "true/false",
        "18 位机构代码须通过校验，并等于发布单位的 credit_code",
        default=True,
        read=flag(True),
    ),
)
COLUMN: tuple[Option, ...] = (
    Option(
        "id",
        "文字",
        "栏目编号：小写字母开头，只含小写字母、数字和 -，全站唯一",
        required="缺少栏目编号 id",
    ),
    Option("名称", "文字", "栏目名称", required="缺少栏目名称"),
    Option("更新周期", "文字", f"应更新周期；{PERIOD_HELP}", default="不定期"),
    Option("首页", "true/false", "在首页显示该栏目的最新信息", default=False, read=flag(False)),
    Option(
        "公开目录",
        "true/false",
        "该栏目的文章列入主动公开目录",
        default=False,
        read=flag(False),
    ),
    Option("说明", "文字", "栏目说明（ColumnDescription）", default="", read=text()),
    Option("责任单位", "文字", "栏目保障责任单位的编号（reviewers.yml 中的单位）"),
    Option("子栏目", "列表", "下级栏目列表，写法相同", default=[]),
    Option("类型", "文字", f"{'、'.join(COLUMN_KINDS)}；普通栏目不写", default=""),
)
DISCLOSURE: tuple[Option, ...] = (
    Option("指南", "文字", "政府信息公开指南页面的别名"),
    Option("制度", "文字", "政府信息公开制度栏目编号"),
    Option("年报", "文字", "政府信息公开年报栏目编号"),
    Option("网站年度报表", "文字", "政府网站工作年度报表栏目编号"),
    Option("依申请公开", "文字", "依申请公开页面的别名"),
    Option(
        "法定主动公开内容",
        "列表",
        "《条例》第二十条各项：每项写“条目”和“栏目”（栏目编号列表），或“条目”和“不适用”（理由）",
        default=[],
    ),
)
SITE: tuple[Option, ...] = (
    Option(
        "网站",
        "映射",
        "网站的身份信息，每个页面底部显示（SITE-08）",
        read=section(IDENTITY, "“网站”应是一个映射"),
        children=IDENTITY,
    ),
    Option(
        "索引号",
        "映射",
        "索引号规则",
        read=section(INDEX, "“索引号”应是一个映射（格式、校验信用代码）"),
        children=INDEX,
    ),
    Option("信息分类", "文字列表", "文章“信息分类”可选的主题分类，不能重复", default=[]),
    Option(
        "栏目",
        "列表",
        "栏目树；每个栏目的键见“栏目[…]”",
        required="缺少栏目树",
        fix="在 site.yml 中列出栏目（id、名称、更新周期）",
    ),
    Option(
        "链接",
        "映射",
        "首页和导航中的外部入口：入口名 → {名称, 网址}；须有 办事服务 和 互动交流",
        default={},
    ),
    Option(
        "政府信息公开",
        "映射",
        "政府信息公开专栏的组成（SITE-04/06）",
        read=section(DISCLOSURE, "“政府信息公开”应是一个映射"),
        children=DISCLOSURE,
    ),
    Option(
        "每页条数",
        "整数",
        "栏目列表和目录每页显示的条数，不小于 5",
        default=20,
        read=integer(20, 5, 10_000, "每页条数应是不小于 5 的整数", "如 每页条数: 20"),
    ),
    Option(
        "审核门禁启用日期",
        "日期",
        "此前合并的内容早于审核门禁，健康报告不按门禁判（MON-08）",
        read=a_date,
    ),
    Option(
        normative.SITE_KEY,
        "映射",
        "规范性文件的统一编号格式和默认有效期",
        read=section(
            normative.OPTIONS,
            "“规范性文件”应是一个映射（统一编号格式、有效期、暂行试行有效期）",
            "参照 docs/平台配置.md 的示例书写",
        ),
        children=normative.OPTIONS,
    ),
)


def load(root: Path) -> SiteConfig:
    data, lines = load_yaml(root / "site.yml", "site.yml")
    return validate(data, lines)


def validate(data: Any, lines: dict[str, int]) -> SiteConfig:
    c = Collector("site.yml", lines=lines)
    if not isinstance(data, dict):
        c.add("", "site.yml 应是一个映射", "参照 docs/平台配置.md 中的示例书写")
        c.raise_if_any()
    v = read_options(c, data, SITE, "")
    ident, index = v["网站"], v["索引号"]
    topics_raw = v["信息分类"]
    topics: list[str] = []
    if not isinstance(topics_raw, list) or not all(isinstance(t, str) for t in topics_raw):
        c.add("信息分类", "信息分类应是文字列表", "如 信息分类: [综合政务, 财政金融]")
    else:
        topics = list(topics_raw)
    if len(set(topics)) != len(topics):
        c.add("信息分类", "信息分类有重复项", "删除重复的分类")

    columns: dict[str, Column] = {}
    raw_cols = v["栏目"]
    if raw_cols is not None and (not isinstance(raw_cols, list) or not raw_cols):
        c.add("栏目", "缺少栏目树", "在 site.yml 中列出栏目（id、名称、更新周期）")
    elif raw_cols is not None:
        for i, raw in enumerate(raw_cols):
            _column(c, raw, f"栏目[{i}]", None, columns)

    links = _links(c, v["链接"])
    disclosure = _disclosure(c, v["政府信息公开"], columns)
    c.raise_if_any()
    return SiteConfig(
        name=ident["名称"],
        url=ident["网址"].rstrip("/"),
        id_code=ident["网站标识码"],
        sponsor=ident["主办单位"],
        organizer=ident["承办单位"],
        contact=ident["联系方式"],
        icp=ident["ICP备案号"],
        police=ident["公安备案号"],
        conac_url=ident["党政机关标识"],
        index_rule=IndexNumberRule(pattern=index["格式"], check_credit_code=index["校验信用代码"]),
        topics=tuple(topics),
        columns=columns,
        links=links,
        disclosure=disclosure,
        page_size=v["每页条数"],
        gate_since=v["审核门禁启用日期"],
        normative=normative.rule(v[normative.SITE_KEY]),
        warnings=tuple(c.warnings),
    )


def _column(
    c: Collector, raw: Any, key: str, parent: str | None, out: dict[str, Column]
) -> str | None:
    if not isinstance(raw, dict):
        c.add(key, "栏目应是一个映射（id、名称、更新周期 …）")
        return None
    cid = str(raw.get("id", ""))
    if not COLUMN_ID.match(cid):
        c.unknown_keys(raw, [o.key for o in COLUMN], key)
        c.add(
            f"{key}.id",
            f"栏目编号“{cid}”不合法",
            "栏目编号用小写字母开头，只含小写字母、数字和 -，如 tzgg",
        )
        return None
    if cid in out:
        c.unknown_keys(raw, [o.key for o in COLUMN], key)
        c.add(f"{key}.id", f"栏目编号“{cid}”重复", "每个栏目的编号必须唯一")
        return None
    v = read_options(c, raw, COLUMN, key)
    title = str(v["名称"] or "").strip()
    period_text = str(v["更新周期"])
    period = parse_period(period_text)
    if period is None:
        c.add(f"{key}.更新周期", f"无法识别的更新周期“{period_text}”", PERIOD_HELP)
        period = PERIODS["不定期"]
    raw_children = v["子栏目"] or []
    if not isinstance(raw_children, list):
        c.add(f"{key}.子栏目", "子栏目应是栏目列表")
        raw_children = []
    kind = str(v["类型"] or "")
    if kind and kind not in COLUMN_KINDS:
        c.add(
            f"{key}.类型",
            f"无法识别的栏目类型“{kind}”",
            f"可写 {'、'.join(COLUMN_KINDS)}；普通栏目不写“类型”",
        )
        kind = ""
    # Register the column before its children so that ids stay in tree order.
    out[cid] = Column(
        id=cid,
        title=title,
        period=period,
        parent=parent,
        home=v["首页"],
        catalogue=v["公开目录"],
        description=v["说明"],
        unit=str(v["责任单位"]) if v["责任单位"] else None,
        kind=kind,
    )
    children: list[str] = []
    for i, child in enumerate(raw_children):
        child_id = _column(c, child, f"{key}.子栏目[{i}]", cid, out)
        if child_id:
            children.append(child_id)
    if children:
        out[cid] = replace(out[cid], children=tuple(children))
    return cid


def _links(c: Collector, raw: Any) -> tuple[Link, ...]:
    if not isinstance(raw, dict):
        c.add("链接", "“链接”应是一个映射，如 办事服务: {名称: …, 网址: …}")
        return ()
    out = []
    for key, value in raw.items():
        if not isinstance(value, dict) or not value.get("网址"):
            c.add(
                f"链接.{key}",
                "每个链接需要“名称”和“网址”",
                "如 办事服务: {名称: 政务服务网, 网址: https://…}",
            )
            continue
        c.unknown_keys(value, LINK_KEYS, f"链接.{key}")
        out.append(Link(key=str(key), title=str(value.get("名称", key)), url=str(value["网址"])))
    for required in ("办事服务", "互动交流"):
        if required not in raw:
            c.add(
                f"链接.{required}",
                f"缺少“{required}”入口（SITE-01/13，单项否决项）",
                f"在“链接”下添加 {required}: {{名称: …, 网址: …}}",
            )
    return tuple(out)


def _disclosure(c: Collector, raw: dict[str, Any], columns: dict[str, Column]) -> Disclosure:
    for key in ("制度", "年报", "网站年度报表"):
        cid = raw.get(key)
        if cid is not None and cid not in columns:
            c.add(f"政府信息公开.{key}", f"栏目“{cid}”不存在", "填写 栏目 中已有的栏目编号")
    statutory: list[tuple[str, tuple[str, ...]]] = []
    not_applicable: list[tuple[str, str]] = []
    items = raw["法定主动公开内容"]
    if not isinstance(items, list):
        c.add("政府信息公开.法定主动公开内容", "应是列表，每项写“条目”和“栏目”")
        items = []
    for i, item in enumerate(items):
        key = f"政府信息公开.法定主动公开内容[{i}]"
        if not isinstance(item, dict) or "条目" not in item:
            c.add(key, "每项需要“条目”和“栏目”")
            continue
        c.unknown_keys(item, STATUTORY_KEYS, key)
        if item.get("不适用") is not None:
            not_applicable.append((str(item["条目"]), str(item["不适用"]).strip()))
            continue
        cols = item.get("栏目") or []
        if isinstance(cols, str):
            cols = [cols]
        for cid in cols:
            if cid not in columns:
                c.add(f"{key}.栏目", f"栏目“{cid}”不存在", "填写 栏目 中已有的栏目编号")
        statutory.append((str(item["条目"]), tuple(str(x) for x in cols)))
    return Disclosure(
        guide=raw.get("指南"),
        system=raw.get("制度"),
        annual_report=raw.get("年报"),
        site_report=raw.get("网站年度报表"),
        application=raw.get("依申请公开"),
        statutory=tuple(statutory),
        not_applicable=tuple(not_applicable),
    )
