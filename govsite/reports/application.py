"""三、收到和处理政府信息公开申请情况 and 四、行政复议、行政诉讼情况 (pure), plus the
other rows of 二 (行政许可 …), from ``data/依申请公开/<year>/<unit>.yml``.

Validated with every error's key path (``申请情况.办理结果.不予公开.属于国家秘密.自然人``)
and checked arithmetically per applicant column, as the 国办公开办函〔2021〕30号 table
notes say: 本年新收 + 上年结转 = 办理结果总计 + 结转下年度继续办理; every sub-item adds
up to its total; 上年结转 equals last year's 结转下年度继续办理. The schema is described
for units in docs/年度报告.md.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from govsite.config.schema import Collector

# Applicant columns of table 三 (法人或其他组织 has five).
APPLICANTS = ("自然人", "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他")
TOTAL = "总计"
COLUMNS = (*APPLICANTS, TOTAL)

NEW, CARRIED_IN, RESULTS, CARRIED_OUT = "本年新收", "上年结转", "办理结果", "结转下年度继续办理"
# 办理结果: item -> its sub-items (empty: a row with numbers itself), in the 30号 order.
RESULT_ITEMS: dict[str, tuple[str, ...]] = {
    "予以公开": (),
    "部分公开": (),
    "不予公开": (
        "属于国家秘密",
        "其他法律行政法规禁止公开",
        "危及“三安全一稳定”",
        "保护第三方合法权益",
        "属于三类内部事务信息",
        "属于四类过程性信息",
        "属于行政执法案卷",
        "属于行政查询事项",
    ),
    "无法提供": ("本机关不掌握相关政府信息", "没有现成信息需要另行制作", "补正后申请内容仍不明确"),
    "不予处理": (
        "信访举报投诉类申请",
        "重复申请",
        "要求提供公开出版物",
        "无正当理由大量反复申请",
        "要求行政机关确认或重新出具已获取信息",
    ),
    "其他处理": (
        "申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请",
        "申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请",
        "其他",
    ),
}
RESULT_NAMES = tuple(RESULT_ITEMS)
# 四: 行政复议 and the two kinds of 行政诉讼, each with these results.
REVIEW_RESULTS = ("结果维持", "结果纠正", "其他结果", "尚未审结")
REVIEW, LITIGATION = "行政复议", "行政诉讼"
LITIGATION_KINDS = ("未经复议直接起诉", "复议后起诉")
# 二: the rows the unit fills (第二十条第（五）（六）（八）项).
PROACTIVE = "主动公开"
PROACTIVE_ROWS = {
    "行政许可": "本年处理决定数量",
    "行政处罚": "本年处理决定数量",
    "行政强制": "本年处理决定数量",
    "行政事业性收费": "本年收费金额（单位：万元）",
}
TOP_KEYS = ("单位", "年度", PROACTIVE, "申请情况", REVIEW, LITIGATION)

Row = dict[str, int]  # applicant column -> number, with 总计


@dataclass
class ApplicationData:
    unit: str
    year: int
    proactive: dict[str, Decimal] = field(default_factory=dict)
    new: Row = field(default_factory=dict)
    carried_in: Row = field(default_factory=dict)
    results: dict[str, Row] = field(default_factory=dict)  # item or "item.sub" -> row, + 总计
    carried_out: Row = field(default_factory=dict)
    review: dict[str, int] = field(default_factory=dict)  # result -> n, + 总计
    litigation: dict[str, dict[str, int]] = field(default_factory=dict)


def _count(c: Collector, raw: Any, key: str) -> int:
    if raw is None:
        return 0
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        c.add(key, f"“{raw}”不是件数", "填写不小于 0 的整数；没有的写 0")
        return 0
    return raw


def _row(c: Collector, raw: Any, key: str) -> Row:
    """One table row: applicant columns (omitted = 0) and 总计 (computed, checked if given)."""
    if not isinstance(raw, dict):
        c.add(
            key,
            "应是按申请人类别填写的映射",
            f"写成“{key.rsplit('.', 1)[-1]}: {{自然人: 0, 商业企业: 0, …, 总计: 0}}”",
        )
        return {k: 0 for k in COLUMNS}
    c.unknown_keys(raw, COLUMNS, key)
    row = {k: _count(c, raw.get(k), f"{key}.{k}") for k in APPLICANTS}
    total = sum(row.values())
    if TOTAL in raw:
        given = _count(c, raw[TOTAL], f"{key}.{TOTAL}")
        if given != total:
            c.add(
                f"{key}.{TOTAL}",
                f"总计 {given} 不等于各类申请人之和 {total}",
                f"改为 {total}，或核对各列数字",
            )
    row[TOTAL] = total
    return row


def _add(rows: list[Row]) -> Row:
    return {k: sum(r.get(k, 0) for r in rows) for k in COLUMNS}


def validate(
    raw: Any, lines: Mapping[str, int], *, path: str, unit: str, year: int
) -> tuple[ApplicationData, Collector]:
    """Every schema and arithmetic error of one unit's file, collected in ``Collector``."""
    c = Collector(path, lines=dict(lines))
    data = ApplicationData(unit=unit, year=year)
    if not isinstance(raw, dict):
        c.add(
            "",
            "文件应是一个映射（单位、年度、主动公开、申请情况、行政复议、行政诉讼）",
            "参照 docs/年度报告.md 的示例书写",
        )
        return data, c
    c.unknown_keys(raw, TOP_KEYS, "")
    if raw.get("单位") != unit:
        c.add("单位", f"“单位”应为 {unit}（与文件名一致）", f"写成“单位: {unit}”")
    if raw.get("年度") != year:
        c.add("年度", f"“年度”应为 {year}（与目录名一致）", f"写成“年度: {year}”")
    _proactive(c, raw.get(PROACTIVE), data)
    _applications(c, raw.get("申请情况"), data)
    _reviews(c, raw, data)
    return data, c


