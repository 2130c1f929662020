"""Page keys (pure): equal inputs give equal keys, any shown change gives a new key."""

from __future__ import annotations

import dataclasses
from datetime import datetime

import pytest

from govsite.model.article import Article
from govsite.site.fingerprint import Fingerprints, bundle_key
from govsite.site.listings import Neighbours, Pager


def art(path: str = "content/zfb/a.md", **changes: object) -> Article:
    base = Article(
        path=path,
        unit="zfb",
        stem="a",
        title="标题",
        published=datetime(2025, 6, 1, 9),
        columns=("zwyw",),
        issuer="示例县人民政府办公室",
        body="正文。",
    )
    return dataclasses.replace(base, **changes)  # type: ignore[arg-type]


def key(values: dict[str, object], bundle: str = "b") -> str:
    return Fingerprints(bundle).key("zfb/a.html", "article", values)


def test_same_inputs_same_key() -> None:
    assert key({"article": art(), "n": Neighbours(art("content/zfb/b.md"), None)}) == key(
        {"article": art(), "n": Neighbours(art("content/zfb/b.md"), None)}
    )


@pytest.mark.parametrize(
    "change",
    [
        {"title": "新标题"},
        {"body": "改过的正文。"},
        {"published": datetime(2025, 6, 2, 9)},
        {"validity": "废止"},
        {"attachments": ("a.pdf",)},
    ],
)
def test_any_field_of_an_article_changes_the_key(change: dict[str, object]) -> None:
    assert key({"article": art()}) != key({"article": art(**change)})


def test_a_neighbour_listing_item_or_the_bundle_changes_the_key() -> None:
    near = {"near": Neighbours(art("content/zfb/b.md"), None)}
    assert key(near) != key({"near": Neighbours(art("content/zfb/b.md", title="乙"), None)})
    pager = {"pager": Pager([art(), art("content/zfb/b.md")], 1, 1, "zfb")}
    assert key(pager) != key({"pager": Pager([art("content/zfb/b.md"), art()], 1, 1, "zfb")})
    assert key(pager) != key(pager, bundle="other templates")


def test_names_and_structure_are_part_of_the_key() -> None:
    assert key({"a": "x", "b": ""}) != key({"a": "", "b": "x"})
    assert key({"a": ["x", "y"]}) != key({"a": ["xy"]})
    assert key({"a": None}) != key({"a": "None"})  # repr keeps types apart
    assert key({"a": 1}) != key({"a": "1"})


def test_objects_without_a_stable_form_are_refused() -> None:
    with pytest.raises(TypeError, match="cannot fingerprint object"):
        key({"thing": object()})


def test_bundle_key_separates_names_from_contents() -> None:
    assert bundle_key([("a", b"bc")]) != bundle_key([("ab", b"c")])
    assert bundle_key([("a", b"x"), ("b", b"y")]) != bundle_key([("b", b"y"), ("a", b"x")])
