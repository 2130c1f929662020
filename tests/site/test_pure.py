"""The pure builders: URLs, listings, pagination, catalogue, interpretation links."""

from __future__ import annotations

import csv
import io
import json
from datetime import date, datetime

import pytest

from govsite.config.site import SiteConfig
from govsite.config.site import load as load_site
from govsite.model.article import Article, Page
from govsite.model.references import link
from govsite.site import catalogue, interpretation, listings, urls
from tests.conftest import REPO_ROOT

SITE: SiteConfig = load_site(REPO_ROOT)


def art(path: str, published: str, columns: tuple[str, ...] = ("zwyw",), **kw: object) -> Article:
    unit = path.split("/")[1]
    fields: dict = {
        "path": path,
        "unit": unit,
        "stem": path.rsplit("/", 1)[-1][:-3],
        "title": kw.pop("title", path),
        "published": datetime.fromisoformat(published),
        "columns": columns,
        "issuer": "示例县人民政府办公室",
    }
    fields.update(kw)
    return Article(**fields)


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("content/zfb/a.md", "zfb/a.html"),
        ("content/zfb/2025/b.md", "zfb/2025/b.html"),
    ],
)
def test_article_path(path: str, expected: str) -> None:
    assert urls.article_path(art(path, "2025-01-01")) == expected


@pytest.mark.parametrize(
    ("folder", "number", "expected"),
    [
        ("columns/tzgg", 1, "columns/tzgg/index.html"),
        ("columns/tzgg", 2, "columns/tzgg/index_2.html"),
        ("zfb", 3, "zfb/index_3.html"),
    ],
)
def test_listing_paths(folder: str, number: int, expected: str) -> None:
    assert urls.listing(folder, number) == expected


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("index.html", "/"),
        ("xxgk/index.html", "/xxgk/"),
        (
            "xxgk/catalogue/topic/综合政务/index.html",
            "/xxgk/catalogue/topic/%E7%BB%BC%E5%90%88%E6%94%BF%E5%8A%A1/",
        ),
        ("zfb/a.html", "/zfb/a.html"),
    ],
)
def test_href(path: str, expected: str) -> None:
    assert urls.href(path) == expected


def test_page_and_attachment_paths() -> None:
    page = Page(
        path="content/pages/xxgkzn.md",
        slug="xxgkzn",
        title="指南",
        updated=None,
        summary=None,
        body="",
        body_line=3,
    )
    assert urls.page_path(page) == "pages/xxgkzn.html"
    a = art("content/zfb/2025/x.md", "2025-01-01")
    assert urls.attachment_path(a, "表.xlsx") == "zfb/2025/表.xlsx"
    assert (
        urls.absolute("https://www.shixian.gov.cn", "zfb/a.html")
        == "https://www.shixian.gov.cn/zfb/a.html"
    )


def test_columns_include_sub_columns_newest_first() -> None:
    a = art("content/zfb/a.md", "2025-01-01 09:00", ("gfxwj",))
    b = art("content/zfb/b.md", "2025-02-01 09:00", ("qtwj", "gfxwj"))
    c = art("content/zfb/c.md", "2025-03-01 09:00", ("zwyw",))
    cols = listings.by_column(SITE, [a, b, c])
    assert [x.path for x in cols["gfxwj"]] == ["content/zfb/b.md", "content/zfb/a.md"]
    # zcwj is the parent of gfxwj and qtwj; zfxxgk its parent: b is listed once.
    assert [x.path for x in cols["zcwj"]] == ["content/zfb/b.md", "content/zfb/a.md"]
    assert [x.path for x in cols["zfxxgk"]] == ["content/zfb/b.md", "content/zfb/a.md"]
    assert [x.path for x in cols["yw"]] == ["content/zfb/c.md"]
    assert cols["tzgg"] == []


def test_neighbours_within_first_column() -> None:
    arts = [art(f"content/zfb/n{i}.md", f"2025-01-0{i} 09:00") for i in range(1, 4)]
    near = listings.neighbours(listings.by_column(SITE, arts))
    assert near["content/zfb/n2.md"].previous.path == "content/zfb/n1.md"  # type: ignore[union-attr]
    assert near["content/zfb/n2.md"].next.path == "content/zfb/n3.md"  # type: ignore[union-attr]
    assert near["content/zfb/n3.md"].next is None
    assert near["content/zfb/n1.md"].previous is None