def _proactive(c: Collector, raw: Any, data: ApplicationData) -> None:
    if not isinstance(raw, dict):
        c.add(
            PROACTIVE,
            "缺少“主动公开”（行政许可、行政处罚、行政强制、行政事业性收费）",
            "添加“主动公开: {行政许可: 0, 行政处罚: 0, 行政强制: 0, 行政事业性收费: 0}”",
        )
        return
    c.unknown_keys(raw, PROACTIVE_ROWS, PROACTIVE)
    for name in PROACTIVE_ROWS:
        key = f"{PROACTIVE}.{name}"
        value = raw.get(name)
        if value is None:
            c.add(key, f"缺少“{name}”", f"填写{PROACTIVE_ROWS[name]}；没有的写 0")
            continue
        try:
            number = Decimal(str(value)) if not isinstance(value, bool) else Decimal(-1)
        except InvalidOperation:
            number = Decimal(-1)
        if number < 0 or (name != "行政事业性收费" and number != number.to_integral_value()):
            c.add(
                key,
                f"“{value}”不是有效的数字",
                "收费金额填写不小于 0 的数（万元），其余填写不小于 0 的整数",
            )
            continue
        data.proactive[name] = number


def _applications(c: Collector, raw: Any, data: ApplicationData) -> None:
    top = "申请情况"
    if not isinstance(raw, dict):
        c.add(
            top,
            "缺少“申请情况”（本年新收、上年结转、办理结果、结转下年度继续办理）",
            "参照 docs/年度报告.md 的示例书写；没有申请的各项写 0",
        )
        return
    c.unknown_keys(raw, (NEW, CARRIED_IN, RESULTS, CARRIED_OUT), top)
    for name in (NEW, CARRIED_IN, CARRIED_OUT):
        if name not in raw:
            c.add(f"{top}.{name}", f"缺少“{name}”", "按申请人类别填写；没有的写 0")
    data.new = _row(c, raw.get(NEW, {}), f"{top}.{NEW}")
    data.carried_in = _row(c, raw.get(CARRIED_IN, {}), f"{top}.{CARRIED_IN}")
    data.carried_out = _row(c, raw.get(CARRIED_OUT, {}), f"{top}.{CARRIED_OUT}")
    results = raw.get(RESULTS)
    rkey = f"{top}.{RESULTS}"
    if not isinstance(results, dict):
        c.add(rkey, "缺少“办理结果”", "按 予以公开、部分公开、不予公开 … 总计 填写")
        return
    c.unknown_keys(results, (*RESULT_NAMES, TOTAL), rkey)
    item_rows: list[Row] = []
    for name, subs in RESULT_ITEMS.items():
        key = f"{rkey}.{name}"
        value = results.get(name)
        if value is None:
            c.add(key, f"缺少“{name}”", "按申请人类别填写；没有的写 0")
            value = {}
        if not subs:
            row = _row(c, value, key)
        else:
            if not isinstance(value, dict):
                c.add(key, f"“{name}”应按具体情形分项填写", f"可填写的情形：{'、'.join(subs)}")
                value = {}
            c.unknown_keys(value, (*subs, TOTAL), key)
            sub_rows = []
            for sub in subs:
                sub_row = _row(c, value.get(sub, {}), f"{key}.{sub}")
                data.results[f"{name}.{sub}"] = sub_row
                sub_rows.append(sub_row)
            row = _add(sub_rows)
            if TOTAL in value:
                given = _row(c, value[TOTAL], f"{key}.{TOTAL}")
                for col in COLUMNS:
                    if given[col] != row[col]:
                        c.add(
                            f"{key}.{TOTAL}.{col}",
                            f"{name}的小计 {given[col]} 不等于各情形之和 {row[col]}",
                            f"改为 {row[col]}，或核对各情形的数字",
                        )
        data.results[name] = row
        item_rows.append(row)
    total = _add(item_rows)
    if TOTAL not in results:
        c.add(f"{rkey}.{TOTAL}", "缺少办理结果“总计”", "按申请人类别填写办理结果总计")
    else:
        given = _row(c, results[TOTAL], f"{rkey}.{TOTAL}")
        for col in COLUMNS:
            if given[col] != total[col]:
                c.add(
                    f"{rkey}.{TOTAL}.{col}",
                    f"办理结果总计 {given[col]} 不等于（一）至（六）之和 {total[col]}",
                    f"改为 {total[col]}，或核对各项办理结果",
                )
    data.results[TOTAL] = total
    for col in COLUMNS:
        lhs = data.new[col] + data.carried_in[col]
        rhs = total[col] + data.carried_out[col]
        if lhs != rhs:
            c.add(
                f"{top}.{CARRIED_OUT}.{col}",
                f"{col}：本年新收 {data.new[col]} + 上年结转 {data.carried_in[col]} = {lhs}，"
                f"不等于办理结果总计 {total[col]} + 结转下年度 {data.carried_out[col]} = {rhs}",
                "核对本年新收、上年结转、各项办理结果和结转下年度的数字（第一项加第二项之和"
                "应等于第三项加第四项之和）",
            )


