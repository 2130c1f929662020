"""主动公开目录 (pure): the entries, their groupings and the JSON/CSV exports (META-01/02).

Only articles in a column with ``公开目录: true`` are catalogue entries. The
exports carry the same fields as the tables; the CSV starts with a UTF-8 BOM
because Excel, which most offices open it with, otherwise guesses GBK.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable

from govsite.config.site import SiteConfig
from govsite.model.article import Article, as_dict
from govsite.site import urls
from govsite.site.listings import newest_first

GROUPS = ("unit", "topic", "kind", "year", "validity")  # server-rendered filter pages
FIELDS = (
    "索引号",
    "标题",
    "发文字号",
    "发文机构",
    "信息分类",
    "成文日期",
    "公开日期",
    "有效性",
    "单位",
    "网址",
)


def entries(site: SiteConfig, articles: Iterable[Article]) -> list[Article]:
    catalogue = {c.id for c in site.catalogue_columns()}
    return newest_first(a for a in articles if catalogue.intersection(a.columns))


def group(entries: list[Article], kind: str) -> dict[str, list[Article]]:
    """kind 'unit' | 'topic' | 'year' | 'kind' (文种) | 'validity' -> key -> entries (order
    kept: newest first)."""
    out: dict[str, list[Article]] = defaultdict(list)
    for art in entries:
        if kind == "unit":
            out[art.unit].append(art)
        elif kind == "topic":
            out[art.topic or "其他"].append(art)
        elif kind == "year":
            out[str(year_of(art))].append(art)
        elif kind == "kind":
            out[(art.normative.kind if art.normative else None) or "未分类"].append(art)
        elif kind == "validity":
            out[art.validity].append(art)
        else:
            raise ValueError(kind)
    if kind == "year":
        return dict(sorted(out.items(), reverse=True))
    return dict(out)


# The Pagefind filters of article pages (theme/templates/article.html), in the order of the
# catalogue's combined-filter form, and the catalogue grouping each one mirrors.
SEARCH_FILTERS = (
    ("发文机构", "unit"),
    ("文种", "kind"),
    ("信息分类", "topic"),
    ("年份", "year"),
    ("有效性", "validity"),
)


def year_of(art: Article) -> int:
    """The catalogue's year: 成文日期's, else 公开日期's (the search filter uses the same)."""
    return (art.written or art.published).year


def search_facets(entries: list[Article]) -> dict[str, list[str]]:
    """Values of each search filter among the catalogue entries, for the combined-filter
    form: the values Pagefind indexes, so a submitted form matches them exactly."""
    values: dict[str, set[str]] = {name: set() for name, _ in SEARCH_FILTERS}
    for art in entries:
        values["发文机构"].add(art.issuer)
        if art.normative and art.normative.kind:
            values["文种"].add(art.normative.kind)
        if art.topic:
            values["信息分类"].add(art.topic)
        values["年份"].add(str(year_of(art)))
        values["有效性"].add(art.validity)
    out = {name: sorted(v) for name, v in values.items()}
    out["年份"].reverse()
    return out


def rows(entries: list[Article], siteurl: str) -> list[dict[str, str]]:
    out = []
    for art in entries:
        row = {k: str(v) for k, v in as_dict(art).items()}
        row["网址"] = urls.absolute(siteurl, urls.article_path(art))
        out.append({k: row.get(k, "") for k in FIELDS})
    return out


def to_json(entries: list[Article], siteurl: str, site_name: str) -> str:
    """JSON with <, > and & as \\u escapes: the same data, but never markup if a page or
    a browser sniffing the type ever reads it as HTML."""
    data = {"网站": site_name, "条目数": len(entries), "条目": rows(entries, siteurl)}
    text = json.dumps(data, ensure_ascii=False, indent=1)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026") + "\n"


# A cell a spreadsheet would run as a formula (CSV injection, OWASP): these first characters.
FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n")


def csv_cell(value: str) -> str:
    """``value`` as Excel/WPS show it but never compute it: a leading ' when it could
    start a formula (the apostrophe is not shown by Excel)."""
    return "'" + value if value.startswith(FORMULA) else value


def to_csv(entries: list[Article], siteurl: str) -> str:
    """CSV text beginning with the BOM; write it with encoding='utf-8' and newline=''."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=FIELDS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows({k: csv_cell(v) for k, v in row.items()} for row in rows(entries, siteurl))
    return "\ufeff" + buf.getvalue()
