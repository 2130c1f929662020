"""The govsite generator: every page of the site but the few Pelican pages (adapter).

Pelican reads content/pages/, copies attachments and theme files and runs this
generator, which writes the article pages, the portal home, unit sub-sites,
columns, the 政府信息公开 section, the 主动公开目录 with its JSON/CSV exports,
search, 网站地图, 404, sitemap.xml and per-column Atom feeds. Which article
goes where is decided by the pure builders (listings, catalogue,
article_page.inputs); this class only keys, renders and writes.

Articles are rendered here, not by Pelican's ArticlesGenerator, because the
library is already parsed and validated before Pelican starts, and because
every page has a key (govsite.site.fingerprint): a page whose key is the one
it had in the build online is linked from that build instead of rendered
(govsite.site.reuse), which is what makes a rebuild after one edit take
seconds at 10,000 articles. When many article pages must be rendered (a
first build, a template change) they are rendered by one worker process per
CPU. URLs: see govsite.site.urls.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from pelican.generators import Generator

import govsite
from govsite import files
from govsite.config.site import Column
from govsite.errors import ContentError, GovsiteError, Problem
from govsite.model.article import Article
from govsite.site import (
    article_page,
    catalogue,
    feeds,
    listings,
    normative_list,
    profiles,
    search_index,
    sitemap,
    standard_catalogue,
    state,
    urls,
)
from govsite.site.body import body_html
from govsite.site.fingerprint import Fingerprints, bundle_key, digest
from govsite.site.reuse import Entry, PageStore, write_page
from govsite.site.theme_globals import build_day, footer_pages, publishing_units

HOME_ITEMS = 8
NEWMEDIA = "zwxmt/index.html"  # 政务新媒体矩阵 (newmedia.yml)
FEED_ITEMS = 20
PARALLEL_FROM = 200  # below this, forking workers costs more than it saves
CHUNK = 100
LIBRARIES = ("pelican", "jinja2", "markdown", "segno", "feedgenerator", "pagefind")
KEYED_SETTINGS = (
    "SITENAME",
    "SITEURL",
    "GOVSITE_CANONICAL",
    "FEED_DOMAIN",
    "MARKDOWN",
    "JINJA_ENVIRONMENT",
    "THEME_STATIC_DIR",
    "DEFAULT_LANG",
    "TIMEZONE",
)


@dataclass(frozen=True)
class _Source:
    """Stands for an article source in Pelican's context, so it is not copied as static."""

    url: str
    save_as: str


