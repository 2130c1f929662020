"""Attachments made the way a county office makes them, built once per test session.

Legacy Office files are saved by LibreOffice itself (``soffice --convert-to``) from
flat ODF documents written here, one batched conversion per target format; pictures
are rendered with a CJK font, rotated a few degrees, with scanner noise; the OFD
follows GB/T 33190's package structure. Planted values are computed (valid check
digits), never hard-coded.
"""

from __future__ import annotations

import io
import random
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path
from xml.sax.saxutils import escape

from tests.checks.helpers import ID, make_card, make_id

CJK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
ID2 = make_id("15252219750101123")
MOBILE = "13912345678"
CARD = make_card("622202020011234567")  # 19 digits, Luhn-valid, a personal debit card
OFFICE_PHONE = "0479-5212345"

NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:presentation="urn:oasis:names:tc:opendocument:xmlns:presentation:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0"'
)


def _p(text: str) -> str:
    return f"<text:p>{escape(text)}</text:p>"


def fodt() -> str:
    """救助名单 as a Word user types it: a heading, a table, a phone, a comment, a header."""
    rows = [("姓名", "身份证号", "银行卡号"), ("张三", ID, CARD)]
    table = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string">{_p(c)}</table:table-cell>' for c in row
        )
        + "</table:table-row>"
        for row in rows
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"/><style:header-style/></style:page-layout></office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"><style:header>{_p("内部资料 注意保存")}</style:header></style:master-page></office:master-styles>
<office:body><office:text>
{_p("示例镇2025年临时救助对象名单")}
{_p("联系人：李四，手机 " + MOBILE)}
<table:table table:name="名单"><table:table-column table:number-columns-repeated="3"/>{table}</table:table>
<text:p>审核意见<office:annotation><dc:creator>审核人</dc:creator>{_p("原始身份证号 " + ID2)}</office:annotation></text:p>
</office:text></office:body></office:document>
"""


def fods() -> str:
    """名单 with the planted number at C7 and a mobile at D7."""
    rows = [("序号", "姓名", "身份证号", "联系电话")]
    rows += [(str(i), "王*", "152522********0519", OFFICE_PHONE) for i in range(1, 6)]
    rows += [("6", "赵六", ID, MOBILE)]
    body = "".join(
        "<table:table-row>"
        + "".join(
            f'<table:table-cell office:value-type="string">{_p(c)}</table:table-cell>' for c in row
        )
        + "</table:table-row>"
        for row in rows
    )
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.spreadsheet">
<office:body><office:spreadsheet><table:table table:name="Sheet1">{body}</table:table></office:spreadsheet></office:body></office:document>
"""


def fodp() -> str:
    """Two slides; the second names a private mobile."""

    def page(name: str, text: str) -> str:
        return (
            f'<draw:page draw:name="{name}"><draw:frame svg:x="2cm" svg:y="2cm" '
            f'svg:width="20cm" svg:height="4cm"><draw:text-box>{_p(text)}'
            f"</draw:text-box></draw:frame></draw:page>"
        )

    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {NS} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.presentation">
