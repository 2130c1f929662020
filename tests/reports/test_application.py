"""The 依申请公开 data file: schema and arithmetic errors, each with its key path and line."""

from __future__ import annotations

import pytest

from govsite.config.schema import Collector, parse_yaml
from govsite.reports import application as ap

GOOD = """\
单位: zfb
年度: 2025
主动公开: {行政许可: 10, 行政处罚: 2, 行政强制: 0, 行政事业性收费: 1.5}
申请情况:
  本年新收: {自然人: 5, 商业企业: 1}
  上年结转: {自然人: 1}
  办理结果:
    予以公开: {自然人: 3}
    部分公开: {商业企业: 1}
    不予公开:
      属于国家秘密: {自然人: 1}
    无法提供:
      本机关不掌握相关政府信息: {自然人: 1}
    不予处理: {}
    其他处理: {}
    总计: {自然人: 5, 商业企业: 1, 总计: 6}
  结转下年度继续办理: {自然人: 1}
行政复议: {结果维持: 1, 结果纠正: 0, 其他结果: 0, 尚未审结: 0, 总计: 1}
行政诉讼:
  未经复议直接起诉: {结果维持: 0, 结果纠正: 0, 其他结果: 0, 尚未审结: 0}
  复议后起诉: {结果维持: 0, 结果纠正: 0, 其他结果: 0, 尚未审结: 0}
"""
PATH = "data/依申请公开/2025/zfb.yml"


def validate(text: str) -> tuple[ap.ApplicationData, Collector]:
    raw, lines = parse_yaml(text, PATH)
    return ap.validate(raw, lines, path=PATH, unit="zfb", year=2025)


def test_good_file() -> None:
    data, c = validate(GOOD)
    assert c.problems == []
    assert data.new["总计"] == 6 and data.results["总计"]["自然人"] == 5
    assert data.results["不予公开"]["自然人"] == 1
    assert str(data.proactive["行政事业性收费"]) == "1.5"


@pytest.mark.parametrize(
    ("old", "new", "key", "line", "words"),
    [
        # 本年新收 + 上年结转 != 办理结果总计 + 结转下年度, in the 自然人 column only
        (
            "  结转下年度继续办理: {自然人: 1}",
            "  结转下年度继续办理: {自然人: 2}",
            "申请情况.结转下年度继续办理.自然人",
            17,
            "不等于办理结果总计",
        ),
        # a sub-item that does not add up to the given total
        (
            "    总计: {自然人: 5, 商业企业: 1, 总计: 6}",
            "    总计: {自然人: 6, 商业企业: 1}",
            "申请情况.办理结果.总计.自然人",
            16,
            "不等于（一）至（六）之和",
        ),
        # a row's 总计 that is not the sum of the applicant columns
        (
            "  本年新收: {自然人: 5, 商业企业: 1}",
            "  本年新收: {自然人: 5, 商业企业: 1, 总计: 7}",
            "申请情况.本年新收.总计",
            5,
            "不等于各类申请人之和",
        ),
        (
            "行政复议: {结果维持: 1, 结果纠正: 0, 其他结果: 0, 尚未审结: 0, 总计: 1}",
            "行政复议: {结果维持: 1, 结果纠正: 1, 其他结果: 0, 尚未审结: 0, 总计: 1}",
            "行政复议.总计",
            18,
            "不等于各项结果之和",
        ),
        # schema: unknown sub-item, a negative count, a missing row, a wrong unit
        (
            "      属于国家秘密: {自然人: 1}",
            "      属于国家机密: {自然人: 1}",
            "申请情况.办理结果.不予公开.属于国家机密",
            11,
            "未知的键",
        ),
        (
            "    予以公开: {自然人: 3}",
            "    予以公开: {自然人: -3}",
            "申请情况.办理结果.予以公开.自然人",
            8,
            "不是件数",
        ),
        ("  上年结转: {自然人: 1}\n", "", "申请情况.上年结转", None, "缺少“上年结转”"),
        ("单位: zfb", "单位: fgw", "单位", 1, "应为 zfb"),
        (
            "行政事业性收费: 1.5",
            "行政事业性收费: 很多",
            "主动公开.行政事业性收费",
            3,
            "不是有效的数字",
        ),
    ],
)
def test_each_error_has_its_key_path(
    old: str, new: str, key: str, line: int | None, words: str
) -> None:
    assert old in GOOD
    _data, c = validate(GOOD.replace(old, new))
    hits = [p for p in c.problems if p.key == key]
    assert hits, [p.render() for p in c.problems]
    assert words in hits[0].message
    assert hits[0].line == line
    assert hits[0].path == PATH and hits[0].fix


def test_carry_over_from_last_year() -> None:
    this, _ = validate(GOOD)
    last, _ = validate(GOOD)
    last.carried_out = {**last.carried_out, "自然人": 2}
    c = Collector(PATH)
    ap.check_carry_over(this, last, c)
    assert [(p.key, p.message) for p in c.problems] == [
        ("申请情况.上年结转.自然人", "上年结转 1 不等于 2025 年报告的结转下年度继续办理 2")
    ]
    last.carried_out = dict(this.carried_in)
    c = Collector(PATH)
    ap.check_carry_over(this, last, c)
    assert c.problems == []


def test_county_total_adds_units() -> None:
    a, _ = validate(GOOD)
    b, _ = validate(GOOD)
    t = ap.total([a, b], "全县", 2025)
    assert t.new["总计"] == 12 and t.results["不予公开.属于国家秘密"]["自然人"] == 2
    assert str(t.proactive["行政事业性收费"]) == "3.0"
    assert t.review["总计"] == 2
