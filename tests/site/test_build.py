"""Real builds of a small site: pages, meta tags, catalogue, links, atomic failure."""

from __future__ import annotations

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from govsite.commands.build import build as build_command
from govsite.errors import ContentError
from govsite.release.build import build_site
from tests.conftest import write_tree
from tests.site.conftest import ZFB, make_site, news

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("built") / "site")
    result = build_site(root)
    assert result.articles == 29 and result.pages == 1 and result.indexed
    return root / "output"


def html(out: Path, rel: str) -> str:
    return (out / rel).read_text(encoding="utf-8")


EXPECTED = [
    "index.html",
    "404.html",
    "search.html",
    "sitemap.html",
    "sitemap.xml",
    "zfb/index.html",
    "zfb/index_2.html",
    "fgw/index.html",
    "zfb/gfwj.html",
    "zfb/banfa.pdf",
    "pages/xxgkzn.html",
    "columns/zwyw/index.html",
    "columns/zwyw/index_2.html",
    "columns/zwyw/feed.xml",
    "columns/tzgg/index.html",
    "xxgk/index.html",
    "xxgk/fdzdgknr.html",
    "xxgk/catalogue/index.html",
    "xxgk/catalogue/unit/zfb/index.html",
    "xxgk/catalogue/unit/fgw/index.html",
    "xxgk/catalogue/topic/综合政务/index.html",
    "xxgk/catalogue/year/2025/index.html",
    "xxgk/catalogue/year/2024/index.html",
    "xxgk/catalogue/catalogue.json",
    "xxgk/catalogue/catalogue.csv",
    "theme/css/site.css",
    "theme/js/care.js",
    "pagefind/0/pagefind-ui.js",
]


@pytest.mark.parametrize("rel", EXPECTED)
def test_expected_files(built: Path, rel: str) -> None:
    assert (built / rel).is_file(), rel


FOOTER = [
    "示例县人民政府办公室",
    "示例县政务服务与数据管理局",
    "0479-5200000",
    "1525990001",
    "蒙ICP备00000001号-1",
    "蒙公网安备 15259902000001号",
    "党政机关网站标识",
    "网站地图",
]


def test_every_page_has_footer_meta_lang_canonical(built: Path) -> None:
    pages = [p for p in built.rglob("*.html") if "pagefind" not in p.parts]
    assert len(pages) > 40
    for page in pages:
        text = page.read_text(encoding="utf-8")
        rel = page.relative_to(built).as_posix()
        assert '<html lang="zh-CN">' in text, rel
        for item in FOOTER:
            assert item in text, (rel, item)
        assert '<meta name="SiteName" content="示例县人民政府">' in text, rel
        assert '<meta name="SiteDomain" content="www.shixian.gov.cn">' in text, rel
        assert '<meta name="SiteIDCode" content="1525990001">' in text, rel
        assert re.search(r'<link rel="canonical" href="https://www\.shixian\.gov\.cn/', text), rel
        assert "跳到主要内容" in text and 'id="main"' in text, rel
        # No third-party requests: scripts, styles and images all come from the site.
        loaded = re.findall(r'<script[^>]*\ssrc="([^"]+)"', text)
        loaded += re.findall(r'<link rel="(?:stylesheet|icon|preload)"[^>]*\shref="([^"]+)"', text)
        loaded += re.findall(r'<img[^>]*\ssrc="([^"]+)"', text)
        assert loaded, rel
        for src in loaded:
            assert src.startswith(("/", "data:")) and not src.startswith("//"), (rel, src)


def meta_value(text: str, label: str) -> str | None:
    """The value of ``label`` in an article's metadata list, its inner tags removed."""
    m = re.search(rf"<dt>{label}</dt><dd>(.*?)</dd>", text)
    return re.sub(r"<[^>]+>", "", m[1]) if m else None


def test_article_page(built: Path) -> None:
    text = html(built, "zfb/gfwj.html")
    assert '<meta name="ArticleTitle" content="示例县行政规范性文件管理办法">' in text
    assert '<meta name="PubDate" content="2025-06-01 09:30">' in text
    assert '<meta name="ContentSource" content="示例县人民政府办公室">' in text
    assert '<meta name="ColumnName" content="规范性文件">' in text
    assert "data-pagefind-body" in text
    for label, value in [
        ("索引号", f"{ZFB}/2025-00001"),
        ("发文字号", "示政办发〔2025〕8号"),
        ("发文机构", "示例县人民政府办公室"),
        ("信息分类", "综合政务"),
        ("成文日期", "2025-06-01"),
        ("公开日期", "2025-06-01"),
        ("有效性", "有效"),
    ]:
        assert meta_value(text, label) == value, label
    assert re.search(
        r'href="/zfb/banfa.pdf" download="banfa.pdf">banfa.pdf</a> '
        r'<span class="att-info">'
        r"（PDF，2.0 KB）",
        text,
    )
    assert "最后更新：<time" in text and "2025-07-30 10:00" in text
    assert '<svg xmlns="http://www.w3.org/2000/svg"' in text and "扫一扫在手机打开" in text
    assert 'id="print-button"' in text
    assert "<p>为规范行政规范性文件管理，制定本办法。</p>" in text


