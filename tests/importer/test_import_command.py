"""``govsite import`` end to end: 公文 made like an office's, LibreOffice conversions, OFD."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest

from govsite.config import reviewers as reviewers_config
from govsite.config import site as site_config
from govsite.model.article import parse_article
from tests.conftest import REPO_ROOT, GitRepo
from tests.importer.gongwen_docs import Gongwen, docx, ofd, soffice

YAODIAN = Gongwen(
    title=["示例县人民政府办公室关于印发《示例县", "政务公开工作要点》的通知"],
    body=[
        "现将《示例县政务公开工作要点》印发给你们，请认真贯彻执行。",
        "一、总体要求",
        "坚持以人民为中心，全面推进决策、执行、管理、服务、结果公开。",
        "（一）加强政策解读。",
        "1.重要政策文件同步解读。",
        "（1）解读材料与文件同步报审。",
        "（2）解读材料随文件一并公开。",
        "2.做好政策问答。",
        (
            "table",
            [
                ["序号", "任务", "责任单位"],
                ["1", "政策解读", "县政府办"],
                ["2", "政策问答", "各部门"],
            ],
        ),
        ("image", "图1 政务公开工作流程"),
        "二、保障措施",
        "各单位要明确分管负责人，按季度报送工作进展。",
    ],
    attachments=["示例县政务公开工作任务分工表", "示例县政务公开工作考核细则"],
    date="二〇二五年三月五日",
)

HAN = Gongwen(
    kind="函",
    doc_no="示政办函〔2025〕12号",
    title=["示例县人民政府办公室关于开展政府网站自查的函"],
    addressee="县直各部门：",
    body=[
        "为做好政府网站年度考核，请各部门于2025年4月30日前完成自查。",
        "一、自查内容",
        "栏目更新、链接可用性和内容准确性。",
        "二、报送要求",
        "自查报告报送县政府办公室。",
    ],
    date="2025年4月2日",
)

LIANHE = Gongwen(
    orgs=["示例县发展和改革委员会", "示例县财政局"],
    doc_no="示发改发〔2025〕3号",
    title=["示例县发展和改革委员会 示例县财政局", "关于规范政府投资项目资金管理的通知"],
    addressee="各苏木镇人民政府，县直各部门：",
    body=[
        "为规范政府投资项目资金管理，现将有关事项通知如下。",
        "一、严格资金拨付",
        "项目资金按工程进度拨付，不得超进度拨款。",
        "二、加强监督检查",
        "县财政局会同县发展和改革委员会开展年度检查。",
    ],
    date="2025年6月18日",
)

ZHANGTIAO = Gongwen(
    doc_no="示政发〔2025〕2号",
    orgs=["示例县人民政府"],
    title=["示例县人民政府关于印发《示例县政务数据共享", "管理办法》的通知"],
    addressee="各苏木镇人民政府，县直各部门：",
    body=[
        "现将《示例县政务数据共享管理办法》印发给你们，请认真贯彻执行。",
        "第一章　总则",
        "第一条　为规范政务数据共享，提高政务服务效能，制定本办法。",
        "第二条　本办法适用于本县行政机关之间的政务数据共享。",
        "第二章　共享管理",
        "第三条　政务数据以共享为原则、不共享为例外。",
        "第四条　本办法自2025年3月1日起施行。",
    ],
    date="2025年2月10日",
)


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


@pytest.fixture(scope="module")
def converted(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The office's files: .docx from python-docx, .doc/.wps and PDF saved by LibreOffice."""
    root = tmp_path_factory.mktemp("gongwen")
    out: dict[str, Path] = {}
    out["yaodian.docx"] = docx(YAODIAN, root / "yaodian" / "yaodian.docx")
    book = openpyxl.Workbook()
    book.active.append(["序号", "任务", "责任单位"])  # type: ignore[union-attr]
    book.save(root / "yaodian" / "附件1 示例县政务公开工作任务分工表.xlsx")
    shutil.copy(REPO_ROOT / "content/zfb/shizhengbanfa-2025-8.pdf", root / "yaodian" / "附件2.pdf")
    han = docx(HAN, root / "han" / "han.docx")
    out["han.doc"] = soffice(han, "doc", root / "han-doc")
    wps = root / "han-wps" / "han.wps"  # WPS 文字 .wps: the Word binary format
    wps.parent.mkdir()
    shutil.copy(out["han.doc"], wps)
    out["han.wps"] = wps
    lianhe = docx(LIANHE, root / "lianhe" / "lianhe.docx")
    out["lianhe.pdf"] = soffice(lianhe, "pdf", root / "lianhe-pdf")
    out["zhangtiao.ofd"] = ofd(ZHANGTIAO, root / "zhangtiao.ofd")
    return out


