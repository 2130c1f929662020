"""PDF: the text layer of each page (pypdf), and OCR of the pages that are pictures
(a scanned 公示, or a scanned signature page appended to a text PDF).

A page with (almost) no text that shows an image is rendered by PDFium (PyPI
``pypdfium2``, a binary wheel: nothing to install from the system) and read by OCR.
"""

from __future__ import annotations

import io
from typing import Any

from govsite.checks.attachments import ocr
from govsite.checks.attachments.core import (
    Budget,
    Extract,
    Unreadable,
    damaged,
    encrypted,
    over_limit,
)
from govsite.checks.base import Segment

# Fewer visible characters than this on a page with an image: the page is a picture.
TEXT_PAGE_CHARS = 10
DPI = 200


def _has_image(resources: Any, depth: int = 0) -> bool:
    try:
        xobjects = resources.get("/XObject") if resources is not None else None
        if xobjects is None:
            return False
        for ref in xobjects.get_object().values():
            obj = ref.get_object()
            subtype = obj.get("/Subtype")
            if subtype == "/Image":
                return True
            if subtype == "/Form" and depth < 3 and _has_image(obj.get("/Resources"), depth + 1):
                return True
    except Exception:  # a damaged resource dictionary: render the page to be safe
        return True
    return False


def _render(data: bytes, numbers: list[int], budget: Budget) -> dict[int, Any]:
    """PIL images of the given pages (1-based)."""
    try:
        import pypdfium2
    except Exception as exc:
        raise Unreadable(
            f"读取扫描页需要 pypdfium2，本机没有安装（{exc}）",
            "上传带文字层的 PDF；或安装：pip install pypdfium2（govsite 的依赖）",
            rule="attach.unread",
        ) from exc
    try:
        doc = pypdfium2.PdfDocument(data)
    except Exception as exc:
        raise damaged(f"PDFium 无法打开：{exc}") from exc
    out = {}
    try:
        for number in numbers:
            page = doc[number - 1]
            width, height = page.get_size()
            scale = min(DPI / 72, ocr.MAX_SIDE / max(width, height, 1))
            pixels = int(width * scale) * int(height * scale)
            if pixels > budget.limits.image_pixels:
                raise over_limit(
                    "image_pixels",
                    f"第{number}页 {pixels:,} 像素",
                    f"{budget.limits.image_pixels:,} 像素",
                )
            out[number] = page.render(scale=scale).to_pil()
    finally:
        doc.close()
    return out


def read_pdf(path: str, data: bytes, budget: Budget) -> Extract:
    from pypdf import PdfReader

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise encrypted()
        count = len(reader.pages)
    except Unreadable:
        raise
    except Exception as exc:  # pypdf raises many types for a damaged file
        if "decrypt" in str(exc).lower() or "password" in str(exc).lower():
            raise encrypted() from exc
        raise damaged(str(exc)) from exc
    if count > budget.limits.pages:
        raise over_limit("pages", f"{count:,} 页", f"{budget.limits.pages:,}")
    out = Extract()
    pictures: list[int] = []
    for number, page in enumerate(reader.pages, 1):
        try:
            text = page.extract_text() or ""
        except Exception as exc:
            raise damaged(f"第{number}页：{exc}") from exc
        out.segments.append(Segment(f"第{number}页", text))
        if len("".join(text.split())) < TEXT_PAGE_CHARS and _has_image(page.get("/Resources")):
            pictures.append(number)
    for _ in pictures:  # refuse a long scan before spending minutes on its first pages
        budget.take_ocr_page()
    # Rendered one page at a time: a 200-page scan never holds more than one bitmap.
    for number in pictures:
        image = _render(data, [number], budget)[number]
        out.segments.append(Segment(f"第{number}页{ocr.LABEL}", "\n".join(ocr.recognise(image))))
    return out
