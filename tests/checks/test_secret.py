"""secret.* rules: markings only when the line is nothing but a marking; 不予公开; drafts."""

from __future__ import annotations

import pytest

from tests.checks.helpers import kinds, rules


@pytest.mark.parametrize(
    "text",
    [
        "机密★1年",
        "绝密★长期",
        "秘密★3个月",
        "秘 密 ★ 2 年",
        "**秘密★3年**",
        "# 机密★2026年12月31日",
        "秘密★活动结束后解密",
        "000123　机密★1年",
        "秘密★",
        "工作秘密",
        "工作秘密 不得外传",
        "内部资料　注意保存",
        "内部明电",
        "内部文件",
        "　　机密★１年",  # full-width digit, ideographic indent
    ],
)
def test_marking_found(text: str) -> None:
    assert kinds(text) == [("secret.classified-marking", 1, "error")]


@pytest.mark.parametrize(
    "text",
    [
        "保密宣传：文件标注“秘密★1年”的，不得上网发布。",
        "加强内部控制，完善内部资料管理制度。",
        "坚决保守国家秘密和工作秘密。",
        "严禁将商业秘密泄露给他人。",
        "严禁在互联网上存储、处理绝密、机密、秘密级文件。",
        "秘密级文件应当由专人保管",
    ],
)
def test_marking_in_running_text_is_clean(text: str) -> None:
    assert "secret.classified-marking" not in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "---\n公开方式: 不予公开\n---\n",
        "---\n公开方式: 免予公开（涉及个人隐私）\n---\n",
        "公开属性：不予公开",
        "**公开属性**：免予公开",
        "（此件不予公开）",
        "（此件不公开）",
    ],
)
def test_not_for_publication_found(text: str) -> None:
    assert "secret.not-for-publication" in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "---\n公开方式: 主动公开\n---\n",
        "公开属性：依申请公开",
        "（此件公开发布）",
        "| 不予公开 | 3 |",
        "本年度不予公开的申请共 3 件，主要原因是属于国家秘密。",
    ],
)
def test_not_for_publication_clean(text: str) -> None:
    assert "secret.not-for-publication" not in rules(text)


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("关于……的实施方案（讨论稿）", True),
        ("（送审稿）", True),
        ("经内部讨论形成初步意见", True),
        ("关于……的实施方案（征求意见稿）", False),
        ("现公开征求意见", False),
    ],
)
def test_draft_is_a_warning(text: str, found: bool) -> None:
    expected = [("secret.draft", 1, "warning")] if found else []
    assert [k for k in kinds(text) if k[0] == "secret.draft"] == expected
