"""Our SVG writer draws exactly what segno's own writer draws, for codes of every size."""

from __future__ import annotations

import io

import pytest
import segno

from govsite.site import qrcode


def segno_svg(url: str, title: str) -> str:
    qr = segno.make(url, error="m", micro=False, mask=0, boost_error=False)
    buf = io.BytesIO()
    qr.save(
        buf,
        kind="svg",
        scale=qrcode.SCALE,
        border=qrcode.BORDER,
        xmldecl=False,
        svgns=True,
        title=title,
        svgclass="qrcode",
        lineclass=None,
        dark="#000",
        light="#fff",
    )
    return buf.getvalue().decode("utf-8")


URLS = [
    "https://a.cn/",
    "https://www.shixian.gov.cn/zfb/2025-bmdt-00001.html",
    "https://www.shixian.gov.cn/xxgk/catalogue/topic/%E7%BB%BC%E5%90%88/index_12.html",
    "http://127.0.0.1:8000/" + "a" * 200,
    "https://www.shixian.gov.cn/" + "中文路径" * 20,
]


@pytest.mark.parametrize("url", URLS)
@pytest.mark.parametrize("title", ["扫一扫在手机打开", "<a & b>"])
def test_same_svg_as_segno(url: str, title: str) -> None:
    assert qrcode.svg(url, title) == segno_svg(url, title)
