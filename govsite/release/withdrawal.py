"""撤稿 in a release: the page becomes an 已撤销 notice, and nothing else carries it.

Applied to every release after it is built (or, for ``govsite publish --withdraw``,
after the release online was copied), so a full publish and the fast path give the
same site: the article's page is replaced by a short notice (no search body), its
attachments are deleted, its entries leave every Atom feed, the catalogue keeps its
row with 索引号 and marks it 已撤销 (HTML, JSON, CSV), and the search shards that
held it are indexed again. Every file is replaced by a new one (never edited in
place), so a page hard-linked from another release is never touched.

Done here, on the built files, because the site generator belongs to the build; a
later build that renders withdrawn articles natively would make this a no-op.
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from govsite import atomic
from govsite.errors import ContentError, Problem
from govsite.model.article import Article
from govsite.site import urls

MARK = "已撤销"
NGINX = "withdrawn.nginx.conf"


@dataclass(frozen=True)
class Withdrawn:
    page: str  # release-relative path of the article page
    title: str
    index_no: str
    day: date
    reason: str
    attachments: tuple[str, ...] = ()  # release-relative paths of its former attachments


def of(article: Article, former_attachments: Iterable[str] = ()) -> Withdrawn:
    assert article.withdrawn is not None
    return Withdrawn(
        page=urls.article_path(article),
        title=article.title,
        index_no=article.index_no or "",
        day=article.withdrawn,
        reason=article.withdraw_reason or "",
        attachments=tuple(urls.attachment_path(article, n) for n in former_attachments),
    )


def notice(w: Withdrawn, site_name: str) -> str:
    """The page of a withdrawn article (pure): title, 索引号, date and reason, nothing else."""
    e = html.escape
    index = f"<p>索引号：{e(w.index_no)}</p>" if w.index_no else ""
    return f"""<!DOCTYPE html>
