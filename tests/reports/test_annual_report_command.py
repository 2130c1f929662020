"""`govsite annual-report` on a copy of the sample site: tables, draft, errors, similarity."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from govsite.commands.annual_report import annual_report
from govsite.config import reviewers, site
from govsite.errors import GovsiteError
from govsite.model.article import parse_article
from tests.conftest import REPO_ROOT

FILES = ("site.yml", "reviewers.yml", "content", "data", "hooks")


@pytest.fixture
def root(tmp_path: Path) -> Path:
    out = tmp_path / "site"
    out.mkdir()
    for name in FILES:
        src = REPO_ROOT / name
        if src.is_dir():
            shutil.copytree(src, out / name)
        else:
            shutil.copy2(src, out / name)
    return out


def run(root: Path, *args: str) -> tuple[int, str]:
    result = CliRunner().invoke(annual_report, ["--root", str(root), *args])
    if isinstance(result.exception, GovsiteError):  # as govsite.error_handler prints it
        return result.exception.exit_code, result.output + result.exception.render()
    if result.exception and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.output


def table(path: Path) -> dict[tuple[str, str], str]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return {(r["项目"], r["列"]): r["数值"] for r in csv.DictReader(fh)}


def test_unit_report_on_the_sample(root: Path) -> None:
    code, out = run(root, "--year", "2025", "--unit", "zfb")
    assert code == 0, out
    folder = root / "reports/annual-report/2025"
    t = table(folder / "zfb.csv")
    # counted from the library: 示政办规〔2025〕1号 issued; it and 〔2024〕2号 in force at year end
    assert t[("行政规范性文件", "本年制发件数")] == "1"
    assert t[("行政规范性文件", "本年废止件数")] == "0"
    assert t[("行政规范性文件", "现行有效件数")] == "2"
    assert t[("规章", "现行有效件数")] == "0"
    assert t[("行政许可", "本年处理决定数量")] == "3862"
    assert t[("一、本年新收政府信息公开申请数量", "总计")] == "27"
    assert t[("（七）总计", "自然人")] == "23"
    data = json.loads((folder / "zfb.json").read_text(encoding="utf-8"))
    # 31 January 2026 is a Saturday: the due date moves to the next working day
    assert data["发布期限"] == "2026年2月2日"
    text = (folder / "zfb.md").read_text(encoding="utf-8")
    for heading in (
        "## 一、总体情况",
        "## 六、其他需要报告的事项",
        "| 行政规范性文件 | 1 | 0 | 2 |",
    ):
        assert heading in text
    cfg, policy = site.load(root), reviewers.load(root / "reviewers.yml")
    article, problems = parse_article(
        text, "content/zfb/2026/draft.md", unit=policy.units["zfb"], rules=cfg.rules(policy.units)
    )
    assert problems == [] and article is not None  # the draft goes through the gate as it is
    assert article.title == "示例县人民政府办公室2025年政府信息公开工作年度报告"


def test_county_report_adds_every_unit(root: Path) -> None:
    code, out = run(root, "--year", "2025")
    assert code == 0, out
    t = table(root / "reports/annual-report/2025/全县.csv")
    # zfb 27 + fgw 3 + czj 2 + jyj 4
    assert t[("一、本年新收政府信息公开申请数量", "总计")] == "36"
    assert t[("行政许可", "本年处理决定数量")] == "4030"  # 3862 + 126 + 0 + 42
    assert "3月31日" in out


def test_arithmetic_error_blocks_with_key_path(root: Path) -> None:
    path = root / "data/依申请公开/2025/zfb.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("结转下年度继续办理: {自然人: 1}", "结转下年度继续办理: {自然人: 3}"),
        encoding="utf-8",
    )
    code, out = run(root, "--year", "2025", "--unit", "zfb")
    assert code == 1
    assert "data/依申请公开/2025/zfb.yml:27: 申请情况.结转下年度继续办理.自然人" in out
    assert not (root / "reports/annual-report/2025/zfb.csv").exists()
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "govsite",
            "annual-report",
            "--year",
            "2025",
            "--unit",
            "zfb",
            "--root",
            str(root),
        ],
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 1 and "结转下年度继续办理.自然人" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_carry_over_checked_against_last_year(root: Path) -> None:
    path = root / "data/依申请公开/2024/zfb.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("结转下年度继续办理: {自然人: 1}", "结转下年度继续办理: {自然人: 0}")
        .replace("总计: {自然人: 18, 商业企业: 2}", "总计: {自然人: 18, 商业企业: 2}")
        .replace("本年新收: {自然人: 19", "本年新收: {自然人: 18"),
        encoding="utf-8",
    )
    code, out = run(root, "--year", "2025", "--unit", "zfb")
    assert code == 1
    assert "申请情况.上年结转.自然人: 上年结转 1 不等于 2024 年报告的结转下年度继续办理 0" in out


def test_missing_data_file(root: Path) -> None:
    (root / "data/依申请公开/2025/jyj.yml").unlink()
    code, out = run(root, "--year", "2025", "--unit", "jyj")
    assert code == 1
    assert "找不到 jyj 的 2025 年依申请公开数据文件" in out and "docs/年度报告.md" in out


def test_copied_overview_is_a_warning(root: Path) -> None:
    last = (root / "content/zfb/2025-gongkai-niandu-baogao-2024.md").read_text(encoding="utf-8")
    this = root / "content/zfb/2026-gongkai-niandu-baogao-2025.md"
    head, _sep, _rest = this.read_text(encoding="utf-8").partition("\n---\n")
    body = last.split("\n---\n", 1)[1].replace("2024年", "2025年")
    this.write_text(head + "\n---\n" + body, encoding="utf-8")
    result = CliRunner().invoke(annual_report, ["--root", str(root), "--year", "2025"])
    assert result.exit_code == 0, result.output
    assert (
        "总体情况第 1 段" in result.output
        and "2025-gongkai-niandu-baogao-2024.md 第 1 段" in result.output
        and "内容雷同" in result.output
    )


def test_unknown_unit(root: Path) -> None:
    code, out = run(root, "--year", "2025", "--unit", "nope")
    assert code == 2 and "单位“nope”不存在" in out