@pytest.mark.parametrize(
    ("n", "size", "pages", "last"),
    [
        (0, 20, 1, 0),
        (20, 20, 1, 20),
        (21, 20, 2, 1),
        (45, 20, 3, 5),
    ],
)
def test_paginate(n: int, size: int, pages: int, last: int) -> None:
    out = listings.paginate(list(range(n)), size, "columns/x")
    assert len(out) == pages
    assert len(out[-1].items) == last
    assert out[0].path == "columns/x/index.html"
    assert out[-1].has_next is False and out[0].has_previous is False
    assert sum(len(p.items) for p in out) == n


def _docs() -> list[Article]:
    code = "11152599MB0000011G"
    return [
        art(
            "content/zfb/doc.md",
            "2025-06-01 09:00",
            ("gfxwj",),
            index_no=f"{code}/2025-00001",
            doc_no="示政办发〔2025〕8号",
            topic="综合政务",
            written=date(2025, 5, 28),
        ),
        art(
            "content/zfb/jd.md",
            "2025-06-02 09:00",
            ("zcjd",),
            index_no=f"{code}/2025-00002",
            topic="综合政务",
            interprets=f"{code}/2025-00001",
            written=date(2025, 6, 2),
        ),
        art(
            "content/fgw/old.md",
            "2024-03-01 09:00",
            ("qtwj",),
            index_no=f"{code}/2024-00003",
            topic="教育",
            validity="废止",
            repeal_date=date(2025, 6, 1),
            repealed_by=f"{code}/2025-00001",
            written=date(2024, 2, 27),
        ),
        art("content/zfb/news.md", "2025-07-01 09:00", ("zwyw",)),
    ]


def test_interpretation_links_both_ways_and_repeal() -> None:
    docs = _docs()
    links, problems = link(docs)
    assert problems == []
    rel = interpretation.relate(docs, links)
    assert [a.path for a in rel["content/zfb/doc.md"].interpretations] == ["content/zfb/jd.md"]
    assert [a.path for a in rel["content/zfb/jd.md"].documents] == ["content/zfb/doc.md"]
    assert rel["content/fgw/old.md"].repealed_by.path == "content/zfb/doc.md"  # type: ignore[union-attr]
    assert [a.path for a in rel["content/zfb/doc.md"].repeals] == ["content/fgw/old.md"]
    assert "content/zfb/news.md" not in rel


@pytest.mark.parametrize(
    ("validity", "repeal", "expected"),
    [
        ("有效", None, None),
        ("废止", date(2025, 6, 1), "本文件已废止（2025-06-01起）"),
        ("失效", None, "本文件已失效"),
        ("已修订", None, "本文件已修订"),
    ],
)
def test_banner(validity: str, repeal: date | None, expected: str | None) -> None:
    a = art("content/zfb/x.md", "2025-01-01", validity=validity, repeal_date=repeal)
    assert interpretation.banner(a) == expected


def test_catalogue_entries_groups_and_exports() -> None:
    entries = catalogue.entries(SITE, _docs())
    assert [a.path for a in entries] == [
        "content/zfb/jd.md",
        "content/zfb/doc.md",
        "content/fgw/old.md",
    ]
    assert list(catalogue.group(entries, "unit")) == ["zfb", "fgw"]
    assert list(catalogue.group(entries, "year")) == ["2025", "2024"]
    assert set(catalogue.group(entries, "topic")) == {"综合政务", "教育"}
    text = catalogue.to_csv(entries, "https://www.shixian.gov.cn")
    assert text.startswith("\ufeff索引号,标题,发文字号")
    rows = list(csv.DictReader(io.StringIO(text.removeprefix("\ufeff"))))
    assert rows[1]["发文字号"] == "示政办发〔2025〕8号"
    assert rows[1]["网址"] == "https://www.shixian.gov.cn/zfb/doc.html"
    assert rows[2]["有效性"] == "废止"
    data = json.loads(catalogue.to_json(entries, "https://www.shixian.gov.cn", "示例县人民政府"))
    assert data["条目数"] == 3
    assert data["条目"][0]["索引号"] == "11152599MB0000011G/2025-00002"
