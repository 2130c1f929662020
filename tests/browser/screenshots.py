"""``make screenshots``: PNGs of one page of each template at 360 px and 1280 px,
standard and 关怀版, for people to look at (the checks themselves are the tests).

    python -m tests.browser.screenshots [DIR]     # default: screenshots/

Builds a copy of the sample site (as the browser tests do), serves it on 127.0.0.1
and drives the Debian Chromium through Playwright; nothing leaves the machine.
"""

from __future__ import annotations

import functools
import http.server
import os
import re
import sys
import tempfile
import threading
from pathlib import Path

from tests.browser.conftest import (
    BUILD_DAY_EPOCH,
    CHROMIUM,
    CHROMIUM_ARGS,
    FIXED_SAMPLE,
    LOCAL_HOST,
    _QuietHandler,
    first_article,
)
from tests.conftest import copy_sample

WIDTHS = (360, 1280)


def slug(name: str) -> str:
    return re.sub(r"[^\w-]+", "-", name).strip("-")


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    from govsite.release.build import build_site

    out_dir = Path(argv[0] if argv else "screenshots").resolve()
    out_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        root = copy_sample(Path(tmp) / "site")
        os.environ["SOURCE_DATE_EPOCH"] = BUILD_DAY_EPOCH
        output = build_site(root, root / "output").output
        pages = dict(FIXED_SAMPLE)
        pages["带附件的文章"] = first_article(output, 'class="attachments"', "带附件")
        pages["已失效或废止的文件"] = first_article(output, 'class="validity-banner"', "带效力提示")
        handler = functools.partial(_QuietHandler, directory=str(output))
        server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://{LOCAL_HOST}:{server.server_address[1]}"
        written = 0
        try:
            with sync_playwright() as pw:
                browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
                for width in WIDTHS:
                    for care in (False, True):
                        context = browser.new_context(
                            locale="zh-CN",
                            viewport={"width": width, "height": 800},
                            is_mobile=width < 700,
                            device_scale_factor=1,
                        )
                        context.add_init_script(
                            f"localStorage.setItem('govsite-care', '{'on' if care else 'off'}')"
                        )
                        page = context.new_page()
                        for name, rel in pages.items():
                            page.goto(f"{base}/{rel}", wait_until="networkidle")
                            mode = "-关怀版" if care else ""
                            page.screenshot(
                                path=str(out_dir / f"{slug(name)}-{width}{mode}.png"),
                                full_page=True,
                            )
                            written += 1
                        context.close()
                browser.close()
        finally:
            server.shutdown()
            server.server_close()
    print(f"已写入 {written} 张截图 → {out_dir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
