"""PR previews: which pages a change touches, how a preview page is marked, the PR comment.

Pure logic, tested by tables; ``govsite preview`` (commands/preview.py) does the git
diff, the build and the forge call. A preview is never the public site: every page
carries ``noindex`` and a visible 预览 banner, robots.txt disallows everything, and
the directory holds no manifest.json but a PREVIEW.json marker that ``govsite
publish`` refuses as a target.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from govsite.model.article import Article, Page
from govsite.site import urls

MARKER = "<!-- govsite-preview -->"
MARKER_FILE = "PREVIEW.json"
ROBOTS = "User-agent: *\nDisallow: /\n"
NOINDEX = '<meta name="robots" content="noindex, nofollow">'
BANNER_ID = "govsite-preview-banner"
# git's --name-status letters -> what a reviewer reads
STATUS = {"A": "新增", "M": "修改", "D": "删除", "R": "改名", "C": "复制", "T": "修改"}


@dataclass(frozen=True)
class Change:
    status: str  # one of STATUS's keys
    path: str
    old_path: str | None = None  # renames and copies


@dataclass
class PreviewPage:
    kind: str  # 文章, 页面, 已删除, 其他
    title: str
    path: str | None  # in the built site; None when there is no page to open
    why: list[str] = field(default_factory=list)  # the changed files, "修改 content/…"


def pages_for(
    changes: Sequence[Change], articles: Iterable[Article], pages: Iterable[Page]
) -> list[PreviewPage]:
    """Changed files -> the pages a reviewer should open: articles to their page,
    attachments to the article that lists them, pages under content/pages/ to theirs."""
    by_path = {a.path: a for a in articles}
    page_by_path = {p.path: p for p in pages}
    owner: dict[str, Article] = {}
    for article in by_path.values():
        for name in article.attachments:
            owner["content/" + urls.attachment_path(article, name)] = article
    found: dict[str, PreviewPage] = {}
    for change in changes:
        note = f"{STATUS.get(change.status, change.status)} {change.path}"
        if change.old_path:
            note += f"（原 {change.old_path}）"
        key, entry = _entry(change, by_path, page_by_path, owner)
        if key in found:
            found[key].why.append(note)
        else:
            entry.why.append(note)
            found[key] = entry
    order = {"文章": 0, "页面": 1, "已删除": 2, "其他": 3}
    return sorted(found.values(), key=lambda p: (order[p.kind], p.path or "", p.why[0]))


def _entry(
    change: Change,
    by_path: dict[str, Article],
    page_by_path: dict[str, Page],
    owner: dict[str, Article],
) -> tuple[str, PreviewPage]:
    path = change.path
    if change.status == "D":
        if path in by_path:  # deleted, then restored under the same name? still a page
            article = by_path[path]
            return path, PreviewPage("文章", article.title, urls.article_path(article))
        if path.startswith("content/") and path.endswith(".md"):
            return path, PreviewPage("已删除", path, None)
        if path in owner:
            article = owner[path]
            return article.path, PreviewPage("文章", article.title, urls.article_path(article))
        return path, PreviewPage("其他", path, None)
    if path in by_path:
        article = by_path[path]
        return path, PreviewPage("文章", article.title, urls.article_path(article))
    if path in page_by_path:
        page = page_by_path[path]
        return path, PreviewPage("页面", page.title, urls.page_path(page))
    if path in owner:
        article = owner[path]
        return article.path, PreviewPage("文章", article.title, urls.article_path(article))
    return path, PreviewPage("其他", path, None)


_HEAD = re.compile(r"<head(?:\s[^>]*)?>", re.IGNORECASE)
_BODY = re.compile(r"<body(?:\s[^>]*)?>", re.IGNORECASE)


def banner(label: str) -> str:
    # inline style: the banner must show whatever the theme's CSS does
    return (
        f'<div id="{BANNER_ID}" role="note" style="position:sticky;top:0;z-index:9999;'
        "background:#fff3cd;color:#664d03;border-bottom:2px solid #d39e00;padding:.5em 1em;"
        f'font-size:16px;text-align:center">预览：{html.escape(label)}。'
        "这不是正式网站，内容尚未三审发布，请勿转发或引用。</div>"
    )


def mark_html(text: str, label: str) -> str | None:
    """The page with ``noindex`` and the banner, or None when it has no <head>/<body>."""
    head, body = _HEAD.search(text), _BODY.search(text)
    if head is None or body is None or body.start() < head.end():
        return None
    return (
        text[: head.end()]
        + NOINDEX
        + text[head.end() : body.end()]
        + banner(label)
        + text[body.end() :]
    )


def render_comment(
    found: Sequence[PreviewPage],
    *,
    url_base: str | None,
    head: str,
    where: str | None = None,
) -> str:
    """The one PR comment (found again by MARKER and edited on every push)."""
    links = [p for p in found if p.path]
    out = [
        MARKER,
        f"### 预览：{len(links)} 个改动的页面",
        "",
        f"按提交 `{head[:10]}` 构建。预览页面带“预览”横幅并禁止搜索引擎收录，"
        "不是正式网站；页面上的元数据表（索引号、发文机构、成文日期等）请一并核对（三校）。",
    ]
    if not url_base:
        out += [
            "",
            f"下载{f'[本次运行]({where})' if where else '本次运行'}的产物 `preview`，"
            "解压后用浏览器打开下表中的文件。",
        ]
    if found:
        out += ["", "| 页面 | 类型 | 改动的文件 |", "|---|---|---|"]
    for page in found:
        title = _cell(page.title)
        if page.path and url_base:
            shown = f"[{title}]({url_base.rstrip('/')}/{page.path})"
        elif page.path:
            shown = f"{title}<br>`{page.path}`"
        else:
            shown = title
        why = "<br>".join(_cell(w) for w in page.why[:10])
        if len(page.why) > 10:
            why += f"<br>等 {len(page.why)} 个文件"
        out.append(f"| {shown} | {page.kind} | {why} |")
    if not found:
        out += ["", "本次改动不涉及任何页面。"]
    if any(p.kind == "其他" for p in found):
        home = f"[首页]({url_base.rstrip('/')}/index.html)" if url_base else "index.html"
        out += [
            "",
            "“其他”是不对应单个页面的文件（模板、配置、平台代码等），可能影响所有页面："
            f"请打开 {home} 抽查。",
        ]
    return "\n".join(out)


def _cell(text: str) -> str:
    # a title with | or a newline must not break the table
    return text.replace("|", "\\|").replace("\n", " ")
