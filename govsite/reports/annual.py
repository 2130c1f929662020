"""政府信息公开工作年度报告 in the 国办公开办函〔2021〕30号 structure (pure rendering).

一 总体情况 (prose by the editor) … 六 其他需要报告的事项; tables 二 三 四 filled from
the library counts and the unit's data file. Output: an article draft (Markdown with
front matter, for the editor to complete and send through the gate), CSV rows, JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from govsite.model.normative import NORMATIVE, REGULATION
from govsite.reports import application as ap
from govsite.reports.legal_counts import LegalCounts

TODO = "【待填写】"
SECTIONS = (
    "一、总体情况",
    "二、主动公开政府信息情况",
    "三、收到和处理政府信息公开申请情况",
    "四、政府信息公开行政复议、行政诉讼情况",
    "五、存在的主要问题及改进情况",
    "六、其他需要报告的事项",
)
LEGAL_HEAD = ("本年制发件数", "本年废止件数", "现行有效件数")
OVERVIEW_HINTS = (
    "（一）主动公开。",
    "（二）依申请公开。",
    "（三）政府信息管理。",
    "（四）平台建设。",
    "（五）监督保障。",
)


@dataclass(frozen=True)
class AnnualReport:
    year: int
    unit: str | None  # None: the county's report
    title: str
    issuer: str
    legal: dict[str, LegalCounts]  # 规章 / 行政规范性文件
    data: ap.ApplicationData
    # The due date on the working-day calendar (31 January / 31 March moved past a
    # weekend or holiday); None: the nominal date, for callers without a calendar.
    due: date | None = None

    @property
    def due_label(self) -> str:
        if self.due is not None:
            return f"{self.due.year}年{self.due.month}月{self.due.day}日"
        return f"{self.year + 1}年3月31日" if self.unit is None else f"{self.year + 1}年1月31日"


def _n(value: Decimal | int) -> str:
    return format(value, "f") if isinstance(value, Decimal) else str(value)


def table_rows(r: AnnualReport) -> list[tuple[str, str, str, str]]:
    """Every number of the report as (表, 项目, 列, 数值): the CSV and JSON share it."""
    rows: list[tuple[str, str, str, str]] = []
    t2 = SECTIONS[1]
    for kind in (REGULATION, NORMATIVE):
        c = r.legal[kind]
        for head, value in zip(LEGAL_HEAD, (c.issued, c.repealed, c.in_force), strict=True):
            rows.append((t2, kind, head, str(value)))
    for name, head in ap.PROACTIVE_ROWS.items():
        rows.append((t2, name, head, _n(r.data.proactive.get(name, Decimal(0)))))
    t3 = SECTIONS[2]
    d = r.data
    for label, row in _application_rows(d):
        for col in ap.COLUMNS:
            rows.append((t3, label, col, str(row.get(col, 0))))
    t4 = SECTIONS[3]
    for res in (*ap.REVIEW_RESULTS, ap.TOTAL):
        rows.append((t4, ap.REVIEW, res, str(d.review.get(res, 0))))
    for kind in ap.LITIGATION_KINDS:
        for res in (*ap.REVIEW_RESULTS, ap.TOTAL):
            rows.append(
                (t4, f"{ap.LITIGATION}（{kind}）", res, str(d.litigation.get(kind, {}).get(res, 0)))
            )
    return rows


_CN = "一二三四五六七八九"


def _application_rows(d: ap.ApplicationData) -> list[tuple[str, dict[str, int]]]:
    out: list[tuple[str, dict[str, int]]] = [
        ("一、本年新收政府信息公开申请数量", d.new),
        ("二、上年结转政府信息公开申请数量", d.carried_in),
    ]
    for i, (name, subs) in enumerate(ap.RESULT_ITEMS.items()):
        label = f"三、本年度办理结果：（{_CN[i]}）{name}" if i == 0 else f"（{_CN[i]}）{name}"
        if name == "部分公开":
            label += "（区分处理的，只计这一情形，不计其他情形）"
        out.append((label, d.results.get(name, {})))
        for j, sub in enumerate(subs, 1):
            out.append((f"{j}．{sub}", d.results.get(f"{name}.{sub}", {})))
    out.append(("（七）总计", d.results.get(ap.TOTAL, {})))
    out.append(("四、结转下年度继续办理", d.carried_out))
    return out


def tables_markdown(r: AnnualReport) -> dict[str, str]:
    """Sections 二 三 四 as Markdown tables."""
    d = r.data
    t2 = ["| 第二十条第（一）项 | " + " | ".join(LEGAL_HEAD) + " |", "|---|---|---|---|"]
    for kind in (REGULATION, NORMATIVE):
        c = r.legal[kind]
        t2.append(f"| {kind} | {c.issued} | {c.repealed} | {c.in_force} |")
    blocks = ["\n".join(t2)]
    for item, names in (
        ("第二十条第（五）项", ("行政许可",)),
        ("第二十条第（六）项", ("行政处罚", "行政强制")),
        ("第二十条第（八）项", ("行政事业性收费",)),
    ):
        head = ap.PROACTIVE_ROWS[names[0]]
        lines = [f"| {item} | {head} |", "|---|---|"]
        lines += [f"| {n} | {_n(d.proactive.get(n, Decimal(0)))} |" for n in names]
        blocks.append("\n".join(lines))
    head = (
        "| 本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和 | "
        + " | ".join(ap.COLUMNS)
        + " |"
    )
    t3 = [head, "|" + "---|" * (len(ap.COLUMNS) + 1)]
    for label, row in _application_rows(d):
        t3.append(f"| {label} | " + " | ".join(str(row.get(c, 0)) for c in ap.COLUMNS) + " |")
    results = (*ap.REVIEW_RESULTS, ap.TOTAL)
    t4 = ["| 类别 | " + " | ".join(results) + " |", "|" + "---|" * (len(results) + 1)]
    t4.append(f"| {ap.REVIEW} | " + " | ".join(str(d.review.get(k, 0)) for k in results) + " |")
    for kind in ap.LITIGATION_KINDS:
        vals = d.litigation.get(kind, {})
        t4.append(
            f"| {ap.LITIGATION}：{kind} | "
            + " | ".join(str(vals.get(k, 0)) for k in results)
            + " |"
        )
    return {
        SECTIONS[1]: "\n\n".join(blocks),
        SECTIONS[2]: "\n".join(t3),
        SECTIONS[3]: "\n".join(t4),
    }


def _scalar(text: str) -> str:
    return text if not any(ch in text for ch in ":#[]{},&*!|>'\"%@`") else f'"{text}"'


def draft(r: AnnualReport, *, index_no: str | None, column: str, topic: str, now: datetime) -> str:
    """The article draft: front matter the gate accepts, tables filled, prose marked 待填写."""
    front = [
        "---",
        f"标题: {_scalar(r.title)}",
        f"公开日期: {now:%Y-%m-%d %H:%M}",
        f"成文日期: {now:%Y-%m-%d}",
    ]
    if index_no:
        front.append(f"索引号: {index_no}")
    front += [
        f"发文机构: {_scalar(r.issuer)}",
        f"信息分类: {_scalar(topic)}",
        "体裁: 报告",
        "文种: 工作报告",
        f"栏目: [{column}]",
        "有效性: 有效",
        "重要程度: 重要",
        f"概述: 按照《中华人民共和国政府信息公开条例》第五十条和国务院办公厅规定的格式，报告"
        f"{r.issuer}{r.year}年政府信息公开工作情况。",
        "---",
        "",
    ]
    tables = tables_markdown(r)
    body = [
        f"本报告根据《中华人民共和国政府信息公开条例》（以下简称《条例》）第五十条和《国务院办公厅"
        f"政府信息与政务公开办公室关于印发〈中华人民共和国政府信息公开工作年度报告格式〉的通知》"
        f"（国办公开办函〔2021〕30号）要求编制。报告中所列数据统计期限为{r.year}年1月1日至12月31日。"
        f"{TODO}（报告电子版的获取方式、联系地址和电话）",
        "",
        f"## {SECTIONS[0]}",
        "",
        f"{TODO}本节由编辑撰写，请结合本年实际工作，不要照搬上年报告（govsite annual-report "
        "会与上年报告逐段比对，雷同的段落会被指出）。",
        "",
    ]
    for hint in OVERVIEW_HINTS:
        body += [f"{hint}{TODO}", ""]
    for title in SECTIONS[1:4]:
        body += [f"## {title}", "", tables[title], ""]
    body += [
        f"## {SECTIONS[4]}",
        "",
        f"{TODO}（上年问题的整改情况、本年存在的主要问题和改进措施）",
        "",
        f"## {SECTIONS[5]}",
        "",
        f"{TODO}（按《政府信息公开信息处理费管理办法》收取信息处理费的情况，人大代表建议和政协"
        "提案办理结果公开情况，年度工作要点落实情况等；没有的写“无”）",
        "",
    ]
    return "\n".join(front + body)


def to_json(r: AnnualReport, warnings: list[str]) -> dict[str, Any]:
    return {
        "年度": r.year,
        "单位": r.unit or "全县",
        "标题": r.title,
        "发布期限": r.due_label,
        "表格": [{"表": t, "项目": i, "列": c, "数值": v} for t, i, c, v in table_rows(r)],
        "提示": warnings,
    }
