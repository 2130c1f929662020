"""解读 ↔ document links in both directions, and the validity banner (pure; META-06/07).

Dangling 解读对象 / 废止文件 references are found by govsite.model.references
when the library loads and stop the build there; this module only turns the
resolved links into what each article page shows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from govsite.model.article import Article
from govsite.model.references import Links

BANNER = {
    "失效": "本文件已失效",
    "废止": "本文件已废止",
    "已修订": "本文件已修订",
}


@dataclass(frozen=True)
class Related:
    interpretations: list[Article] = field(default_factory=list)  # 相关解读 (on a document)
    documents: list[Article] = field(default_factory=list)  # 相关文件 (on a 解读)
    repealed_by: Article | None = None  # the document that repeals or amends this one
    repeals: list[Article] = field(default_factory=list)  # documents this one repeals


def relate(articles: list[Article], links: Links) -> dict[str, Related]:
    """Article path -> its related articles. Only articles with a relation appear."""
    out: dict[str, Related] = {}

    def get(art: Article) -> Related:
        if art.path not in out:
            out[art.path] = Related()
        return out[art.path]

    for index_no, interps in links.interpretations.items():
        doc = links.by_index[index_no]
        get(doc).interpretations.extend(sorted(interps, key=lambda a: a.published))
        for interp in interps:
            get(interp).documents.append(doc)
    for index_no, olds in links.repealing.items():
        new = links.by_index[index_no]
        get(new).repeals.extend(sorted(olds, key=lambda a: a.published))
        for old in olds:
            out[old.path] = Related(
                interpretations=get(old).interpretations,
                documents=get(old).documents,
                repealed_by=new,
                repeals=get(old).repeals,
            )
    return out


def banner(article: Article) -> str | None:
    """The validity banner text, or None for a document in force."""
    text = BANNER.get(article.validity)
    if text and article.repeal_date:
        text += f"（{article.repeal_date:%Y-%m-%d}起）"
    return text
