"""An OFD (GB/T 33190-2016: a zip of XML pages) as positioned lines, then paragraphs.

Written here because no maintained Python OFD reader exists on PyPI with a text
API; only the parts needed for text are read: OFD.xml -> DocRoot -> Document.xml
-> Pages -> each page's Content.xml -> TextObject/TextCode. Sizes of members are
capped (hooks/limits.yml) before anything is parsed.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from xml.etree import ElementTree

from govsite.config.limits import Limits
from govsite.importer.blocks import FIXED_LAYOUT_NOTE, Source
from govsite.importer.lines import Line, paragraphs, text_width

NS = "{http://www.ofdspec.org/2016}"


class OfdError(ValueError):
    """The OFD is not readable as GB/T 33190 (message in Chinese)."""


def _xml(zf: zipfile.ZipFile, name: str) -> ElementTree.Element:
    name = name.lstrip("/")
    try:
        data = zf.read(name)
    except KeyError:
        raise OfdError(f"OFD 中缺少 {name}") from None
    if b"<!DOCTYPE" in data[:2000] or b"<!ENTITY" in data:
        raise OfdError(f"OFD 的 {name} 含有 DTD 或实体声明，拒绝读取")
    try:
        return ElementTree.fromstring(data)
    except ElementTree.ParseError as exc:
        raise OfdError(f"OFD 的 {name} 不是合法的 XML（{exc}）") from None


def _resolve(base: str, loc: str) -> str:
    return (
        loc.lstrip("/")
        if loc.startswith("/")
        else posixpath.normpath(posixpath.join(posixpath.dirname(base), loc))
    )


def _numbers(text: str | None) -> list[float]:
    return [float(x) for x in re.findall(r"-?\d+(?:\.\d+)?", text or "")]


def _page_lines(page: ElementTree.Element) -> list[Line]:
    pieces: list[tuple[float, float, str, float]] = []  # y, x, text, size
    for obj in page.iter(f"{NS}TextObject"):
        box = _numbers(obj.get("Boundary"))
        if len(box) < 2:
            continue
        size = float(obj.get("Size") or 0) or 1.0
        for code in obj.iter(f"{NS}TextCode"):
            text = code.text or ""
            if not text.strip():
                continue
            x = box[0] + float(code.get("X") or 0)
            y = box[1] + float(code.get("Y") or 0)
            pieces.append((y, x, text, size))
    rows: list[list[tuple[float, float, str, float]]] = []
    for piece in sorted(pieces, key=lambda p: (p[0], p[1])):  # OFD's y grows downwards
        if rows and abs(rows[-1][0][0] - piece[0]) < piece[3] * 0.5:
            rows[-1].append(piece)
        else:
            rows.append([piece])
    out = []
    for row in rows:
        row.sort(key=lambda p: p[1])
        last = row[-1]
        out.append(
            Line(
                text="".join(p[2] for p in row),
                x0=row[0][1],
                x1=last[1] + text_width(last[2], last[3]),
                size=max(p[3] for p in row),
            )
        )
    return out


def read(path: str, limits: Limits) -> Source:
    try:
        zf = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError):
        raise OfdError("不是 OFD 文件（OFD 应是 zip 包）") from None
    with zf:
        infos = zf.infolist()
        if len(infos) > limits.archive_members:
            raise OfdError(f"OFD 包含的文件超过 {limits.archive_members} 个")
        if sum(i.file_size for i in infos) > limits.unpacked_bytes:
            raise OfdError("OFD 解压后超过大小上限")
        root = _xml(zf, "OFD.xml")
        doc_root = (root.findtext(f"{NS}DocBody/{NS}DocRoot") or "").strip()
        if not doc_root:
            raise OfdError("OFD.xml 中没有 DocBody/DocRoot")
        doc_path = _resolve("OFD.xml", doc_root)
        document = _xml(zf, doc_path)
        box = _numbers(document.findtext(f"{NS}CommonData/{NS}PageArea/{NS}PhysicalBox"))
        width = box[2] if len(box) >= 4 else 210.0
        pages = document.findall(f"{NS}Pages/{NS}Page")
        if len(pages) > limits.pages:
            raise OfdError(f"OFD 超过 {limits.pages} 页")
        out = []
        for page in pages:
            loc = page.get("BaseLoc")
            if not loc:
                raise OfdError("OFD 的页面缺少 BaseLoc")
            out.append((width, _page_lines(_xml(zf, _resolve(doc_path, loc)))))
    return Source(blocks=paragraphs(out), notes=[FIXED_LAYOUT_NOTE])
