"""OFD (GB/T 33190-2016, the national fixed-layout format): its text layer, by page.

An OFD is a zip: ``OFD.xml`` names each document's root (``DocBody/DocRoot``), the
document (``Document.xml``) lists its pages in order (``Pages/Page@BaseLoc``), and each
page's ``Content.xml`` holds ``TextObject`` elements whose ``TextCode`` children carry
the text. No kept Python library reads OFD, hence this small reader of our own;
element names are matched without their namespace (producers differ in using it).
Templates (``CommonData/TemplatePage``) are read too: a stamped header lives there.
Pages that are only images (scanned OFD) are OCR'd like PDF pages.
"""

from __future__ import annotations

import posixpath
import zipfile
from collections.abc import Callable
from xml.etree import ElementTree

from govsite.checks.attachments.core import Budget, Extract, damaged, over_limit
from govsite.checks.attachments.safezip import open_zip, read_member
from govsite.checks.base import Segment


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _find(el: ElementTree.Element, *path: str) -> list[ElementTree.Element]:
    found = [el]
    for name in path:
        found = [child for parent in found for child in parent if _local(child.tag) == name]
    return found


def _xml(zf: zipfile.ZipFile, name: str) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(read_member(zf, name))
    except ElementTree.ParseError as exc:
        raise damaged(f"{name} 不是有效的 XML：{exc}") from exc


def _resolve(base_dir: str, loc: str) -> str:
    loc = loc.strip()
    if loc.startswith("/"):
        return posixpath.normpath(loc.lstrip("/"))
    return posixpath.normpath(posixpath.join(base_dir, loc))


def _text(root: ElementTree.Element) -> str:
    lines = []
    for obj in root.iter():
        if _local(obj.tag) == "TextObject":
            lines.append(
                "".join(code.text or "" for code in obj.iter() if _local(code.tag) == "TextCode")
            )
    return "\n".join(lines)


def _images(
    zf: zipfile.ZipFile, doc_dir: str, root: ElementTree.Element, res: dict[str, str]
) -> list[bytes]:
    out = []
    for obj in root.iter():
        if _local(obj.tag) == "ImageObject" and (ref := obj.get("ResourceID")) in res:
            out.append(read_member(zf, res[ref]))
    return out


def _media(zf: zipfile.ZipFile, doc_dir: str, doc: ElementTree.Element) -> dict[str, str]:
    """ResourceID -> zip path of each MultiMedia (image) of the document's resources."""
    out: dict[str, str] = {}
    names = set(zf.namelist())
    for res_loc in (
        *_find(doc, "CommonData", "PublicRes"),
        *_find(doc, "CommonData", "DocumentRes"),
    ):
        path = _resolve(doc_dir, res_loc.text or "")
        if path not in names:
            continue
        res = _xml(zf, path)
        base = res.get("BaseLoc", "")
        res_dir = _resolve(posixpath.dirname(path), base) if base else posixpath.dirname(path)
        for media in res.iter():
            if _local(media.tag) == "MultiMedia" and media.get("ID"):
                for file in media:
                    if _local(file.tag) == "MediaFile" and file.text:
                        out[media.get("ID", "")] = _resolve(res_dir, file.text)
    return out


def read_ofd(
    path: str, data: bytes, budget: Budget, ocr_page: Callable[[list[bytes], int], Segment | None]
) -> Extract:
    zf = open_zip(data, budget, members_limit=False)
    if "OFD.xml" not in zf.namelist():
        raise damaged("缺少 OFD.xml，不是 OFD 文件")
    out = Extract()
    number = 0
    for root_loc in _find(_xml(zf, "OFD.xml"), "DocBody", "DocRoot"):
        doc_path = _resolve("", root_loc.text or "")
        doc_dir = posixpath.dirname(doc_path)
        doc = _xml(zf, doc_path)
        media = _media(zf, doc_dir, doc)
        templates = {
            t.get("ID"): _resolve(doc_dir, t.get("BaseLoc", ""))
            for t in _find(doc, "CommonData", "TemplatePage")
        }
        pages = _find(doc, "Pages", "Page")
        if number + len(pages) > budget.limits.pages:
            raise over_limit("pages", f"{number + len(pages):,} 页", f"{budget.limits.pages:,}")
        for page in pages:
            number += 1
            page_path = _resolve(doc_dir, page.get("BaseLoc", ""))
            root = _xml(zf, page_path)
            texts = [_text(root)]
            for tpl in _find(root, "Template"):
                if (tpl_path := templates.get(tpl.get("TemplateID"))) in zf.namelist():
                    texts.append(_text(_xml(zf, tpl_path)))
            text = "\n".join(t for t in texts if t)
            out.segments.append(Segment(f"第{number}页", text))
            if len(text.strip()) < 10 and (images := _images(zf, doc_dir, root, media)):
                segment = ocr_page(images, number)
                if segment is not None:
                    out.segments.append(segment)
    return out
