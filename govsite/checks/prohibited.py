"""Gambling, pornography, spam and injected hidden markup (QA-03): ad.prohibited-content.

The terms come from hooks/prohibited.txt. The same scan runs on Markdown, on
attachment text and, in the nightly job, on the rendered HTML of the site,
where injected spam of hijacked government pages shows up.
"""

from __future__ import annotations

import re

from govsite.checks.base import Finding, TextDoc


def prohibited(doc: TextDoc, patterns: tuple[re.Pattern[str], ...]) -> list[Finding]:
    """The first pattern holds the literal terms, lowercase; the others are case-insensitive."""
    if not patterns:
        return []
    text = doc.norm
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lowercase to two; keep positions right
        lowered = text
    matches: list[tuple[int, str]] = []
    for i, pattern in enumerate(patterns):
        target = lowered if i == 0 else text
        matches.extend((m.start(), m.group()) for m in pattern.finditer(target))
    out = []
    seen: set[int] = set()
    for pos, found in sorted(matches):
        index = doc.line_index(pos)
        if index in seen:
            continue
        seen.add(index)
        out.append(doc.finding(
            "ad.prohibited-content", pos,
            f"发现违禁内容“{text[pos:pos + min(len(found), 40)]}”"
            "（赌博、色情、垃圾广告或隐藏代码）",
            "删除该内容；如是网站被篡改注入的，立即报告平台单位并从 git 重新部署",
            value=found))
    return out


def scan_html(html: str, path: str, patterns: tuple[re.Pattern[str], ...]) -> list[Finding]:
    """Prohibited content in rendered HTML (markup and text alike), with HTML line numbers."""
    return prohibited(TextDoc(path, html), patterns)
