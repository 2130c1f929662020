"""Gambling, pornography, spam and injected hidden markup (QA-03): ad.prohibited-content.

The terms come from hooks/prohibited.txt. The same scan runs on Markdown, on
attachment text and, in the nightly job, on the rendered HTML of the site,
where injected spam of hijacked government pages shows up.
"""

from __future__ import annotations

import re

from govsite.checks.base import Finding, TextDoc


def prohibited(doc: TextDoc, pattern: re.Pattern[str] | None, text: str | None = None
               ) -> list[Finding]:
    if pattern is None:
        return []
    out = []
    seen: set[int] = set()
    for m in pattern.finditer(doc.norm if text is None else text):
        index = doc.line_index(m.start())
        if index in seen:
            continue
        seen.add(index)
        shown = m.group()[:40]
        out.append(doc.finding(
            "ad.prohibited-content", m.start(),
            f"发现违禁内容“{shown}”（赌博、色情、垃圾广告或隐藏代码）",
            "删除该内容；如是网站被篡改注入的，立即报告平台单位并从 git 重新部署",
            value=m.group()))
    return out


def scan_html(html: str, path: str, pattern: re.Pattern[str] | None) -> list[Finding]:
    """Prohibited content in rendered HTML (markup and text alike), with HTML line numbers."""
    return prohibited(TextDoc(path, html), pattern)
