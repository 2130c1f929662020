"""The pure recognisers of a 公文's parts (GB/T 9704), by tables."""

from __future__ import annotations

from datetime import date

import pytest

from govsite.importer import attach, gongwen
from govsite.importer.blocks import CENTER, LEFT, RIGHT, Block, para
from govsite.importer.body import blocks_markdown, escape
from govsite.importer.compose import stem_for
from govsite.importer.lines import Line, paragraphs, text_width


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2025年3月5日", date(2025, 3, 5)),
        ("　　2025年12月31日　", date(2025, 12, 31)),
        ("２０２５年３月５日", date(2025, 3, 5)),
        ("二〇二五年三月五日", date(2025, 3, 5)),
        ("二○二四年十二月二十一日", date(2024, 12, 21)),
        ("二〇二五年十月十日", date(2025, 10, 10)),
        ("二〇二五年二月三十日", None),  # no such day
        ("2025年2月30日", None),
        ("2025年3月5日印发", None),  # 版记, not 成文日期
        ("于2025年3月5日前报送", None),
    ],
)
def test_written_date(text: str, expected: date | None) -> None:
    assert gongwen.written_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("示政办发〔2025〕8号", "示政办发〔2025〕8号"),
        ("示政办发〔2025〕8号　　　　签发人：张三", "示政办发〔2025〕8号"),
        ("示政办函[2025]12号", "示政办函[2025]12号"),
        ("示 政 发 〔 2025 〕 2 号", "示政发〔2025〕2号"),
        ("各苏木镇人民政府：", None),
    ],
)
def test_find_doc_no(text: str, expected: str | None) -> None:
    assert gongwen.find_doc_no(text) == expected


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("（此件公开发布）", "主动公开"),
        ("(此件公开发布)", "主动公开"),
        ("（此件依申请公开）", "依申请公开"),
        ("（此件不予公开）", "不予公开"),
        ("（联系人：县政府办公室）", None),
    ],
)
def test_disclosure(note: str, expected: str | None) -> None:
    assert gongwen.disclosure(note) == expected


@pytest.mark.parametrize(
    ("lines", "orgs", "kind", "doc_no", "secret", "end"),
    [
        (
            ["示例县人民政府文件", "示政发〔2025〕2号", "标题"],
            ["示例县人民政府"],
            "文件",
            "示政发〔2025〕2号",
            None,
            2,
        ),
        (
            ["000123", "秘密★1年", "特急", "示例县人民政府文件", "示政发〔2025〕2号"],
            ["示例县人民政府"],
            "文件",
            "示政发〔2025〕2号",
            "秘密",
            5,
        ),
        (
            ["示例县人民政府办公室", "示政办函〔2025〕12号"],
            ["示例县人民政府办公室"],
            "函",
            "示政办函〔2025〕12号",
            None,
            2,
        ),
        (
            ["示例县发展和改革委员会", "示例县财政局", "文件", "示发改发〔2025〕3号"],
            ["示例县发展和改革委员会", "示例县财政局"],
            "文件",
            "示发改发〔2025〕3号",
            None,
            4,
        ),
        (
            ["示例县发展和改革委员会　　示例县财政局文件", "示发改发〔2025〕3号"],
            ["示例县发展和改革委员会", "示例县财政局"],
            "文件",
            "示发改发〔2025〕3号",
            None,
            2,
        ),
        (["关于做好防汛工作的通知", "各单位："], [], "", None, None, 0),  # no 版头
    ],
)
def test_banner(
    lines: list[str], orgs: list[str], kind: str, doc_no: str | None, secret: str | None, end: int
) -> None:
    b, i = gongwen.banner([para(x) for x in lines])
    assert (b.orgs, b.kind, b.doc_no, b.secret, i) == (orgs, kind, doc_no, secret, end)


@pytest.mark.parametrize(
    ("blocks", "layout", "lines"),
    [
        # Text only: up to the 文种 …
        (
            [para("关于印发《示例县"), para("工作要点》的通知"), para("正文从这里开始。")],
            False,
            ["关于印发《示例县", "工作要点》的通知"],
        ),
        # … or up to the 主送机关.
        (
            [para("示例县人民政府关于某事项"), para("各单位："), para("正文。")],
            False,
            ["示例县人民政府关于某事项"],
        ),
        # With layout: the centred lines.
        (
            [
                para("", CENTER),
                para("示例县人民政府关于印发", CENTER),
                para("某办法的通知", CENTER),
                para("各单位：", LEFT),
            ],
            True,
            ["示例县人民政府关于印发", "某办法的通知"],
        ),
        (
            [para("示例县人民政府关于某事项的公告（试行）"), para("现公告如下。")],
            False,
            ["示例县人民政府关于某事项的公告（试行）"],
        ),
    ],
)
def test_title(blocks: list[Block], layout: bool, lines: list[str]) -> None:
    assert gongwen.title(blocks, 0, layout)[0] == lines


