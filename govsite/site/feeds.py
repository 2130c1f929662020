"""Per-column Atom feeds (feedgenerator, as Pelican's own writer uses it).

Written by govsite rather than Pelican's ``write_feed`` because the articles
are not Pelican content objects any more (see govsite.site.generator). The
entries are those Pelican would write: title, absolute link, a tag: id, the
概述 as summary and the body as content, the issuer as author.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from html import escape

from feedgenerator import Atom1Feed, get_tag_uri

from govsite.clock import BEIJING
from govsite.errors import ContentError, Problem
from govsite.model.article import Article
from govsite.site import urls

# Characters XML 1.0 cannot hold at all (a feed with one is no feed): C0 controls but
# tab and newlines, lone surrogates, U+FFFE/U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")

# An empty feed says it was last updated at the epoch, not at build time: the
# same content gives the same file, so an unchanged feed is never rewritten.
NEVER = datetime(1970, 1, 1, tzinfo=UTC)


class _Feed(Atom1Feed):
    def latest_post_date(self) -> datetime:
        return super().latest_post_date() if self.items else NEVER


def atom(
    site_name: str, canonical: str, title: str, feed_path: str, items: Sequence[tuple[Article, str]]
) -> str:
    """The Atom feed of one column: ``items`` are (article, body HTML), newest first."""
    base = canonical.rstrip("/")
    feed = _Feed(
        title=f"{site_name} - {title}",
        link=base + "/",
        feed_url=urls.absolute(base, feed_path),
        description="",
    )
    problems = [problem for art, _html in items for problem in xml_problems(art)]
    if problems:
        raise ContentError(*problems)
    for art, html in items:
        link = urls.absolute(base, urls.article_path(art))
        published = art.published.replace(tzinfo=BEIJING)
        # <summary type="html"> is HTML once unescaped: the 概述 is text, so it is escaped
        # here and once more by the XML writer, and a reader shows "<img …>" as written.
        # The body HTML is already cleaned (govsite.markup).
        feed.add_item(
            title=art.title,
            link=link,
            unique_id=get_tag_uri(link, published),
            description=escape(art.summary) if art.summary else None,
            content=html,
            author_name=art.issuer,
            pubdate=published,
        )
    return str(feed.writeString("utf-8"))


def xml_problems(art: Article) -> list[Problem]:
    """The values of ``art`` a feed carries that XML cannot hold, named by key."""
    out = []
    for key, value in (
        ("标题", art.title),
        ("概述", art.summary),
        ("发文机构", art.issuer),
        ("正文", art.body),
    ):
        m = NOT_XML.search(value or "")
        if m:
            line = (
                art.line_of(key)
                if key != "正文"
                else art.body_line + (value or "")[: m.start()].count("\n")
            )
            out.append(
                Problem(
                    f"含有控制字符 U+{ord(m[0]):04X}，无法写入订阅（Atom）和网页",
                    path=art.path,
                    line=line,
                    key=key if key != "正文" else None,
                    fix="删除这个控制字符（多见于从其他软件复制的文字），或重新输入这段文字",
                )
            )
    return out