def article(site: Path, stdout: str) -> tuple[Path, str]:
    line = next(x for x in stdout.splitlines() if x.startswith(("已创建", "将创建")))
    rel = line.split(" ", 1)[1].split("（", 1)[0]
    return site / rel, rel


def fill_date(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("公开日期: 待填写", "公开日期: 2026-03-10 09:30", 1), encoding="utf-8"
    )


def parsed(site: Path, path: Path, unit: str = "zfb"):  # type: ignore[no-untyped-def]
    cfg = site_config.load(site)
    policy = reviewers_config.load(site / "reviewers.yml")
    art, problems = parse_article(
        path.read_text(encoding="utf-8"),
        path.relative_to(site).as_posix(),
        unit=policy.units[unit],
        rules=cfg.rules(policy.units),
    )
    return art, problems


def test_docx_wenjian_two_line_title_attachments_table_image(
    site: Path, converted: dict[str, Path]
) -> None:
    done = run(site, "import", "--unit", "zfb", "--column", "gfxwj", str(converted["yaodian.docx"]))
    assert done.returncode == 0, done.stderr
    path, rel = article(site, done.stdout)
    assert rel == "content/zfb/" + path.parent.name + "/shizhengbanfa-2025-8.md"
    assert (
        "识别：标题：示例县人民政府办公室关于印发《示例县政务公开工作要点》的通知（2 行）"
        in done.stdout
    )
    assert "识别：版头：文件（示例县人民政府办公室）" in done.stdout
    assert "识别：成文日期：2025-03-05" in done.stdout
    assert "公开日期：导入时写为“待填写”" in done.stdout
    text = path.read_text(encoding="utf-8")
    # The placeholder is refused by the check, and is the only error.
    check = run(site, "check", rel)
    assert check.returncode == 1
    errors = [x for x in check.stdout.splitlines() if ": format." in x and "[警告]" not in x]
    assert (
        len(errors) == 1
        and "公开日期" not in errors[0]
        and "“待填写”不是有效的日期时间" in errors[0]
    ), check.stdout
    fill_date(path)
    check = run(site, "check", rel)
    assert check.returncode == 0, check.stdout
    art, problems = parsed(site, path)
    assert problems == [] and art is not None
    assert art.title == "示例县人民政府办公室关于印发《示例县政务公开工作要点》的通知"
    assert art.doc_no == "示政办发〔2025〕8号"
    assert art.issuer == "示例县人民政府办公室"
    assert art.written is not None and art.written.isoformat() == "2025-03-05"
    assert art.disclosure == "主动公开" and art.genre == "通知"
    assert art.index_no is not None and art.index_no.startswith("11152599MB0000011G/")
    assert [(e.file, e.title) for e in art.attachment_entries] == [
        ("shizhengbanfa-2025-8-fujian1.xlsx", "示例县政务公开工作任务分工表"),
        ("shizhengbanfa-2025-8-fujian2.pdf", "示例县政务公开工作考核细则"),
    ]
    assert (path.parent / "shizhengbanfa-2025-8-fujian1.xlsx").read_bytes() == (
        converted["yaodian.docx"].parent / "附件1 示例县政务公开工作任务分工表.xlsx"
    ).read_bytes()
    # Structure kept: levels as written (never a Markdown list), table, image with caption.
    assert "\n\n一、总体要求\n\n" in text and "\n\n（一）加强政策解读。\n\n" in text
    assert "\n\n1\\.重要政策文件同步解读。\n\n" in text and "\n\n2\\.做好政策问答。\n\n" in text
    assert "| 序号 | 任务 | 责任单位 |\n|---|---|---|\n| 1 | 政策解读 | 县政府办 |" in text
    image = next(path.parent.glob("shizhengbanfa-2025-8-tu1.*"))
    assert image.read_bytes()[:4] == b"\x89PNG"
    assert f"![图1 政务公开工作流程]({image.name})" in text
    assert "各苏木镇人民政府，县直各部门：\n{: .gw-zhusong }" in text
    assert (
        "附件：\n{: .gw-fujian }\n\n- [1\\. 示例县政务公开工作任务分工表]"
        "(shizhengbanfa-2025-8-fujian1.xlsx)\n" in text
    )
    assert "示例县人民政府办公室\n{: .gw-luokuan }\n\n二〇二五年三月五日\n{: .gw-date }" in text
    assert "（此件公开发布）\n{: .gw-fuzhu }" in text
    assert "抄送" not in text and "印发\n" not in text  # 版记 never goes on the website
    # Importing the same 公文 again never overwrites it.
    again = run(
        site, "import", "--unit", "zfb", "--column", "gfxwj", str(converted["yaodian.docx"])
    )
    assert again.returncode == 1 and "文件已存在" in again.stderr