<html lang="zh-CN"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{MARK}：{e(w.title)} - {e(site_name)}</title>
<style>body{{font-family:sans-serif;max-width:40em;margin:3em auto;padding:0 1em;
line-height:1.7}}h1{{font-size:1.4em}}</style></head>
<body data-pagefind-ignore="all"><main><h1>本信息{MARK}</h1>
<p>《{e(w.title)}》已于 {w.day:%Y年%m月%d日} 撤销。</p>{index}
<p>撤销原因：{e(w.reason)}</p>
<p><a href="/">返回{e(site_name)}首页</a></p></main></body></html>
"""


def _link_re(page: str) -> str:
    return r'href="(?:[a-z]+://[^/"]+)?' + re.escape(urls.href(page)) + r'"'


def drop_feed_entries(text: str, pages: Iterable[str]) -> str:
    """An Atom feed without the entries of ``pages`` (pure)."""
    for page in pages:
        text = re.sub(
            r"<entry>(?:(?!</entry>).)*?" + _link_re(page) + r"(?:(?!</entry>).)*?</entry>",
            "",
            text,
            flags=re.S,
        )
    return text


def mark_catalogue_html(text: str, pages: Iterable[str]) -> str:
    """Catalogue rows of ``pages`` kept (索引号 and all) and marked 已撤销 (pure)."""
    for page in pages:

        def mark(m: re.Match[str]) -> str:
            row = re.sub(r"(<a [^>]*>)(.*?)(</a>)", rf"\1\2\3（{MARK}）", m.group(0), count=1)
            return re.sub(r"<td>[^<]*</td></tr>$", f"<td>{MARK}</td></tr>", row)

        text = re.sub(
            r"<tr>(?:(?!</tr>).)*?" + _link_re(page) + r"(?:(?!</tr>).)*?</tr>",
            mark,
            text,
            flags=re.S,
        )
    return text


def _marks(row: dict[str, str], pages: set[str]) -> bool:
    address = row.get("网址", "")
    return any(address.endswith(urls.href(p)) for p in pages)


def mark_catalogue_json(text: str, pages: Iterable[str]) -> str:
    data = json.loads(text)
    wanted = set(pages)
    for row in data.get("条目", []):
        if isinstance(row, dict) and _marks(row, wanted):
            row["有效性"] = MARK
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def mark_catalogue_csv(text: str, pages: Iterable[str]) -> str:
    wanted = set(pages)
    reader = csv.DictReader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    fields = list(reader.fieldnames or [])
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=fields, lineterminator="\r\n")
    writer.writeheader()
    for row in reader:
        if _marks(row, wanted):
            row["有效性"] = MARK
        writer.writerow(row)
    return "\ufeff" + buf.getvalue()


def nginx_conf(items: Iterable[Withdrawn], site_name: str) -> str:
    """``return 410`` with the notice for each withdrawn page (include it in the server block)."""
    out = ["# 由 govsite publish 生成：撤稿的页面返回 HTTP 410（已永久删除）和撤销说明。"]
    for w in sorted(items, key=lambda x: x.page):
        body = (
            notice(w, site_name)
            .replace("\n", " ")
            .replace("\\", "\\\\")
            .replace("'", "\\'")
            .replace("$", "＄")
        )  # nginx expands $ in any string
        out.append(
            f"location = {urls.href(w.page)} {{ default_type text/html; return 410 '{body}'; }}"
        )
    return "\n".join(out) + "\n"


def _replace(path: Path, text: str) -> None:
    """Write a new file in place of ``path`` (never through a hard link)."""
    atomic.write_text(path, text)


def apply(release: Path, items: list[Withdrawn], site_name: str, pages: list[str]) -> None:
    """Withdraw ``items`` in ``release``; ``pages`` are all article pages (search shards)."""
    if not items:
        return
    gone = [w.page for w in items]
    for w in items:
        target = release / w.page
        target.parent.mkdir(parents=True, exist_ok=True)
        _replace(target, notice(w, site_name))
        for rel in w.attachments:
            (release / rel).unlink(missing_ok=True)
    for dirpath, _dirs, files in os.walk(release):
        for name in files:
            path = Path(dirpath) / name
            rel = path.relative_to(release).as_posix()
            if name.endswith(".xml") and rel != urls.SITEMAP_XML:
                text = path.read_text(encoding="utf-8")
                if "<entry>" in text:
                    new = drop_feed_entries(text, gone)
                    if new != text:
                        _replace(path, new)
            elif rel.startswith(urls.CATALOGUE + "/"):
                text = path.read_text(encoding="utf-8")
                if rel.endswith(".html"):
                    new = mark_catalogue_html(text, gone)
                elif rel == urls.CATALOGUE_JSON:
                    new = mark_catalogue_json(text, gone)
                elif rel == urls.CATALOGUE_CSV:
                    new = mark_catalogue_csv(text, gone)
                else:
                    continue
                if new != text:
                    _replace(path, new)
    reindex(release, gone, pages)


def reindex(release: Path, gone: list[str], pages: list[str]) -> None:
    """Index again every search shard that held a withdrawn page (its notice has no body)."""
    from govsite.site import search_index

    if not (release / search_index.FOLDER).is_dir() or not pages:
        return
    count = search_index.shard_count(len(pages))
    for number in sorted({search_index.shard_of(p, count) for p in gone}):
        members = [p for p in pages if search_index.shard_of(p, count) == number]
        folder = release / search_index.folder(number)
        with tempfile.TemporaryDirectory(prefix=".withdraw-", dir=release.parent) as tmp:
            site = Path(tmp) / "site"
            for rel in members:
                (site / rel).parent.mkdir(parents=True, exist_ok=True)
                if (release / rel).exists():
                    shutil.copyfile(release / rel, site / rel)
            out = Path(tmp) / "index"
            done = subprocess.run(
                [
                    search_index.executable(),
                    "--site",
                    str(site),
                    "--output-path",
                    str(out),
                    "--quiet",
                ],
                capture_output=True,
                check=False,
            )
            if done.returncode != 0:
                raise ContentError(
                    Problem(
                        "撤稿后重建搜索索引失败：" + done.stdout.decode("utf-8", "replace")[-400:],
                        fix="确认已安装 pagefind[extended]",
                    )
                )
            shutil.rmtree(folder, ignore_errors=True)
            shutil.move(str(out), str(folder))
