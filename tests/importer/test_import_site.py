"""``govsite import --site``: pages saved from old vendor CMS, their links kept."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from govsite.importer import oldsite
from tests.conftest import REPO_ROOT, GitRepo
from tests.importer.gongwen_docs import png

# 组织机构代码 of zfb: characters 9-17 of its 统一社会信用代码 11152599MB0000011G.
OLD_ORG = "MB0000011"

# TRS WCM 政府信息公开 page: the metadata table with 信息索取号, content in .TRS_Editor.
TRS = f"""<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">
<title>示例县人民政府办公室关于做好2021年春季森林草原防火工作的通知_示例县人民政府</title>
<script>var a = "<p>不是正文</p>";</script></head>
<body><div class="top">首页 &gt; 政府信息公开 &gt; 通知公告</div>
<table class="xxgk_table" width="100%" cellspacing="0">
<tr><td class="xxgk_td1">信息索取号：</td><td>{OLD_ORG}/2021-00012</td>
    <td class="xxgk_td1">信息分类：</td><td>综合政务\\通知</td></tr>
<tr><td class="xxgk_td1">发布机构：</td><td>示例县人民政府办公室</td>
    <td class="xxgk_td1">生成日期：</td><td>2021-03-30</td></tr>
<tr><td class="xxgk_td1">名　　称：</td><td colspan="3">示例县人民政府办公室关于做好2021年春季森林草原防火工作的通知</td></tr>
<tr><td class="xxgk_td1">文　　号：</td><td>示政办发[2021]12号</td>
    <td class="xxgk_td1">有 效 性：</td><td>有效</td></tr>