@pytest.mark.parametrize("name", ["han.doc", "han.wps"])
def test_han_saved_by_libreoffice_as_doc_and_wps(
    site: Path, converted: dict[str, Path], name: str
) -> None:
    done = run(site, "import", "--unit", "zfb", "--column", "tzgg", str(converted[name]))
    assert done.returncode == 0, done.stderr
    path, rel = article(site, done.stdout)
    assert path.name == "shizhengbanhan-2025-12.md"
    assert "识别：版头：函（示例县人民政府办公室）" in done.stdout
    text = path.read_text(encoding="utf-8")
    assert "标题: 示例县人民政府办公室关于开展政府网站自查的函\n" in text
    assert "发文字号: 示政办函〔2025〕12号\n" in text and "成文日期: 2025-04-02\n" in text
    assert "县直各部门：\n{: .gw-zhusong }" in text
    fill_date(path)
    assert run(site, "check", rel).returncode == 0


def test_joint_issue_pdf_from_libreoffice(site: Path, converted: dict[str, Path]) -> None:
    done = run(site, "import", "--unit", "fgw", "--column", "qtwj", str(converted["lianhe.pdf"]))
    assert done.returncode == 0, done.stderr
    path, rel = article(site, done.stdout)
    text = path.read_text(encoding="utf-8")
    assert (
        "标题: 示例县发展和改革委员会 示例县财政局关于规范政府投资项目资金管理的通知\n" in text
        or "标题: 示例县发展和改革委员会示例县财政局关于规范政府投资项目资金管理的通知\n" in text
    )
    assert "发文机构: 示例县发展和改革委员会\n联合发文单位: [czj]\n" in text
    assert "成文日期: 2025-06-18\n" in text and "发文字号: 示发改发〔2025〕3号\n" in text
    assert "\n\n项目资金按工程进度拨付，不得超进度拨款。\n\n" in text
    assert "示例县发展和改革委员会\n{: .gw-luokuan }\n\n示例县财政局\n{: .gw-luokuan }" in text
    assert "表格按文字行导入" in done.stdout  # what a fixed layout cannot keep is said
    fill_date(path)
    check = run(site, "check", rel)
    assert check.returncode == 0, check.stdout
    _art, problems = parsed(site, path, "fgw")
    assert problems == []


