"""Attachments built in the test: xlsx, docx, pdf, csv, txt and an unread type."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from govsite.checks.runner import _default_lists, check_attachment
from tests.checks.helpers import ID, make_id

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")


def xlsx(build: object) -> bytes:
    from openpyxl import Workbook

    wb = Workbook()
    build(wb)  # type: ignore[operator]
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def check(name: str, data: bytes) -> list[tuple[str, str | None, str]]:
    return [
        (f.rule, f.location, f.severity) for f in check_attachment(data, name, _default_lists())
    ]


def test_hidden_sheet_of_id_numbers_is_refused() -> None:
    def build(wb: object) -> None:
        ws = wb.active  # type: ignore[attr-defined]
        ws.title = "公示"
        ws.append(["姓名", "补贴金额"])
        ws.append(["张*", 1200])
        hidden = wb.create_sheet("原始名单")  # type: ignore[attr-defined]
        hidden.append(["姓名", "身份证号"])
        hidden.append(["张三", ID])
        hidden.append(["李四", make_id("15252219750101123")])
        hidden.sheet_state = "hidden"

    found = check("补贴名单.xlsx", xlsx(build))
    assert ("attach.hidden-content", "原始名单!A1", "error") in found
    assert ("pii.id-card", "原始名单!B2", "error") in found
    assert ("pii.id-card", "原始名单!B3", "error") in found


def test_very_hidden_sheet_rows_columns_and_comments() -> None:
    from openpyxl.comments import Comment

    def build(wb: object) -> None:
        ws = wb.active  # type: ignore[attr-defined]
        ws.title = "Sheet1"
        ws.append(["姓名", "联系电话", "备注"])
        ws.append(["张*", "0479-5200000", "已核实"])
        ws.append(["李*", "13812345678", ""])
        ws.row_dimensions[3].hidden = True
        ws.column_dimensions["C"].hidden = True
        ws["A2"].comment = Comment("身份证 " + ID, "editor")
        secret = wb.create_sheet("Sheet2")  # type: ignore[attr-defined]
        secret["A1"] = "机密★1年"
        secret.sheet_state = "veryHidden"

    found = check("名单.xlsx", xlsx(build))
    assert ("pii.mobile", "Sheet1!B3", "error") in found
    assert ("attach.hidden-content", "Sheet1!A3", "error") in found  # hidden row 3
    assert ("attach.hidden-content", "Sheet1!C1", "error") in found  # hidden column C
    assert ("attach.hidden-content", "Sheet1!A2", "error") in found  # comment
    assert ("pii.id-card", "Sheet1!A2（批注）", "error") in found
    assert ("secret.classified-marking", "Sheet2!A1", "error") in found
    assert ("attach.hidden-content", "Sheet2!A1", "error") in found


def test_clean_workbook_is_clean() -> None:
    def build(wb: object) -> None:
        ws = wb.active  # type: ignore[attr-defined]
        ws.append(["项目编号", "金额（元）", "身份证号", "索引号"])
        ws.append(
            [
                "152522202501010013",
                13812345678,
                "152522********0519",
                "11152599MB0000011G/2025-00002",
            ]
        )
        ws.append(["XM-2025-001", 1200.0, "152522××××××××1213", ""])

    assert check("预算.xlsx", xlsx(build)) == []


def test_id_stored_as_number_and_15_digit_id_under_a_header() -> None:
    def build(wb: object) -> None:
        ws = wb.active  # type: ignore[attr-defined]
        ws.append(["姓名", "身份证号码"])
        ws.append(["王五", 152522680306051])

    assert check("老名单.xlsx", xlsx(build)) == [("pii.id-card", "Sheet!B2", "error")]


def _docx(build: object) -> bytes:
    import docx

    document = docx.Document()
    build(document)  # type: ignore[operator]
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def test_docx_body_table_header_and_properties() -> None:
    def build(d: object) -> None:
        d.add_paragraph("关于公布补贴名单的通知")  # type: ignore[attr-defined]
        d.add_paragraph("联系人：李明，手机 13912345678")  # type: ignore[attr-defined]
        table = d.add_table(rows=2, cols=2)  # type: ignore[attr-defined]
        table.cell(0, 0).text, table.cell(0, 1).text = "姓名", "身份证号"
        table.cell(1, 0).text, table.cell(1, 1).text = "张三", ID
        d.sections[0].header.paragraphs[0].text = "秘密★1年"  # type: ignore[attr-defined]
        d.core_properties.author = "张三 13812345678"  # type: ignore[attr-defined]

    found = check("通知.docx", _docx(build))
    assert ("pii.mobile", "第2段", "error") in found
    assert ("pii.id-card", "表格1第2行第2列", "error") in found
    assert ("secret.classified-marking", "页眉", "error") in found
    assert ("pii.mobile", "文档属性 creator", "error") in found


def test_docx_tracked_changes_and_comments_are_hidden_content() -> None:
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

    def build(d: object) -> None:
        p = d.add_paragraph("名单如下")  # type: ignore[attr-defined]
        p._p.append(
            parse_xml(
                f'<w:del {w} w:id="1" w:author="a" w:date="2025-01-01T00:00:00Z"><w:r>'
                f"<w:delText>身份证{ID}</w:delText></w:r></w:del>"
            )
        )
        d.add_comment(
            p.runs[0],
            text="家庭住址：人民路12号3单元501室",  # type: ignore[attr-defined]
            author="审核人",
        )

    found = check("通知.docx", _docx(build))
    assert ("attach.hidden-content", "正文", "error") in found
    assert ("pii.id-card", "第1段", "error") in found  # deleted text still in the file
    assert ("attach.hidden-content", "批注1", "error") in found
    assert ("pii.address", "批注1", "error") in found


def test_clean_docx_is_clean() -> None:
    def build(d: object) -> None:
        d.add_paragraph("示例县人民政府办公室关于做好2025年春节假期工作的通知")  # type: ignore[attr-defined]
        d.add_paragraph("咨询电话：0479-5212345")  # type: ignore[attr-defined]

    assert check("通知.docx", _docx(build)) == []


def _pdf(pages: list[str]) -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_font("wqy", fname=str(CJK_FONT))
    pdf.set_font("wqy", size=12)
    for text in pages:
        pdf.add_page()
        for line in text.split("\n"):
            pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


@pytest.mark.skipif(not CJK_FONT.exists(), reason="needs fonts-wqy-microhei (make system-deps)")
def test_pdf_text_layer_located_by_page() -> None:
    found = check("名单.pdf", _pdf(["公示名单", "姓名 张三\n身份证号 " + ID, "机密★1年"]))
    assert ("pii.id-card", "第2页", "error") in found
    assert ("secret.classified-marking", "第3页", "error") in found


def test_pdf_page_of_drawings_without_text_or_images_is_clean() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(10, 10, 50, 50)
    assert check("图形.pdf", bytes(pdf.output())) == []


def test_csv_and_txt() -> None:
    csv = f"姓名,身份证号,电话\n张三,{ID},13812345678\n".encode()
    assert check("名单.csv", csv) == [
        ("pii.id-card", "第2行第2列", "error"),
        ("pii.mobile", "第2行第3列", "error"),
    ]
    gbk = "内部资料\n正文".encode("gb18030")
    assert check("说明.txt", gbk) == [("secret.classified-marking", None, "error")]


@pytest.mark.parametrize(
    ("name", "data", "rule"),
    [
        ("照片.jpg", b"\xff\xd8\xff\xe0", "attach.unreadable"),
        ("旧表.xls", b"\xd0\xcf\x11\xe0", "attach.unreadable"),
        ("名单.abc", b"anything", "attach.unread"),
        ("名单", b"anything", "attach.unread"),
        ("名单.rar", b"Rar!\x1a\x07\x00", "attach.unread"),
        ("坏表.xlsx", b"not a zip", "attach.unreadable"),
        ("坏文档.docx", b"PK\x03\x04broken", "attach.unreadable"),
    ],
)
def test_unread_and_unreadable(name: str, data: bytes, rule: str) -> None:
    assert [r for r, _, _ in check(name, data)] == [rule]


def test_docx_custom_property_is_read() -> None:
    import zipfile

    def build(d: object) -> None:
        d.add_paragraph("正文")  # type: ignore[attr-defined]

    src = zipfile.ZipFile(io.BytesIO(_docx(build)))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for name in src.namelist():
            z.writestr(name, src.read(name))
        z.writestr(
            "docProps/custom.xml",
            (
                '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
                'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
                'docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
                'name="联系人手机"><vt:lpwstr>13812345678</vt:lpwstr></property></Properties>'
            ),
        )
    assert check("通知.docx", out.getvalue()) == [("pii.mobile", "文档属性 联系人手机", "error")]
