"""Text in pictures: photos and scans (.png .jpg .tif .bmp .gif .webp), image-only PDF and
OFD pages, read by OCR.

Engine: RapidOCR (PyPI ``rapidocr_onnxruntime``: PP-OCRv4 models shipped in the wheel,
runs on onnxruntime, no download at run time), chosen over Tesseract chi_sim on
digit accuracy; the comparison is in benchmarks/README.md. It is a dependency of
govsite, so it is there wherever govsite is pip-installed (a pre-commit hook repo
too); if it is missing or fails to load, every picture is an error (fail closed).
"""

from __future__ import annotations

import io
import warnings
from functools import cache
from typing import Any

from govsite.checks.attachments.core import Budget, Unreadable, damaged, over_limit
from govsite.checks.base import Segment

LABEL = "（图像识别）"
# RapidOCR scales its detector input to at most this side; decoding a larger picture
# only costs memory.
MAX_SIDE = 2400
DET_SIDE = 1280
INSTALL = "pip install rapidocr_onnxruntime（govsite 的依赖，重新安装 govsite 即可）"


@cache
def _engine() -> Any:
    try:
        from rapidocr_onnxruntime import RapidOCR
    except Exception as exc:  # ImportError, or onnxruntime failing to load its library
        raise Unreadable(
            f"本机没有可用的图像识别（OCR）引擎（{type(exc).__name__}: {exc}）",
            f"上传带文字层的 PDF 或 .docx；或安装 OCR 引擎：{INSTALL}",
            rule="attach.unread",
        ) from exc
    # The detector sees the picture scaled to at most 1280 px (the recogniser reads the
    # boxes from the full picture): 2-4 times faster than the default on an A4 scan, the
    # same digits on the benchmark set (benchmarks/README.md).
    return RapidOCR(det_limit_side_len=DET_SIDE, det_limit_type="max")


def engine_available() -> bool:
    try:
        _engine()
    except Unreadable:
        return False
    return True


def group_lines(boxes: list[tuple[float, float, float, str]]) -> list[str]:
    """(top, bottom, left, text) boxes -> lines of text, top to bottom, left to right:
    boxes whose vertical centres fall within half a box height are one line."""
    lines: list[list[tuple[float, float, float, str]]] = []
    for box in sorted(boxes, key=lambda b: (b[0] + b[1]) / 2):
        centre = (box[0] + box[1]) / 2
        if lines:
            last = lines[-1]
            top = sum(b[0] for b in last) / len(last)
            bottom = sum(b[1] for b in last) / len(last)
            if abs(centre - (top + bottom) / 2) < max(bottom - top, box[1] - box[0]) / 2:
                last.append(box)
                continue
        lines.append([box])
    return [" ".join(b[3] for b in sorted(line, key=lambda b: b[2])) for line in lines]


def recognise(image: Any) -> list[str]:
    """Lines of text in a PIL image."""
    import numpy

    image = image.convert("RGB")
    if max(image.size) > MAX_SIDE:
        image.thumbnail((MAX_SIDE, MAX_SIDE))
    bgr = numpy.ascontiguousarray(numpy.asarray(image)[:, :, ::-1])
    try:
        result, _ = _engine()(bgr)
    except Unreadable:
        raise
    except Exception as exc:
        raise Unreadable(
            f"图像识别失败（{type(exc).__name__}: {exc}）", "上传带文字层的 PDF 或 .docx 后再检查"
        ) from exc
    boxes = []
    for points, text, _score in result or []:
        ys = [p[1] for p in points]
        xs = [p[0] for p in points]
        boxes.append((min(ys), max(ys), min(xs), str(text)))
    return group_lines(boxes)


def open_image(data: bytes, budget: Budget) -> Any:
    from PIL import Image

    limit = budget.limits.image_pixels
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            image = Image.open(io.BytesIO(data))
    except Image.DecompressionBombError as exc:
        raise over_limit("image_pixels", "图片过大", f"{limit:,} 像素") from exc
    except Exception as exc:  # PIL.UnidentifiedImageError, truncated headers
        raise damaged(f"不是可识别的图片：{exc}") from exc
    width, height = image.size
    if width * height > limit:
        raise over_limit(
            "image_pixels", f"{width}×{height} = {width * height:,} 像素", f"{limit:,} 像素"
        )
    return image


def read_image(data: bytes, budget: Budget) -> list[Segment]:
    """One segment per recognised line: ``（图像识别）第2行``; frames of a multi-page
    TIFF or GIF are pages: ``第2页（图像识别）第3行``."""
    from PIL import ImageSequence

    image = open_image(data, budget)
    frames = getattr(image, "n_frames", 1)
    out: list[Segment] = []
    try:
        for index, frame in enumerate(ImageSequence.Iterator(image), 1):
            budget.take_ocr_page()
            page = f"第{index}页" if frames > 1 else ""
            for number, line in enumerate(recognise(frame.copy()), 1):
                out.append(Segment(f"{page}{LABEL}第{number}行", line))
    except (Unreadable, MemoryError):
        raise
    except Exception as exc:  # truncated or damaged image data
        raise damaged(f"图片数据损坏：{exc}") from exc
    return out


def ocr_images(images: list[bytes], budget: Budget, location: str) -> Segment:
    """A page that is pictures (a scanned PDF or OFD page): one segment, its lines."""
    budget.take_ocr_page()
    lines: list[str] = []
    for data in images:
        lines += recognise(open_image(data, budget))
    return Segment(location, "\n".join(lines))
