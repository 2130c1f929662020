"""政府网站工作年度报表: counted items from a small library, the rest marked for the platform."""

from __future__ import annotations

import csv
from datetime import date, datetime
from pathlib import Path

from click.testing import CliRunner

from govsite.commands.site_report import site_report
from govsite.config import reviewers, site
from govsite.model.article import Article, parse_article
from govsite.model.consultation import Consultation
from govsite.reports.site_report import PLATFORM, Account, items
from tests.conftest import REPO_ROOT

SITE = site.load(REPO_ROOT)


def art(name: str, published: str, columns: tuple[str, ...], **kw: object) -> Article:
    return Article(
        path=f"content/zfb/{name}.md",
        unit="zfb",
        stem=name,
        title=name,
        published=datetime.fromisoformat(published),
        columns=columns,
        issuer="示例县人民政府办公室",
        **kw,
    )  # type: ignore[arg-type]


def test_counts() -> None:
    arts = [
        art("a", "2025-01-01 08:00", ("zwyw",)),  # 政务动态 (14 天)
        art("b", "2025-12-31 23:00", ("gfxwj",)),  # 公开目录
        art("c", "2026-01-01 00:00", ("zwyw",)),  # next year
        art("d", "2025-06-01 09:00", ("zcjd",), interprets="X/2025-00001"),
        art(
            "e",
            "2025-06-01 09:00",
            ("yjzj",),
            consultation=Consultation(date(2025, 6, 1), date(2025, 6, 30), "f.md"),
        ),
        art(
            "g",
            "2025-07-01 09:00",
            ("yjzj",),
            consultation=Consultation(date(2025, 7, 1), date(2025, 7, 30)),
        ),
    ]
    got = {
        (i.section, i.name): i.shown
        for i in items(
            SITE,
            arts,
            2025,
            profiles=3,
            accounts=[
                Account("示例县发布", "微信", True),
                Account("旧号", "微博", False),
                Account("示例县", "抖音", True),
            ],
        )
    }
    assert got[("信息发布", "总数（单位：条）")] == "5"
    assert got[("信息发布", "政务动态信息更新量")] == "1"
    assert got[("信息发布", "信息公开目录信息更新量")] == "2"  # gfxwj and zcjd
    assert got[("信息发布", "概况类信息更新量")] == "3"
    assert got[("解读回应", "其中：解读材料数量（单位：条）")] == "1"
    assert got[("互动交流", "征集调查期数（单位：期）")] == "2"
    assert got[("互动交流", "公布调查结果期数（单位：期）")] == "1"
    assert got[("移动新媒体", "微信：名称")] == "示例县发布"
    assert got[("移动新媒体", "微博：名称")] == ""  # the closed account is not listed
    assert got[("移动新媒体", "其他")] == "示例县（抖音）"
    assert got[("基本信息", "网站总访问量（单位：次）")] == PLATFORM
    assert got[("基本信息", "政府网站标识码")] == "1525990001"


def test_without_newmedia_file_the_platform_fills_it() -> None:
    got = {(i.section, i.name): i.shown for i in items(SITE, [], 2025)}
    assert got[("移动新媒体", "是否有移动新媒体")] == PLATFORM


def test_command_on_the_sample(sample_site: Path) -> None:
    result = CliRunner().invoke(site_report, ["--root", str(sample_site), "--year", "2025"])
    assert result.exit_code == 0, result.output
    folder = sample_site / "reports/site-report/2025"
    with (folder / "网站年度报表.csv").open(encoding="utf-8-sig", newline="") as fh:
        rows = {(r["栏目"], r["项目"]): r["内容"] for r in csv.DictReader(fh)}
    assert rows[("移动新媒体", "是否有移动新媒体")] == "是"
    assert rows[("移动新媒体", "微信：名称")] == "示例县发布、示例县教育"  # from newmedia.yml
    text = (folder / "网站年度报表.md").read_text(encoding="utf-8")
    policy = reviewers.load(sample_site / "reviewers.yml")
    article, problems = parse_article(
        text,
        "content/zfb/2026/bb.md",
        unit=policy.units["zfb"],
        rules=site.load(sample_site).rules(policy.units),
    )
    assert problems == [] and article is not None and article.columns == ("wzndbb",)