def bundle_parts(settings: dict[str, Any], data: state.SiteData) -> Iterator[tuple[str, bytes]]:
    """Everything every page depends on: templates, our code, libraries, config."""
    templates = Path(settings["THEME"]) / "templates"
    found, refused = files.walk(templates)  # a linked template is read by no one
    if refused:
        root = settings.get("GOVSITE_ROOT") or str(templates.parent.parent)
        raise ContentError(
            *(Problem(r.reason, path=os.path.relpath(r.path, root), fix=r.fix) for r in refused)
        )
    for text in found:
        path = Path(text)
        yield f"template:{path.relative_to(templates).as_posix()}", files.read_bytes(path)
    package = Path(govsite.__file__).parent
    for path in sorted(package.rglob("*.py")):
        yield f"code:{path.relative_to(package).as_posix()}", path.read_bytes()
    for name in LIBRARIES:
        yield f"lib:{name}", metadata.version(name).encode()
    for name in KEYED_SETTINGS:
        yield f"setting:{name}", repr(settings.get(name)).encode()
    lib = data.library
    yield "site", repr(lib.site).encode()
    yield "units", repr(lib.policy.units).encode()
    yield "publishing", repr([u.id for u in publishing_units(lib)]).encode()
    yield "footer", repr(footer_pages(lib.pages)).encode()
    # 征集中/已结束 badges appear on several pages: a status change re-renders them.
    day = build_day()
    yield (
        "consultations",
        repr(
            sorted((a.path, a.consultation.status(day)) for a in lib.articles if a.consultation)
        ).encode(),
    )


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
        self.profiles = profiles.load(Path(self.lib.root), self.lib.policy.units)
        units = self.lib.policy.units
        self.profile_links = [(units[u].name, urls.unit_profile(u)) for u in self.profiles]
        self.inputs = article_page.inputs(self.lib, data.dates, self.columns)
        self.store = data.store or PageStore(Path(self.output_path))
        self.fp = Fingerprints(bundle_key(bundle_parts(self.settings, data)))
        self.bodies: dict[str, str] = {}  # body HTML of feed items rendered in this build
        sources = self.context["generated_content"]
        for inp in self.inputs:  # the StaticGenerator must not copy the Markdown sources
            rel = inp.govsite.path.removeprefix("content/")  # relative to PATH
            sources[rel] = _Source(urls.href(inp.gs_path), inp.gs_path)

    # -- helpers -------------------------------------------------------------

    def _write(self, path: str, template: str, **values: Any) -> None:
        """Queue a page for rendering, unless the previous build has it unchanged."""
        key = self.fp.key(path, template, values)
        if self.store.reuse(path, key):
            self._progress()
        else:
            self.pending.append(_Page(path, template, values, key))

    def _listing(self, folder: str, items: Sequence[Article], template: str, **values: Any) -> None:
        for pager in listings.paginate(items, self.site.page_size, folder):
            self._write(pager.path, template, pager=pager, **values)

    def _text(self, path: str, text: str) -> None:
        """A non-HTML file (exports, sitemap, feeds): reused when its text is unchanged."""
        key = digest(path, text)
        if not self.store.reuse(path, key):
            self.store.write(path, key, text)

    def _progress(self) -> None:
        done = self.store.reused + self.store.rendered
        if self.data.progress and done % 50 == 0:
            self.data.progress("生成页面", done, max(done, self.expected))

    # -- output --------------------------------------------------------------

    def generate_output(self, writer: Any) -> None:
        del writer  # pages are written through the PageStore (keys, reuse, digests)
        site = self.site
        self.pending: list[_Page] = []
        articles = self._plan_articles()
        if len(articles) < PARALLEL_FROM:  # an edit or two: render now, so that the search
            self._render(articles, [])  # shard can be re-indexed while the rest is planned
            articles = []
        if self.data.share is not None and not self.data.share.shared:
            self._render(articles, [])  # build shard 1 makes the pages every shard needs
            return
        home = [(site.columns[c.id], self.columns[c.id][:HOME_ITEMS]) for c in site.home_columns()]
        self._write(
            urls.HOME,
            "index",
            home_columns=home,
            unit_counts={u: len(a) for u, a in self.units.items()},
        )
        for unit in publishing_units(self.lib):
            self._listing(
                urls.unit_folder(unit.id),
                self.units[unit.id],
                "unit",
                unit=unit,
                has_profile=unit.id in self.profiles,
            )
        for uid, profile in self.profiles.items():
            self._write(
                urls.unit_profile(uid), "profile", unit=self.lib.policy.units[uid], profile=profile
            )
        for column in site.columns.values():
            self._listing(
                urls.column_folder(column.id), self.columns[column.id], "column", column=column
            )
        self._disclosure()
        self._catalogue()
        self._normative()
        if self.data.newmedia is not None:
            accounts = self.data.newmedia
            self._write(
                NEWMEDIA,
                "newmedia",
                active=[a for a in accounts if a.active],
                closed=[a for a in accounts if not a.active],
            )
        if self.data.standard is not None:  # 基层政务公开标准目录 (data/标准目录.yml)
            areas = standard_catalogue.coverage(
                self.data.standard, self.lib.articles, site, build_day(), self.data.calendar
            )
            self._write(
                standard_catalogue.PAGE,
                "standard",
                areas=areas,
                totals=standard_catalogue.totals(areas),
                day=build_day(),
            )
        self._write(
            urls.SEARCH,
            "search",
            search_bundles=search_index.bundles(search_index.shard_count(len(self.inputs))),
        )
        self._write(
            urls.SITEMAP_HTML,
            "sitemap",
            profile_links=self.profile_links,
            site_pages=[(p.title, urls.page_path(p)) for p in self.lib.pages],
        )
        self._write(urls.NOT_FOUND, "404")
        self.expected = self.store.reused + len(articles) + len(self.pending)
        self._render(articles, self.pending)
        for column in site.columns.values():
            self._feed(column)
        self._exports()
        self._sitemap()
        self.data.timings["key"] = self.fp.seconds
        if self.data.progress:
            done = self.store.reused + self.store.rendered
            self.data.progress("生成页面", done, done)

    def _plan_articles(self) -> list[tuple[article_page.ArticleInputs, str]]:
        """The article pages to render (the rest are linked from the previous build)."""
        search = self.data.search
        self.expected = len(self.inputs)
        todo, reused = [], []
        share = self.data.share  # govsite build --shard: only this share's articles
        for inp in self.inputs:
            if share is not None and not share.article(inp.gs_path):
                continue
            key = self.fp.key(inp.gs_path, article_page.TEMPLATE, {"article": inp})
            if self.store.reuse(inp.gs_path, key):
                reused.append(inp.gs_path)
                self._progress()
            else:
                todo.append((inp, key))
        if search:
            search.written(reused)
            # Shard by shard, so each search shard can be indexed while the next renders.
            todo.sort(key=lambda item: search.order(item[0].gs_path))
        return todo

    def _render(
        self, articles: list[tuple[article_page.ArticleInputs, str]], pages: list[_Page]
    ) -> None:
        """Render what must be, articles first; in one worker process per CPU when many."""
        want = {a.path for c in self.site.columns.values() for a in self.columns[c.id][:FEED_ITEMS]}
        templates = {
            name: self.get_template(name)
            for name in {article_page.TEMPLATE, *(p.template for p in pages)}
        }
        job = _RenderJob(
            Path(self.output_path),
            templates,
            {**self.context, "localsiteurl": self.context.get("localsiteurl")},
            self.canonical,
            self.settings["MARKDOWN"],
            [*articles, *pages],
            want,
        )
        jobs = min(os.cpu_count() or 1, 4)
        ranges = [(lo, min(lo + CHUNK, len(job.todo))) for lo in range(0, len(job.todo), CHUNK)]
        if len(job.todo) < PARALLEL_FROM or jobs < 2:
            self._collect(_render_range(job, r) for r in ranges)
            return
        if self.data.search:
            self.data.search.pause()  # no linker thread may run across the fork
        if threading.active_count() > 1:
            # A fork while another thread runs can leave a worker stuck on a lock that
            # thread held (Python 3.12 warns of it): render here rather than risk that.
            self._collect(_render_range(job, r) for r in ranges)
            return
        global _JOB
        _JOB = job  # inherited by the forked workers; no pickling of templates or context
        try:
            with multiprocessing.get_context("fork").Pool(jobs) as pool:
                self._collect(pool.imap(_render_in_worker, ranges))
        finally:
            _JOB = None

    def _collect(self, results: Iterator[list[_Rendered]]) -> None:
        for chunk in results:
            for path, entry, sha, html in chunk:
                self.store.add(path, entry, sha)
                self.store.rendered += 1
                if html is not None:
                    self.bodies[path] = html
                self._progress()
            if self.data.search:
                self.data.search.written([path for path, *_ in chunk])

    def _body(self, art: Article) -> str:
        path = urls.article_path(art)
        if path not in self.bodies:
            self.bodies[path] = body_html(art.body, self.settings["MARKDOWN"])
        return self.bodies[path]

    def _feed(self, column: Column) -> None:
        path = urls.column_feed(column.id)
        top = self.columns[column.id][:FEED_ITEMS]
        key = self.fp.key(path, "atom", {"column": column, "items": top})
        if not self.store.reuse(path, key):
            # Feeds are read off-site: their links are absolute even in a local preview.
            self.store.write(
                path,
                key,
                feeds.atom(
                    self.site.name,
                    self.canonical,
                    column.title,
                    path,
                    [(a, self._body(a)) for a in top],
                ),
            )

    def _disclosure(self) -> None:
        site = self.site
        statutory = [
            (item, [(site.columns[c], self.columns[c][:5]) for c in cols])
            for item, cols in site.disclosure.statutory
        ]
        pages = {p.slug: p for p in self.lib.pages}
        latest = {
            cid: self.columns[cid][:5]
            for cid in (site.disclosure.system, site.disclosure.annual_report)
            if cid
        }
        self._write(
            urls.XXGK,
            "xxgk",
            statutory=statutory,
            guide=pages.get(site.disclosure.guide or ""),
            application=pages.get(site.disclosure.application or ""),
            catalogue_count=len(self.catalogue),
            latest=latest,
            profile_links=self.profile_links,
            has_newmedia=self.data.newmedia is not None,
            has_standard=self.data.standard is not None,
        )
        self._write(
            urls.STATUTORY, "statutory", statutory=statutory, profile_links=self.profile_links
        )

    def _catalogue(self) -> None:
        entries = self.catalogue
        groups = {kind: catalogue.group(entries, kind) for kind in catalogue.GROUPS}
        facets = catalogue.search_facets(entries)  # the combined-filter form (search page)
        nav = {
            kind: [
                (key, urls.listing(urls.catalogue_folder(kind, key)), len(items))
                for key, items in group.items()
            ]
            for kind, group in groups.items()
        }
        self._listing(
            urls.catalogue_folder(),
            entries,
            "catalogue",
            filter_kind="",
            filter_key="",
            filters=nav,
            total=len(entries),
            facets=facets,
        )
        for kind, group in groups.items():
            for key, items in group.items():
                self._listing(
                    urls.catalogue_folder(kind, key),
                    items,
                    "catalogue",
                    filter_kind=kind,
                    filter_key=key,
                    filters=nav,
                    total=len(entries),
                    facets=facets,
                )

    def _normative(self) -> None:
        """现行有效规范性文件: page, JSON and CSV (govsite.site.normative_list)."""
        docs = normative_list.in_force(self.lib.articles)
        day = build_day()
        names = {u.id: u.name for u in self.lib.policy.units.values()}
        self._write(
            normative_list.PAGE,
            "normative",
            docs=docs,
            day=day,
            json_path=normative_list.JSON,
            csv_path=normative_list.CSV,
        )
        self._text(
            normative_list.JSON,
            normative_list.to_json(docs, self.canonical, self.site.name, day, names),
        )
        self._text(normative_list.CSV, normative_list.to_csv(docs, self.canonical, names))

    def _exports(self) -> None:
        entries = self.catalogue
        self._text(urls.CATALOGUE_JSON, catalogue.to_json(entries, self.canonical, self.site.name))
        self._text(urls.CATALOGUE_CSV, catalogue.to_csv(entries, self.canonical))

    def _sitemap(self) -> None:
        entries: list[tuple[str, Any]] = [
            (urls.HOME, None),
            (urls.XXGK, None),
            (normative_list.PAGE, None),
            *([(NEWMEDIA, None)] if self.data.newmedia is not None else []),
            *([(standard_catalogue.PAGE, None)] if self.data.standard is not None else []),
            (urls.listing(urls.catalogue_folder()), None),
            (urls.SITEMAP_HTML, None),
        ]
        entries += [(urls.listing(urls.column_folder(c)), None) for c in self.site.columns]
        entries += [
            (urls.listing(urls.unit_folder(u.id)), None) for u in publishing_units(self.lib)
        ]
        entries += [(urls.page_path(p), p.updated) for p in self.lib.pages]
        entries += [(path, None) for _, path in self.profile_links]
        for inp in self.inputs:
            entries.append((inp.gs_path, inp.gs_updated or inp.govsite.published))
        self._text(urls.SITEMAP_XML, sitemap.sitemap_xml(self.canonical, entries))


