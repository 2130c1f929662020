"""Links in the built output (MON-09): broken internal links and attachments, external links.

Zero broken internal links are tolerated. External links are listed; they are
fetched only with --check-external (the nightly job has network, tests do not).
"""

from __future__ import annotations

import os
from collections import defaultdict
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

from govsite.health.findings import VETO, WARN, Finding

SKIP_SCHEMES = ("mailto", "tel", "javascript", "data", "sms")
SKIP_DIRS = ("pagefind/",)


class _Refs(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.refs: list[tuple[int, str]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "link":  # hints to other hosts are not links a visitor follows
            rel = (dict(attrs).get("rel") or "").split()
            if set(rel) & {"preconnect", "dns-prefetch", "preload-origin"}:
                return
        for name, value in attrs:
            if name in ("href", "src") and value:
                self.refs.append((self.getpos()[0], value.strip()))


@dataclass
class LinkReport:
    broken: list[Finding] = field(default_factory=list)
    external: dict[str, list[str]] = field(default_factory=dict)  # url -> pages linking it
    pages: int = 0


def check_output(output: Path, site_url: str = "") -> LinkReport:
    output = Path(output)
    report = LinkReport()
    external: dict[str, list[str]] = defaultdict(list)
    host = urlsplit(site_url).netloc if site_url else ""
    for dirpath, _dirs, files in os.walk(output):
        for name in sorted(files):
            if not name.endswith(".html"):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(output).as_posix()
            if rel.startswith(SKIP_DIRS):
                continue
            report.pages += 1
            parser = _Refs()
            parser.feed(path.read_text(encoding="utf-8", errors="replace"))
            for line, ref in parser.refs:
                parts = urlsplit(ref)
                if parts.scheme in SKIP_SCHEMES or ref.startswith("#"):
                    continue
                if parts.scheme in ("http", "https") or ref.startswith("//"):
                    if host and parts.netloc == host:
                        target = parts.path
                    else:
                        if rel not in external[ref]:
                            external[ref].append(rel)
                        continue
                else:
                    target = parts.path
                if not _exists(output, path.parent, target):
                    kind = "附件" if Path(target).suffix not in ("", ".html", ".htm") else "链接"
                    report.broken.append(
                        Finding(
                            "MON-09",
                            VETO,
                            f"{kind}“{ref}”指向的文件不存在",
                            path=rel,
                            line=line,
                            fix="改正链接或补上文件后重新构建（站内链接和附件零容忍）",
                        )
                    )
    report.external = dict(sorted(external.items()))
    return report


def _exists(output: Path, here: Path, target: str) -> bool:
    target = unquote(target)
    if not target:
        return True
    base = output / target.lstrip("/") if target.startswith("/") else here / target
    try:
        resolved = base.resolve()
        resolved.relative_to(output.resolve())
    except (ValueError, OSError):
        return False
    if resolved.is_dir():
        return (resolved / "index.html").is_file()
    return resolved.is_file()


def check_external(external: dict[str, list[str]], timeout: float = 15) -> list[Finding]:
    """Fetch each external link once (HEAD, then GET when HEAD is refused)."""
    import httpx

    found = []
    with httpx.Client(
        timeout=timeout, follow_redirects=True, headers={"User-Agent": "govsite-linkcheck"}
    ) as client:
        for url, pages in external.items():
            try:
                resp = client.head(url)
                if resp.status_code in (403, 405, 501):
                    resp = client.get(url)
                ok, why = resp.status_code < 400, f"HTTP {resp.status_code}"
            except httpx.HTTPError as exc:
                ok, why = False, type(exc).__name__
            if not ok:
                found.append(
                    Finding(
                        "MON-09",
                        WARN,
                        f"外部链接“{url}”无法访问（{why}）",
                        path=pages[0],
                        fix=f"改正或删除该链接（共 {len(pages)} 个页面引用）",
                    )
                )
    return found
