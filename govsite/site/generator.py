"""The govsite generator: every page Pelican does not write itself (adapter).

Pelican writes articles and site pages; this generator writes the portal
home, unit sub-sites, columns, the 政府信息公开 section, the 主动公开目录 with
its JSON/CSV exports, search, 网站地图, 404, sitemap.xml and per-column Atom
feeds. Which article goes where is decided by the pure builders (listings,
catalogue); this class only renders and writes. URLs: see govsite.site.urls.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from typing import Any

from pelican.generators import Generator

from govsite.config.site import Column
from govsite.model.article import Article
from govsite.site import catalogue, listings, sitemap, state, urls
from govsite.site.theme_globals import publishing_units

HOME_ITEMS = 8


class GovsiteGenerator(Generator):
    def generate_context(self) -> None:
        data = state.for_settings(self.settings)
        self.data = data
        self.lib = data.library
        self.site = self.lib.site
        self.columns = listings.by_column(self.site, self.lib.articles)
        self.units = listings.by_unit(self.lib.articles)
        self.catalogue = catalogue.entries(self.site, self.lib.articles)
        self.canonical = self.settings.get("GOVSITE_CANONICAL") or self.settings["SITEURL"]
        pelican_articles = self.context.get("articles", [])
        self.pelican_by_path = {a.govsite.path: a for a in pelican_articles
                                if getattr(a, "govsite", None) is not None}

    # -- helpers -------------------------------------------------------------

    def _write(self, writer: Any, path: str, template: str, **kwargs: Any) -> None:
        writer.write_file(path, self.get_template(template), self.context,
                          page_path=path, **kwargs)

    def _listing(self, writer: Any, folder: str, items: Sequence[Article], template: str,
                 **kwargs: Any) -> None:
        for pager in listings.paginate(items, self.site.page_size, folder):
            self._write(writer, pager.path, template, pager=pager, **kwargs)

    def _text(self, path: str, text: str) -> None:
        """Write a non-HTML file (exports, sitemap) atomically inside the output."""
        target = os.path.join(self.output_path, path)
        os.makedirs(os.path.dirname(target), exist_ok=True)
        tmp = target + ".tmp"
        with open(tmp, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, target)

    # -- output --------------------------------------------------------------

    def generate_output(self, writer: Any) -> None:
        site = self.site
        home = [(site.columns[c.id], self.columns[c.id][:HOME_ITEMS])
                for c in site.home_columns()]
        self._write(writer, urls.HOME, "index", home_columns=home,
                    unit_counts={u: len(a) for u, a in self.units.items()})
        for unit in publishing_units(self.lib):
            self._listing(writer, urls.unit_folder(unit.id), self.units[unit.id], "unit",
                          unit=unit)
        for column in site.columns.values():
            self._column(writer, column)
        self._disclosure(writer)
        self._catalogue(writer)
        self._write(writer, urls.SEARCH, "search")
        self._write(writer, urls.SITEMAP_HTML, "sitemap")
        self._write(writer, urls.NOT_FOUND, "404")
        self._sitemap()

    def _column(self, writer: Any, column: Column) -> None:
        items = self.columns[column.id]
        self._listing(writer, urls.column_folder(column.id), items, "column", column=column)
        feed_items = [self.pelican_by_path[a.path] for a in items[:20]
                      if a.path in self.pelican_by_path]
        # Feeds are read off-site: their links are absolute even in a local preview.
        writer.write_feed(feed_items, {**self.context, "SITEURL": self.canonical},
                          urls.column_feed(column.id), feed_type="atom",
                          feed_title=column.title)

    def _disclosure(self, writer: Any) -> None:
        site = self.site
        statutory = [(item, [(site.columns[c], self.columns[c][:5]) for c in cols])
                     for item, cols in site.disclosure.statutory]
        pages = {p.slug: p for p in self.lib.pages}
        self._write(writer, urls.XXGK, "xxgk", statutory=statutory,
                    guide=pages.get(site.disclosure.guide or ""),
                    application=pages.get(site.disclosure.application or ""),
                    catalogue_count=len(self.catalogue))
        self._write(writer, urls.STATUTORY, "statutory", statutory=statutory)

    def _catalogue(self, writer: Any) -> None:
        entries = self.catalogue
        groups = {kind: catalogue.group(entries, kind) for kind in ("unit", "topic", "year")}
        nav = {kind: [(key, urls.listing(urls.catalogue_folder(kind, key)), len(items))
                      for key, items in group.items()] for kind, group in groups.items()}
        self._listing(writer, urls.catalogue_folder(), entries, "catalogue",
                      filter_kind="", filter_key="", filters=nav)
        for kind, group in groups.items():
            for key, items in group.items():
                self._listing(writer, urls.catalogue_folder(kind, key), items, "catalogue",
                              filter_kind=kind, filter_key=key, filters=nav)
        self._text(urls.CATALOGUE_JSON, catalogue.to_json(entries, self.canonical,
                                                          self.site.name))
        self._text(urls.CATALOGUE_CSV, catalogue.to_csv(entries, self.canonical))

    def _sitemap(self) -> None:
        entries: list[tuple[str, Any]] = [(urls.HOME, None), (urls.XXGK, None),
                                          (urls.listing(urls.catalogue_folder()), None),
                                          (urls.SITEMAP_HTML, None)]
        entries += [(urls.listing(urls.column_folder(c)), None) for c in self.site.columns]
        entries += [(urls.listing(urls.unit_folder(u.id)), None)
                    for u in publishing_units(self.lib)]
        entries += [(urls.page_path(p), p.updated) for p in self.lib.pages]
        for art in self.lib.articles:
            dates = self.data.dates.get(art.path)
            entries.append((urls.article_path(art),
                            dates.last_modified if dates else art.published))
        self._text(urls.SITEMAP_XML, sitemap.sitemap_xml(self.canonical, entries))


def get_generators(pelican: Any) -> type[GovsiteGenerator]:
    """get_generators receiver."""
    return GovsiteGenerator
