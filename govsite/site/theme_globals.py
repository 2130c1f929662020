"""What every template can use (Jinja globals and filters), set on each generator."""

from __future__ import annotations

import os
from datetime import date, datetime
from typing import Any

from govsite import clock
from govsite.clock import BEIJING
from govsite.site import state, urls


def fmt_date(value: date | datetime | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def fmt_datetime(value: datetime | None) -> str:
    """PubDate meta format (SITE-11): YYYY-MM-DD HH:MM."""
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


# The footer's site pages (SITE-08), found in content/pages/ by title so that a site may
# choose its own slugs; 网站地图 is generated. A page the site lacks is not linked.
FOOTER_PAGES = ("关于本站", "联系我们", "网站地图", "无障碍声明", "隐私声明")


def footer_pages(pages: Any) -> list[tuple[str, str]]:
    by_title = {p.title: urls.page_path(p) for p in pages}
    by_title["网站地图"] = urls.SITEMAP_HTML
    return [(title, by_title[title]) for title in FOOTER_PAGES if title in by_title]


def build_day() -> date:
    """The day the pages describe (意见征集 status): SOURCE_DATE_EPOCH when set, for
    reproducible builds and tests; else today in Beijing."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return clock.from_timestamp(int(epoch)).date()
    return datetime.now(BEIJING).date()


def publishing_units(library: Any) -> list[Any]:
    active = {a.unit for a in library.articles}
    return [u for u in library.policy.units.values() if u.id in active]


def install(generator: Any) -> None:
    """generator_init receiver."""
    data = state.for_settings(generator.settings)
    site = data.library.site
    canonical = generator.settings.get("GOVSITE_CANONICAL") or generator.settings["SITEURL"]
    env = generator.env
    env.globals.update(
        site=site,
        units=data.library.policy.units,
        # 部门子站 are listed only for units that publish: an empty sub-site would be a
        # blank column (MON-04); the platform unit usually owns machinery, not articles.
        publishing_units=publishing_units(data.library),
        top_columns=[c for c in site.columns.values() if c.top_level],
        links={link.key: link for link in site.links},
        footer_pages=footer_pages(data.library.pages),
        today=build_day(),
        urls=urls,
        canonical_base=canonical,
        article_href=lambda a: urls.href(urls.article_path(a)),
    )
    env.filters.update(
        href=urls.href,
        absolute=lambda path: urls.absolute(canonical, path),
        ymd=fmt_date,
        ymdhm=fmt_datetime,
    )
