"""data/标准目录.yml: 公开时限 forms, every problem with its key path and line."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from govsite.config import standard_catalogue as sc
from govsite.config.schema import parse_yaml
from govsite.config.site import load as load_site
from govsite.errors import ConfigError
from tests.conftest import REPO_ROOT

COLUMNS = load_site(REPO_ROOT).columns
D = date.fromisoformat
SAMPLE = (REPO_ROOT / sc.FILE).read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("自信息形成或者变更之日起20个工作日内", sc.TimeLimit(sc.WORKDAYS, n=20)),
        ("信息形成后 7 个工作日内", sc.TimeLimit(sc.WORKDAYS, n=7)),
        ("5工作日内", sc.TimeLimit(sc.WORKDAYS, n=5)),
        ("经本级人民代表大会批准后20日内", sc.TimeLimit(sc.DAYS, n=20)),
        ("批复后 15 天内", sc.TimeLimit(sc.DAYS, n=15)),
        ("每年3月31日前", sc.TimeLimit(sc.ANNUAL, month=3, day=31)),
        ("每年 1 月 31 日前公开上一年度情况", sc.TimeLimit(sc.ANNUAL, month=1, day=31)),
        ("实时更新", sc.TimeLimit(sc.NONE)),
        ("及时", sc.TimeLimit(sc.NONE)),
        ("长期公开", sc.TimeLimit(sc.NONE)),
        ("每年2月30日前", None),  # no such day
        ("0个工作日内", None),
        ("按规定", None),
        ("尽快", None),
    ],
)
def test_parse_time(text: str, want: sc.TimeLimit | None) -> None:
    assert sc.parse_time(text) == want


def test_sample_is_valid() -> None:
    raw, lines = parse_yaml(SAMPLE, sc.FILE)
    areas = sc.validate(raw, lines, COLUMNS)
    assert [a.name for a in areas] == ["财政预决算", "重大建设项目", "义务教育"]
    first = areas[0].items[0]
    assert (first.name, first.group, first.column, first.manner) == (
        "政府预算",
        "政府预决算",
        "czzj",
        "主动",
    )
    assert first.time == sc.TimeLimit(sc.DAYS, n=20)
    assert first.line == SAMPLE.splitlines().index("      - 一级事项: 政府预决算") + 1
    on_request = areas[2].items[2]
    assert (on_request.manner, on_request.column, on_request.proactive) == ("依申请", None, False)


def problems(text: str) -> list[tuple[str | None, int | None, str]]:
    raw, lines = parse_yaml(text, sc.FILE)
    try:
        sc.validate(raw, lines, COLUMNS)
    except ConfigError as exc:
        assert all(p.path == sc.FILE and p.fix for p in exc.problems)
        return [(p.key, p.line, p.message) for p in exc.problems]
    return []


def line_of(text: str, needle: str) -> int:
    return next(i for i, line in enumerate(text.splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "key", "words"),
    [
        (
            "公开时限: 经本级人民代表大会或其常务委员会批准后20日内",
            "公开时限: 按规定",
            "领域[0].事项[0].公开时限",
            "无法从“按规定”读出公开期限",
        ),
        ("栏目: czzj", "栏目: caizheng", "领域[0].事项[0].栏目", "不在 site.yml 中"),
        ("公开对象: 全社会", "公开对象: 群众", "领域[0].事项[0].公开对象", "不是可用的公开对象"),
        ("公开方式: 主动", "公开方式: 被动", "领域[0].事项[0].公开方式", "不是可用的公开方式"),
        (
            "公开渠道: [政府网站, 政务新媒体, 公开查阅点]",
            "公开渠道: [政府网站, 微信群, 公开查阅点]",
            "领域[0].事项[0].公开渠道[1]",
            "“微信群”不是可用的公开渠道",
        ),
        ("公开层级: [县级]", "公开层级: [省级]", "领域[0].事项[0].公开层级[0]", "省级"),
        ("        栏目: czzj\n", "", "领域[0].事项[0].栏目", "没有指定栏目"),
        ("        公开主体: 县财政局\n", "", "领域[0].事项[0].公开主体", "缺少“公开主体”"),
        (
            "        公开依据: 《中华人民共和国预算法》第十四条；《中华人民共和国预算法实施条例》第六条；"
            "《地方预决算公开操作规程》（财预〔2016〕143号）\n",
            "",
            "领域[0].事项[0].公开依据",
            "缺少“公开依据”",
        ),
        (
            "        公开对象: 全社会\n",
            "        公开对像: 全社会\n",
            "领域[0].事项[0].公开对像",
            "未知的键",
        ),
    ],
)
def test_each_problem_names_its_key_path_and_line(old: str, new: str, key: str, words: str) -> None:
    assert old in SAMPLE
    text = SAMPLE.replace(old, new, 1)
    found = problems(text)
    match = [f for f in found if f[0] == key and words in f[2]]
    assert match, found
    # the line is the key's own line (or its 事项's line when the key is missing)
    assert match[0][1] is not None and 1 <= match[0][1] <= len(text.splitlines())


def test_line_is_the_keys_line() -> None:
    text = SAMPLE.replace("公开时限: 财政部门批复后20日内", "公开时限: 尽快", 1)
    (key, line, _), *_ = problems(text)
    assert key == "领域[0].事项[2].公开时限"
    assert line == line_of(text, "公开时限: 尽快")


def test_all_problems_in_one_pass() -> None:
    text = SAMPLE.replace("栏目: jyxx", "栏目: nope").replace("公开方式: 主动", "公开方式: x", 1)
    keys = {k for k, _, _ in problems(text)}
    assert {"领域[2].事项[0].栏目", "领域[2].事项[1].栏目", "领域[0].事项[0].公开方式"} <= keys


def test_duplicate_item() -> None:
    block = SAMPLE.split("  - 名称: 重大建设项目")[0].split("    事项:\n")[1]
    first = block.split("      - 一级事项: 政府预决算\n        事项: 政府决算")[0]
    text = SAMPLE.replace("    事项:\n" + first, "    事项:\n" + first + first, 1)
    assert any("重复" in m for _, _, m in problems(text))


@pytest.mark.parametrize("text", ["{}\n", "领域: []\n", "领域: x\n", "其他: 1\n"])
def test_shape(text: str) -> None:
    assert [k for k, _, _ in problems(text)] == ["领域"]


def test_missing_file_is_none_and_bad_yaml_is_located(tmp_path: Path) -> None:
    assert sc.load(tmp_path, COLUMNS) is None
    (tmp_path / "data").mkdir()
    (tmp_path / sc.FILE).write_text("领域:\n  - 名称: [\n", encoding="utf-8")
    with pytest.raises(ConfigError) as exc:
        sc.load(tmp_path, COLUMNS)
    assert exc.value.problems[0].path == sc.FILE


BUILD_DAY = "1796270400"  # 2026-12-03 12:00 +08:00


def test_page_and_nightly_on_the_sample(sample_site: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from govsite.health.collect import collect
    from govsite.release.build import build_site

    monkeypatch.setenv("SOURCE_DATE_EPOCH", BUILD_DAY)
    path = sample_site / sc.FILE
    # 3 working days: the 2024 and 2026 budgets (5 working days after 成文) are late
    path.write_text(
        SAMPLE.replace("公开时限: 财政部门批复后20日内", "公开时限: 财政部门批复后3个工作日内"),
        encoding="utf-8",
    )
    out = build_site(sample_site, search=False).output
    page = (out / "bzml/index.html").read_text(encoding="utf-8")
    assert (
        "统计至 2026-12-03：共 8 个事项，正常 6 个，空白 0 个，逾期 1 个，依申请公开 1 个" in page
    )
    budget = page.split("部门预决算：部门预算")[1].split("</article>")[0]
    assert "逾期" in budget and "3 条，最后更新 2026-01-30" in budget
    assert "2 篇超过成文后 3 个工作日才公开" in budget
    assert (
        "1 条，最后更新 2026-10-16" in page.split("审批、核准、备案结果")[1].split("</article>")[0]
    )
    assert 'href="/bzml/"' in (out / "xxgk/index.html").read_text(encoding="utf-8")
    assert "/bzml/" in (out / "sitemap.xml").read_text(encoding="utf-8")

    found = [f for f in collect(sample_site, D("2026-12-03"), output=out).findings]
    mine = sorted((f.key, f.line) for f in found if f.rule == "SITE-06" and f.path == sc.FILE)
    text = path.read_text(encoding="utf-8")
    assert mine == [
        ("领域[0].事项[2].公开时限", line_of(text, "公开时限: 财政部门批复后3个工作日内")),
    ]


def test_bad_file_stops_build_and_report(sample_site: Path) -> None:
    from govsite.release.build import build_site

    (sample_site / sc.FILE).write_text(SAMPLE.replace("栏目: jyxx", "栏目: nope", 1), "utf-8")
    with pytest.raises(ConfigError) as exc:
        build_site(sample_site, search=False)
    assert [p.key for p in exc.value.problems] == ["领域[2].事项[0].栏目"]
