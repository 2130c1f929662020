"""Rule data and its tiers: names (QA-01) by any one-character edit, the 更新日期 of names.txt,
[警告]/[错误] entries, hooks/levels.yml, prohibited content by what spam is, 版头 markings."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from govsite.checks import wordlists, words
from govsite.checks.runner import scan_text
from govsite.errors import ConfigError
from tests.checks.helpers import kinds, rules


def names(text: str) -> list[str]:
    return [f.message for f in scan_text(text, "t.md") if f.rule == "format.name"]


@pytest.mark.parametrize(
    ("text", "window", "name"),
    [
        ("习进平在会上强调，要坚持稳中求进。", "习进平", "习近平"),  # no title: what he did
        ("习平总书记指出", "习平", "习近平"),  # deletion
        ("学习习近近平新时代中国特色社会主义思想", "习近近平", "习近平"),  # insertion, by 思想
        ("习近平同志", None, None),
        ("国务院总理李墙主持召开国务院常务会议", "李墙", "李强"),  # two characters, title before
        ("李墙总理在会上强调", "李墙", "李强"),
        ("赵乐纪委员长出席", "赵乐纪", "赵乐际"),
        ("蔡琦同志指出", None, None),  # two characters need a title, 同志 is not enough
        ("中央书记处书记蔡琦出席", "蔡琦", "蔡奇"),
        ("中华人民共和国国务院办工厅", "国务院办工厅", "国务院办公厅"),
        ("中华人民和国", "中华人民和国", "中华人民共和国"),  # long names anywhere, deletion too
        ("中国共产产党", "中国共产产党", "中国共产党"),
    ],
)
def test_leader_names_any_edit(text: str, window: str | None, name: str | None) -> None:
    expected = [f"“{window}”疑为“{name}”之误（严重表述错误）"] if window else []
    assert names(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "李克强同志逝世三周年",  # 李强 plus one character: a former premier, listed as exception
        "国务院总理李强主持召开国务院常务会议",
        "国务院副总理丁薛祥出席",  # 副 makes another office
        "全国人大常委会副委员长出席",
        "登录学习强国学习平台，学习总书记重要讲话",  # 习平 inside 学习平台
        "提高学习水平，深入学习总书记讲话",  # 习水平 with a title on the line, not beside it
        "王强同志主持会议",  # another person
        "李明强调要加强管理",
        "蔡奇同志出席",
        "人均收入接近平均水平",
    ],
)
def test_names_that_are_not_slips(text: str) -> None:
    assert names(text) == []


def _names_file(tmp_path: Path, head: str) -> str:
    hooks = tmp_path / "hooks"
    hooks.mkdir(parents=True)
    (hooks / "names.txt").write_text(head + "习近平 | 总书记\n", encoding="utf-8")
    return str(hooks)


def test_names_list_is_reviewed_by_date(tmp_path: Path) -> None:
    lists = wordlists.load(_names_file(tmp_path, "# 表\n更新日期: 2026-01-15\n"))
    assert words.stale_names(lists, date(2026, 7, 15)) == []
    (stale,) = words.stale_names(lists, date(2026, 7, 16))
    assert (stale.path, stale.line, stale.severity) == ("hooks/names.txt", 2, "warning")
    assert stale.message == "领导人姓名表的更新日期是 2026-01-15，已超过 6 个月"
    # The built-in list is dated, reviewed with each release, and not the site's to fix.
    builtin = wordlists.load(None)
    assert builtin.names_updated is not None
    assert words.stale_names(builtin, date(2099, 1, 1)) == []


def test_names_list_without_a_date_warns_and_a_bad_date_is_an_error(tmp_path: Path) -> None:
    lists = wordlists.load(_names_file(tmp_path / "a", ""))
    (warning,) = words.stale_names(lists, date(2026, 12, 1))
    assert warning.message == "领导人姓名表没有写“更新日期”，无法判断是否过时"
    with pytest.raises(ConfigError) as err:
        wordlists.load(_names_file(tmp_path / "b", "更新日期: 2026年1月\n"))
    assert err.value.problems[0].render() == (
        "hooks/names.txt:1: 更新日期“2026年1月”不是日期。修改方法：写成“更新日期: 2026-12-03”"
    )


def _site(tmp_path: Path, files: dict[str, str]) -> wordlists.Wordlists:
    hooks = tmp_path / "hooks"
    hooks.mkdir(parents=True)
    for name, text in files.items():
        (hooks / name).write_text(text, encoding="utf-8")
    return wordlists.load(str(hooks))


def _found(text: str, lists: wordlists.Wordlists) -> list[tuple[str, str]]:
    return [(f.rule, f.severity) for f in scan_text(text, "t.md", lists)]


def test_word_list_entries_carry_their_tier(tmp_path: Path) -> None:
    lists = _site(
        tmp_path,
        {
            "sensitive.txt": "北朝鲜 → 朝鲜\n[错误]\n台湾总统 → 台湾地区领导人\n",
            "typos.txt": "扫黑险恶 → 扫黑除恶\n[警告]\n既使 → 即使\n",
            "prohibited.txt": "365bet\n[警告]\n某某娱乐\n",
        },
    )
    assert _found("北朝鲜", lists) == [("format.sensitive", "warning")]
    assert _found("台湾总统", lists) == [("format.sensitive", "error")]
    assert _found("扫黑险恶", lists) == [("format.typo", "error")]
    assert _found("既使", lists) == [("format.typo", "warning")]
    assert _found("365bet", lists) == [("ad.prohibited-content", "error")]
    assert _found("某某娱乐", lists) == [("ad.prohibited-content", "warning")]


def test_levels_yml_sets_a_rule_tier_but_never_lets_leaks_pass(tmp_path: Path) -> None:
    lists = _site(tmp_path / "a", {"levels.yml": "secret.draft: 错误\nformat.sensitive: 错误\n"})
    assert _found("（送审稿）", lists) == [("secret.draft", "error")]
    assert _found("北朝鲜", lists) == [("format.sensitive", "error")]
    with pytest.raises(ConfigError) as err:
        _site(
            tmp_path / "b", {"levels.yml": "pii.id-card: 警告\nno.such: 错误\nsecret.draft: 提示\n"}
        )
    assert [p.render() for p in err.value.problems] == [
        "hooks/levels.yml: pii.id-card: pii.id-card 不能设为警告：个人信息和涉密内容必须阻止提交。修改方法：删除这一行",
        "hooks/levels.yml: no.such: 没有规则“no.such”。修改方法：规则编号见 docs/保密审查与三校.md",
        "hooks/levels.yml: secret.draft: 级别应为“错误”或“警告”，实际是“提示”。修改方法：写“错误”或“警告”",
    ]


def test_unknown_marker_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as err:
        _site(tmp_path, {"typos.txt": "[提示]\n既使 → 即使\n"})
    assert err.value.problems[0].render() == (
        "hooks/typos.txt:1: 不认识的标记“[提示]”。修改方法：可用的标记：[错误]、[警告]"
    )


def test_sensitive_words_warn_by_default() -> None:
    (found,) = [f for f in scan_text("会见南朝鲜代表团", "t.md") if f.rule == "format.sensitive"]
    assert (found.severity, found.message, found.fix) == (
        "warning",
        "“南朝鲜”是敏感或不规范的表述",
        "改为“韩国”",
    )


@pytest.mark.parametrize(
    "text",
    [
        "禁止发布色情、赌博信息",
        "打击网络赌博",
        "不得发布或链接反动、暴力、色情等内容",
        "本办法所称赌博，是指以营利为目的，聚众赌博或者以赌博为业的行为。",
        "2025年全县查处赌博案件12起，抓获涉赌人员35名，收缴赌资4.2万元。",
        "严禁利用六合彩、时时彩等形式进行赌博",
        "开展扫黄打非专项行动，清理色情、赌博等有害信息2300余条",
        "黄金、铂金、彩金饰品抽检合格率98%",
        "会场设在太阳城小区活动中心",
        "澳门特别行政区",
    ],
)
def test_category_words_in_prohibitions_and_statistics_are_clean(text: str) -> None:
    assert "ad.prohibited-content" not in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "体育官网平台 www 入口",
        "注册推荐码：8888",
        "澳门新葡京娱乐城",
        "开云体育app下载",
        "华体会官方网站",
        "澳门百家乐 真人视频 时时彩 北京赛车 六合彩",  # keyword stuffing
        "百家乐在线开户",  # a category word beside a call to sign up
        "代开发票，电话 0755-12345678",
        "首存送100元彩金",
        '<div style="position:absolute;left:-9999px"><a href="http://x.example/">bet365</a></div>',
    ],
)
def test_injected_spam_is_found(text: str) -> None:
    assert "ad.prohibited-content" in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "机密★1年　特急",
        "密级：秘密★1年",
        "**密级：机密★5年**",
        "特急　机密★2年",
        "工作秘密，不得外传",
        "内部资料，注意保存",
        "内部资料，不得外传",
    ],
)
def test_marking_variants_with_punctuation(text: str) -> None:
    assert kinds(text) == [("secret.classified-marking", 1, "error")]


def test_check_warns_about_a_stale_names_list_once(sample_site: Path) -> None:
    from tests.checks.test_check_command import run, write

    names = sample_site / "hooks/names.txt"
    names.write_text(
        names.read_text(encoding="utf-8").replace("更新日期: 2026-12-03", "更新日期: 2025-01-01"),
        encoding="utf-8",
    )
    write(sample_site, "content/zfb/a.md", "正文。")
    write(sample_site, "content/zfb/b.md", "正文。")
    done = run(["content/zfb/a.md", "content/zfb/b.md"], sample_site)
    assert done.returncode == 0, done.stdout  # a warning: the commit goes through
    line = next(
        i
        for i, text in enumerate(names.read_text(encoding="utf-8").splitlines(), 1)
        if text.startswith("更新日期")
    )
    assert done.stdout.count("领导人姓名表的更新日期是 2025-01-01") == 1
    assert (
        f"hooks/names.txt:{line}:1: format.name: [警告] 领导人姓名表的更新日期是 2025-01-01，"
        "已超过 6 个月" in done.stdout
    )


def test_nightly_scan_keeps_the_entry_tier(tmp_path: Path) -> None:
    from govsite.health.collect import scan_prohibited

    (tmp_path / "hooks").mkdir()
    (tmp_path / "hooks/prohibited.txt").write_text("365bet\n[警告]\n某某娱乐\n", encoding="utf-8")
    out = tmp_path / "output"
    out.mkdir()
    (out / "a.html").write_text(
        "<p>某某娱乐</p>\n<p>禁止发布色情、赌博信息</p>\n", encoding="utf-8"
    )
    (out / "b.html").write_text("<p>365bet</p>\n", encoding="utf-8")
    found = scan_prohibited(tmp_path, out)
    assert sorted((f.path, f.line, f.level) for f in found) == [
        ("a.html", 1, "warn"),
        ("b.html", 1, "veto"),
    ]