def test_join_lines_keeps_latin_words_apart() -> None:
    assert gongwen.join_lines(["关于推广 Open", "Data 平台的通知"]) == "关于推广Open Data平台的通知"
    assert (
        gongwen.join_lines(["关于印发《示例县", "　工作要点》的通知"])
        == "关于印发《示例县工作要点》的通知"
    )


@pytest.mark.parametrize(
    ("texts", "orgs", "written", "note", "orgs_at", "end"),
    [
        (
            [
                "正文。",
                "示例县人民政府办公室",
                "2025年5月26日",
                "（此件公开发布）",
                "抄送：县委办。",
            ],
            ["示例县人民政府办公室"],
            date(2025, 5, 26),
            "（此件公开发布）",
            1,
            4,
        ),
        (
            ["正文。", "示例县发展和改革委员会", "示例县财政局", "二〇二五年六月十八日"],
            ["示例县发展和改革委员会", "示例县财政局"],
            date(2025, 6, 18),
            None,
            1,
            4,
        ),
        (
            [
                "正文。",
                "示例县发展和改革委员会　　　示例县财政局",
                "2025年6月18日",
                "附件1",
                "附件正文",
            ],
            ["示例县发展和改革委员会", "示例县财政局"],
            date(2025, 6, 18),
            None,
            1,
            3,
        ),
        # A date standing alone inside the body is not the 成文日期.
        (
            ["会议时间：", "2025年3月1日", "请准时参加。", "示例县人民政府", "2025年2月1日"],
            ["示例县人民政府"],
            date(2025, 2, 1),
            None,
            3,
            5,
        ),
    ],
)
def test_closing(
    texts: list[str], orgs: list[str], written: date, note: str | None, orgs_at: int, end: int
) -> None:
    c = gongwen.closing([para(t) for t in texts], 0)
    assert c is not None
    assert (c.orgs, c.written, c.note, c.orgs_at, c.end) == (orgs, written, note, orgs_at, end)


@pytest.mark.parametrize(
    ("texts", "names", "at"),
    [
        (["正文。", "附件：1．任务分工表", "2．考核细则", ""], ["任务分工表", "考核细则"], 1),
        (["正文。", "附件：示例县某办法"], ["示例县某办法"], 1),
        (["正文。", "附件：1.甲", "2.乙", "3.丙。"], ["甲", "乙", "丙"], 1),
        (["正文，没有附件说明。"], [], 1),
    ],
)
def test_attachment_list(texts: list[str], names: list[str], at: int) -> None:
    blocks = [para(t) for t in texts]
    assert gongwen.attachment_list(blocks, 0, len(blocks))[0] == names
    assert gongwen.attachment_list(blocks, 0, len(blocks))[1] == (at if names else len(blocks))


def test_recognise_puts_the_parts_together() -> None:
    blocks = [
        para(x)
        for x in [
            "示例县人民政府办公室文件",
            "示政办发〔2025〕8号",
            "示例县人民政府办公室关于印发",
            "某办法的通知",
            "各苏木镇人民政府，县直各部门：",
            "现印发给你们。",
            "附件：某办法",
            "示例县人民政府办公室",
            "2025年5月26日",
            "（此件公开发布）",
            "附件",
            "某办法",
            "第一条　为规范。",
            "抄送：县委办。",
            "示例县人民政府办公室　2025年5月26日印发",
        ]
    ]
    r = gongwen.recognise(blocks, has_layout=False)
    assert r.title == "示例县人民政府办公室关于印发某办法的通知"
    assert r.addressee == "各苏木镇人民政府，县直各部门："
    assert [b.text for b in r.body] == ["现印发给你们。"]
    assert r.attachments == ["某办法"]
    assert [b.text for b in r.appendix] == ["附件", "某办法", "第一条　为规范。"]
    assert r.trailer[0].text == "抄送：县委办。"


@pytest.mark.parametrize(
    ("text", "md"),
    [
        ("1.重要政策文件同步解读。", "1\\.重要政策文件同步解读。"),
        ("12)事项", "12\\)事项"),
        ("# 不是标题", "\\# 不是标题"),
        ("- 不是列表", "\\- 不是列表"),
        ("a*b*c <b>x</b> [链接](x)", "a\\*b\\*c &lt;b\\>x&lt;/b\\> \\[链接\\](x)"),
        ("（一）加强政策解读。", "（一）加强政策解读。"),
    ],
)
def test_escape(text: str, md: str) -> None:
    assert escape(text) == md


