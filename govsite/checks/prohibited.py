"""Gambling, pornography, spam and injected hidden markup (QA-03): ad.prohibited-content.

What spam is, not which topic it is about: the terms come from prohibited.txt
(hooks/ or the built-in data). Brands, site patterns, enticements and hidden
markup are findings wherever they stand. Category words (赌博, 色情, 六合彩 …)
are findings only where they read as spam: next to a call to sign up or get in
touch, or stuffed three or more into one passage; a prohibition, definition or
statistic (禁止发布色情、赌博信息；打击网络赌博；查处赌博案件 12 起) is not.
The same scan runs on Markdown, on attachment text and, in the nightly job, on
the rendered HTML of the site, where injected spam of hijacked pages shows up.
"""

from __future__ import annotations

import re

from govsite.checks.base import Finding, TextDoc
from govsite.checks.wordlists import Terms

# Calls to act that spam makes and a government text about gambling does not.
_CALL = re.compile(
    r"开户|注册|官网|网址|网站|入口|下载|充值|首存|返水|送\d*元|彩金|推荐码|邀请码|代理加盟|加盟"
    r"|微信|薇信|[vV]信|\b[vV]x\b|[qQ]{2}|电话|联系|二维码|扫码|点击|登录|app|APP|在线|免费|日结"
    r"|\d{5,}"
)
# In the same clause as a category word, these make it a prohibition, a definition or a
# statistic: the text is against the thing, or describes it.
_AGAINST = re.compile(
    r"禁止|严禁|不得|不准|杜绝|打击|查处|查获|整治|取缔|抵制|举报|防范|涉嫌|犯罪|违法|违规|治理"
    r"|专项|清理|净化|远离|拒绝|警惕|宣传|教育|依法|处罚|惩治|非法|诈骗|危害|所称|是指|包括|案件"
    r"|案\d|罪|涉黄|涉赌|扫黄|黄赌毒|查办|侦破|破获|抓获|监管|整改|排查|谨防|拒|反对"
)
_CLAUSE_END = "。！？；!?;\n"
CALL_REACH = 12  # characters either side of a category word
DENSITY = 3  # category words in one passage …
PASSAGE = 200  # … of this many characters


def _clause(text: str, start: int, end: int) -> str:
    lo = start
    while lo > 0 and text[lo - 1] not in _CLAUSE_END and start - lo < 40:
        lo -= 1
    hi = end
    while hi < len(text) and text[hi] not in _CLAUSE_END and hi - end < 40:
        hi += 1
    return text[lo:start] + text[end:hi]


def _spam_category(text: str, hits: list[tuple[int, int, str]]) -> list[tuple[int, int, str]]:
    """The category-word hits that read as spam."""
    live = [h for h in hits if not _AGAINST.search(_clause(text, h[0], h[1]))]
    out = []
    for i, (start, end, _) in enumerate(live):
        near = text[max(0, start - CALL_REACH) : start] + " " + text[end : end + CALL_REACH]
        dense = sum(1 for s, _, _ in live if abs(s - start) <= PASSAGE) >= DENSITY
        if dense or _CALL.search(near):
            out.append(live[i])
    return out


def prohibited(doc: TextDoc, terms: tuple[Terms, ...]) -> list[Finding]:
    if not terms:
        return []
    text = doc.norm
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters lowercase to two; keep positions right
        lowered = text
    matches: list[tuple[int, int, str]] = []
    category: list[tuple[int, int, str]] = []
    for group in terms:
        target = lowered if group.literal else text
        found = [
            (m.start(), m.end(), group.severity)
            for m in group.pattern.finditer(target)
            if m.end() > m.start()
        ]
        (category if group.category else matches).extend(found)
    if category:
        matches += _spam_category(text, sorted(category))
    out = []
    seen: set[int] = set()
    for start, end, severity in sorted(matches):
        index = doc.line_index(start)
        if index in seen:
            continue
        seen.add(index)
        shown = text[start : start + min(end - start, 40)]
        out.append(
            doc.finding(
                "ad.prohibited-content",
                start,
                f"发现违禁内容“{shown}”（赌博、色情、垃圾广告或隐藏代码）",
                "删除该内容；如是网站被篡改注入的，立即报告平台单位并从 git 重新部署",
                severity=severity,
                value=text[start:end],
            )
        )
    return out


def scan_html(html: str, path: str, terms: tuple[Terms, ...]) -> list[Finding]:
    """Prohibited content in rendered HTML (markup and text alike), with HTML line numbers."""
    return prohibited(TextDoc(path, html), terms)
