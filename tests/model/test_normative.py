"""文种 / 统一编号 / 有效期 in front matter, and 废止 consistency across documents (META-06)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from govsite.config import reviewers, site
from govsite.config.schema import parse_yaml
from govsite.errors import ConfigError
from govsite.library import load_library
from govsite.model.article import parse_article
from tests.conftest import REPO_ROOT

SITE = site.load(REPO_ROOT)
POLICY = reviewers.load(REPO_ROOT / "reviewers.yml")
ZFB = POLICY.units["zfb"]

DOC = f"""---
标题: 示例县人民政府办公室关于印发某某办法的通知
公开日期: 2025-05-30 10:00
成文日期: 2025-05-28
索引号: {ZFB.credit_code}/2025-00002
发文字号: 示政办发〔2025〕8号
发文机构: 示例县人民政府办公室
信息分类: 综合政务
栏目: [gfxwj]
有效性: 有效
文种: 行政规范性文件
统一编号: 示政办规〔2025〕1号
---

正文。
"""


def parse(text: str):  # type: ignore[no-untyped-def]
    return parse_article(text, "content/zfb/doc.md", unit=ZFB, rules=SITE.rules(POLICY.units))


def test_default_validity_period() -> None:
    article, problems = parse(DOC)
    assert problems == [] and article is not None and article.normative is not None
    assert article.normative.years == 5
    assert article.normative.expires == date(2030, 5, 27)


def test_trial_documents_default_to_two_years() -> None:
    article, _ = parse(DOC.replace("某某办法", "某某暂行办法"))
    assert article is not None and article.normative is not None
    assert article.normative.years == 2 and article.normative.expires == date(2027, 5, 27)


@pytest.mark.parametrize(
    ("old", "new", "key", "words"),
    [
        ("统一编号: 示政办规〔2025〕1号\n", "", "统一编号", "须填写统一编号"),
        ("统一编号: 示政办规〔2025〕1号", "统一编号: 示政办发〔2025〕8号", "统一编号", "不符合"),
        ("文种: 行政规范性文件", "文种: 规范文件", "文种", "不是可用的文种"),
        ("文种: 行政规范性文件", "文种: 其他政策文件", "统一编号", "只有行政规范性文件有统一编号"),
        (
            "统一编号: 示政办规〔2025〕1号",
            "统一编号: 示政办规〔2025〕1号\n有效期: 五年",
            "有效期",
            "不是有效的年数",
        ),
        ("成文日期: 2025-05-28\n", "", "文种", "须填写成文日期"),
    ],
)
def test_problems(old: str, new: str, key: str, words: str) -> None:
    assert old in DOC
    _article, problems = parse(DOC.replace(old, new))
    hits = [p for p in problems if p.key == key and words in p.message]
    assert hits, [p.render() for p in problems]
    assert hits[0].fix


def test_explicit_period() -> None:
    article, problems = parse(DOC.replace("文种:", "有效期: 3\n文种:"))
    assert problems == [] and article is not None and article.normative is not None
    assert article.normative.expires == date(2028, 5, 27)


def test_site_settings_validated() -> None:
    raw, lines = parse_yaml((REPO_ROOT / "site.yml").read_text(encoding="utf-8"), "site.yml")
    raw["规范性文件"] = {"有效期": 0, "统一编号格式": "([", "别的": 1}
    with pytest.raises(ConfigError) as exc:
        site.validate(raw, lines)
    keys = {p.key for p in exc.value.problems}
    assert {"规范性文件.有效期", "规范性文件.统一编号格式", "规范性文件.别的"} <= keys


OLD = f"""---
标题: 旧规定
公开日期: 2024-04-15 09:00
成文日期: 2024-04-12
索引号: {ZFB.credit_code}/2024-00001
栏目: [tzgg]
有效性: {{validity}}
{{extra}}文种: 行政规范性文件
统一编号: 示政办规〔2024〕2号
---

旧。
"""
NEW = f"""---
标题: 新规定
公开日期: 2026-06-12 09:00
成文日期: 2026-06-10
索引号: {ZFB.credit_code}/2026-00002
栏目: [tzgg]
文种: 行政规范性文件
统一编号: 示政办规〔2026〕3号
{{repeals}}---

新。
"""
MARKED = f"废止日期: 2026-07-01\n废止文件: {ZFB.credit_code}/2026-00002\n"


@pytest.mark.parametrize(
    ("validity", "extra", "repeals", "expected"),
    [
        ("废止", MARKED, f"废止旧文件: [{ZFB.credit_code}/2024-00001]\n", []),
        ("废止", MARKED, "", []),  # the new one need not list it
        (
            "有效",
            "",
            f"废止旧文件: [{ZFB.credit_code}/2024-00001]\n",
            [("content/zfb/new.md", "废止旧文件", "旧文件 content/zfb/old.md 没有标注")],
        ),
        (
            "废止",
            MARKED,
            f"废止旧文件: [{ZFB.credit_code}/2024-00009]\n",
            [
                ("content/zfb/new.md", "废止旧文件", "在本站找不到"),
                ("content/zfb/old.md", "废止文件", "“废止旧文件”中没有本文件"),
            ],
        ),
        (
            "废止",
            MARKED.replace("2026-07-01", "2026-01-01"),
            f"废止旧文件: [{ZFB.credit_code}/2024-00001]\n",
            [("content/zfb/old.md", "废止日期", "早于本文件的成文日期")],
        ),
    ],
)
def test_repeal_consistency(
    tmp_path: Path, validity: str, extra: str, repeals: str, expected: list[tuple[str, str, str]]
) -> None:
    for name in ("site.yml", "reviewers.yml"):
        (tmp_path / name).write_bytes((REPO_ROOT / name).read_bytes())
    (tmp_path / "content/zfb").mkdir(parents=True)
    (tmp_path / "content/zfb/old.md").write_text(
        OLD.format(validity=validity, extra=extra), encoding="utf-8"
    )
    (tmp_path / "content/zfb/new.md").write_text(NEW.format(repeals=repeals), encoding="utf-8")
    lib = load_library(tmp_path)
    got = [(p.path, p.key) for p in lib.problems]
    assert got == [(path, key) for path, key, _ in expected], [p.render() for p in lib.problems]
    for p, (_path, _key, words) in zip(lib.problems, expected, strict=True):
        assert words in p.message and p.fix
