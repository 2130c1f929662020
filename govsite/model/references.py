"""Checks across articles: unique 索引号, 解读 ↔ document and 废止文件 links (META-04/06/07)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from govsite.errors import Problem
from govsite.model.article import Article


@dataclass(frozen=True)
class Links:
    by_index: dict[str, Article]
    interpretations: dict[str, list[Article]] = field(default_factory=dict)  # doc 索引号 -> 解读
    repealing: dict[str, list[Article]] = field(default_factory=dict)  # new 索引号 -> old docs


def link(articles: Iterable[Article]) -> tuple[Links, list[Problem]]:
    articles = list(articles)
    problems: list[Problem] = []
    by_index: dict[str, Article] = {}
    for art in sorted(articles, key=lambda a: a.path):
        if art.index_no is None:
            continue
        other = by_index.get(art.index_no)
        if other is not None:
            problems.append(
                Problem(
                    f"索引号与 {other.path} 重复",
                    path=art.path,
                    line=art.line_of("索引号"),
                    key="索引号",
                    fix="索引号必须全站唯一：用 govsite new 分配新的序号",
                    rule="format.index-no",
                    other=other.path,
                )
            )
        else:
            by_index[art.index_no] = art
    interpretations: dict[str, list[Article]] = defaultdict(list)
    repealing: dict[str, list[Article]] = defaultdict(list)
    for art in _all(articles):
        if art.interprets is not None:
            target = by_index.get(art.interprets)
            if target is None:
                problems.append(
                    Problem(
                        f"解读对象 {art.interprets} 在本站找不到",
                        path=art.path,
                        line=art.line_of("解读对象"),
                        key="解读对象",
                        fix="填写被解读文件的索引号，并确认该文件已在 content/ 中",
                        rule="format.front-matter",
                    )
                )
            elif target.path == art.path:
                problems.append(
                    Problem(
                        "解读对象不能是自己",
                        path=art.path,
                        line=art.line_of("解读对象"),
                        key="解读对象",
                        rule="format.front-matter",
                    )
                )
            else:
                interpretations[art.interprets].append(art)
        if art.repealed_by is not None:
            target = by_index.get(art.repealed_by)
            if target is None:
                problems.append(
                    Problem(
                        f"废止文件 {art.repealed_by} 在本站找不到",
                        path=art.path,
                        line=art.line_of("废止文件"),
                        key="废止文件",
                        fix="填写废止（修订）本文件的新文件的索引号，并确认新文件已在 content/ 中",
                        rule="format.front-matter",
                    )
                )
            else:
                repealing[art.repealed_by].append(art)
    return Links(by_index, dict(interpretations), dict(repealing)), problems


def _all(articles: Iterable[Article]) -> list[Article]:
    return sorted(articles, key=lambda a: a.path)