</table>
<div class="TRS_Editor"><div class="Custom_UnionStyle">
<p style="text-indent:2em">各苏木镇人民政府，县直各部门：</p>
<p style="text-indent:2em">春季是森林草原火灾易发期，现将有关事项通知如下。</p>
<p style="text-indent:2em">一、压实防火责任</p>
<p style="text-indent:2em">各单位主要负责人是本单位防火第一责任人。</p>
<p style="text-indent:2em">二、加强火源管控</p>
<p style="text-indent:2em">严禁野外用火。</p>
<p><img src="./W020210331123456789.png" alt="防火宣传图" /></p>
<table border="1"><tr><td>时段</td><td>要求</td></tr><tr><td>3月-6月</td><td>禁火期</td></tr></table>
<p style="text-align:right">示例县人民政府办公室</p>
<p style="text-align:right">2021年3月30日</p>
</div></div>
<div class="fj">附件：<a href="./P020210331555.xlsx">1.防火检查表.xlsx</a>
<a href="./P020210331556.pdf">2.防火责任书.pdf</a></div>
<div class="footer">发布时间：2021-03-31 10:20</div></body></html>"""

# 大汉 (Hanweb) jcms page: /art/YYYY/M/D/art_col_id.html, 索引号 table, #zoom.
HANWEB = f"""<html><head><meta charset="utf-8"><title>示例县2021年重点项目建设情况</title></head>
<body><table class="xxgk">
<tr><th>索 引 号</th><td>{OLD_ORG}/2021-00020</td><th>主题分类</th><td>国民经济管理</td></tr>
<tr><th>发布机构</th><td>示例县人民政府办公室</td><th>成文日期</th><td>2021年03月31日</td></tr>
<tr><th>标　　题</th><td colspan="3">示例县2021年重点项目建设情况</td></tr>
</table>
<div id="zoom"><p>全县重点项目开复工率达到85%。</p><p>一季度完成投资12亿元。</p>
<p><a href="/module/download/downfile.jsp?filename=x.doc">外部下载</a></p></div>
<div class="info">发布日期：2021-03-31 浏览次数：100</div></body></html>"""

# 开普云-style older page: list-style metadata, .article-content.
KAIPU = f"""<html><head><meta charset="utf-8"><title>旧页面</title></head><body>
<ul class="meta"><li><span>索引号：</span>{OLD_ORG}/2020-00105</li>
<li><span>发布机构：</span>示例县人民政府办公室</li><li><span>成文日期：</span>2020-12-01</li>
<li><span>信息分类：</span>其他</li><li><span>有效性：</span>有效</li></ul>
<h1>关于调整县政府领导工作分工的通知</h1>
<div class="article-content"><p>根据工作需要，现将县政府领导工作分工调整如下。</p></div>
</body></html>"""

LIST_PAGE = """<html><head><title>通知公告</title></head><body><ul class="list">
<li><a href="t20210331_123456.html">通知一</a></li></ul></body></html>"""

NO_DATE = """<html><head><title>无日期</title></head><body><h1>某页面</h1>
<div class="TRS_Editor"><p>正文。</p></div></body></html>"""


def saved_site(root: Path) -> Path:
    site = root / "old"
    trs = site / "zwgk/xxgk/tzgg/202103/t20210331_123456.html"
    trs.parent.mkdir(parents=True)
    trs.write_text(TRS, encoding="utf-8")
    (trs.parent / "W020210331123456789.png").write_bytes(png("orange"))
    book = openpyxl.Workbook()
    book.active.append(["检查项", "结果"])  # type: ignore[union-attr]
    book.save(trs.parent / "P020210331555.xlsx")  # 2.防火责任书.pdf was never saved
    art = site / "art/2021/3/31/art_123_456.html"
    art.parent.mkdir(parents=True)
    # Old 大汉 sites serve GBK.
    art.write_bytes(HANWEB.replace('charset="utf-8"', 'charset="gbk"').encode("gbk"))
    (site / "col/col88/art_88_9.html").parent.mkdir(parents=True)
    (site / "col/col88/art_88_9.html").write_text(KAIPU, encoding="utf-8")
    (site / "zwgk/xxgk/tzgg/index.html").write_text(LIST_PAGE, encoding="utf-8")
    (site / "zwgk/nodate.html").write_text(NO_DATE, encoding="utf-8")
    return site


def run(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govsite", *args],
        cwd=repo,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def site(git_repo: Callable[..., GitRepo]) -> Path:
    repo = git_repo(
        {
            "site.yml": (REPO_ROOT / "site.yml").read_text(encoding="utf-8"),
            "reviewers.yml": (REPO_ROOT / "reviewers.yml").read_text(encoding="utf-8"),
            "content/zfb/.keep": "",
        }
    )
    shutil.copytree(REPO_ROOT / "hooks", repo.path / "hooks")
    return repo.path


def test_trs_metadata_table() -> None:
    page = oldsite.parse(TRS.encode(), "/zwgk/xxgk/tzgg/202103/t20210331_123456.html")
    assert page.meta == {
        "索引号": f"{OLD_ORG}/2021-00012",
        "信息分类": "综合政务\\通知",
        "发文机构": "示例县人民政府办公室",
        "成文日期": "2021-03-30",
        "标题": "示例县人民政府办公室关于做好2021年春季森林草原防火工作的通知",
        "发文字号": "示政办发[2021]12号",
        "有效性": "有效",
        "公开日期": "2021-03-31 10:20",
    }
    assert page.published is not None and f"{page.published:%Y-%m-%d %H:%M}" == "2021-03-31 10:20"
    assert [a.href for a in page.attachments] == [
        "/zwgk/xxgk/tzgg/202103/P020210331555.xlsx",
        "/zwgk/xxgk/tzgg/202103/P020210331556.pdf",
    ]
    assert "不是正文" not in " ".join(b.text for b in page.blocks)


@pytest.mark.parametrize(
    ("url", "day"),
    [
        ("/art/2021/3/31/art_123_456.html", "2021-03-31"),
        ("/zwgk/202103/t20210331_123456.html", "2021-03-31"),
        ("/a/b.html", None),
    ],
)
def test_url_dates(url: str, day: str | None) -> None:
    found = oldsite.url_date(url)
    assert (found.isoformat() if found else None) == day


def test_migrate_saved_site(site: Path, tmp_path: Path) -> None:
    old = saved_site(tmp_path)
    done = run(site, "import", "--site", str(old), "--unit", "zfb", "--column", "qtwj")
    # Two pages cannot be mapped and the old 索引号 need the site's pattern: exit 1.
    assert done.returncode == 1
    assert "错误：/zwgk/xxgk/tzgg/index.html: 无法迁移：没有找到正文区域" in done.stderr
    assert "错误：/zwgk/nodate.html: 无法迁移：没有找到发布日期" in done.stderr
    assert "3 个旧索引号（如" in done.stderr
    report = (site / "redirects/迁移报告.md").read_text(encoding="utf-8")
    assert "共 5 个页面：迁移 3 个，无法迁移 2 个。" in report
    assert "附件 /zwgk/xxgk/tzgg/202103/P020210331556.pdf（2.防火责任书.pdf）没有保存下来" in report
    pattern = re.search(r"索引号\.格式 改为：`([^`]+)`", report)
    assert pattern is not None
    trs = site / "content/zfb/2021/shizhengbanfa-2021-12.md"
    text = trs.read_text(encoding="utf-8")
    assert "索引号: MB0000011/2021-00012\n" in text  # the old number kept
    assert "发文字号: 示政办发〔2021〕12号\n" in text and "成文日期: 2021-03-30\n" in text
    assert "公开日期: 2021-03-31 10:20\n" in text and "信息分类: 综合政务\n" in text
    assert "  - 文件: shizhengbanfa-2021-12-fujian1.xlsx\n    名称: 1.防火检查表\n" in text
    assert "![防火宣传图](shizhengbanfa-2021-12-tu1.png)" in text
    assert "| 时段 | 要求 |" in text
    assert "示例县人民政府办公室\n{: .gw-luokuan }\n\n2021年3月30日\n{: .gw-date }" in text
    assert "各苏木镇人民政府，县直各部门：\n{: .gw-zhusong }" in text
    assert (trs.parent / "shizhengbanfa-2021-12-tu1.png").read_bytes()[:4] == b"\x89PNG"
    hanweb = next((site / "content/zfb/2021").glob("2021-*.md")).read_text(encoding="utf-8")
    assert "标题: 示例县2021年重点项目建设情况\n" in hanweb and "成文日期: 2021-03-31\n" in hanweb
    assert "信息分类: 国民经济管理\n" in hanweb and "全县重点项目开复工率达到85%。" in hanweb
    # Redirects: the nginx map and a stub for every old URL.
    nginx = (site / "redirects/nginx-map.conf").read_text(encoding="utf-8")
    assert (
        '"/zwgk/xxgk/tzgg/202103/t20210331_123456.html" "/zfb/2021/shizhengbanfa-2021-12.html";'
    ) in nginx
    assert '"/art/2021/3/31/art_123_456.html" "/zfb/2021/' in nginx
    assert len([x for x in nginx.splitlines() if x.startswith('    "/')]) == 3
    stub = (site / "redirects/stubs/zwgk/xxgk/tzgg/202103/t20210331_123456.html").read_text(
        encoding="utf-8"
    )
    assert (
        '<meta http-equiv="refresh" content="0; url=/zfb/2021/shizhengbanfa-2021-12.html">' in stub
    )
    assert (
        '<link rel="canonical" '
        'href="https://www.shixian.gov.cn/zfb/2021/shizhengbanfa-2021-12.html">'
    ) in stub
    assert (site / "redirects/stubs/art/2021/3/31/art_123_456.html").is_file()
    # With the suggested pattern the migrated articles pass the checks, and govsite new
    # still allocates new-style numbers.
    yml = (site / "site.yml").read_text(encoding="utf-8")
    yml = re.sub(r"  格式: '[^']+'", lambda _m: f"  格式: '{pattern[1]}'", yml)
    (site / "site.yml").write_text(yml, encoding="utf-8")
    check = run(site, "check", "content/zfb/2021", "content/zfb/2020")
    assert check.returncode == 0, check.stdout
    new = run(site, "new", "--unit", "zfb", "--column", "qtwj", "--slug", "n", "新文章")
    assert new.returncode == 0 and "11152599MB0000011G/" in new.stdout, new.stderr
    # Running again (after saving more pages) skips what is migrated and keeps its redirects.
    before = sorted((site / "content").rglob("*.md"))
    again = run(site, "import", "--site", str(old), "--unit", "zfb", "--column", "qtwj")
    assert again.returncode == 1  # the two unmappable pages are still reported
    assert again.stdout.count("已迁移过，跳过") == 3
    assert sorted((site / "content").rglob("*.md")) == before
    assert (site / "redirects/nginx-map.conf").read_text(encoding="utf-8") == nginx
