"""newmedia.yml: each problem with its key path; the matrix page on the built sample."""

from __future__ import annotations

from pathlib import Path

import pytest

from govsite.config import newmedia, reviewers
from govsite.config.schema import parse_yaml
from govsite.errors import ConfigError
from govsite.release.build import build_site
from tests.conftest import REPO_ROOT

UNITS = reviewers.load(REPO_ROOT / "reviewers.yml").units
SAMPLE = (REPO_ROOT / "newmedia.yml").read_text(encoding="utf-8")


def problems(text: str) -> list[tuple[str | None, str]]:
    raw, lines = parse_yaml(text, "newmedia.yml")
    try:
        newmedia.validate(raw, lines, UNITS)
    except ConfigError as exc:
        return [(p.key, p.message) for p in exc.problems]
    return []


def test_sample_is_valid() -> None:
    raw, lines = parse_yaml(SAMPLE, "newmedia.yml")
    accounts = newmedia.validate(raw, lines, UNITS)
    assert [a.active for a in accounts] == [True, True, True, False]


SECOND = """  - 账号名称: 示例县政务
    平台: 微信公众号
    主办单位: zfb
    开设日期: 2020-01-01
    状态: 正常
    备案编号: ZWXMT-152599-0009
    备案日期: 2020-02-01
"""


@pytest.mark.parametrize(
    ("old", "new", "key", "words"),
    [
        ("主办单位: jyj", "主办单位: jiaoyu", "账号[2].主办单位", "不在 reviewers.yml 中"),
        ("    关停日期: 2023-06-30\n", "", "账号[3].关停日期", "须填写关停日期"),
        ("    状态: 关停\n", "    状态: 正常\n", "账号[3].状态", "状态却是“正常”"),
        (
            "平台: 微博\n    主办单位: zfb",
            "平台: 博客\n    主办单位: zfb",
            "账号[1].平台",
            "不是可用的平台",
        ),
        ("    备案编号: ZWXMT-152599-0007\n", "", "账号[2].备案编号", "须填写备案编号"),
        ("开设日期: 2018-09-01", "开设日期: 二〇一八年", "账号[2].开设日期", "不是有效的日期"),
        ("账号:\n", "账号:\n" + SECOND, "账号", "有 2 个运营中的账号"),
    ],
)
def test_problems_with_key_paths(old: str, new: str, key: str, words: str) -> None:
    assert old in SAMPLE
    found = problems(SAMPLE.replace(old, new, 1))
    assert any(k == key and words in m for k, m in found), found


def test_reason_allows_a_second_account() -> None:
    text = SAMPLE.replace("账号:\n", "账号:\n" + SECOND + "    多账号理由: 政务服务专用号\n", 1)
    text = text.replace(
        "    备案日期: 2019-03-12\n", "    备案日期: 2019-03-12\n    多账号理由: 新闻发布号\n", 1
    )
    assert problems(text) == []


def test_matrix_page(sample_site: Path) -> None:
    out = build_site(sample_site, search=False).output
    page = (out / "zwxmt/index.html").read_text(encoding="utf-8")
    active, _sep, closed = page.partition("已关停、注销的账号")
    assert "示例县教育" in active and "示例县发改委" not in active
    assert "示例县发改委" in closed and "已关停" in closed
    assert 'href="/zwxmt/"' in (out / "xxgk/index.html").read_text(encoding="utf-8")


def test_bad_file_stops_the_build(sample_site: Path) -> None:
    path = sample_site / "newmedia.yml"
    path.write_text(SAMPLE.replace("主办单位: jyj", "主办单位: nope"), encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        build_site(sample_site, search=False)
    assert any(p.key == "账号[2].主办单位" and p.line == 20 for p in exc.value.problems)


def test_impossible_date_is_an_error_not_a_traceback(tmp_path: Path) -> None:
    (tmp_path / "newmedia.yml").write_text(
        SAMPLE.replace("2018-09-01", "2018-13-01"), encoding="utf-8"
    )
    with pytest.raises(ConfigError) as exc:
        newmedia.load(tmp_path, UNITS)
    assert exc.value.problems[0].path == "newmedia.yml"
