"""The Nu HTML Checker (npm vnu-jar on the installed Java) on one page of each template."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests.browser.conftest import DEPS_HINT, VNU_JAR, require_file

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]


def run_vnu(files: list[Path]) -> list[dict[str, object]]:
    """Errors reported by vnu for ``files`` (the JSON report goes to stderr)."""
    java = shutil.which("java")
    if java is None:
        pytest.fail(f"找不到 java（Nu HTML Checker 需要 Java 17）。{DEPS_HINT}。", pytrace=False)
    require_file(VNU_JAR, "Nu HTML Checker（vnu.jar）")
    proc = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", "--errors-only", *map(str, files)],
        capture_output=True,
        text=True,
        timeout=180,
        check=False,
    )
    try:
        report = json.loads(proc.stderr or proc.stdout)
    except json.JSONDecodeError:
        pytest.fail(
            f"vnu.jar 没有输出 JSON 报告（退出码 {proc.returncode}）：\n{proc.stderr[-2000:]}",
            pytrace=False,
        )
    messages: list[dict[str, object]] = report["messages"]
    return [m for m in messages if m.get("type") in ("error", "non-document-error")]


def describe(message: dict[str, object], output: Path) -> str:
    url = str(message.get("url", ""))
    path = Path(unquote(urlsplit(url).path))
    where = path.relative_to(output).as_posix() if path.is_relative_to(output) else url
    extract = str(message.get("extract", "")).replace("\n", " ")
    return (
        f"{where}:{message.get('lastLine', '?')}:{message.get('lastColumn', '?')}: "
        f"{message.get('message')}\n    {extract}"
    )


def test_sample_pages_have_no_html_errors(built_site: Path, sample_pages: dict[str, str]) -> None:
    files = [built_site / rel for rel in sample_pages.values()]
    errors = run_vnu(files)
    assert not errors, (
        f"Nu HTML Checker 在样本页面中发现 {len(errors)} 个错误"
        "（修改 theme/templates 中对应模板）：\n"
        + "\n".join(describe(m, built_site) for m in errors)
    )


def test_checker_reports_real_errors(tmp_path: Path) -> None:
    """The checker really runs: a broken page must produce errors (guards a silent pass)."""
    broken = tmp_path / "broken.html"
    broken.write_text(
        '<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8">'
        "</head><body><p><div>未闭合</p></body></html>",
        encoding="utf-8",
    )
    errors = run_vnu([broken])
    assert any("title" in str(m.get("message", "")) for m in errors), errors
