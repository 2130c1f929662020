"""Who is listed where (pure): columns with their descendants, units, home, previous/next.

Everything is computed in one pass over the articles with dicts, so a site of
10,000 articles costs a sort per column, never a scan per article.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Generic, TypeVar

from govsite.config.site import SiteConfig
from govsite.model.article import Article
from govsite.site import urls

T = TypeVar("T")


def newest_first(articles: Iterable[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: (a.published, a.path), reverse=True)


def by_column(site: SiteConfig, articles: Iterable[Article]) -> dict[str, list[Article]]:
    """Column id -> its articles and those of its sub-columns, newest first, no repeats."""
    members: dict[str, dict[str, Article]] = {cid: {} for cid in site.columns}
    for art in articles:
        for cid in art.columns:
            if cid not in site.columns:
                continue
            members[cid][art.path] = art
            for anc in site.ancestors(cid):
                members[anc.id][art.path] = art
    return {cid: newest_first(arts.values()) for cid, arts in members.items()}


def by_unit(articles: Iterable[Article]) -> dict[str, list[Article]]:
    out: dict[str, list[Article]] = defaultdict(list)
    for art in articles:
        out[art.unit].append(art)
    return {uid: newest_first(arts) for uid, arts in out.items()}


@dataclass(frozen=True)
class Neighbours:
    previous: Article | None  # the older article
    next: Article | None  # the newer article


def neighbours(columns: dict[str, list[Article]]) -> dict[str, Neighbours]:
    """Previous/next of each article within its first column (as listed, newest first)."""
    out: dict[str, Neighbours] = {}
    for cid, arts in columns.items():
        for i, art in enumerate(arts):
            if not art.columns or art.columns[0] != cid or art.path in out:
                continue
            newer = arts[i - 1] if i > 0 else None
            older = arts[i + 1] if i + 1 < len(arts) else None
            out[art.path] = Neighbours(previous=older, next=newer)
    return out


@dataclass(frozen=True)
class Pager(Generic[T]):
    """One page of a listing, with the paths of every page for the navigation."""

    items: Sequence[T]
    number: int
    count: int
    folder: str

    @property
    def path(self) -> str:
        return urls.listing(self.folder, self.number)

    def page_path(self, number: int) -> str:
        return urls.listing(self.folder, number)

    @property
    def has_previous(self) -> bool:
        return self.number > 1

    @property
    def has_next(self) -> bool:
        return self.number < self.count


def paginate(items: Sequence[T], size: int, folder: str) -> list[Pager[T]]:
    """Split a listing; an empty listing still has its first page (it says so)."""
    count = max(1, -(-len(items) // size))
    return [Pager(items[(n - 1) * size : n * size], n, count, folder) for n in range(1, count + 1)]
