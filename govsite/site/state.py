"""The library as the plugin sees it: loaded once per build and shared by the receivers.

``govsite build`` validates the library before Pelican starts and hands it over
with ``prime()``, so nothing is parsed twice; under plain ``pelican`` the
``initialized`` receiver loads it. Cross-article data (links, columns,
previous/next) is computed here once, with dicts, never per article.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from govsite.config import newmedia, standard_catalogue
from govsite.config.calendar import WorkCalendar, load_calendar
from govsite.config.newmedia import Account
from govsite.config.standard_catalogue import Area
from govsite.errors import ContentError
from govsite.gitlog import FileDates, file_dates
from govsite.library import Library, load_library
from govsite.model.article import Article
from govsite.site import normative_list
from govsite.site.reuse import PageStore
from govsite.site.search_index import SearchIndex

log = logging.getLogger("govsite.site")


@dataclass
class SiteData:
    library: Library
    dates: dict[str, FileDates] = field(default_factory=dict)
    by_path: dict[str, Article] = field(default_factory=dict)
    # Set by ``govsite build``: where pages go (reusing the build online) and progress.
    store: PageStore | None = None
    progress: Callable[[str, int, int], None] | None = None
    search: SearchIndex | None = None  # told of every article page as it is written
    newmedia: list[Account] | None = None  # newmedia.yml, validated; None: no such file
    timings: dict[str, float] = field(default_factory=dict)  # phase -> seconds (the build's)
    share: Any = None  # govsite.release.shard.Share: this build writes only its share
    standard: list[Area] | None = None  # data/标准目录.yml, validated; None: no such file
    calendar: WorkCalendar = field(default_factory=WorkCalendar)  # + hooks/holidays/

    @property
    def site(self) -> Any:
        return self.library.site


_CURRENT: dict[str, SiteData] = {}


def prime(
    library: Library,
    dates: dict[str, FileDates] | None = None,
    *,
    store: PageStore | None = None,
    progress: Callable[[str, int, int], None] | None = None,
    search: SearchIndex | None = None,
) -> SiteData:
    """Register an already validated library for the build about to run."""
    from govsite.site.theme_globals import build_day  # theme_globals imports this module

    normative_list.as_of(library, build_day())  # 有效性 on the day the pages describe
    data = SiteData(
        library=library,
        dates=dates if dates is not None else file_dates(library.root),
        by_path={a.path: a for a in library.articles},
        store=store,
        progress=progress,
        search=search,
        newmedia=newmedia.load(library.root, library.policy.units),
        standard=standard_catalogue.load(library.root, library.site.columns),
        calendar=load_calendar(library.root),
    )
    _CURRENT[str(Path(library.root).resolve())] = data
    return data


def forget(root: Path) -> None:
    _CURRENT.pop(str(Path(root).resolve()), None)


def for_settings(settings: dict[str, Any]) -> SiteData:
    """The site data of the build these Pelican settings describe; loads it if needed.

    Raises ContentError (every problem, with file:line, key and fix) when the
    library does not validate: a site is never built from bad content.
    """
    root = settings.get("GOVSITE_ROOT") or str(Path(settings["PATH"]).resolve().parent)
    key = str(Path(root).resolve())
    data = _CURRENT.get(key)
    if data is None:
        library = load_library(Path(root))
        if library.problems:
            for problem in library.problems:
                log.error("%s", problem.render())
            raise ContentError(*library.problems)
        data = prime(library)
    return data
