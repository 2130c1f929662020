"""Front matter parsing and validation of one article (META-01…07)."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from govsite.config import reviewers, site
from govsite.config.schema import parse_yaml
from govsite.errors import ContentError
from govsite.model.article import parse_article, parse_page
from govsite.model.frontmatter import split
from tests.conftest import REPO_ROOT

SITE = site.load(REPO_ROOT)
POLICY = reviewers.load(REPO_ROOT / "reviewers.yml")
ZFB = POLICY.units["zfb"]
CODE = ZFB.credit_code

GOOD_POLICY_DOC = f"""---
标题: 示例县人民政府办公室关于印发某某办法的通知
公开日期: 2025-05-30 10:00
成文日期: 2025-05-28
索引号: {CODE}/2025-00002
发文字号: 示政办发〔2025〕8号
信息分类: 综合政务
栏目: [gfxwj]
有效性: 有效
需要解读: 是
发文机构: 示例县人民政府办公室
---

正文。
"""


def parse(text: str, path: str = "content/zfb/doc.md"):  # type: ignore[no-untyped-def]
    return parse_article(text, path, unit=ZFB, rules=SITE.rules(POLICY.units))


def test_good_catalogue_document() -> None:
    article, problems = parse(GOOD_POLICY_DOC)
    assert problems == []
    assert article is not None
    assert article.published == datetime(2025, 5, 30, 10, 0)
    assert article.written == date(2025, 5, 28)
    assert article.issuer == "示例县人民政府办公室"
    assert article.needs_interpretation is True
    assert article.line_of("发文字号") == 6
    assert article.body_line == 13


def with_line(replace: str, by: str) -> str:
    assert replace in GOOD_POLICY_DOC
    return GOOD_POLICY_DOC.replace(replace, by)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            with_line("成文日期: 2025-05-28", "成文日期: 2025-02-30"),
            "content/zfb/doc.md:4: 成文日期: “2025-02-30”不是有效的日期。"
            "修改方法：写成 年-月-日，如 2025-05-28（日期须真实存在）",
        ),
        (
            with_line("有效性: 有效", "有效性: 有效的"),
            "content/zfb/doc.md:9: 有效性: “有效的”不是可用的值。修改方法：只能填写 有效 / 失效 / 废止 / 已修订",
        ),
        (
            with_line("发文字号: 示政办发〔2025〕8号", "发文字号: 示政办发[2025]8号"),
            "content/zfb/doc.md:6: 发文字号: 年份应使用六角括号〔〕，不能用方括号 []。"
            "修改方法：改为“示政办发〔2025〕8号”（可用 govsite check --fix 修正）",
        ),
        (
            with_line("信息分类: 综合政务", "信息分类: 综合政"),
            "content/zfb/doc.md:7: 信息分类: “综合政”不在 site.yml 的信息分类中。修改方法：是否应为“综合政务”？",
        ),
        (
            with_line("栏目: [gfxwj]", "栏目: [gfxwi]"),
            "content/zfb/doc.md:8: 栏目: 栏目“gfxwi”不存在。修改方法：是否应为“gfxwj”？",
        ),
        (
            with_line("需要解读: 是", "需要解度: 是"),
            "content/zfb/doc.md:10: 需要解度: 未知的元数据键“需要解度”。修改方法：是否应为“需要解读”？",
        ),
        (
            with_line("有效性: 有效\n", "有效性: 有效\n公开方式: 不予公开\n"),
            "content/zfb/doc.md:10: 公开方式: 公开方式为“不予公开”的内容不能发布到网站。修改方法："
            "这类信息不属于公开仓库：请从仓库中删除该文件；如确应主动公开，改为“主动公开”",
        ),
        (
            with_line("有效性: 有效\n", "有效性: 废止\n废止文件: x\n"),
            "content/zfb/doc.md:9: 有效性: 有效性为“废止”时须填写废止日期。修改方法：添加“废止日期: 年-月-日”",
        ),
        (
            with_line("信息分类: 综合政务\n", ""),
            "content/zfb/doc.md:1: 信息分类: 列入主动公开目录的栏目必须填写此项。"
            "修改方法：添加“信息分类: …”（主题分类，取 site.yml 中“信息分类”之一）",
        ),
        (
            with_line("公开日期: 2025-05-30 10:00", "公开日期: 2025-05-20 10:00"),
            "content/zfb/doc.md:4: 成文日期: 成文日期晚于公开日期。修改方法：核对成文日期和公开日期",
        ),
        (
            with_line("信息分类: 综合政务\n", "信息分类: 综合政务\n最后更新: 2025-06-01\n"),
            "content/zfb/doc.md:8: 最后更新: 最后更新时间由 git 历史自动生成，不要手写。修改方法：删除“最后更新”这一行",
        ),
        (with_line("栏目: [gfxwj]", "栏目: [gfxwj]\n联合发文单位: [zfb, nope]"), None),
    ],
)
def test_bad_values_are_located_and_explained(text: str, expected: str | None) -> None:
    _, problems = parse(text)
    rendered = [p.render() for p in problems]
    if expected is None:
        assert len(rendered) == 2
        assert "联合发文单位: 联合发文单位不能是本单位。修改方法：删除“zfb”" in rendered[0]
        assert "单位“nope”不在 reviewers.yml 中" in rendered[1]
    else:
        assert rendered == [expected]


def test_news_item_defaults() -> None:
    article, problems = parse(
        "---\n标题: 县长调研\n公开日期: 2025-06-01\n栏目: [zwyw]\n---\n正文\n"
    )
    assert problems == []
    assert article is not None
    assert article.issuer == "示例县人民政府办公室"  # default: the unit's name
    assert (article.validity, article.importance, article.disclosure) == (
        "有效",
        "一般",
        "主动公开",
    )


def test_missing_title_and_date() -> None:
    article, problems = parse("---\n栏目: [zwyw]\n---\n正文\n")
    assert article is None
    assert [(p.key, p.message) for p in problems] == [
        ("标题", "缺少必填项"),
        ("公开日期", "缺少必填项"),
    ]


def test_index_number_of_another_unit_is_refused() -> None:
    text = with_line(f"索引号: {CODE}/2025-00002", "索引号: 11152599MB0000020E/2025-00002")
    _, problems = parse(text)
    assert [p.render() for p in problems] == [
        "content/zfb/doc.md:5: 索引号: 索引号前缀 11152599MB0000020E 与发布单位的统一社会信用代码 "
        f"{CODE} 不一致（reviewers.yml 中该单位的 credit_code）。"
        "修改方法：用 govsite new 生成新文章可自动分配正确的索引号"
    ]


def test_scalars_stay_strings() -> None:
    fm = split("---\n标题: 2025\n索引号: 0012\n需要解读: yes\n---\n", "x.md")
    assert fm.data == {"标题": "2025", "索引号": "0012", "需要解读": "yes"}


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        ("标题: x\n", 1, "文章开头缺少元数据（front matter）"),
        ("---\n标题: x\n", 1, "元数据没有结束行 ---"),
        ("---\n标题: x\n栏目: [a\n---\n", 4, "元数据不是合法的 YAML"),
    ],
)
def test_broken_front_matter(text: str, line: int, message: str) -> None:
    with pytest.raises(ContentError) as info:
        split(text, "x.md")
    problem = info.value.problems[0]
    assert problem.line == line
    assert problem.message.startswith(message)


def test_page() -> None:
    page, problems = parse_page(
        "---\n标题: 政府信息公开指南\n别名: xxgkzn\n---\n正文", "content/pages/a.md"
    )
    assert problems == []
    assert page is not None and page.slug == "xxgkzn"


def test_site_config_errors_name_key_paths() -> None:
    data, lines = parse_yaml((REPO_ROOT / "site.yml").read_text(encoding="utf-8"), "site.yml")
    data["网站"]["网站标识码"] = "12345"
    data["栏目"][0]["子栏目"][0]["更新周期"] = "每周"
    del data["链接"]["互动交流"]
    with pytest.raises(Exception) as info:
        site.validate(data, lines)
    rendered = str(info.value).split("\n")
    assert rendered[0].startswith("site.yml:")
    assert any("网站.网站标识码: 网站标识码应为 10 位数字" in r for r in rendered)
    assert any("栏目[0].子栏目[0].更新周期: 无法识别的更新周期“每周”" in r for r in rendered)
    assert any("链接.互动交流: 缺少“互动交流”入口" in r for r in rendered)
