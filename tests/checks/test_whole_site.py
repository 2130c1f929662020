"""What the editor and the nightly job see: an article brings its attachments, the hook
prints warnings when it passes, ``check --all`` re-scans the site through its cache,
and findings in published content reach the health report (SEC-15)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from govsite.checks.base import Finding
from govsite.health.findings import VETO, WARN
from govsite.health.published import published_files, to_health
from govsite.model.article import Article
from tests.checks import attachment_files as af
from tests.checks.helpers import ID
from tests.checks.test_attachments import xlsx
from tests.conftest import REPO_ROOT

GOVSITE = [sys.executable, "-m", "govsite"]
BIN = Path(sys.executable).parent
ARTICLE = """---
标题: 关于公布补贴名单的通知
公开日期: 2025-06-01 09:00
栏目: [tzgg]
附件: [{attachment}]
---

{body}
"""


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*GOVSITE, "check", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def id_book() -> bytes:
    def build(wb: object) -> None:
        ws = wb.active  # type: ignore[attr-defined]
        ws.title = "Sheet1"
        ws.append(["姓名", "身份证号"])
        ws.append(["张三", ID])

    return xlsx(build)


def test_checking_an_article_checks_the_attachments_it_lists(sample_site: Path) -> None:
    folder = sample_site / "content" / "zfb"
    (folder / "butie.md").write_text(
        ARTICLE.format(attachment="mingdan.xlsx", body="名单见附件。"), encoding="utf-8"
    )
    (folder / "mingdan.xlsx").write_bytes(id_book())
    done = run(["content/zfb/butie.md"], sample_site)
    assert done.returncode == 1
    assert "content/zfb/mingdan.xlsx:Sheet1!B2:1:1: pii.id-card" in done.stdout
    # Given both, the attachment is checked once.
    done = run(["content/zfb/butie.md", "content/zfb/mingdan.xlsx"], sample_site)
    assert done.stdout.count("pii.id-card") == 1


def test_check_all_rescans_through_the_cache(sample_site: Path) -> None:
    folder = sample_site / "content" / "zfb"
    (folder / "butie.md").write_text(
        ARTICLE.format(attachment="mingdan.xlsx", body="名单见附件。"), encoding="utf-8"
    )
    (folder / "mingdan.xlsx").write_bytes(id_book())
    cold = run(["--all", "--format", "json"], sample_site)
    assert cold.returncode == 1, cold.stderr
    first = json.loads(cold.stdout)
    assert [(f["path"], f["location"], f["rule"]) for f in first] == [
        ("content/zfb/mingdan.xlsx", "Sheet1!B2", "pii.id-card")
    ]
    assert "，0 个未改动" in cold.stderr
    warm = run(["--all", "--format", "json"], sample_site)
    assert json.loads(warm.stdout) == first
    assert "，0 个重新检查" in warm.stderr
    # A changed file is read again; unchanged ones are not.
    (folder / "mingdan.xlsx").write_bytes(xlsx(lambda wb: wb.active.append(["张*"])))  # type: ignore[attr-defined]
    done = run(["--all"], sample_site)
    assert done.returncode == 0, done.stdout
    assert "，1 个重新检查" in done.stderr
    # New rules (hooks/ changed) re-check everything.
    with open(sample_site / "hooks" / "prohibited.txt", "a", encoding="utf-8") as fh:
        fh.write("\n补贴名单见附件\n")
    done = run(["--all"], sample_site)
    assert "，0 个未改动" in done.stderr


def test_a_cache_written_by_someone_else_is_not_believed(sample_site: Path) -> None:
    """A check.json committed into the site (or forged) must not make CI pass a file."""
    (sample_site / "content" / "zfb" / "mingdan.xlsx").write_bytes(id_book())
    assert run(["--all"], sample_site).returncode == 1
    cache = sample_site / ".govsite-cache" / "check.json"
    mac, body = cache.read_bytes().split(b"\n", 1)
    data = json.loads(body)
    for entry in data["entries"].values():
        entry["findings"] = []
    cache.write_bytes(mac + b"\n" + json.dumps(data).encode())
    done = run(["--all"], sample_site)
    assert done.returncode == 1 and "pii.id-card" in done.stdout


def test_check_all_outside_a_site_and_with_paths_is_a_usage_error(tmp_path: Path) -> None:
    assert run(["--all"], tmp_path).returncode == 2
    assert "--all 不能与路径" in run(["--all", "content"], tmp_path).stderr


def _article(path: str, attachments: tuple[str, ...] = ()) -> Article:
    from datetime import datetime

    return Article(
        path=path,
        unit="zfb",
        stem="x",
        title="t",
        published=datetime(2025, 1, 1),
        columns=(),
        issuer="",
        attachments=attachments,
    )


@pytest.mark.parametrize(
    ("finding", "expected"),
    [
        (
            Finding(
                "pii.id-card",
                "content/zfb/mingdan.xlsx",
                1,
                1,
                "发现未脱敏的身份证号",
                location="Sheet1!B2",
            ),
            ("SEC-15", VETO, "content/zfb/mingdan.xlsx:Sheet1!B2", None),
        ),
        (
            Finding("attach.unreadable", "content/zfb/scan.pdf", 1, 1, "无法读取：…"),
            ("SEC-15", VETO, "content/zfb/scan.pdf", 1),
        ),
        (
            Finding("secret.draft", "content/zfb/a.md", 9, 1, "“讨论稿”是过程性信息"),
            ("SEC-15", WARN, "content/zfb/a.md", 9),
        ),
        (Finding("format.punctuation", "content/zfb/a.md", 9, 1, "标点"), None),
        (Finding("pii.mobile", "content/zfb/draft.md", 7, 1, "手机号"), None),  # not published
    ],
)
def test_findings_in_published_content_become_sec_15(
    finding: Finding, expected: tuple[str, str, str, int | None] | None
) -> None:
    published = published_files([_article("content/zfb/a.md", ("mingdan.xlsx", "scan.pdf"))])
    got = [(f.rule, f.level, f.path, f.line) for f in to_health([finding], published)]
    assert got == ([expected] if expected else [])


@pytest.mark.slow
def test_nightly_collect_reports_a_published_id_list_as_veto(sample_site: Path) -> None:
    from datetime import date

    from govsite.health.collect import collect

    folder = sample_site / "content" / "zfb"
    (folder / "butie.md").write_text(
        ARTICLE.format(attachment="mingdan.xlsx", body="名单见附件。"), encoding="utf-8"
    )
    (folder / "mingdan.xlsx").write_bytes(id_book())
    report = collect(sample_site, date(2026, 1, 5))
    sec = [(f.level, f.path) for f in report.findings if f.rule == "SEC-15"]
    assert sec == [(VETO, "content/zfb/mingdan.xlsx:Sheet1!B2")]


# pre-commit --------------------------------------------------------------------------


def _hook_repo(git_repo: Callable[..., object]) -> object:
    """A site whose pre-commit config uses the govsite-check hook exactly as
    .pre-commit-hooks.yaml defines it (entry pointed at this virtualenv)."""
    [hook] = [
        h
        for h in yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
        if h["id"] == "govsite-check"
    ]
    hook = {**hook, "entry": f"{BIN / 'govsite'} check", "language": "system"}
    config = yaml.safe_dump({"repos": [{"repo": "local", "hooks": [hook]}]}, allow_unicode=True)
    tree: dict[str, str | bytes | None] = {
        name: (REPO_ROOT / name).read_text(encoding="utf-8")
        for name in ("site.yml", "reviewers.yml")
    }
    tree[".pre-commit-config.yaml"] = config
    repo = git_repo(tree)
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run(
        [BIN / "pre-commit", "install"],
        cwd=repo.path,  # type: ignore[attr-defined]
        check=True,
        capture_output=True,
        env=env,
    )
    return repo


@pytest.mark.slow
def test_the_hook_shows_warnings_when_it_passes(git_repo: Callable[..., object]) -> None:
    from tests.checks.test_precommit import ARTICLE as PLAIN
    from tests.checks.test_precommit import commit

    repo = _hook_repo(git_repo)
    done = commit(repo, {"content/zfb/yijian.md": PLAIN.format(body="本文件为讨论稿，请提意见。")})
    assert done.returncode == 0, done.stdout
    assert "Passed" in done.stdout
    assert "secret.draft: [警告] “讨论稿”是过程性信息" in done.stdout


@pytest.mark.slow
@pytest.mark.xdist_group("attach-ocr")
def test_the_hook_refuses_a_photo_of_an_id_list(git_repo: Callable[..., object]) -> None:
    from tests.checks.test_precommit import commit

    repo = _hook_repo(git_repo)
    photo = af.image_bytes(af.scan(af.ID_LIST, dpi=200, angle=2, seed=7), "JPEG", quality=75)
    done = commit(repo, {"content/zfb/mingdan.jpg": photo})
    assert done.returncode != 0
    assert re.search(
        r"content/zfb/mingdan\.jpg（图像识别）第2行:1:\d+: pii\.id-card: ", done.stdout
    ), done.stdout
    assert "Failed" in done.stdout


def test_an_unread_attachment_cannot_be_turned_into_a_warning(sample_site: Path) -> None:
    (sample_site / "hooks").mkdir(exist_ok=True)
    (sample_site / "hooks" / "levels.yml").write_text("attach.unread: 警告\n", encoding="utf-8")
    (sample_site / "content" / "zfb" / "tuzhi.dwg").write_bytes(b"AC1032")
    done = run(["content/zfb/tuzhi.dwg"], sample_site)
    assert done.returncode == 2
    assert "attach.unread 不能设为警告" in done.stdout + done.stderr