def test_interpretation_links_both_ways(built: Path) -> None:
    doc = html(built, "zfb/gfwj.html")
    jd = html(built, "zfb/gfwj-jd.html")
    assert re.search(r'相关解读</h2>\s*<ul><li><a href="/zfb/gfwj-jd.html">', doc)
    assert re.search(r'相关文件</h2>\s*<ul><li><a href="/zfb/gfwj.html">', jd)


def test_validity_banner_links_repealing_document(built: Path) -> None:
    old = html(built, "zfb/old.html")
    assert (
        '<strong>本文件已废止（2025-06-01起）</strong>，见 <a href="/zfb/gfwj.html">'
        "示例县行政规范性文件管理办法</a>（示政办发〔2025〕8号）"
    ) in old


def test_columns_and_home_dated_and_paginated(built: Path) -> None:
    first = html(built, "columns/zwyw/index.html")
    second = html(built, "columns/zwyw/index_2.html")
    assert first.count('<li><a href="/zfb/news-') == 20
    assert second.count('<li><a href="/zfb/news-') == 5
    assert 'href="/columns/zwyw/index_2.html" rel="next"' in first
    assert '<meta name="ColumnName" content="政务要闻">' in first
    home = html(built, "index.html")
    items = re.findall(
        r'<li><a href="/zfb/[^"]+">[^<]+</a> <time datetime="(\d{4}-\d\d-\d\d)">', home
    )
    assert items and items[0] == "2025-07-25"
    for target in (
        'href="/xxgk/"',
        'href="/zfb/"',
        'href="https://zwfw.nmg.gov.cn/"',
        'href="/search.html"',
    ):
        assert target in home


def test_previous_next(built: Path) -> None:
    text = html(built, "zfb/news-10.html")
    assert '上一篇：<a href="/zfb/news-09.html">' in text
    assert '下一篇：<a href="/zfb/news-11.html">' in text


