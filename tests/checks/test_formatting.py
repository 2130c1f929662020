"""三校 rules on Markdown: punctuation (and --fix), numbering, raw HTML, images, dates, 发文字号."""

from __future__ import annotations

import pytest

from govsite.checks import punctuation
from govsite.checks.runner import _default_lists, check_markdown

HEAD = "---\n标题: 测试\n---\n"


def found(body: str, rule: str) -> list[tuple[int, int, str]]:
    findings, _ = check_markdown(HEAD + body, "t.md", _default_lists())
    return [(f.line, f.column, f.message) for f in findings if f.rule == rule]


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("数据如下,请查收。", "中文中使用了半角标点“,”"),
        ("注意事项:一是安全。", "中文中使用了半角标点“:”"),
        ("是否同意?请回复。", "中文中使用了半角标点“?”"),
        ("会议结束.", "中文句末使用了半角句点“.”"),
        ("详见附件(报名表)。", "中文中使用了半角括号“( )”"),
        ("包括教育、卫生...等领域。", "省略号不应写作“...”"),
        ("通知如下，，请查收。", "标点重复“，，”"),
        ("印发《实施方案的通知。", "“《”没有配对的“》”"),
        ("他说：“请大家注意。", "““”没有配对的“””"),
        ("（一）要加强领导）。", "“）”没有配对的“（”"),
    ],
)
def test_punctuation_found(body: str, message: str) -> None:
    assert [m for _, _, m in found(body, "format.punctuation")] == [message]


@pytest.mark.parametrize(
    "body",
    [
        "会议于9:30召开，地点在3楼。",
        "详见[县政府网站](https://www.shixian.gov.cn/a,b)。",
        "代码 `a, b: c` 不检查。",
        "```\nprint('你好,世界')\n```",
        "1. 第一项\n2. 第二项",
        "增长3.5%，达到1.2万元。",
        "The report (2025) is ready.",
        "《关于印发〈实施方案〉的通知》（示政办发〔2025〕8号）",
        "附件：报名表.xlsx",
    ],
)
def test_punctuation_clean(body: str) -> None:
    assert found(body, "format.punctuation") == []


def test_fix_repairs_the_safe_ones_only() -> None:
    text = HEAD + "数据如下,请查收.详见附件(报名表)...通知如下，，请查收。印发《方案。\n"
    _, edits = check_markdown(text, "t.md", _default_lists())
    fixed = punctuation.apply(text, edits)
    assert fixed == HEAD + "数据如下，请查收。详见附件（报名表）……通知如下，请查收。印发《方案。\n"
    after, _ = check_markdown(fixed, "t.md", _default_lists())
    assert [f.message for f in after if f.rule == "format.punctuation"] == ["“《”没有配对的“》”"]


@pytest.mark.parametrize(
    ("body", "messages"),
    [
        ("一、总体要求\n二、主要任务\n四、保障措施", ["序号不连续：“四、”之前应是“三、”"]),
        ("1、总体要求\n二、主要任务", ["层级混用：文中先以“1、”作一级序号，这里又出现“二、”"]),
        ("一、总体要求\n（一）目标\n（三）原则", ["序号不连续：“（三）”之前应是“（二）”"]),
        ("一、要求\n1. 甲\n2、乙", ["同一层级序号写法不一致：前面用“.”，这里用“、”"]),
        ("一.总体要求", ["一级标题序号“一.”应使用顿号"]),
        ("## 一、总体要求\n## 一、主要任务", ["序号重复或倒序：“一、”出现在“一、”之后"]),
    ],
)
def test_numbering_found(body: str, messages: list[str]) -> None:
    assert [m for _, _, m in found(body, "format.numbering")] == messages


@pytest.mark.parametrize(
    "body",
    [
        "一、总体要求\n（一）目标\n1. 甲\n2. 乙\n（二）原则\n1. 丙\n二、主要任务\n三、附则",
        "**一、总体要求**\n**二、主要任务**",
        "1. 第一项\n2. 第二项\n\n说明文字。\n\n1. 另一列表",
        "（一）目标\n（二）原则",
        "2025年工作总结",
        "| 1. | 表格 |",
    ],
)
def test_numbering_clean(body: str) -> None:
    assert found(body, "format.numbering") == []


@pytest.mark.parametrize(
    ("body", "rule", "severity"),
    [
        ("<script>alert(1)</script>", "format.raw-html", "error"),
        ('<iframe src="https://www.gov.cn"></iframe>', "format.raw-html", "error"),
        ('<span style="color:red">注意</span>', "format.raw-html", "error"),
        ("![](a.jpg)", "format.image-alt", "warning"),
        ("2025年05月28日", "format.sign-off-date", "warning"),
        ("二〇二五年五月二十八日", "format.sign-off-date", "warning"),
        ("2025-05-28", "format.sign-off-date", "warning"),
        ("根据示政办发[2025]8号文件", "format.doc-no", "error"),
        ("根据示政办发（2025）8号文件", "format.doc-no", "error"),
        ("根据示政办发【2025】8号文件", "format.doc-no", "error"),
        ("根据示政办发〔25〕8号文件", "format.doc-no", "error"),
        ("根据示政办发〔2025〕第8号文件", "format.doc-no", "error"),
        ("根据示政办发〔2025〕08号文件", "format.doc-no", "error"),
    ],
)
def test_markdown_rules_found(body: str, rule: str, severity: str) -> None:
    findings, _ = check_markdown(HEAD + body, "t.md", _default_lists())
    assert [(f.rule, f.severity, f.line) for f in findings if f.rule == rule] == [
        (rule, severity, 4)
    ]


@pytest.mark.parametrize(
    "body",
    [
        "<!-- govsite: allow pii.mobile 值班手机已审核 -->",
        "`<script>` 在代码中",
        "![会议现场](a.jpg)",
        "2025年5月28日",
        "根据示政办发〔2025〕8号文件和阿政办字〔2025〕8号",
    ],
)
def test_markdown_rules_clean(body: str) -> None:
    findings, _ = check_markdown(HEAD + body, "t.md", _default_lists())
    assert findings == []


def test_doc_no_fix_names_the_repaired_form() -> None:
    findings, _ = check_markdown(HEAD + "根据示政办发[2025]08号文件", "t.md", _default_lists())
    assert [(f.message, f.fix) for f in findings] == [
        (
            "发文字号“…[2025]08号”：年份应使用六角括号〔〕，不能用方括号 []",
            "把“[2025]08号”改为“〔2025〕8号”",
        )
    ]
