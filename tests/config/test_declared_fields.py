"""site.yml and reviewers.yml read through declared fields: unknown keys fail closed in
every section (line and nearest key named), warnings are kept apart, docs are current."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from govsite.config import docs, reviewers, site
from govsite.config.schema import parse_yaml
from govsite.errors import ConfigError
from tests.conftest import REPO_ROOT

SITE_TEXT = (REPO_ROOT / "site.yml").read_text(encoding="utf-8")
REVIEWERS_TEXT = (REPO_ROOT / "reviewers.yml").read_text(encoding="utf-8")


def _site() -> tuple[dict[str, Any], dict[str, int]]:
    data, lines = parse_yaml(SITE_TEXT, "site.yml")
    return copy.deepcopy(data), lines


@pytest.mark.parametrize(
    ("where", "key", "near"),
    [
        ((), "每页条目", "每页条数"),  # top level: ignored with a warning before
        (("网站",), "主办单位名称", "主办单位"),  # 网站: ignored with a warning before
        (("索引号",), "校验信用码", "校验信用代码"),
        (("政府信息公开",), "年度报告", "年报"),
        (("规范性文件",), "有效年限", "有效期"),
        (("栏目", 0), "首頁", "首页"),
        (("链接", "办事服务"), "网站", "网址"),
        (("政府信息公开", "法定主动公开内容", 0), "条目名", "条目"),
    ],
)
def test_unknown_site_keys_are_errors_with_the_nearest_key(
    where: tuple[str | int, ...], key: str, near: str
) -> None:
    data, lines = _site()
    target: Any = data
    for part in where:
        target = target.setdefault(part, {}) if isinstance(part, str) else target[part]
    target[key] = 1
    with pytest.raises(ConfigError) as info:
        site.validate(data, lines)
    path = ".".join(str(p) for p in where).replace(".0", "[0]")
    full = f"{path}.{key}" if path else key
    found = [p for p in info.value.problems if p.key == full]
    assert len(found) == 1, [p.render() for p in info.value.problems]
    assert found[0].message == f"未知的键“{key}”"
    assert found[0].fix == f"是否应为“{near}”？"
    assert info.value.exit_code == 2


def test_unknown_key_names_its_line() -> None:
    text = SITE_TEXT.replace("网站:\n", "网站:\n  网站名字: x\n", 1)
    assert text != SITE_TEXT
    data, lines = parse_yaml(text, "site.yml")
    with pytest.raises(ConfigError) as info:
        site.validate(data, lines)
    (problem,) = info.value.problems
    assert problem.key == "网站.网站名字"
    assert problem.line == text.split("\n").index("  网站名字: x") + 1
    assert problem.render().startswith(f"site.yml:{problem.line}: 网站.网站名字: 未知的键")


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("units:\n", "unit_order: true\nunits:\n", "unit_order"),
        ("    name: ", "    nmae: x\n    name: ", "nmae"),
    ],
)
def test_unknown_reviewers_keys_are_errors(old: str, new: str, key: str) -> None:
    text = REVIEWERS_TEXT.replace(old, new, 1)
    assert text != REVIEWERS_TEXT
    with pytest.raises(ConfigError) as info:
        reviewers.loads(text)
    assert [p for p in info.value.problems if p.key and p.key.endswith(key)]
    assert all("未知的键" in p.message for p in info.value.problems)


def test_blank_conac_link_is_a_warning_not_an_error() -> None:
    data, lines = _site()
    assert site.validate(data, lines).warnings == ()
    del data["网站"]["党政机关标识"]
    cfg = site.validate(data, lines)
    (warning,) = cfg.warnings
    assert warning.key == "网站.党政机关标识" and warning.path == "site.yml"
    assert "SITE-08" in warning.message and warning.fix


def test_declared_defaults_are_what_the_reader_gives() -> None:
    data, lines = _site()
    for key in ("每页条数", "索引号", "规范性文件"):
        data.pop(key, None)
    cfg = site.validate(data, lines)
    assert cfg.page_size == next(o.default for o in site.SITE if o.key == "每页条数")
    assert cfg.index_rule.check_credit_code is True
    assert cfg.normative.years == 5 and cfg.normative.trial_years == 2


@pytest.mark.parametrize("name", sorted(docs.GENERATED))
def test_generated_docs_are_current(name: str) -> None:
    text = (REPO_ROOT / name).read_text(encoding="utf-8")
    expected = docs.replace_section(text, docs.GENERATED[name]())
    assert expected is not None, f"{name} 缺少生成区标记"
    assert text == expected, (
        f"{name} 中由字段声明生成的表格已过期：在仓库根目录运行 {docs.COMMAND} 重新生成"
    )
