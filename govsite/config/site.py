"""site.yml: the site's identity, footer, 索引号 rule, topics and column tree.

Keys are Chinese: platform editors maintain this file and the keys are the
labels they see on the page. Unknown keys are warnings (fatal with strict=True).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path
from typing import Any

from govsite.config import normative
from govsite.config.schema import Collector, load_yaml
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
    warnings: tuple[str, ...] = ()

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


SITE_KEYS = (
    "网站",
    "索引号",
    "信息分类",
    "栏目",
    "链接",
    "政府信息公开",
    "每页条数",
    "审核门禁启用日期",
    normative.SITE_KEY,
)
IDENTITY_KEYS = (
    "名称",
    "网址",
    "网站标识码",
    "主办单位",
    "承办单位",
    "联系方式",
    "ICP备案号",
    "公安备案号",
    "党政机关标识",
)
COLUMN_KEYS = ("id", "名称", "更新周期", "首页", "公开目录", "说明", "责任单位", "子栏目", "类型")
COLUMN_KINDS = ("意见征集",)
DISCLOSURE_KEYS = ("指南", "制度", "年报", "网站年度报表", "依申请公开", "法定主动公开内容")


def load(root: Path, *, strict: bool = False) -> SiteConfig:
    data, lines = load_yaml(root / "site.yml", "site.yml")
    return validate(data, lines, strict=strict)


def validate(data: Any, lines: dict[str, int], *, strict: bool = False) -> SiteConfig:
    c = Collector("site.yml", lines=lines)
    if not isinstance(data, dict):
        c.add("", "site.yml 应是一个映射", "参照 docs/平台配置.md 中的示例书写")
        c.raise_if_any()
    c.unknown_keys(data, SITE_KEYS, "")
    ident = data.get("网站") or {}
    if not isinstance(ident, dict):
        c.add("网站", "“网站”应是一个映射")
        ident = {}
    c.unknown_keys(ident, IDENTITY_KEYS, "网站")
    values: dict[str, str] = {}
    for key in IDENTITY_KEYS:
        value = ident.get(key)
        if key == "党政机关标识" and value is None:
            values[key] = ""
            continue
        if value is None or not str(value).strip():
            c.add(
                f"网站.{key}",
                f"缺少“{key}”（每个页面底部都要显示，SITE-08）",
                f"在 site.yml 的“网站”下填写 {key}",
            )
            values[key] = ""
        else:
            values[key] = str(value).strip()
    if values["网址"] and not re.match(r"^https?://[^/\s]+", values["网址"]):
        c.add("网站.网址", "网址应以 https:// 开头", "如 https://www.shixian.gov.cn")
    if values["网站标识码"] and not re.match(r"^(\d{10}|bm\d{8})$", values["网站标识码"]):
        c.add(
            "网站.网站标识码",
            "网站标识码应为 10 位数字（或 bm 加 8 位数字）",
            "填写全国政府网站基本信息数据库分配的标识码，如 1525990001",
        )

    rule = _index_rule(c, data.get("索引号") or {})
    topics_raw = data.get("信息分类") or []
    topics: list[str] = []
    if not isinstance(topics_raw, list) or not all(isinstance(t, str) for t in topics_raw):
        c.add("信息分类", "信息分类应是文字列表", "如 信息分类: [综合政务, 财政金融]")
    else:
        topics = list(topics_raw)
    if len(set(topics)) != len(topics):
        c.add("信息分类", "信息分类有重复项", "删除重复的分类")

    columns: dict[str, Column] = {}
    raw_cols = data.get("栏目")
    if not isinstance(raw_cols, list) or not raw_cols:
        c.add("栏目", "缺少栏目树", "在 site.yml 中列出栏目（id、名称、更新周期）")
    else:
        for i, raw in enumerate(raw_cols):
            _column(c, raw, f"栏目[{i}]", None, columns)

    links = _links(c, data.get("链接") or {})
    disclosure = _disclosure(c, data.get("政府信息公开") or {}, columns)
    page_size = data.get("每页条数", 20)
    if not isinstance(page_size, int) or page_size < 5:
        c.add("每页条数", "每页条数应是不小于 5 的整数", "如 每页条数: 20")
        page_size = 20
    gate_since = data.get("审核门禁启用日期")
    if gate_since is not None and not isinstance(gate_since, date):
        c.add("审核门禁启用日期", f"“{gate_since}”不是有效的日期", "写成 年-月-日，如 2026-11-24")
        gate_since = None
    rule_n = normative.parse(c, data.get(normative.SITE_KEY))
    c.raise_if_any()
    return SiteConfig(
        name=values["名称"],
        url=values["网址"].rstrip("/"),
        id_code=values["网站标识码"],
        sponsor=values["主办单位"],
        organizer=values["承办单位"],
        contact=values["联系方式"],
        icp=values["ICP备案号"],
        police=values["公安备案号"],
        conac_url=values["党政机关标识"],
        index_rule=rule,
        topics=tuple(topics),
        columns=columns,
        links=links,
        disclosure=disclosure,
        page_size=page_size,
        gate_since=gate_since,
        normative=rule_n,
        warnings=tuple(w.render() for w in c.warnings),
    )


def _index_rule(c: Collector, raw: Any) -> IndexNumberRule:
    if not isinstance(raw, dict):
        c.add("索引号", "“索引号”应是一个映射（格式、校验信用代码）")
        return IndexNumberRule()
    c.unknown_keys(raw, ("格式", "校验信用代码"), "索引号")
    pattern = str(raw.get("格式", DEFAULT_PATTERN))
    try:
        compiled = re.compile(pattern)
    except re.error as exc:
        c.add("索引号.格式", f"正则表达式有误（{exc}）", "请平台技术人员检查该正则表达式")
        return IndexNumberRule()
    for group in ("org", "year", "serial"):
        if group not in compiled.groupindex:
            c.add(
                "索引号.格式",
                f"正则表达式缺少命名分组 (?P<{group}>…)",
                "格式须用 org、year、serial 三个命名分组标出机构代码、年份和序号",
            )
    check = raw.get("校验信用代码", True)
    if not isinstance(check, bool):
        c.add("索引号.校验信用代码", "只能是 true 或 false")
        check = True
    return IndexNumberRule(pattern=pattern, check_credit_code=check)


def _column(
    c: Collector, raw: Any, key: str, parent: str | None, out: dict[str, Column]
) -> str | None:
    if not isinstance(raw, dict):
        c.add(key, "栏目应是一个映射（id、名称、更新周期 …）")
        return None
    c.unknown_keys(raw, COLUMN_KEYS, key)
    cid = str(raw.get("id", ""))
    if not COLUMN_ID.match(cid):
        c.add(
            f"{key}.id",
            f"栏目编号“{cid}”不合法",
            "栏目编号用小写字母开头，只含小写字母、数字和 -，如 tzgg",
        )
        return None
    if cid in out:
        c.add(f"{key}.id", f"栏目编号“{cid}”重复", "每个栏目的编号必须唯一")
        return None
    title = str(raw.get("名称", "")).strip()
    if not title:
        c.add(f"{key}.名称", "缺少栏目名称")
    period_text = str(raw.get("更新周期", "不定期"))
    period = parse_period(period_text)
    if period is None:
        c.add(
            f"{key}.更新周期",
            f"无法识别的更新周期“{period_text}”",
            f"可写 {'、'.join(PERIODS)}，或“14天”“6个月”“1年”",
        )
        period = PERIODS["不定期"]
    children: list[str] = []
    raw_children = raw.get("子栏目") or []
    if not isinstance(raw_children, list):
        c.add(f"{key}.子栏目", "子栏目应是栏目列表")
        raw_children = []
    for flag in ("首页", "公开目录"):
        if flag in raw and not isinstance(raw[flag], bool):
            c.add(f"{key}.{flag}", f"{flag} 只能是 true 或 false")
    kind = str(raw.get("类型") or "")
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
        home=raw.get("首页") is True,
        catalogue=raw.get("公开目录") is True,
        description=str(raw.get("说明", "")),
        unit=str(raw["责任单位"]) if raw.get("责任单位") else None,
        kind=kind,
    )
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
        out.append(Link(key=str(key), title=str(value.get("名称", key)), url=str(value["网址"])))
    for required in ("办事服务", "互动交流"):
        if required not in raw:
            c.add(
                f"链接.{required}",
                f"缺少“{required}”入口（SITE-01/13，单项否决项）",
                f"在“链接”下添加 {required}: {{名称: …, 网址: …}}",
            )
    return tuple(out)


def _disclosure(c: Collector, raw: Any, columns: dict[str, Column]) -> Disclosure:
    if not isinstance(raw, dict):
        c.add("政府信息公开", "“政府信息公开”应是一个映射")
        return Disclosure()
    c.unknown_keys(raw, DISCLOSURE_KEYS, "政府信息公开")
    for key in ("制度", "年报", "网站年度报表"):
        cid = raw.get(key)
        if cid is not None and cid not in columns:
            c.add(f"政府信息公开.{key}", f"栏目“{cid}”不存在", "填写 栏目 中已有的栏目编号")
    statutory: list[tuple[str, tuple[str, ...]]] = []
    not_applicable: list[tuple[str, str]] = []
    for i, item in enumerate(raw.get("法定主动公开内容") or []):
        key = f"政府信息公开.法定主动公开内容[{i}]"
        if not isinstance(item, dict) or "条目" not in item:
            c.add(key, "每项需要“条目”和“栏目”")
            continue
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