def test_catalogue_exports(built: Path) -> None:
    raw = (built / "xxgk/catalogue/catalogue.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(raw.decode("utf-8-sig").splitlines()))
    assert [r["索引号"] for r in rows] == [
        f"{ZFB}/2025-00002",
        f"{ZFB}/2025-00001",
        "11152599MB0000020E/2024-00001",
        f"{ZFB}/2024-00003",
    ]
    data = json.loads(html(built, "xxgk/catalogue/catalogue.json"))
    assert data["条目数"] == 4
    assert data["条目"][1]["网址"] == "https://www.shixian.gov.cn/zfb/gfwj.html"
    table = html(built, "xxgk/catalogue/unit/fgw/index.html")
    assert "示例县十四五规划中期评估" in table and "管理办法" not in table


def test_disclosure_section(built: Path) -> None:
    text = html(built, "xxgk/index.html")
    for title in (
        "政府信息公开指南",
        "政府信息公开制度",
        "法定主动公开内容",
        "主动公开目录",
        "政府信息公开年报",
        "依申请公开",
    ):
        assert title in text
    assert 'href="/pages/xxgkzn.html">示例县人民政府信息公开指南' in text
    statutory = html(built, "xxgk/fdzdgknr.html")
    assert "行政法规、规章和规范性文件" in statutory and 'href="/zfb/gfwj.html"' in statutory


def test_search_index_is_chinese_and_articles_only(built: Path) -> None:
    entry = json.loads(html(built, "pagefind/0/pagefind-entry.json"))
    assert list(entry["languages"]) == ["zh-cn"]
    assert entry["languages"]["zh-cn"]["page_count"] == 29


def test_sitemap_and_feed(built: Path) -> None:
    xml = html(built, "sitemap.xml")
    assert "<loc>https://www.shixian.gov.cn/zfb/gfwj.html</loc><lastmod>2025-07-30</lastmod>" in xml
    feed = html(built, "columns/gfxwj/feed.xml")
    assert '<link href="https://www.shixian.gov.cn/zfb/gfwj.html" rel="alternate"/>' in feed


def test_bad_article_stops_build_and_keeps_output(small_site: Path) -> None:
    build_site(small_site, search=False)
    before = html(small_site / "output", "zfb/gfwj.html")
    write_tree(small_site, {"content/zfb/bad.md": news("坏文章", "2025-02-30 09:00")})
    with pytest.raises(ContentError) as exc:
        build_site(small_site, search=False)
    assert exc.value.render() == (
        "content/zfb/bad.md:3: 公开日期: “2025-02-30 09:00”不是有效的日期时间。修改方法："
        "写成 2025-05-28 或 2025-05-28 09:30（日期须真实存在）"
    )
    assert html(small_site / "output", "zfb/gfwj.html") == before
    assert not (small_site / "output/zfb/bad.html").exists()
    assert [p.name for p in small_site.iterdir() if p.name.startswith(".output")] == []


def test_dangling_interpretation_stops_build(small_site: Path) -> None:
    text = (small_site / "content/zfb/gfwj-jd.md").read_text(encoding="utf-8")
    write_tree(small_site, {"content/zfb/gfwj-jd.md": text.replace("2025-00001\n", "2025-00099\n")})
    with pytest.raises(ContentError) as exc:
        build_site(small_site, search=False)
    assert exc.value.render() == (
        f"content/zfb/gfwj-jd.md:10: 解读对象: 解读对象 {ZFB}/2025-00099 在本站找不到。"
        "修改方法：填写被解读文件的索引号，并确认该文件已在 content/ 中"
    )
    assert not (small_site / "output").exists()


def test_template_error_fails_build_and_keeps_output(small_site: Path) -> None:
    build_site(small_site, search=False)
    marker = small_site / "output" / "marker.txt"
    marker.write_text("old", encoding="utf-8")
    write_tree(
        small_site,
        {
            "theme/templates/column.html": "{% extends 'base.html' %}"
            "{% block content %}{{ column.title | nosuchfilter }}{% endblock %}"
        },
    )
    with pytest.raises(Exception):  # noqa: B017 - Jinja or ContentError, either stops the build
        build_site(small_site, search=False)
    assert marker.read_text(encoding="utf-8") == "old"
    assert [p.name for p in small_site.iterdir() if p.name.startswith(".output")] == []


def test_cli_reports_problem_in_chinese(small_site: Path) -> None:
    write_tree(
        small_site,
        {"content/zfb/bad.md": news("坏文章", "2025-06-01 09:00", extra="有效性: 作废\n")},
    )
    proc = subprocess.run(
        [sys.executable, "-m", "govsite", "build", "--no-search"],
        cwd=small_site,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 1
    assert proc.stderr == (
        "错误：content/zfb/bad.md:5: 有效性: “作废”不是可用的值。"
        "修改方法：只能填写 有效 / 失效 / 废止 / 已修订\n"
    )
    assert not (small_site / "output").exists()


def test_cli_builds(small_site: Path) -> None:
    result = CliRunner().invoke(build_command, ["--root", str(small_site), "--no-search"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("构建完成：29 篇文章、1 个页面")
    assert (small_site / "output/index.html").is_file()


def test_plain_pelican_builds_the_same_site(small_site: Path) -> None:
    build_site(small_site, search=False)
    proc = subprocess.run(
        [sys.executable, "-m", "pelican", "-s", "pelicanconf.py", "-o", "plain"],
        cwd=small_site,
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    ours = sorted(
        p.relative_to(small_site / "output").as_posix()  # manifest.json: OPS-02
        for p in (small_site / "output").rglob("*")
        if p.is_file() and p.name != "manifest.json"
    )
    plain = sorted(
        p.relative_to(small_site / "plain").as_posix()
        for p in (small_site / "plain").rglob("*")
        if p.is_file()
    )
    assert ours == plain
    for rel in ("zfb/gfwj.html", "xxgk/catalogue/index.html", "index.html"):
        assert html(small_site / "output", rel) == html(small_site / "plain", rel)


@pytest.mark.parametrize(
    ("tree", "message"),
    [
        (
            {
                "content/zfb/机构概况.yml": "主要职责: [拟订规划。]\n办公地址: 人民路1号\n办公时间: 工作日\n"
                "联系电话: '0479-5200016'\n领导:\n  - 姓名: 李明远\n    职务: 主任\n    分工: 全面\n"
                "    照片: li.jpg\n"
            },
            "错误：content/zfb/机构概况.yml:9: 领导[0].照片: 照片“li.jpg”不存在。"
            "修改方法：把照片放到 content/zfb/ 下，或删除这一行\n",
        ),
        (
            {"content/zfb/机构概况.yml": "主要职责: 拟订规划\n"},
            "错误：content/zfb/机构概况.yml:1: 主要职责: 缺少“主要职责”，或不是列表。"
            "修改方法：每条职责一行，写成“- 拟订……”\n",
        ),
        (
            {
                "content/zfb/zj.md": news(
                    "征求意见",
                    "2025-06-01 09:00",
                    extra=(
                        "征集开始日期: 2025-06-01\n征集截止日期: 2025-06-30\n意见采纳情况: fankui.md\n"
                    ),
                )
            },
            "错误：content/zfb/zj.md:7: 意见采纳情况: 意见采纳情况“fankui.md”在本文所在目录中找不到。"
            "修改方法：填写与本文同目录的意见采纳情况文章的文件名，或删除这一行\n",
        ),
    ],
)
def test_portal_data_errors_stop_the_build(
    small_site: Path, tree: dict[str, str], message: str
) -> None:
    write_tree(small_site, tree)
    proc = subprocess.run(
        [sys.executable, "-m", "govsite", "build", "--no-search"],
        cwd=small_site,
        capture_output=True,
        text=True,
        check=False,
    )
    # the first problem verbatim; every problem of the file is listed, one a line
    assert (proc.returncode, proc.stderr.splitlines(keepends=True)[0]) == (1, message)
    assert not (small_site / "output").exists()