def _results(c: Collector, raw: Any, key: str) -> dict[str, int]:
    if not isinstance(raw, dict):
        c.add(
            key,
            "应按 结果维持、结果纠正、其他结果、尚未审结、总计 填写",
            f"写成“{key.rsplit('.', 1)[-1]}: {{结果维持: 0, 结果纠正: 0, 其他结果: 0, "
            "尚未审结: 0, 总计: 0}}”",
        )
        return {k: 0 for k in (*REVIEW_RESULTS, TOTAL)}
    c.unknown_keys(raw, (*REVIEW_RESULTS, TOTAL), key)
    out = {k: _count(c, raw.get(k), f"{key}.{k}") for k in REVIEW_RESULTS}
    total = sum(out.values())
    if TOTAL in raw:
        given = _count(c, raw[TOTAL], f"{key}.{TOTAL}")
        if given != total:
            c.add(f"{key}.{TOTAL}", f"总计 {given} 不等于各项结果之和 {total}", f"改为 {total}")
    out[TOTAL] = total
    return out


def _reviews(c: Collector, raw: dict[str, Any], data: ApplicationData) -> None:
    if REVIEW not in raw:
        c.add(REVIEW, "缺少“行政复议”", "没有行政复议的各项写 0")
    data.review = _results(c, raw.get(REVIEW, {}), REVIEW)
    lit = raw.get(LITIGATION)
    if not isinstance(lit, dict):
        c.add(
            LITIGATION, "缺少“行政诉讼”（未经复议直接起诉、复议后起诉）", "没有行政诉讼的各项写 0"
        )
        lit = {}
    c.unknown_keys(lit, LITIGATION_KINDS, LITIGATION)
    for kind in LITIGATION_KINDS:
        data.litigation[kind] = _results(c, lit.get(kind, {}), f"{LITIGATION}.{kind}")


def check_carry_over(this: ApplicationData, last: ApplicationData, c: Collector) -> None:
    """上年结转 equals last year's 结转下年度继续办理, per column."""
    for col in COLUMNS:
        if this.carried_in.get(col, 0) != last.carried_out.get(col, 0):
            c.add(
                f"申请情况.{CARRIED_IN}.{col}",
                f"上年结转 {this.carried_in.get(col, 0)} 不等于 {last.year} 年报告的结转下年度"
                f"继续办理 {last.carried_out.get(col, 0)}",
                f"核对本项，或改正 data/依申请公开/{last.year}/{last.unit}.yml",
            )


def total(datas: list[ApplicationData], unit: str, year: int) -> ApplicationData:
    """The county total: every unit's numbers added (each unit's file already checked)."""
    out = ApplicationData(unit=unit, year=year)
    for name in PROACTIVE_ROWS:
        out.proactive[name] = sum((d.proactive.get(name, Decimal(0)) for d in datas), Decimal(0))
    out.new = _add([d.new for d in datas])
    out.carried_in = _add([d.carried_in for d in datas])
    out.carried_out = _add([d.carried_out for d in datas])
    for key in {k for d in datas for k in d.results}:
        out.results[key] = _add([d.results.get(key, {}) for d in datas])
    out.review = {k: sum(d.review.get(k, 0) for d in datas) for k in (*REVIEW_RESULTS, TOTAL)}
    for kind in LITIGATION_KINDS:
        out.litigation[kind] = {
            k: sum(d.litigation.get(kind, {}).get(k, 0) for d in datas)
            for k in (*REVIEW_RESULTS, TOTAL)
        }
    return out