# -- rendering pages, in this process or in forked workers ---------------------

_Rendered = tuple[str, Entry, str, "str | None"]  # path, entry, sha256, body HTML if wanted


@dataclass(frozen=True)
class _Page:
    """A listing or site page to render: output path, template, its values and key."""

    path: str
    template: str
    values: dict[str, Any]
    key: str


@dataclass(frozen=True)
class _RenderJob:
    out: Path
    templates: dict[str, Any]
    context: dict[str, Any]
    canonical: str
    markdown: dict[str, Any]
    todo: list[tuple[article_page.ArticleInputs, str] | _Page]
    want_body: set[str]  # source paths of the articles whose body HTML the feeds need


_JOB: _RenderJob | None = None


def _render_in_worker(bounds: tuple[int, int]) -> list[_Rendered]:
    assert _JOB is not None, "render job not set before the workers were forked"
    return _render_range(_JOB, bounds)


class RenderFailure(Exception):
    """Rendering one page failed: which page, from which source, and why.

    Raised in this process or a forked worker (so: only strings, it is pickled);
    govsite.release.build turns it into an error naming the article (content), the file and
    what to do (the OS), or an internal error with the traceback (a bug).
    """

    def __init__(
        self,
        page: str,
        source: str,
        template: str,
        kind: str,
        message: str,
        errno: int = 0,
        filename: str = "",
        trace: str = "",
    ) -> None:
        super().__init__(page, source, template, kind, message, errno, filename, trace)
        self.page, self.source, self.template, self.kind = page, source, template, kind
        self.message, self.errno, self.filename, self.trace = message, errno, filename, trace


