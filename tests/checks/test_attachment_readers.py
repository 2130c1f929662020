"""Every kind of attachment a county publishes is read with the finding located, or refused.

Files are made with the real programs (LibreOffice, a CJK font, msoffcrypto, py7zr),
once per session (tests/checks/attachment_files.py); the engines are the real ones.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from govsite.checks.runner import _default_lists, check_attachment
from govsite.config.limits import Limits
from tests.checks import attachment_files as af
from tests.checks.helpers import ID
from tests.checks.test_attachments import _docx, xlsx

# Three groups, so that xdist spreads LibreOffice, OCR and the hostile files over workers
# while each session fixture is still built once per worker that needs it.
SOFFICE = pytest.mark.xdist_group("attach-soffice")
OCR = pytest.mark.xdist_group("attach-ocr")
HOSTILE_GROUP = pytest.mark.xdist_group("attach-hostile")
BIN = Path(sys.executable).parent
PII = ("pii.id-card", "pii.mobile", "pii.bank-card")


def found(name: str, data: bytes, limits: Limits | None = None) -> list[tuple[str, str, str]]:
    args = (limits,) if limits else ()
    return [
        (f.rule, f.where, f.severity) for f in check_attachment(data, name, _default_lists(), *args)
    ]


@pytest.fixture(scope="session")
def office(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    files = af.make_office_files(tmp_path_factory.mktemp("soffice"))
    files["名单.wps"] = files["名单.doc"]  # WPS writes .wps/.et/.dps in the 97 formats
    files["名单.et"] = files["名单.xls"]
    files["汇报.dps"] = files["汇报.ppt"]
    files["名单.odt"] = af.odf_package(af.fodt(), "application/vnd.oasis.opendocument.text")
    files["名单.ods"] = af.odf_package(af.fods(), "application/vnd.oasis.opendocument.spreadsheet")
    files["名单.rtf"] = af.rtf(["救助名单", "张三 身份证号 " + ID, "手机 " + af.MOBILE])
    return files


@pytest.fixture(scope="session")
def scans() -> dict[str, object]:
    return {
        "ids": af.scan(af.ID_LIST, dpi=200, angle=2.5, seed=3),
        "ids300": af.scan(af.ID_LIST, dpi=300, angle=-3, seed=5),
        "notice": af.scan(af.NOTICE, dpi=150, angle=-1.5, seed=4),
    }


WORD = {
    ("pii.id-card", "{n}:表格1第2行第2列", "error"),
    ("pii.bank-card", "{n}:表格1第2行第3列", "error"),
    ("pii.mobile", "{n}:第2段", "error"),
    ("pii.id-card", "{n}:批注1", "error"),
    ("attach.hidden-content", "{n}:批注1", "error"),
    ("secret.classified-marking", "{n}:页眉", "error"),
}
SHEET = {("pii.id-card", "{n}:Sheet1!C7", "error"), ("pii.mobile", "{n}:Sheet1!D7", "error")}
SLIDES = {("pii.mobile", "{n}:第2张幻灯片", "error")}


@SOFFICE
@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("名单.doc", WORD),
        ("名单.wps", WORD),
        ("名单.odt", WORD),
        ("名单.xls", SHEET),
        ("名单.et", SHEET),
        ("名单.ods", SHEET),
        ("汇报.ppt", SLIDES),
        ("汇报.dps", SLIDES),
        ("汇报.pptx", SLIDES),
        ("名单.rtf", {("pii.id-card", "{n}:第2段", "error"), ("pii.mobile", "{n}:第3段", "error")}),
    ],
)
def test_legacy_office_and_wps_files(
    office: dict[str, bytes], name: str, expected: set[tuple[str, str, str]]
) -> None:
    want = {(r, w.format(n=name), s) for r, w, s in expected}
    assert set(found(name, office[name])) == want


@SOFFICE
def test_clean_legacy_workbook_is_quiet(tmp_path: Path) -> None:
    book = af.soffice_batch(
        {
            "ok.fods": af.fods()
            .replace(ID, "152522********0519")
            .replace(af.MOBILE, af.OFFICE_PHONE)
        },
        "xls",
        tmp_path,
    )["ok"]
    assert found("公示.xls", book) == []


@OCR
def test_photo_and_scan_of_an_id_list(scans: dict[str, object]) -> None:
    png = af.image_bytes(scans["ids"], "PNG")
    jpg = af.image_bytes(scans["ids300"], "JPEG", quality=70)
    for name, data in (("名单.png", png), ("照片.jpg", jpg)):
        assert found(name, data) == [
            ("pii.id-card", f"{name}（图像识别）第2行", "error"),
            ("pii.mobile", f"{name}（图像识别）第3行", "error"),
            ("pii.bank-card", f"{name}（图像识别）第4行", "error"),
        ]


@OCR
def test_scan_of_an_office_notice_with_its_phone_is_quiet(scans: dict[str, object]) -> None:
    assert found("通知.png", af.image_bytes(scans["notice"], "PNG")) == []


@OCR
def test_image_only_pdf_and_a_scanned_page_appended_to_a_text_pdf(scans: dict[str, object]) -> None:
    scanned = af.pdf_of_images([scans["ids"]])
    assert found("公示.pdf", scanned) == [
        ("pii.id-card", "公示.pdf:第1页（图像识别）", "error"),
        ("pii.mobile", "公示.pdf:第1页（图像识别）", "error"),
        ("pii.bank-card", "公示.pdf:第1页（图像识别）", "error"),
    ]
    mixed = af.pdf_of_images([scans["ids"]], ["关于低保对象公示的说明", "详见下页"])
    assert {r for r, w, _ in found("说明.pdf", mixed) if w == "说明.pdf:第3页（图像识别）"} == set(
        PII
    )


@OCR
def test_ofd_text_layer_by_page_and_its_scanned_page(scans: dict[str, object]) -> None:
    data = af.ofd(
        [["公示名单", "张三 身份证号 " + ID], ["联系电话 " + af.OFFICE_PHONE]],
        af.image_bytes(scans["ids"], "PNG"),
    )
    assert found("公示.ofd", data) == [
        ("pii.id-card", "公示.ofd:第1页", "error"),
        ("pii.id-card", "公示.ofd:第3页（图像识别）", "error"),
        ("pii.mobile", "公示.ofd:第3页（图像识别）", "error"),
        ("pii.bank-card", "公示.ofd:第3页（图像识别）", "error"),
    ]


def _id_book(where: str = "C4") -> bytes:
    def build(wb: object) -> None:
        ws = wb.active  # type: ignore[attr-defined]
        ws.title = "Sheet1"
        ws.append(["序号", "姓名", "身份证号"])
        ws[where] = ID

    return xlsx(build)


@SOFFICE
def test_archives_recursively_each_member_as_its_own_type(office: dict[str, bytes]) -> None:
    import py7zr

    inner = af.zip_of({"名单.csv": f"姓名,手机\n李四,{af.MOBILE}\n".encode()})
    data = af.zip_of(
        {
            "附件/名单.xlsx": _id_book(),
            "附件/说明.txt": "按要求公示。".encode(),
            "附件/旧表.xls": office["名单.xls"],
            "内层.zip": inner,
        }
    )
    assert found("材料.zip", data) == [
        ("pii.id-card", "材料.zip:附件/名单.xlsx:Sheet1!C4", "error"),
        ("pii.id-card", "材料.zip:附件/旧表.xls:Sheet1!C7", "error"),
        ("pii.mobile", "材料.zip:附件/旧表.xls:Sheet1!D7", "error"),
        ("pii.mobile", "材料.zip:内层.zip:名单.csv:第2行第2列", "error"),
    ]
    # Windows' own compressor on a Chinese system: GBK names, no UTF-8 flag.
    assert found("材料.zip", af.gbk_named_zip({"附件/名单.xlsx": _id_book()})) == [
        ("pii.id-card", "材料.zip:附件/名单.xlsx:Sheet1!C4", "error")
    ]
    buf = io.BytesIO()
    with py7zr.SevenZipFile(buf, "w") as z:
        z.writestr(_id_book(), "附件/名单.xlsx")
    assert found("材料.7z", buf.getvalue()) == [
        ("pii.id-card", "材料.7z:附件/名单.xlsx:Sheet1!C4", "error")
    ]


def _hostile() -> dict[str, tuple[bytes, str]]:
    """name -> (file, what the error must say)."""

    def doc(d: object) -> None:
        d.add_paragraph("名单如下")  # type: ignore[attr-defined]
        d.sections[0].header.paragraphs[0].text = "页眉"  # type: ignore[attr-defined]

    docx = _docx(doc)
    stored = af.rezip(docx, {}, stored=True)
    at = stored.index("名单如下".encode())
    crc = stored[:at] + "名册如下".encode() + stored[at + 12 :]
    long_cell = af.rezip(
        _id_book(),
        {
            "xl/worksheets/sheet1.xml": (
                '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>'
                + "x" * 200_000
                + "</t></is></c></row></sheetData></worksheet>"
            ).encode()
        },
    )
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(200, 200)
    writer.encrypt("123456")
    locked_pdf = io.BytesIO()
    writer.write(locked_pdf)
    png = af.image_bytes(af.scan(["名单"], dpi=100), "PNG")
    return {
        "坏页眉.docx": (
            af.rezip(docx, {"word/header1.xml": b"<w:hdr><w:p>"}),
            "word/header1.xml 不是有效的 XML",
        ),
        "校验错.docx": (crc, "Bad CRC-32"),
        "加密条目.docx": (af.mark_encrypted(docx), "设有打开密码"),
        "加密.xlsx": (af.encrypted_xlsx(_id_book()), "设有打开密码"),
        "加密.pdf": (locked_pdf.getvalue(), "设有打开密码"),
        "炸弹.docx": (af.zip_bomb_docx(docx, 1 << 30), "单个文件大小上限MB"),
        "两百万格.xlsx": (af.huge_sheet_xlsx(2_000_000), "表格单元格数上限"),
        "长单元格.xlsx": (long_cell, "单元格字符数上限"),
        "一行.csv": (b"a," * (5 << 20), "单行字符数上限"),
        "截断.png": (png[: len(png) // 2], "图片数据损坏"),
        "名单.abc": (b"whatever", "不能检查.abc 类型的附件"),
        "材料.rar": (b"Rar!\x1a\x07\x01\x00", "RAR"),
        "假的.xlsx": (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "旧版 Office"),
    }


@pytest.fixture(scope="session")
def hostile() -> dict[str, tuple[bytes, str]]:
    return _hostile()


HOSTILE = (
    "坏页眉.docx",
    "校验错.docx",
    "加密条目.docx",
    "加密.xlsx",
    "加密.pdf",
    "炸弹.docx",
    "两百万格.xlsx",
    "长单元格.xlsx",
    "一行.csv",
    "截断.png",
    "名单.abc",
    "材料.rar",
    "假的.xlsx",
)


@HOSTILE_GROUP
@pytest.mark.parametrize("name", HOSTILE)
def test_every_unreadable_file_is_an_error_saying_why(
    hostile: dict[str, tuple[bytes, str]], name: str
) -> None:
    data, why = hostile[name]
    findings = check_attachment(data, name, _default_lists())
    assert len(findings) == 1
    f = findings[0]
    assert f.rule in ("attach.unread", "attach.unreadable") and f.is_error
    assert f.message.startswith("无法读取：") and why in f.message, f.message
    assert f.fix and f.fingerprint  # how to fix it, and the hash to allow this one file


@HOSTILE_GROUP
def test_deep_nesting_and_too_many_members_name_the_limit() -> None:
    deep = _id_book()
    for level in range(5):
        deep = af.zip_of({f"第{level}层.zip" if level else "名单.xlsx": deep})
    [f] = check_attachment(deep, "套娃.zip", _default_lists())
    assert f.is_error and "压缩包嵌套层数上限" in f.message
    assert f.location == "第4层.zip:第3层.zip:第2层.zip"
    many = af.zip_of({f"{i}.txt": b"" for i in range(30)})
    [f] = check_attachment(many, "多.zip", _default_lists(), Limits(archive_members=20))
    assert "压缩包成员数上限" in f.message


@HOSTILE_GROUP
def test_utf16_csv_without_bom_is_read() -> None:
    data = f"姓名,身份证号\n张三,{ID}\n".encode("utf-16-le")
    assert found("名单.csv", data) == [("pii.id-card", "名单.csv:第2行第2列", "error")]


def _run(args: list[str], cwd: Path, env: dict[str, str] | None = None) -> tuple[int, str, int]:
    """exit code, output and peak RSS (bytes) of a real govsite process."""
    proc = subprocess.Popen(
        args, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env
    )
    assert proc.stdout is not None
    out = proc.stdout.read().decode()
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return proc.returncode, out, usage.ru_maxrss * 1024


@HOSTILE_GROUP
def test_bombs_fifo_and_dev_zero_in_a_checked_folder_end_in_errors_under_1_gb(
    tmp_path: Path, hostile: dict[str, tuple[bytes, str]]
) -> None:
    folder = tmp_path / "content"
    folder.mkdir()
    for name in ("炸弹.docx", "两百万格.xlsx", "一行.csv"):
        (folder / name).write_bytes(hostile[name][0])
    os.mkfifo(folder / "管道.xlsx")
    (folder / "零.csv").symlink_to("/dev/zero")
    code, out, peak = _run([str(BIN / "govsite"), "check", "content"], tmp_path)
    assert code != 0
    for name in ("炸弹.docx", "两百万格.xlsx", "一行.csv", "管道.xlsx", "零.csv"):
        assert f"content/{name}" in out, out
    assert "Traceback" not in out
    assert peak < 1 << 30, f"peak RSS {peak / 2**20:.0f} MB"


@SOFFICE
def test_a_missing_reader_fails_closed(
    tmp_path: Path, office: dict[str, bytes], scans: dict[str, object]
) -> None:
    (tmp_path / "名单.doc").write_bytes(office["名单.doc"])
    (tmp_path / "名单.png").write_bytes(af.image_bytes(scans["notice"], "PNG"))
    env = {**os.environ, "PATH": str(BIN)}  # no soffice on the PATH
    # The OCR engine made unimportable, as on a machine where its wheel is missing.
    code, out, _ = _run(
        [
            sys.executable,
            "-c",
            "import sys; sys.modules['rapidocr_onnxruntime'] "
            "= None; from govsite.commands.cli import main; main()",
            "check",
            "名单.doc",
            "名单.png",
        ],
        tmp_path,
        env,
    )
    assert code == 1
    assert "名单.doc:1:1: attach.unread: 无法读取：读取 .doc 文件需要 LibreOffice" in out
    assert "名单.png:1:1: attach.unread: 无法读取：本机没有可用的图像识别（OCR）引擎" in out


@HOSTILE_GROUP
def test_one_reviewed_file_can_be_allowed_by_its_hash(tmp_path: Path) -> None:
    import yaml

    from govsite.checks.runner import check_paths
    from tests.conftest import REPO_ROOT

    def site(name: str, allow: list[dict[str, str]] | None) -> Path:
        root = tmp_path / name
        (root / "content" / "zfb").mkdir(parents=True)
        (root / "hooks").mkdir()
        for config in ("site.yml", "reviewers.yml"):
            (root / config).write_text(
                (REPO_ROOT / config).read_text(encoding="utf-8"), encoding="utf-8"
            )
        if allow:
            (root / "hooks" / "allowlist.yml").write_text(
                yaml.safe_dump(allow, allow_unicode=True), encoding="utf-8"
            )
        return root / "content" / "zfb" / "图纸.dwg"

    plain = site("plain", None)
    plain.write_bytes(b"AC1032 drawing")
    [f] = check_paths([str(plain)])
    assert f.rule == "attach.unread" and f.is_error
    entry = {
        "规则": "attach.unread",
        "哈希": str(f.fingerprint),
        "理由": "规划图纸，经保密办审查可公开",
        "审核": "2025-06-01 王某",
    }
    allowed = site("allowed", [entry])
    allowed.write_bytes(b"AC1032 drawing")
    assert check_paths([str(allowed)]) == []
    other = allowed.with_name("另一张.dwg")
    other.write_bytes(b"AC1032 another drawing")  # another file is not allowed by that hash
    assert [x.rule for x in check_paths([str(other)])] == ["attach.unread"]


@HOSTILE_GROUP
@pytest.mark.parametrize(
    ("name", "limits", "key"),
    [
        ("三页.pdf", Limits(pages=2), "PDF页数上限"),
        ("扫描.pdf", Limits(ocr_pages=1), "图像识别页数上限"),
        ("大图.png", Limits(image_pixels=10_000), "图片像素上限"),
        ("名单.xlsx", Limits(cells=3), "表格单元格数上限"),
        ("名单.csv", Limits(cells=3), "表格单元格数上限"),
        ("材料.zip", Limits(unpacked_bytes=1000), "解压后大小上限MB"),
    ],
)
def test_each_limit_of_limits_yml_is_an_error_naming_its_key(
    name: str, limits: Limits, key: str
) -> None:
    tiny = af.scan(["名单"], dpi=100)
    data = {
        "三页.pdf": af.pdf_of_images([], ["第一页", "第二页", "第三页"]),
        "扫描.pdf": af.pdf_of_images([tiny, tiny]),
        "大图.png": af.image_bytes(tiny, "PNG"),
        "名单.xlsx": _id_book(),
        "名单.csv": b"a,b\nc,d\n",
        "材料.zip": af.zip_of({"名单.xlsx": _id_book()}),
    }[name]
    [f] = check_attachment(data, name, _default_lists(), limits)
    assert f.rule == "attach.unreadable" and f"hooks/limits.yml 的“{key}”" in f.message


@SOFFICE
def test_a_conversion_past_its_time_limit_is_killed(office: dict[str, bytes]) -> None:
    [f] = check_attachment(
        office["名单.doc"], "名单.doc", _default_lists(), Limits(convert_seconds=0)
    )
    assert f.is_error and "LibreOffice 转换 .doc 超过 0 秒仍未完成" in f.message


@HOSTILE_GROUP
def test_a_workbook_too_big_for_the_full_model_is_streamed(monkeypatch: pytest.MonkeyPatch) -> None:
    from govsite.checks.attachments import ooxml

    def build(wb: object) -> None:
        wb.active.append(["说明"])  # type: ignore[attr-defined]
        hidden = wb.create_sheet("底稿")  # type: ignore[attr-defined]
        hidden.append(["姓名", "身份证号"])
        hidden.append(["张三", ID])
        hidden.sheet_state = "hidden"

    monkeypatch.setattr(ooxml, "FULL_MODEL_CELLS", 2)  # as if it had millions of cells
    assert found("名单.xlsx", xlsx(build)) == [
        ("attach.hidden-content", "名单.xlsx:底稿!A1", "error"),
        ("pii.id-card", "名单.xlsx:底稿!B2", "error"),
    ]
