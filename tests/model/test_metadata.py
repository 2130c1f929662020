"""The front-matter table (model.metadata.FIELDS): every key read in one pass, so an
article without 标题 still gets every other problem reported in the same run."""

from __future__ import annotations

import dataclasses

import pytest

from govsite.config import reviewers, site
from govsite.model.article import Article, parse_article
from govsite.model.metadata import FIELDS, KEYS, docs_table
from tests.conftest import REPO_ROOT

SITE = site.load(REPO_ROOT)
POLICY = reviewers.load(REPO_ROOT / "reviewers.yml")
ZFB = POLICY.units["zfb"]
RULES = SITE.rules(POLICY.units)

# (front-matter line, key of the problem, part of its message): all written together
BAD = [
    ("公开日期: 2025-02-30", "公开日期", "不是有效的日期时间"),
    ("成文日期: 2025年5月", "成文日期", "不是有效的日期"),
    ("栏目: [tzgg, nope]", "栏目", "栏目“nope”不存在"),
    ("发文字号: 示政办发[2025]8号", "发文字号", "〔"),
    ("有效性: 作废", "有效性", "不是可用的值"),
    ("需要解读: 也许", "需要解读", "“也许”不是可用的值"),
    ("重要程度: 特别", "重要程度", "不是可用的值"),
    ("联合发文单位: [nope]", "联合发文单位", "不在 reviewers.yml 中"),
    ("信息分类: 不存在的分类", "信息分类", "不在 site.yml 的信息分类中"),
    ("文种: 便条", "文种", "不是可用的文种"),
    ("撤稿日期: 2026-01-01", "撤稿原因", "须同时填写"),
    ("标提: 多写的键", "标提", "未知的元数据键"),
]


def test_missing_title_hides_no_other_problem() -> None:
    text = "---\n" + "\n".join(line for line, _, _ in BAD) + "\n---\n\n正文。\n"
    article, problems = parse_article(text, "content/zfb/x.md", unit=ZFB, rules=RULES)
    assert article is None
    rendered = [(p.key, p.message) for p in problems]
    assert ("标题", "缺少必填项") in rendered
    for line, key, part in BAD:
        assert any(k == key and part in m for k, m in rendered), (line, rendered)
        number = text.split("\n").index(line) + 1
        if key == line.split(":")[0]:
            assert any(p.key == key and p.line == number for p in problems), line


def test_unknown_key_suggestion_comes_from_the_table() -> None:
    _, problems = parse_article(
        "---\n标提: x\n公开日期: 2025-05-28\n栏目: [tzgg]\n---\n",
        "content/zfb/x.md",
        unit=ZFB,
        rules=RULES,
    )
    (unknown,) = [p for p in problems if p.key == "标提"]
    assert unknown.fix == "是否应为“标题”？"


@pytest.mark.parametrize("field", FIELDS, ids=lambda f: f.key)
def test_each_field_is_declared_once_and_fills_an_article_attribute(field) -> None:  # type: ignore[no-untyped-def]
    names = {f.name for f in dataclasses.fields(Article)}
    assert field.attribute is None or field.attribute in names
    assert [f.key for f in FIELDS].count(field.key) == 1
    assert KEYS[field.key] == field.help
    assert f"| {field.key} |" in docs_table()
