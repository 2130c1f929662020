"""现行有效规范性文件 (pure): the list, its JSON/CSV, and 有效性 as of the build day.

The page and exports list 规章 and 行政规范性文件 in force on the build day; the
nightly rebuild moves a document past its 有效期 to 失效 without an edit.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from govsite.library import Library
from govsite.model.article import Article
from govsite.model.normative import LEGAL, validity_on
from govsite.model.references import link
from govsite.site import urls

FOLDER = "xxgk/xxyxgfxwj"
PAGE = f"{FOLDER}/index.html"
JSON = f"{FOLDER}/xxyxgfxwj.json"
CSV = f"{FOLDER}/xxyxgfxwj.csv"
TITLE = "现行有效规范性文件"
FIELDS = (
    "文种",
    "标题",
    "统一编号",
    "发文字号",
    "发文机构",
    "成文日期",
    "有效期至",
    "单位",
    "网址",
)


def as_of(library: Library, day: date) -> None:
    """Give every article its 有效性 on ``day`` (废止日期 and 有效期 applied), relinked."""
    changed = False
    articles = []
    for a in library.articles:
        v = validity_on(a, day)
        if v != a.validity:
            a, changed = replace(a, validity=v), True
        articles.append(a)
    if changed:
        library.articles = articles
        library.links, _problems = link(articles)  # already checked by load_library


def in_force(articles: Iterable[Article]) -> list[Article]:
    """Documents in force (validity already as of the build day), by 文种 then newest first."""
    docs = [
        a
        for a in articles  # a withdrawn (撤稿) page is a notice, not the document
        if a.normative is not None
        and a.normative.kind in LEGAL
        and a.validity == "有效"
        and a.withdrawn is None
    ]
    order = {k: i for i, k in enumerate(LEGAL)}
    return sorted(
        docs,
        key=lambda a: (
            order.get(a.normative.kind or "" if a.normative else "", 9),
            -(a.written or a.published.date()).toordinal(),
            a.path,
        ),
    )


def rows(docs: list[Article], siteurl: str, unit_names: dict[str, str]) -> list[dict[str, str]]:
    out = []
    for a in docs:
        n = a.normative
        out.append(
            {
                "文种": (n.kind or "") if n else "",
                "标题": a.title,
                "统一编号": (n.reg_no or "") if n else "",
                "发文字号": a.doc_no or "",
                "发文机构": a.issuer,
                "成文日期": a.written.isoformat() if a.written else "",
                "有效期至": n.expires.isoformat() if n and n.expires else "",
                "单位": unit_names.get(a.unit, a.unit),
                "网址": urls.absolute(siteurl, urls.article_path(a)),
            }
        )
    return out


def to_json(
    docs: list[Article], siteurl: str, site_name: str, day: date, unit_names: dict[str, str]
) -> str:
    data = {
        "网站": site_name,
        "名称": TITLE,
        "统计日期": day.isoformat(),
        "件数": len(docs),
        "文件": rows(docs, siteurl, unit_names),
    }
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def to_csv(docs: list[Article], siteurl: str, unit_names: dict[str, str]) -> str:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(rows(docs, siteurl, unit_names))
    return "\ufeff" + buf.getvalue()  # BOM: Excel opens UTF-8