def test_regulation_in_ofd(site: Path, converted: dict[str, Path]) -> None:
    done = run(
        site, "import", "--unit", "zfb", "--column", "gfxwj", str(converted["zhangtiao.ofd"])
    )
    assert done.returncode == 0, done.stderr
    path, rel = article(site, done.stdout)
    text = path.read_text(encoding="utf-8")
    assert "标题: 示例县人民政府关于印发《示例县政务数据共享管理办法》的通知\n" in text
    assert "发文机构: 示例县人民政府\n" in text  # the government its office publishes for
    assert "## 第一章\u3000总则 {: .gw-zhang }" in text
    assert "## 第二章\u3000共享管理 {: .gw-zhang }" in text
    assert "\n\n**第一条** 为规范政务数据共享，提高政务服务效能，制定本办法。\n\n" in text
    assert "\n\n**第四条** 本办法自2025年3月1日起施行。\n\n" in text
    fill_date(path)
    check = run(site, "check", rel)
    assert check.returncode == 0, check.stdout


@pytest.mark.parametrize(
    ("note", "why"),
    [("（此件依申请公开）", "公开方式是依申请公开"), ("（此件不予公开）", "公开方式是不予公开")],
)
def test_not_public_is_refused(site: Path, tmp_path: Path, note: str, why: str) -> None:
    src = docx(
        Gongwen(title=["示例县人民政府办公室关于内部事项的通知"], body=["内部事项。"], note=note),
        tmp_path / "in" / "x.docx",
    )
    done = run(site, "import", "--unit", "zfb", "--column", "tzgg", str(src))
    assert done.returncode == 1
    assert f"错误：{src}: 公开方式: 附注为“{note}”，{why}，不能导入网站。修改方法：" in done.stderr
    assert not list((site / "content/zfb").rglob("*.md"))


def test_secret_and_foreign_issuer_are_refused(site: Path, tmp_path: Path) -> None:
    secret = docx(
        Gongwen(title=["示例县人民政府办公室关于某事项的通知"], body=["事项。"], secret="秘密"),
        tmp_path / "a" / "secret.docx",
    )
    done = run(site, "import", "--unit", "zfb", "--column", "tzgg", str(secret))
    assert done.returncode == 1 and "文件标有密级“秘密”" in done.stderr
    other = docx(
        Gongwen(
            title=["示例县教育局关于秋季开学的通知"],
            body=["开学。"],
            orgs=["示例县教育局"],
            doc_no="示教发〔2025〕5号",
        ),
        tmp_path / "b" / "jyj.docx",
    )
    done = run(site, "import", "--unit", "zfb", "--column", "tzgg", str(other))
    assert done.returncode == 1
    assert "文件的发文机关是“示例县教育局”，不是单位 zfb（示例县人民政府办公室）" in done.stderr
    assert not list((site / "content/zfb").rglob("*.md"))


def test_dry_run_and_bad_input(site: Path, converted: dict[str, Path], tmp_path: Path) -> None:
    done = run(
        site, "import", "--unit", "zfb", "--column", "tzgg", "--dry-run", str(converted["han.doc"])
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("将创建 content/zfb/")
    assert not list((site / "content/zfb").rglob("*.md"))
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 not really")
    txt = tmp_path / "a.txt"
    txt.write_text("x", encoding="utf-8")
    done = run(site, "import", "--unit", "zfb", "--column", "tzgg", str(broken), str(txt))
    assert done.returncode == 1
    assert "不是有效的 .docx 文件" in done.stderr and "不支持导入 .txt 文件" in done.stderr
    assert "Traceback" not in done.stderr
    bad_unit = run(site, "import", "--unit", "nope", "--column", "tzgg", str(txt))
    assert bad_unit.returncode == 2 and "单位“nope”不存在" in bad_unit.stderr


def test_a_missing_libreoffice_is_a_chinese_error(site: Path, tmp_path: Path) -> None:
    """The importer shares the attachment checks' LibreOffice adapter: on a machine
    without LibreOffice a .doc is an error that says how to import it anyway."""
    doc = tmp_path / "通知.doc"
    doc.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))
    bin_dir = tmp_path / "bin"  # git, but no soffice, on the PATH
    bin_dir.mkdir()
    (bin_dir / "git").symlink_to(shutil.which("git") or "/usr/bin/git")
    missing = subprocess.run(
        [
            sys.executable,
            "-m",
            "govsite",
            "import",
            "--unit",
            "zfb",
            "--column",
            "tzgg",
            str(doc),
        ],
        cwd=site,
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PATH": str(bin_dir)},
    )
    assert missing.returncode == 1, missing.stderr
    assert "读取 .doc 文件需要 LibreOffice，本机没有安装" in missing.stderr
    assert "make system-deps" in missing.stderr and "Traceback" not in missing.stderr


