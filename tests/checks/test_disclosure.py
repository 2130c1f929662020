"""政府信息公开 section rules (SITE-02/03/04/06): each problem named, a missing 指南 stops the build."""

from __future__ import annotations

from pathlib import Path

import pytest

from govsite.checks.disclosure import ARTICLE_20, nightly, structure
from govsite.config import reviewers, site
from govsite.config.schema import parse_yaml
from govsite.errors import ContentError
from govsite.health.rules import subtree
from govsite.release.build import build_site
from tests.conftest import REPO_ROOT

TEXT = (REPO_ROOT / "site.yml").read_text(encoding="utf-8")
UNITS = reviewers.load(REPO_ROOT / "reviewers.yml").units
PAGES = (["xxgkzn", "ysqgk"], ["示例县人民政府信息公开指南", "依申请公开"])


def check(text: str, pages: tuple[list[str], list[str]] = PAGES) -> list[tuple[str | None, str]]:
    raw, lines = parse_yaml(text, "site.yml")
    cfg = site.validate(raw, lines)
    return [(p.key, p.message) for p in structure(cfg, UNITS, *pages)]


def test_sample_is_complete() -> None:
    assert check(TEXT) == []


@pytest.mark.parametrize(
    ("old", "new", "key", "words"),
    [
        (
            "        责任单位: czj",
            "        责任单位: caizheng",
            "栏目.czzj.责任单位",
            "不在 reviewers.yml 中",
        ),
        (
            "  - id: tzgg\n    名称: 通知公告",
            "  - id: tzgg\n    名称: 政府信息公开",
            "栏目",
            "只能有一个",
        ),
        ("  指南: xxgkzn\n", "", "政府信息公开.指南", "没有指定政府信息公开指南"),
        (
            "  指南: xxgkzn",
            "  指南: zhinan",
            "政府信息公开.指南",
            "找不到政府信息公开指南页面“zhinan”",
        ),
        (
            "    - 条目: 重大建设项目的批准和实施情况\n      栏目: [ghjh]\n",
            "",
            "政府信息公开.法定主动公开内容",
            "第二十条第（十）项“重大建设项目的批准和实施情况”没有对应的栏目",
        ),
        (
            "    - 条目: 重大建设项目的批准和实施情况\n      栏目: [ghjh]\n",
            "    - 条目: 重大建设项目的批准和实施情况\n      不适用: ''\n",
            "政府信息公开.法定主动公开内容",
            "没有写明理由",
        ),
        (
            "    - 条目: 财政预算、决算信息",
            "    - 条目: 政府预算、决算信息",
            "政府信息公开.法定主动公开内容",
            "不是《条例》第二十条的条目",
        ),
        ("      栏目: [rsxx]", "      栏目: []", "政府信息公开.法定主动公开内容", "的栏目为空"),
    ],
)
def test_problems(old: str, new: str, key: str, words: str) -> None:
    assert old in TEXT
    found = check(TEXT.replace(old, new, 1))
    assert any(k == key and words in m for k, m in found), found


def test_not_applicable_with_a_reason() -> None:
    text = TEXT.replace(
        "    - 条目: 重大建设项目的批准和实施情况\n      栏目: [ghjh]\n",
        "    - 条目: 重大建设项目的批准和实施情况\n      不适用: 本级无审批权限\n",
    )
    assert check(text) == []
    assert len(ARTICLE_20) == 15


def test_page_with_the_same_name() -> None:
    found = check(TEXT, (PAGES[0] + ["xxgk2"], PAGES[1] + ["政府信息公开"]))
    assert [k for k, _ in found] == ["栏目"]


def test_nightly_lookalikes_and_empty_items() -> None:
    raw, lines = parse_yaml(TEXT.replace("名称: 意见征集", "名称: 政务公开专栏"), "site.yml")
    cfg = site.validate(raw, lines)
    found = nightly(cfg, {"gfxwj": 1}, subtree, profiles=0)
    rules = [(r, m) for r, m, _fix in found]
    assert ("SITE-03", "栏目“政务公开专栏”（yjzj）与“政府信息公开”栏目名称相近") in rules
    assert any(r == "SITE-06" and "（rsxx）没有内容" in m for r, m in rules)
    assert any(r == "SITE-06" and "机构概况" in m for r, m in rules)
    assert not any("（gfxwj）" in m for _r, m in rules)


def test_missing_guide_fails_the_build(sample_site: Path) -> None:
    (sample_site / "content/pages/xxgkzn.md").unlink()
    with pytest.raises(ContentError) as exc:
        build_site(sample_site, search=False)
    assert any(p.key == "政府信息公开.指南" for p in exc.value.problems)
    assert not (sample_site / "output/index.html").exists()
