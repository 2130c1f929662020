"""The 政府信息公开 section's structure (pure; SITE-02/03/04/06).

Build errors: a column's 责任单位 that is not a unit of reviewers.yml (SITE-02); a
second column or page named 政府信息公开 (SITE-03: one column, "专栏姓专"); no
政府信息公开指南 (SITE-04); a 第二十条 item neither mapped to a column nor marked
``不适用`` with a reason, or an item the 条例 does not have (SITE-06).
Nightly warnings (``nightly``): look-alike names such as 政务公开 (SITE-03) and
mapped items whose columns are all empty (SITE-06, like blank columns).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from govsite.config.schema import closest
from govsite.config.site import SiteConfig
from govsite.errors import Problem

SECTION = "政府信息公开"
KEY = "政府信息公开.法定主动公开内容"
# 《中华人民共和国政府信息公开条例》（2019）第二十条 (一)–(十五).
ARTICLE_20 = (
    "行政法规、规章和规范性文件",
    "机关职能、机构设置、办公地址、办公时间、联系方式、负责人姓名",
    "国民经济和社会发展规划、专项规划、区域规划及相关政策",
    "国民经济和社会发展统计信息",
    "办理行政许可和其他对外管理服务事项的依据、条件、程序以及办理结果",
    "实施行政处罚、行政强制的依据、条件、程序以及本行政机关认为具有一定社会影响的行政处罚决定",
    "财政预算、决算信息",
    "行政事业性收费项目及其依据、标准",
    "政府集中采购项目的目录、标准及实施情况",
    "重大建设项目的批准和实施情况",
    "扶贫、教育、医疗、社会保障、促进就业等方面的政策、措施及其实施情况",
    "突发公共事件的应急预案、预警信息及应对情况",
    "环境保护、公共卫生、安全生产、食品药品、产品质量的监督检查情况",
    "公务员招考的职位、名额、报考条件等事项以及录用结果",
    "法律、法规、规章和国家有关规定规定应当主动公开的其他政府信息",
)
# An item the site serves with the units' 机构概况 pages rather than a column.
PROFILE_ITEM = ARTICLE_20[1]
_LOOKALIKE = re.compile(r"政务公开|信息公开")


def _item(text: str) -> str:
    return re.sub(r"^[（(][一二三四五六七八九十]+[）)]\s*|[；;。\s]+$", "", text.strip())


def structure(
    site: SiteConfig,
    units: Mapping[str, Any],
    page_slugs: Iterable[str],
    page_titles: Iterable[str],
) -> list[Problem]:
    out: list[Problem] = []
    for col in site.columns.values():
        if col.unit is not None and col.unit not in units:
            out.append(
                Problem(
                    f"栏目“{col.title}”（{col.id}）的责任单位“{col.unit}”不在 reviewers.yml 中",
                    path="site.yml",
                    key=f"栏目.{col.id}.责任单位",
                    fix=f"填写 reviewers.yml 中 units 下的单位编号：{'、'.join(units)}",
                )
            )
    named = [c for c in site.columns.values() if c.title == SECTION]
    titles = [t for t in page_titles if t == SECTION]
    if len(named) + len(titles) > 1:
        out.append(
            Problem(
                f"“{SECTION}”栏目只能有一个（现有 {len(named)} 个栏目、{len(titles)} 个页面同名）",
                path="site.yml",
                key="栏目",
                fix="合并为一个“政府信息公开”栏目，其他栏目改名（专栏姓专，国办公开办函〔2019〕61号）",
            )
        )
    guide = site.disclosure.guide
    if guide is None:
        out.append(
            Problem(
                "没有指定政府信息公开指南（SITE-04，缺少指南不能发布）",
                path="site.yml",
                key="政府信息公开.指南",
                fix="在 content/pages/ 下建立指南页面，并在“政府信息公开”下填写“指南: 页面网址名”",
            )
        )
    elif guide not in set(page_slugs):
        out.append(
            Problem(
                f"找不到政府信息公开指南页面“{guide}”（SITE-04，缺少指南不能发布）",
                path="site.yml",
                key="政府信息公开.指南",
                fix=f"新建 content/pages/{guide}.md（别名 {guide}），或改正“指南”",
            )
        )
    out += _article_20(site)
    return out


def _article_20(site: SiteConfig) -> list[Problem]:
    out: list[Problem] = []
    mapped = {_item(t): cols for t, cols in site.disclosure.statutory}
    na = {_item(t): why for t, why in site.disclosure.not_applicable}
    for text in [*mapped, *na]:
        if text not in ARTICLE_20:
            near = closest(text, ARTICLE_20)
            out.append(
                Problem(
                    f"“{text}”不是《条例》第二十条的条目",
                    path="site.yml",
                    key=KEY,
                    fix=f"是否应为“{near}”？条目按第二十条原文填写"
                    if near
                    else "条目按《条例》第二十条原文填写",
                )
            )
    for text, why in na.items():
        if not why:
            out.append(
                Problem(
                    f"第二十条“{text}”标为不适用，但没有写明理由",
                    path="site.yml",
                    key=KEY,
                    fix="写成“不适用: 理由”，如 本县无此类事项",
                )
            )
    for n, text in enumerate(ARTICLE_20, 1):
        if text in na:
            continue
        cols = mapped.get(text)
        if cols is None:
            out.append(
                Problem(
                    f"第二十条第（{_cn(n)}）项“{text}”没有对应的栏目（SITE-06）",
                    path="site.yml",
                    key=KEY,
                    fix=f"在“法定主动公开内容”下添加“- 条目: {text}”和"
                    "“栏目: [栏目编号]”，确实不适用的写“不适用: 理由”",
                )
            )
        elif not cols and text != PROFILE_ITEM:
            out.append(
                Problem(
                    f"第二十条第（{_cn(n)}）项“{text}”的栏目为空",
                    path="site.yml",
                    key=KEY,
                    fix="填写栏目编号，或写“不适用: 理由”",
                )
            )
    return out


_DIGITS = "一二三四五六七八九"


def _cn(n: int) -> str:
    if n <= 9:
        return _DIGITS[n - 1]
    return "十" + (_DIGITS[n - 11] if n > 10 else "")


def nightly(
    site: SiteConfig, latest: Mapping[str, object], subtree: Any, profiles: int
) -> list[tuple[str, str, str]]:
    """(rule, message, fix) warnings: look-alike section names, empty mapped items."""
    out: list[tuple[str, str, str]] = []
    for col in site.columns.values():
        if col.title != SECTION and _LOOKALIKE.search(col.title) and col.parent is None:
            out.append(
                (
                    "SITE-03",
                    f"栏目“{col.title}”（{col.id}）与“政府信息公开”栏目名称相近",
                    "法定主动公开内容统一放在“政府信息公开”栏目，其他栏目不用“政务公开”"
                    "“信息公开”作名称",
                )
            )
    for text, cols in site.disclosure.statutory:
        if _item(text) == PROFILE_ITEM and not cols:
            if profiles == 0:
                out.append(
                    (
                        "SITE-06",
                        f"第二十条“{text}”没有任何单位的机构概况",
                        "各单位填写 content/<单位>/机构概况.yml",
                    )
                )
            continue
        ids: Sequence[str] = [c for col in cols for c in subtree(site, col)]
        if cols and not any(c in latest for c in ids):
            out.append(
                (
                    "SITE-06",
                    f"第二十条“{text}”对应的栏目（{'、'.join(cols)}）没有内容",
                    "在对应栏目发布信息；空白的法定公开事项同空白栏目一样计入检查",
                )
            )
    return out
