"""附件 entries and 意见征集 periods (pure), by tables."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from govsite.model import attachment, consultation
from govsite.model.attachment import AttachmentEntry

E = AttachmentEntry


@pytest.mark.parametrize(
    ("value", "entries"),
    [
        (None, ()),
        ("a.pdf", (E("a.pdf"),)),
        (["a.pdf", "b.xlsx"], (E("a.pdf"), E("b.xlsx"))),
        (
            [{"文件": "biao.xlsx", "名称": "2026年县级一般公共预算收支表"}],
            (E("biao.xlsx", "2026年县级一般公共预算收支表"),),
        ),
        (["a.pdf", {"文件": " b.pdf "}], (E("a.pdf"), E("b.pdf"))),
    ],
)
def test_valid_entries(value: Any, entries: tuple[E, ...]) -> None:
    assert attachment.parse(value, "content/czj/x.md", lambda key: 9) == (entries, [])


@pytest.mark.parametrize(
    ("value", "rendered"),
    [
        (
            {"文件": "a.pdf", "标题": "x"},
            "content/czj/x.md:9: 附件[0].标题: 附件项中有未知的键“标题”。修改方法：每项只能写“文件”和“名称”",
        ),
        (
            [{"名称": "收支表"}],
            "content/czj/x.md:9: 附件[0].文件: 附件项缺少文件名。修改方法：添加“文件: 文件名.pdf”",
        ),
        (
            [{"文件": "a.pdf", "名称": ""}],
            "content/czj/x.md:9: 附件[0].名称: 附件名称应是一段文字。修改方法：写成“名称: 附件标题”，或删除这一行（显示文件名）",
        ),
        (
            ["../a.pdf"],
            "content/czj/x.md:9: 附件[0]: 附件“../a.pdf”应是与文章同目录的文件名。修改方法：把附件放在文章旁边，这里只写文件名",
        ),
        (
            ["a.pdf", {"文件": "a.pdf", "名称": "甲"}],
            "content/czj/x.md:9: 附件[1]: 附件“a.pdf”重复列出。修改方法：删除重复的一项",
        ),
        (
            [3],
            "content/czj/x.md:9: 附件[0]: 附件项应是文件名，或“文件”“名称”两项。修改方法："
            + attachment.EXAMPLE,
        ),
    ],
)
def test_invalid_entries(value: Any, rendered: str) -> None:
    _, problems = attachment.parse(value, "content/czj/x.md", lambda key: 9)
    assert [p.render() for p in problems] == [rendered]


D = date


@pytest.mark.parametrize(
    ("today", "status", "is_open"),
    [
        (D(2026, 11, 19), "未开始", False),
        (D(2026, 11, 20), "征集中", True),
        (D(2026, 12, 20), "征集中", True),  # the end day still counts
        (D(2026, 12, 21), "已结束", False),
    ],
)
def test_consultation_status(today: date, status: str, is_open: bool) -> None:
    c = consultation.Consultation(D(2026, 11, 20), D(2026, 12, 20))
    assert (c.status(today), c.is_open(today)) == (status, is_open)


@pytest.mark.parametrize(
    ("start", "end", "feedback", "present", "problems"),
    [
        (None, None, None, set(), []),
        (
            D(2026, 1, 1),
            None,
            None,
            {"征集开始日期"},
            [
                (
                    "征集截止日期",
                    "填写了征集期，但缺少“征集截止日期”",
                    "添加“征集截止日期: 年-月-日”",
                )
            ],
        ),
        (
            D(2026, 2, 1),
            D(2026, 1, 1),
            None,
            {"征集开始日期", "征集截止日期"},
            [("征集截止日期", "征集截止日期 2026-01-01 早于开始日期 2026-02-01", "核对征集期")],
        ),
        (
            D(2026, 1, 1),
            D(2026, 2, 1),
            "../x.md",
            {"征集开始日期", "征集截止日期", "意见采纳情况"},
            [
                (
                    "意见采纳情况",
                    "“../x.md”不是与本文同目录的文章文件名",
                    "只写文件名，如 2026-xxx-fankui.md",
                )
            ],
        ),
    ],
)
def test_consultation_check(
    start: date | None,
    end: date | None,
    feedback: str | None,
    present: set[str],
    problems: list[tuple[str, str, str]],
) -> None:
    assert consultation.check(start, end, feedback, present=present)[1] == problems


def test_feedback_path_is_beside_the_article() -> None:
    c = consultation.Consultation(D(2026, 1, 1), D(2026, 2, 1), "fankui.md")
    assert c.feedback_path("content/fgw/2026/zhengji.md") == "content/fgw/2026/fankui.md"
