"""总体情况 compared with last year's: copied paragraphs are named, new prose is not."""

from __future__ import annotations

from govsite.reports.similarity import compare, section

LAST = """前言。

## 一、总体情况

2024年，示例县人民政府认真贯彻落实《条例》，围绕县委、县政府中心工作，扎实推进政务公开。

（一）主动公开。全年通过县政府门户网站主动公开政府信息1988条，其中政策文件31件。

## 二、主动公开政府信息情况

表格。
"""
THIS = """## 一、总体情况

2025年，示例县人民政府认真贯彻落实《条例》，围绕县委、县政府中心工作，扎实推进政务公开。

（一）主动公开。今年重点建设政策文件库，按发文机构、文种、主题和有效性分类，群众可以组合检索。

短句。

## 二、主动公开政府信息情况
"""


def test_section_stops_at_next_heading() -> None:
    assert len(section(LAST)) == 2
    assert section(THIS)[-1] == "短句。"
    assert section("没有标题的正文") == []


def test_copied_paragraph_named_with_numbers_masked() -> None:
    found = compare(section(THIS), section(LAST), 0.8)
    assert [(s.this_no, s.last_no) for s in found] == [(1, 1)]  # only the year differs
    assert found[0].ratio > 0.95 and found[0].excerpt.startswith("2025年")


def test_threshold() -> None:
    assert compare(section(THIS), section(LAST), 1.0)  # identical once numbers are masked
    assert not compare(["全新的内容，与上年完全不同的一段文字，讲述今年的新做法。"], section(LAST))
