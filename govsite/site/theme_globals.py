"""What every template can use (Jinja globals and filters), set on each generator."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from govsite.site import state, urls


def fmt_date(value: date | datetime | None) -> str:
    return f"{value:%Y-%m-%d}" if value else ""


def fmt_datetime(value: datetime | None) -> str:
    """PubDate meta format (SITE-11): YYYY-MM-DD HH:MM."""
    return f"{value:%Y-%m-%d %H:%M}" if value else ""


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