@pytest.mark.slow
def test_imported_article_builds_once_dated(tmp_path: Path, converted: dict[str, Path]) -> None:
    from govsite.release.build import build_site
    from tests.site.conftest import make_site

    root = make_site(tmp_path / "site")
    done = run(root, "import", "--unit", "zfb", "--column", "gfxwj", str(converted["yaodian.docx"]))
    assert done.returncode == 0, done.stderr
    path, _rel = article(root, done.stdout)
    fill_date(path)
    result = build_site(root, root / "output", search=False)
    page = result.output / "zfb" / path.parent.name / "shizhengbanfa-2025-8.html"
    html = page.read_text(encoding="utf-8")
    assert '<p class="gw-zhusong">各苏木镇人民政府，县直各部门：</p>' in html
    assert '<p class="gw-luokuan">示例县人民政府办公室</p>' in html
    assert '<p class="gw-date">二〇二五年三月五日</p>' in html
    assert '<img alt="图1 政务公开工作流程" src="shizhengbanfa-2025-8-tu1.png"' in html
    assert "<td>政策解读</td>" in html
    assert '<a href="shizhengbanfa-2025-8-fujian1.xlsx">1. 示例县政务公开工作任务分工表</a>' in html
    assert (page.parent / "shizhengbanfa-2025-8-fujian1.xlsx").is_file()
    assert (page.parent / "shizhengbanfa-2025-8-tu1.png").is_file()


def test_appendix_printed_in_the_gongwen_becomes_a_file(site: Path, tmp_path: Path) -> None:
    """A 附件 restarts 一、: kept in the body it would be misnumbered, so it is a .docx."""
    src = docx(
        Gongwen(
            title=["示例县人民政府办公室关于印发《示例县某方案》的通知"],
            body=[
                "现将《示例县某方案》印发给你们。",
                "一、目标",
                "甲。",
                "二、措施",
                "乙。",
                "三、保障",
                "丙。",
            ],
            attachments=["示例县某方案"],
            appendix=["附件", "示例县某方案", "一、总体要求", "内容。", "二、工作任务", "内容。"],
        ),
        tmp_path / "in" / "fangan.docx",
    )
    done = run(site, "import", "--unit", "zfb", "--column", "qtwj", str(src))
    assert done.returncode == 0, done.stderr
    path, rel = article(site, done.stdout)
    assert (
        "附件“示例县某方案”印在公文正文之后，已另存为 shizhengbanfa-2025-8-fujian1.docx"
        in done.stdout
    )
    text = path.read_text(encoding="utf-8")
    assert "  - 文件: shizhengbanfa-2025-8-fujian1.docx\n    名称: 示例县某方案\n" in text
    assert "一、总体要求" not in text
    from docx import Document

    extracted = Document(str(path.parent / "shizhengbanfa-2025-8-fujian1.docx"))
    assert [p.text for p in extracted.paragraphs if p.text] == [
        "附件",
        "示例县某方案",
        "一、总体要求",
        "内容。",
        "二、工作任务",
        "内容。",
    ]
    fill_date(path)
    check = run(site, "check", rel)
    assert check.returncode == 0, check.stdout
