"""ad.commercial-link, ad.prohibited-content, format.typo and format.name."""

from __future__ import annotations

import pytest

from govsite.checks.runner import scan_html_prohibited, scan_text
from tests.checks.helpers import rules, site_lists


@pytest.mark.parametrize(
    "text",
    [
        "详见 https://item.taobao.com/item.htm?id=1",
        "[县政府网站](https://t.cn/A6abcd)",  # text hides the host; a URL shortener
        "访问 www.example-shop.com 购买",
        "扫码 t.cn/A6x 了解详情",
        "![](http://tracker.example.com/p.gif)",
        "https://www.gov.cn.evil.com/x",
    ],
)
def test_commercial_link_found(text: str) -> None:
    assert "ad.commercial-link" in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "[中国政府网](https://www.gov.cn/zhengce/)",
        "详见 http://www.ccgp.gov.cn/ 和 https://www.gsxt.gov.cn",
        "新华网 http://www.news.cn/politics/ 人民网 http://politics.people.com.cn/",
        "央视 https://tv.cctv.com/ 新华 www.xinhuanet.com",
        "会议在示例县宾馆召开",
        "中国人寿保险公司，服务热线 95519",
        "扫码关注“示例县发布”微信公众号",
        "附件：[报名表.xlsx](报名表.xlsx)",
        "请发送至 zfb@shixian.gov.cn 或 sxczj@163.com",
    ],
)
def test_commercial_link_clean(text: str) -> None:
    assert "ad.commercial-link" not in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "欢迎光临365bet娱乐平台",
        "澳门葡京赌场在线开户",
        "注册开户即送88元彩金",
        '<div id="h4sia"><a href="x">代开发票</a></div>',
        '<p style="display:none">bet365</p>',
        "ＢＥＴ３６５ 体育",
    ],
)
def test_prohibited_found(text: str) -> None:
    assert "ad.prohibited-content" in rules(text)


@pytest.mark.parametrize(
    "text",
    [
        "严厉打击跨境赌博犯罪",  # 打击赌博 is news, not spam
        "到银行开户需携带身份证",
        "澳门特别行政区",
    ],
)
def test_prohibited_clean(text: str) -> None:
    assert "ad.prohibited-content" not in rules(text)


def test_prohibited_in_rendered_html_has_html_line_numbers() -> None:
    html = '<html>\n<body>\n<p>通知</p>\n<div id="h4sia" style="display:none">365bet</div>\n'
    found = scan_html_prohibited(html, "output/a.html")
    assert [(f.rule, f.path, f.line) for f in found] == [
        ("ad.prohibited-content", "output/a.html", 4)
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("深入开展扫黑险恶专项斗争", "易错词“扫黑险恶”应为“扫黑除恶”"),
        ("再接再励，一如既往", "易错词“再接再励”应为“再接再厉”"),
    ],
)
def test_typo(text: str, message: str) -> None:
    found = [f for f in scan_text(text, "t.md") if f.rule == "format.typo"]
    assert [f.message for f in found] == [message]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("学习习进平总书记重要讲话精神", "习进平"),
        ("习近乎同志指出", "习近乎"),
        ("中华人民共合国成立76周年", "中华人民共合国"),
        ("全国人民代表大令常务委员会", "全国人民代表大令"),
        ("示例县人民政付办公室", "示例县人民政付"),
    ],
)
def test_name_near_miss(text: str, found: str) -> None:
    # 示例县 names are this site's (hooks/names.txt), not govsite's built-in list.
    names = [f for f in scan_text(text, "t.md", site_lists()) if f.rule == "format.name"]
    assert names and all(f.severity == "error" for f in names)
    assert any(f"“{found}”" in f.message for f in names)


@pytest.mark.parametrize(
    "text",
    [
        "学习习近平总书记重要讲话精神",
        "中华人民共和国成立76周年",
        "人均收入接近平均水平",  # 近平 without a title: not a name
        "示例县人民政府办公室",
        "全国人民代表大会常务委员会",
    ],
)
def test_name_clean(text: str) -> None:
    assert "format.name" not in rules(text)


def test_long_titles_are_checked_like_names() -> None:
    names = [f.message for f in scan_text("中共中央总书纪讲话", "t.md") if f.rule == "format.name"]
    assert names == ["“中共中央总书纪”疑为“中共中央总书记”之误（严重表述错误）"]