def test_body_structure() -> None:
    und: list[str] = []
    md = blocks_markdown(
        [
            para("第一章总则"),
            para("第一节　一般规定"),
            para("第一条　为了规范。"),
            para("第二条"),
            para("一、总体要求"),
            Block("table", rows=(("甲", "乙|丙"), ("1",))),
            Block("image", image="a.png"),
            para("图1 流程"),
            Block("image", image="b.png"),
        ],
        {"a.png": "x-tu1.png", "b.png": "x-tu2.png"},
        und,
    )
    assert md == [
        "## 第一章\u3000总则 {: .gw-zhang }",
        "### 第一节\u3000一般规定 {: .gw-jie }",
        "**第一条** 为了规范。",
        "**第二条**",
        "一、总体要求",
        "| 甲 | 乙\\|丙 |\n|---|---|\n| 1 |   |",
        "![图1 流程](x-tu1.png)",
        "图1 流程",
        "![图片](x-tu2.png)",
    ]
    assert und == ["图片 x-tu2.png 没有图题，替代文字暂写为“图片”，请补写说明"]


@pytest.mark.parametrize(
    ("doc_no", "title", "stem"),
    [
        ("示政办发〔2025〕8号", "x", "shizhengbanfa-2025-8"),
        (None, "示例县人民政府关于2026年元旦放假安排的通知", "2026-yuandanfangjiaanpai"),
        (None, "ABC", "2026-wenjian"),
    ],
)
def test_stem(doc_no: str | None, title: str, stem: str) -> None:
    assert stem_for(doc_no, title, 2026) == stem


@pytest.mark.parametrize(
    ("names", "files", "expected"),
    [
        (
            ["任务分工表", "考核细则"],
            ["附件1 任务分工表.xlsx", "附件2.pdf", "x.docx"],
            {"任务分工表": "附件1 任务分工表.xlsx", "考核细则": "附件2.pdf"},
        ),
        (
            ["甲方案", "乙方案"],
            ["附件2 甲方案.docx", "附件1.docx"],
            {"甲方案": "附件2 甲方案.docx"},
        ),  # the name wins; 乙方案's number is taken: left open
        (["某办法"], ["通知.docx"], {}),
    ],
)
def test_attachment_match(names: list[str], files: list[str], expected: dict[str, str]) -> None:
    assert attach.match(names, files) == expected


def test_lines_to_paragraphs() -> None:
    size, left, width = 5.6, 28.0, 210.0
    right = left + 28 * size

    def line(text: str, x0: float, s: float = size) -> Line:
        return Line(text, x0, x0 + text_width(text, s), s)

    page = [
        line("示例县人民政府关于某事项的通知", width / 2 - 7.5 * 7.7, 7.7),
        line("各单位：", left),
        line("为" * 26, left + 2 * size),
        line("续完。", left),
        line("第一条" + "甲" * 23, left + 2 * size),
        Line("乙" * 28, left, right, size),
        line("丙。", left),
        line("示例县人民政府", right - 4 * size - 7 * size),
        line("2025年5月26日", right - 4 * size - 7 * size),
        line("— 1 —", width / 2 - 2 * size),
    ]
    out = paragraphs([(width, page)])
    assert [(b.text, b.align) for b in out] == [
        ("示例县人民政府关于某事项的通知", CENTER),
        ("各单位：", LEFT),
        ("为" * 26 + "续完。", LEFT),
        ("第一条" + "甲" * 23 + "乙" * 28 + "丙。", LEFT),
        ("示例县人民政府", RIGHT),
        ("2025年5月26日", RIGHT),
    ]


@pytest.mark.parametrize(
    ("md", "html"),
    [
        ("2025年5月26日\n{: .gw-date }", '<p class="gw-date">2025年5月26日</p>'),
        ("## 第一章\u3000总则 {: .gw-zhang }", '<h2 class="gw-zhang">第一章\u3000总则</h2>'),
        ("段落\n{: .gw-zhang }", "<p>段落</p>"),  # a heading's class on a paragraph: dropped
        ("段落\n{: .hidden }", "<p>段落</p>"),  # classes the theme does not style: dropped
    ],
)
def test_page_keeps_only_the_gongwen_classes(md: str, html: str) -> None:
    from govsite import markup

    assert markup.render(md).strip() == html
