"""format.numbering on the shapes of real 规章 and 规范性文件: 章节条款项目 and 一、（一）1.（1）①."""

from __future__ import annotations

from pathlib import Path

import pytest

from govsite.checks.numbering import han, han_number
from govsite.checks.runner import _default_lists, check_markdown

HEAD = "---\n标题: 测试\n---\n"
FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "regulations"


def numbering(body: str) -> list[str]:
    findings, _ = check_markdown(HEAD + body, "t.md", _default_lists())
    return [f.message for f in findings if f.rule == "format.numbering"]


@pytest.mark.parametrize("name", ["管理办法.md", "实施细则.md", "通知.md"])
def test_real_document_shapes_are_clean(name: str) -> None:
    assert numbering((FIXTURES / name).read_text(encoding="utf-8")) == []


ARTICLES = """第一章　总则
第一条　为了规范管理，制定本办法。
第二条　本办法适用于下列单位：
（一）县直各部门；
（二）各苏木镇人民政府。
第三条　有下列情形之一的，不予受理：
（一）材料不全的；
（二）超过期限的；
（三）不属于本机关职责的。
第二章　附则
第四条　本办法自印发之日起施行。
"""


@pytest.mark.parametrize(
    "body",
    [
        ARTICLES,
        # 款: a plain paragraph after the 项 starts a new 款 whose 项 restart at （一）.
        "第一条　有下列情形之一的，予以警告：\n（一）迟报的；\n（二）漏报的。\n"
        "有下列情形之一的，处以罚款：\n（一）瞒报的；\n（二）拒报的。\n第二条　附则。",
        # 项 → 目 → (1) → ① inside a 条.
        "第一条　包括：\n（一）资源性资产：\n1. 土地；\n2. 草原：\n（1）天然草原；\n（2）人工草原。\n"
        "①围栏；\n②水井。\n（二）经营性资产。",
        # 编 > 章 > 节; 章 restart under each 编, 节 under each 章; 条 run on.
        "第一编　总则\n第一章　一般规定\n第一条　甲。\n第二章　主体\n第一节　一般规定\n第二条　乙。\n"
        "第二节　机关\n第三条　丙。\n第二编　分则\n第一章　许可\n第四条　丁。",
        # Big numerals: 第九十九条, 第一百条, 第一百零一条 … 第一百一十二条.
        "".join(f"第{han(n)}条　内容。\n" for n in range(1, 113)),
        # Headings in Markdown, in bold, spaced out in the 公文 way.
        "## 第一章　总则\n**第一条**　甲。\n**第二条**　乙。\n## 第 二 章　附则\n**第三条**　丙。",
        # A reference at the start of a line is not a heading.
        "第一条　甲。\n第二条　乙。\n第一条规定的情形，按照下列办法处理：\n（一）甲；\n（二）乙。",
        # A 解读 speaks of the articles it explains, in any order.
        "第一章　总则\n第一条明确了立法目的。\n第三条对适用范围作了规定。\n第二条至第五条规定了基本原则。",
        # 第N部分 in a 规划 or 方案.
        "第一部分　总体要求\n一、指导思想\n二、目标\n第二部分　重点任务\n一、产业\n二、民生",
        # An attachment numbers afresh.
        "一、总体要求\n二、主要任务\n附件2：任务分工表\n一、决策公开\n二、执行公开",
    ],
)
def test_structured_documents_are_clean(body: str) -> None:
    assert numbering(body) == []


@pytest.mark.parametrize(
    ("body", "messages"),
    [
        (
            ARTICLES.replace("第三条", "第四条", 1).replace("第四条　本办法", "第五条　本办法"),
            ["序号不连续：“第四条”之前应是“第三条”"],
        ),
        # 条 are numbered through the whole document, not per 章.
        (
            "第一章　总则\n第一条　甲。\n第二条　乙。\n第二章　附则\n第一条　丙。",
            ["序号重复或倒序：“第一条”出现在“第二条”之后"],
        ),
        ("第一章　总则\n第三章　附则", ["序号不连续：“第三章”之前应是“第二章”"]),
        (
            "第一章　总则\n第一节　甲\n第二章　乙\n第二节　丙",
            ["序号不连续：“第二节”之前应是“第一节”"],
        ),
        (
            "第一条　包括：\n（一）甲；\n（二）乙；\n（二）丙。",
            ["序号重复或倒序：“（二）”出现在“（二）”之后"],
        ),
        ("第一条　包括：\n（一）甲；\n（三）乙。", ["序号不连续：“（三）”之前应是“（二）”"]),
        # Outside a 条 a paragraph does not start a new 款: （一） again is an error.
        (
            "一、总体要求\n（一）目标。\n正文段落。\n（一）原则。",
            ["序号重复或倒序：“（一）”出现在“（一）”之后"],
        ),
        # Mixed levels at one depth still fail, inside a 条 too.
        ("1、总体要求\n二、主要任务", ["层级混用：文中先以“1、”作一级序号，这里又出现“二、”"]),
        (
            "第一条　包括：\n（一）甲；\n二、乙。",
            ["层级混用：文中先以“（一）”作一级序号，这里又出现“二、”"],
        ),
        (
            "第一条　甲。\n（1）乙；\n（一）丙。",
            ["层级混用：文中先以“（1）”作一级序号，这里又出现“（一）”"],
        ),
        ("①甲\n③乙", ["序号不连续：“③”之前应是“②”"]),
    ],
)
def test_structure_errors_are_found(body: str, messages: list[str]) -> None:
    assert numbering(body) == messages


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("一", 1),
        ("十", 10),
        ("十一", 11),
        ("二十", 20),
        ("九十九", 99),
        ("一百", 100),
        ("一百零五", 105),
        ("一百一十", 110),
        ("二百三十四", 234),
        ("两千零一", 2001),
        ("12", 12),
        ("二三", None),
        ("十十", None),
        ("零", None),
    ],
)
def test_han_number(text: str, value: int | None) -> None:
    assert han_number(text) == value
    if value is not None and not text.isdigit() and not text.startswith("两"):
        assert han(value) == text