<office:body><office:presentation>{page("p1", "2025年工作汇报")}{page("p2", "联系人 李四 手机 " + MOBILE)}</office:presentation></office:body></office:document>
"""


def odf_package(flat: str, mimetype: str) -> bytes:
    """The zipped ODF (.odt/.ods) of a flat document: what LibreOffice saves by default."""
    content = flat.replace("<office:document ", "<office:document-content ", 1).replace(
        "</office:document>", "</office:document-content>"
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr(zipfile.ZipInfo("mimetype"), mimetype)
        z.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        z.writestr(
            "META-INF/manifest.xml",
            (
                '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
                '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.3">'
                f'<manifest:file-entry manifest:full-path="/" manifest:media-type="{mimetype}"/>'
                '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type='
                '"text/xml"/></manifest:manifest>'
            ),
            zipfile.ZIP_DEFLATED,
        )
    return out.getvalue()


def rtf(lines: list[str]) -> bytes:
    """RTF as WordPad writes it: non-ASCII as \\uN? escapes."""

    def enc(text: str) -> str:
        return "".join(
            c if ord(c) < 128 else f"\\u{ord(c) if ord(c) < 32768 else ord(c) - 65536}?"
            for c in text
        )

    body = "".join(f"{enc(line)}\\par\n" for line in lines)
    return (
        "{\\rtf1\\ansi\\ansicpg936\\deff0{\\fonttbl{\\f0\\fnil SimSun;}}\\f0\\fs24 " + body + "}"
    ).encode("ascii")


def soffice_batch(sources: dict[str, str], target: str, workdir: Path) -> dict[str, bytes]:
    """Convert every flat document to ``target`` in one LibreOffice run."""
    src = workdir / f"src-{target}"
    src.mkdir()
    paths = []
    for name, text in sources.items():
        path = src / name
        path.write_text(text, encoding="utf-8")
        paths.append(str(path))
    out = workdir / f"out-{target}"
    profile = (workdir / "profile").as_uri()
    subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation={profile}",
            "--convert-to",
            target,
            "--outdir",
            str(out),
            *paths,
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    return {Path(n).stem: (out / f"{Path(n).stem}.{target}").read_bytes() for n in sources}


# Pictures ---------------------------------------------------------------------------


def scan(
    lines: list[str], *, dpi: int = 200, angle: float = 2.0, seed: int = 1, width_cm: float = 18.0
) -> object:
    """A page as a scanner returns it: CJK text at 12 pt, rotated, speckled, a grey cast."""
    from PIL import Image, ImageDraw, ImageFilter, ImageFont

    rng = random.Random(seed)
    px = dpi / 2.54
    size = round(12 / 72 * dpi)  # 12 pt
    height = round((len(lines) * 2.2 + 2) * size)
    img = Image.new("L", (round(width_cm * px), height), 245)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(CJK_FONT), size)
    for i, line in enumerate(lines):
        draw.text((round(1.5 * px), round(size * (1 + i * 2.2))), line, font=font, fill=20)
    for _ in range(img.width * img.height // 400):  # dust and toner specks
        x, y = rng.randrange(img.width), rng.randrange(img.height)
        draw.point((x, y), fill=rng.choice((60, 120, 180)))
    img = img.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=245)
    return img.filter(ImageFilter.GaussianBlur(0.6)).convert("RGB")


def image_bytes(img: object, fmt: str, **kw: object) -> bytes:
    out = io.BytesIO()
    img.save(out, format=fmt, **kw)  # type: ignore[attr-defined]
    return out.getvalue()


ID_LIST = [
    "示例镇2025年低保对象公示",
    "姓名 张三 身份证号 " + ID,
    "姓名 李四 手机 " + MOBILE,
    "代发银行卡号 " + CARD,
]
NOTICE = [
    "示例县人民政府办公室关于做好春节假期工作的通知",
    "各乡镇人民政府，县直各部门：",
    "请各单位做好值班安排，确保假期安全。",
    "咨询电话：" + OFFICE_PHONE,
]


def pdf_of_images(pages: list[object], text_pages: list[str] = ()) -> bytes:  # type: ignore[assignment]
    """Text pages (a text layer) followed by scanned pages (one picture each)."""
    from fpdf import FPDF

    pdf = FPDF(format="A4")
    pdf.add_font("wqy", fname=str(CJK_FONT))
    pdf.set_font("wqy", size=12)
    for text in text_pages:
        pdf.add_page()
        for line in text.split("\n"):
            pdf.cell(0, 10, line, new_x="LMARGIN", new_y="NEXT")
    for img in pages:
        pdf.add_page()
        pdf.image(img, x=10, y=10, w=190)
    return bytes(pdf.output())


# OFD (GB/T 33190-2016) ----------------------------------------------------------------

OFD_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'


def _ofd_page(lines: list[str], image: bool = False) -> str:
    objects = "".join(
        f'<ofd:TextObject ID="{10 + i}" Boundary="20 {20 + i * 10} 170 8" Font="2" Size="4.2">'
        f'<ofd:FillColor Value="0 0 0"/><ofd:TextCode X="0" Y="4" '
        f'DeltaX="g {max(len(line) - 1, 0)} 4.2">{escape(line)}</ofd:TextCode></ofd:TextObject>'
        for i, line in enumerate(lines)
    )
    if image:
        objects += (
            '<ofd:ImageObject ID="90" ResourceID="5" Boundary="0 0 210 297" CTM="210 0 0 297 0 0"/>'
        )
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><ofd:Page {OFD_NS}><ofd:Content>'
        f'<ofd:Layer ID="3">{objects}</ofd:Layer></ofd:Content></ofd:Page>'
    )


def ofd(pages: list[list[str]], scanned: bytes | None = None) -> bytes:
    """Pages of text, then (if given) one scanned page that is only a picture."""
    count = len(pages) + (1 if scanned else 0)
    page_list = "".join(
        f'<ofd:Page ID="{100 + i}" BaseLoc="Pages/Page_{i}/Content.xml"/>' for i in range(count)
    )
    files = {
        "OFD.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:OFD {OFD_NS} Version="1.1" '
            'DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>0f3c6a1e9b</ofd:DocID>'
            "<ofd:Title>公示</ofd:Title><ofd:CreationDate>2025-06-01</ofd:CreationDate>"
            "</ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"
        ),
        "Doc_0/Document.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Document {OFD_NS}><ofd:CommonData>'
            "<ofd:MaxUnitID>200</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297"
            "</ofd:PhysicalBox></ofd:PageArea><ofd:PublicRes>PublicRes.xml</ofd:PublicRes>"
            "<ofd:DocumentRes>DocumentRes.xml</ofd:DocumentRes></ofd:CommonData>"
            f"<ofd:Pages>{page_list}</ofd:Pages></ofd:Document>"
        ),
        "Doc_0/PublicRes.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {OFD_NS} BaseLoc="Res"><ofd:Fonts>'
            '<ofd:Font ID="2" FontName="宋体" FamilyName="宋体"/></ofd:Fonts></ofd:Res>'
        ),
        "Doc_0/DocumentRes.xml": (
            f'<?xml version="1.0" encoding="UTF-8"?><ofd:Res {OFD_NS} BaseLoc="Res">'
            '<ofd:MultiMedias><ofd:MultiMedia ID="5" Type="Image" Format="PNG"><ofd:MediaFile>'
            "scan.png</ofd:MediaFile></ofd:MultiMedia></ofd:MultiMedias></ofd:Res>"
        ),
    }
    for i, lines in enumerate(pages):
        files[f"Doc_0/Pages/Page_{i}/Content.xml"] = _ofd_page(lines)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            z.writestr(name, text)
        if scanned:
            z.writestr(f"Doc_0/Pages/Page_{len(pages)}/Content.xml", _ofd_page([], image=True))
            z.writestr("Doc_0/Res/scan.png", scanned)
    return out.getvalue()


# Hostile containers -----------------------------------------------------------------


def mark_encrypted(data: bytes) -> bytes:
    """Set the "encrypted" bit of every entry, as a zip tool with a password does (zipfile
    cannot write encrypted entries, so the headers are patched)."""
    import struct

    buf = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = 0
        while (i := buf.find(signature, start)) != -1:
            flags = struct.unpack_from("<H", buf, i + offset)[0]
            struct.pack_into("<H", buf, i + offset, flags | 0x1)
            start = i + 4
    return bytes(buf)


def rezip(data: bytes, replace: dict[str, bytes | None], *, stored: bool = False) -> bytes:
    """A copy of an OOXML zip with some parts replaced (None: removed)."""
    out = io.BytesIO()
    mode = zipfile.ZIP_STORED if stored else zipfile.ZIP_DEFLATED
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w", mode) as dst:
        for info in src.infolist():
            body = replace.get(info.filename, src.read(info.filename))
            if body is None:
                continue
            zi = zipfile.ZipInfo(info.filename, date_time=(2025, 1, 1, 0, 0, 0))
            zi.compress_type = mode
            dst.writestr(zi, body)
        for name, body in replace.items():
            if name not in src.namelist() and body is not None:
                dst.writestr(name, body)
    return out.getvalue()


def zip_bomb_docx(docx: bytes, size: int) -> bytes:
    """A real bomb: the docx plus a part of ``size`` zero bytes, deflated to about size/1000.
    The deflate stream is one fully flushed 1 MB block repeated (blocks after a full flush
    are independent), so a 1 GB bomb is made in a fraction of a second."""
    import struct
    import zlib

    chunk = b"\0" * (1 << 20)
    comp = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = comp.compress(chunk) + comp.flush(zlib.Z_FULL_FLUSH)
    tail = zlib.compressobj(9, zlib.DEFLATED, -15).flush(zlib.Z_FINISH)  # empty final block
    count = size >> 20
    crc = 0
    for _ in range(count):
        crc = zlib.crc32(chunk, crc)
    data = block * count + tail
    name = b"word/media/padding.bin"
    out = io.BytesIO()
    # Rebuild the docx with zipfile, then append the bomb member by hand.
    with zipfile.ZipFile(io.BytesIO(docx)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, src.read(info.filename))
    body = bytearray(out.getvalue())
    eocd = body.rindex(b"PK\x05\x06")
    cd_size, cd_offset = struct.unpack_from("<II", body, eocd + 12)
    entries = struct.unpack_from("<H", body, eocd + 10)[0]
    central = bytes(body[cd_offset : cd_offset + cd_size])
    local_at = cd_offset
    local = (
        struct.pack(
            "<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0x21, crc, len(data), size, len(name), 0
        )
        + name
    )
    central += (
        struct.pack(
            "<IHHHHHHIIIHHHHHII",
            0x02014B50,
            20,
            20,
            0,
            8,
            0,
            0x21,
            crc,
            len(data),
            size,
            len(name),
            0,
            0,
            0,
            0,
            0,
            local_at,
        )
        + name
    )
    head = bytes(body[:cd_offset]) + local + data
    end = struct.pack(
        "<IHHHHIIH", 0x06054B50, 0, 0, entries + 1, entries + 1, len(central), len(head), 0
    )
    return head + central + end


def huge_sheet_xlsx(cells: int) -> bytes:
    """A workbook with ``cells`` numeric cells, written as a stream (openpyxl would take
    minutes): what a 2-million-cell export looks like."""
    from openpyxl import Workbook

    buf = io.BytesIO()
    Workbook().save(buf)
    out = io.BytesIO()
    cols = 20
    with (
        zipfile.ZipFile(io.BytesIO(buf.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for info in src.infolist():
            if info.filename == "xl/worksheets/sheet1.xml":
                with dst.open(info.filename, "w", force_zip64=True) as fh:
                    fh.write(
                        b'<worksheet xmlns="http://schemas.openxmlformats.org/'
                        b'spreadsheetml/2006/main"><sheetData>'
                    )
                    for r in range(1, cells // cols + 1):
                        row = "".join(
                            f'<c r="{chr(65 + c)}{r}"><v>{r}</v></c>' for c in range(cols)
                        )
                        fh.write(f'<row r="{r}">{row}</row>'.encode())
                    fh.write(b"</sheetData></worksheet>")
            else:
                dst.writestr(info.filename, src.read(info.filename))
    return out.getvalue()


def encrypted_xlsx(plain: bytes, password: str = "123456") -> bytes:
    """The workbook as Excel saves it with an open password (ECMA-376 agile encryption)."""
    from msoffcrypto.format.ooxml import OOXMLFile

    out = io.BytesIO()
    OOXMLFile(io.BytesIO(plain)).encrypt(password, out)
    return out.getvalue()


def gbk_named_zip(members: dict[str, bytes]) -> bytes:
    """A zip as Windows' built-in compressor on a Chinese system makes it: member names in
    GBK without the UTF-8 flag (zipfile would always write UTF-8, so names are patched)."""
    out = io.BytesIO()
    placeholders = {}
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for i, (name, body) in enumerate(members.items()):
            raw = name.encode("gbk")
            placeholder = f"{i:0{len(raw)}d}".encode()[: len(raw)]
            placeholders[placeholder] = raw
            z.writestr(placeholder.decode(), body)
    data = out.getvalue()
    for placeholder, raw in placeholders.items():
        data = data.replace(placeholder, raw)
    return data


def zip_of(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in members.items():
            z.writestr(name, body)
    return out.getvalue()


def make_office_files(workdir: Path) -> dict[str, bytes]:
    """.doc, .xls, .ppt and .pptx saved by LibreOffice (three batched runs)."""
    tmp = Path(tempfile.mkdtemp(dir=workdir))
    try:
        files: dict[str, bytes] = {}
        files["名单.doc"] = soffice_batch({"list.fodt": fodt()}, "doc", tmp)["list"]
        files["名单.xls"] = soffice_batch({"list.fods": fods()}, "xls", tmp)["list"]
        files["汇报.ppt"] = soffice_batch({"slides.fodp": fodp()}, "ppt", tmp)["slides"]
        files["汇报.pptx"] = soffice_batch({"slides.fodp": fodp()}, "pptx", tmp)["slides"]
        return files
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