def _kind(exc: BaseException) -> str:
    import jinja2

    if isinstance(exc, OSError):
        return "os"
    if isinstance(exc, jinja2.TemplateError):
        return "template"
    # Raised by an expression of a theme template (Jinja names its frames after the
    # template file): the theme is the site's, not a bug of govsite.
    tb = exc.__traceback__
    while tb is not None:
        if tb.tb_frame.f_code.co_filename.endswith(".html"):
            return "template"
        tb = tb.tb_next
    # What an article's text can cause that validation let through: nesting deeper
    # than the renderer's stack, characters that have no UTF-8 (lone surrogates).
    if isinstance(exc, RecursionError | UnicodeError | MemoryError):
        return "content"
    return "bug"


def _render_range(job: _RenderJob, bounds: tuple[int, int]) -> list[_Rendered]:
    out: list[_Rendered] = []
    for task in job.todo[bounds[0] : bounds[1]]:
        try:
            out.append(_render_one(job, task))
        except GovsiteError:
            raise  # already says what and where
        except Exception as exc:
            import traceback

            if isinstance(task, _Page):
                page, source, template = task.path, "", task.template
            else:
                page, source, template = task[0].gs_path, task[0].govsite.path, "article"
            raise RenderFailure(
                page,
                source,
                template,
                _kind(exc),
                f"{type(exc).__name__}: {exc}"[:500],
                (exc.errno or 0) if isinstance(exc, OSError) else 0,
                str(exc.filename) if isinstance(exc, OSError) and exc.filename else "",
                traceback.format_exc(),
            ) from None
    return out


def _render_one(job: _RenderJob, task: tuple[article_page.ArticleInputs, str] | _Page) -> _Rendered:
    if isinstance(task, _Page):
        text = job.templates[task.template].render(
            {**job.context, "output_file": task.path, "page_path": task.path, **task.values}
        )
        entry, sha = write_page(job.out, task.path, task.key, text)
        return (task.path, entry, sha, None)
    inp, key = task
    view = article_page.view(inp, job.canonical, job.markdown)
    text = job.templates[article_page.TEMPLATE].render(
        {**job.context, "output_file": inp.gs_path, "article": view}
    )
    entry, sha = write_page(job.out, inp.gs_path, key, text)
    body = view.content if inp.govsite.path in job.want_body else None
    return (inp.gs_path, entry, sha, body)


def get_generators(pelican: Any) -> type[GovsiteGenerator]:
    """get_generators receiver."""
    return GovsiteGenerator
