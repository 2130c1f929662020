"""Links to non-government websites (QA-04): ad.commercial-link.

Hosts are compared with the allowlist in hooks/link-allowlist.txt by domain
suffix; Markdown link text never hides the target, which is what is checked.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from govsite.checks.base import Finding, TextDoc

_URL = re.compile(r"(?i)\b(?:https?|ftp)://([^/\s)\]>\"'<,;?#\u4e00-\u9fff]+)")
_URL_FULL = re.compile(r"(?i)\b(?:https?|ftp)://[^\s)\]>\"'<\u4e00-\u9fff]+")
_BARE = re.compile(
    r"(?i)(?<![\w./@:%-])((?:www\.)[a-z0-9-]+(?:\.[a-z0-9-]+)+"
    r"|[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|cn|net|org|cc|top|xyz|vip|me|io|info|biz|tv|co|ly"
    r"|gl|shop|club|site|online|app|link|live|win|bet|hk|tw)(?=/|[\s,;)\]]|$|[^\x00-\x7f]))"
)


# A www. host written straight after Chinese text (登录www.xxx.com预订门票): \w above counts
# Chinese characters as word characters, so these are looked for apart (only when "www."
# occurs at all: a leading lookbehind is tried at every position).
_WWW_AFTER_HAN = re.compile(r"(?i)(?<=[\u3400-\u9fff])(www\.[a-z0-9-]+(?:\.[a-z0-9-]+)+)")


def host_allowed(host: str, allowlist: Iterable[str]) -> bool:
    host = host.lower().rstrip(".")
    return any(host == d or host.endswith("." + d) for d in allowlist)


def _host(netloc: str) -> str:
    netloc = netloc.rsplit("@", 1)[-1]
    if netloc.startswith("["):
        return netloc
    return netloc.split(":", 1)[0].lower()


def commercial_links(doc: TextDoc, allowlist: tuple[str, ...]) -> list[Finding]:
    out = []
    for m in _URL.finditer(doc.norm):
        host = _host(m[1])
        if not host_allowed(host, allowlist):
            out.append(_finding(doc, m.start(), host))
    # Bare domains, looked for in the text with the URLs blanked out.
    blank = _URL_FULL.sub(lambda m: " " * len(m.group()), doc.norm)
    bare = list(_BARE.finditer(blank))
    if "www." in blank.lower():
        bare += _WWW_AFTER_HAN.finditer(blank)
    for m in sorted(bare, key=lambda m: m.start()):
        host = m[1].lower()
        if not host_allowed(host, allowlist):
            out.append(_finding(doc, m.start(), host))
    return out


def _finding(doc: TextDoc, pos: int, host: str) -> Finding:
    return doc.finding(
        "ad.commercial-link",
        pos,
        f"链接指向非政府网站 {host}",
        "政府网站不得链接商业网站：删除链接，或改为政府网站（*.gov.cn）上的对应页面；"
        "确需链接的网站由平台单位审核后加入 hooks/link-allowlist.txt"
        "（网站还没有这个文件的，先复制 govsite 的默认表）",
        value=host,
    )
