"""政府网站工作年度报表 (国办函〔2018〕12号), pre-filled (pure; SITE-16).

Every number the library and site.yml can give is filled in, with its source;
the rest (visits, services, messages, security tests …) is marked 由平台填写
for the platform unit, never guessed.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from govsite.config.site import SiteConfig
from govsite.model.article import Article

PLATFORM = "由平台填写"
SECTIONS = (
    "基本信息",
    "信息发布",
    "专栏专题",
    "解读回应",
    "办事服务",
    "互动交流",
    "安全防护",
    "移动新媒体",
    "创新发展",
)
FORM_PLATFORMS = {"微博": ("微博",), "微信": ("微信公众号", "微信")}  # the form's own rows
DYNAMIC_KINDS = ("14d",)  # 动态/要闻 columns (更新周期 14 天) count as 政务动态


@dataclass(frozen=True)
class Item:
    section: str
    name: str
    value: str | None  # None: 由平台填写
    source: str = ""  # how govsite counted it

    @property
    def shown(self) -> str:
        return PLATFORM if self.value is None else self.value


@dataclass(frozen=True)
class Account:
    """A 政务新媒体 account as the 年度报表 needs it (from newmedia.yml)."""

    name: str
    platform: str
    active: bool


def _in_year(a: Article, year: int) -> bool:
    return a.published.year == year


def items(
    site: SiteConfig,
    articles: Sequence[Article],
    year: int,
    *,
    profiles: int = 0,
    accounts: Iterable[Account] = (),
) -> list[Item]:
    live = [a for a in articles if _in_year(a, year)]
    catalogue = {c.id for c in site.catalogue_columns()}
    dynamic = {c.id for c in site.columns.values() if c.period.kind in DYNAMIC_KINDS}
    in_catalogue = [a for a in live if catalogue.intersection(a.columns)]
    news = [a for a in live if dynamic.intersection(a.columns)]
    interpretations = [a for a in live if a.interprets is not None]
    consultations = [a for a in live if a.consultation is not None]
    with_feedback = [a for a in consultations if a.consultation and a.consultation.feedback]
    accounts = list(accounts)
    active = [a for a in accounts if a.active]
    by_platform = {
        form: [a for a in active if a.platform in names] for form, names in FORM_PLATFORMS.items()
    }
    listed = {n for names in FORM_PLATFORMS.values() for n in names}
    others = [a for a in active if a.platform not in listed]
    out = [
        Item("基本信息", "网站名称", site.name, "site.yml 网站.名称"),
        Item("基本信息", "首页网址", site.url, "site.yml 网站.网址"),
        Item("基本信息", "主办单位", site.sponsor, "site.yml 网站.主办单位"),
        Item("基本信息", "网站类型", "政府门户网站", "集约化平台门户"),
        Item("基本信息", "政府网站标识码", site.id_code, "site.yml 网站.网站标识码"),
        Item("基本信息", "ICP备案号", site.icp, "site.yml 网站.ICP备案号"),
        Item("基本信息", "公安机关备案号", site.police, "site.yml 网站.公安备案号"),
        Item("基本信息", "独立用户访问总量（单位：个）", None),
        Item("基本信息", "网站总访问量（单位：次）", None),
        Item("信息发布", "总数（单位：条）", str(len(live)), f"{year}年公开日期的文章"),
        Item("信息发布", "概况类信息更新量", str(profiles), "各单位机构概况"),
        Item("信息发布", "政务动态信息更新量", str(len(news)), "更新周期为动态、要闻的栏目"),
        Item("信息发布", "信息公开目录信息更新量", str(len(in_catalogue)), "公开目录栏目的文章"),
        Item("专栏专题", "维护数量（单位：个）", None),
        Item("专栏专题", "新开设数量（单位：个）", None),
        Item(
            "解读回应",
            "解读信息发布总数（单位：条）",
            str(len(interpretations)),
            "填写了解读对象的文章",
        ),
        Item(
            "解读回应",
            "其中：解读材料数量（单位：条）",
            str(len(interpretations)),
            "填写了解读对象的文章",
        ),
        Item("解读回应", "解读产品数量（单位：个）", None),
        Item("解读回应", "媒体评论文章数量（单位：篇）", None),
        Item("解读回应", "回应公众关注热点或重大舆情数量（单位：次）", None),
        Item("办事服务", "是否发布服务事项目录", None),
        Item("办事服务", "注册用户数（单位：个）", None),
        Item("办事服务", "政务服务事项数量（单位：项）", None),
        Item("办事服务", "可全程在线办理政务服务事项数量（单位：项）", None),
        Item("办事服务", "办件量（单位：件）", None),
        Item(
            "互动交流",
            "是否使用统一平台",
            "是" if any(lk.key == "互动交流" for lk in site.links) else "否",
            "site.yml 链接.互动交流",
        ),
        Item("互动交流", "留言办理：收到留言数量（单位：条）", None),
        Item("互动交流", "留言办理：办结留言数量（单位：条）", None),
        Item("互动交流", "征集调查期数（单位：期）", str(len(consultations)), "意见征集文章"),
        Item(
            "互动交流",
            "公布调查结果期数（单位：期）",
            str(len(with_feedback)),
            "填写了意见采纳情况的意见征集",
        ),
        Item("互动交流", "在线访谈期数（单位：期）", None),
        Item("安全防护", "安全检测评估次数（单位：次）", None),
        Item("安全防护", "发现问题数量（单位：个）", None),
        Item("安全防护", "问题整改数量（单位：个）", None),
        Item("安全防护", "是否建立安全监测预警机制", "是", "夜间健康报告与防篡改核对"),
        Item("安全防护", "是否开展应急演练", None),
        Item("安全防护", "是否明确网站安全责任人", None),
        Item(
            "移动新媒体",
            "是否有移动新媒体",
            ("是" if active else "否") if accounts else None,
            "newmedia.yml",
        ),
    ]
    for platform, found in by_platform.items():
        out.append(
            Item(
                "移动新媒体",
                f"{platform}：名称",
                "、".join(a.name for a in found) if accounts else None,
                "newmedia.yml",
            )
        )
        out.append(Item("移动新媒体", f"{platform}：信息发布量（单位：条）", None))
    out.append(
        Item(
            "移动新媒体",
            "其他",
            "、".join(f"{a.name}（{a.platform}）" for a in others) if accounts else None,
            "newmedia.yml",
        )
    )
    out += [
        Item("创新发展", "搜索即服务", "是", "站内搜索（Pagefind）"),
        Item("创新发展", "多语言版本", None),
        Item("创新发展", "无障碍浏览", "是", "关怀版、无障碍声明"),
        Item("创新发展", "千人千网", None),
    ]
    return out


def to_csv(found: list[Item]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow(("栏目", "项目", "内容", "来源"))
    for it in found:
        writer.writerow((it.section, it.name, it.shown, it.source))
    return "\ufeff" + buf.getvalue()  # BOM: Excel opens UTF-8


def markdown(site: SiteConfig, found: list[Item], year: int, *, column: str, when: str) -> str:
    """An article draft for the 年报 column: the form as tables, 由平台填写 marked."""
    title = f"{site.name}门户网站{year}年政府网站工作年度报表"
    lines = [
        "---",
        f"标题: {title}",
        f"公开日期: {when}",
        f"栏目: [{column}]",
        "重要程度: 重要",
        "文种: 工作报告",
        f"概述: 按照《政府网站发展指引》要求，公开{site.name}门户网站{year}年工作情况。",
        "---",
        "",
        f"填报单位：{site.sponsor}",
        "",
    ]
    for section in SECTIONS:
        rows = [it for it in found if it.section == section]
        if section != "基本信息":
            lines += [f"## {section}", ""]
        lines += ["| 项目 | 内容 |", "|---|---|"]
        lines += [f"| {it.name} | {it.shown} |" for it in rows]
        lines.append("")
    lines.append(
        f"“{PLATFORM}”的各项由平台单位根据统计系统、政务服务平台和安全检测报告填写后发布。"
    )
    return "\n".join(lines) + "\n"
