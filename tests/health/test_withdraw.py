"""撤稿 end to end on the sample site: withdraw → one approval → merge → publish --withdraw."""

from __future__ import annotations

import csv
import gzip
import io
import json
from pathlib import Path

import git
import pytest
from click.testing import CliRunner

from govsite.commands.publish import publish as publish_cmd
from govsite.commands.register import register
from govsite.commands.withdraw import rewrite, withdraw
from govsite.release import manifest, withdrawal
from govsite.release import publish as pub
from govsite.review import gate, records
from govsite.review.reviews import from_json
from tests.health.test_publish_git import run, site, today_for  # noqa: F401 (fixture)
from tests.review.helpers import gh
from tests.review.signers import Key

pytestmark = pytest.mark.slow

ARTICLE = "content/zfb/2025-guifanxing-wenjian-guanli.md"
PAGE = "zfb/2025-guifanxing-wenjian-guanli.html"
PDF = "zfb/shizhengbanfa-2025-8.pdf"
TITLE = "示例县人民政府办公室关于印发《示例县行政规范性文件管理办法》的通知"
REASON = "附件含未脱敏的个人信息"


def test_rewrite_keeps_the_front_matter_and_drops_body_and_attachments() -> None:
    from datetime import date

    text = "---\n标题: 通知\n附件:\n  - a.pdf\n  - b.docx\n关键词: [x]\n---\n\n泄露的正文\n"
    new, dropped = rewrite(text, "content/zfb/a.md", date(2026, 12, 3), "含个人信息")
    assert dropped == ["a.pdf", "b.docx"]
    assert new == (
        '---\n标题: 通知\n关键词: [x]\n撤稿日期: 2026-12-03\n撤稿原因: "含个人信息"\n'
        "---\n\n本信息已于 2026年12月03日 撤销。\n"
    )


def _pagefind_text(folder: Path) -> str:
    return "".join(
        gzip.decompress(p.read_bytes()).decode("utf-8", "replace")
        for p in folder.rglob("*.pf_fragment")
    )


def test_withdrawal_end_to_end(
    site: Path,  # noqa: F811
    tmp_path: Path,
    keys: tuple[Key, Key],
) -> None:
    to = tmp_path / "www"
    day = today_for(site)
    assert run(site, to, "--today", day).exit_code == 0
    live = pub.current(to)
    assert TITLE in _pagefind_text(to / "current/pagefind")
    untouched = "zfb/2024-renda-kaimu.html"
    rendered_at = (to / "current" / untouched).stat().st_mtime_ns
    repo = git.Repo(site)

    result = CliRunner().invoke(
        withdraw,
        [str(site / ARTICLE), "--reason", REASON, "--root", str(site), "--date", "2026-12-03"],
    )
    assert result.exit_code == 0, repr(result.exception)
    assert "已在分支 withdraw/2025-guifanxing-wenjian-guanli 上提交撤稿" in result.output
    head = repo.head.commit.hexsha
    base = repo.commit("main").hexsha
    text = (site / ARTICLE).read_text(encoding="utf-8")
    assert "撤稿日期: 2026-12-03" in text and "\n附件:" not in text
    assert not (site / "content" / PDF).exists()

    # One approval of the unit's 三审 (or the platform unit) is enough; a 一审 alone is not.
    alone = gate.decide(
        site, base, head, "li-bianji", from_json([gh(1, "wang-xy", "APPROVED", head, 1)])
    )
    assert not alone.mergeable and alone.withdrawal
    assert any("撤稿缺少批准，可由 sun-zr、ivan-pt" in r for r in alone.reasons)
    decision = gate.decide(
        site, base, head, "li-bianji", from_json([gh(2, "sun-zr", "APPROVED", head, 2)])
    )
    assert decision.mergeable and decision.withdrawal
    records.write(site, decision, keys[0].private, pr=12, author="li-bianji")
    repo.git.checkout("main")
    repo.git.merge("--no-ff", "withdraw/2025-guifanxing-wenjian-guanli", "-m", "Merge #12")

    result = run(site, to, "--withdraw")
    assert result.exit_code == 0, repr(result.exception)
    new = pub.current(to)
    assert new != live
    current = to / "current"
    notice = (current / PAGE).read_text(encoding="utf-8")
    assert "本信息已撤销" in notice and REASON in notice and "data-pagefind-body" not in notice
    assert not (current / PDF).exists()
    assert (to / "releases" / str(live) / PDF).exists()  # the old release is untouched
    assert TITLE not in _pagefind_text(current / "pagefind")
    assert "示例县第十八届人民代表大会第四次会议开幕" in _pagefind_text(current / "pagefind")
    feeds = [p for p in current.rglob("feed.xml")]
    assert feeds and not any(PAGE in p.read_text(encoding="utf-8") for p in feeds)
    rows = json.loads((current / "xxgk/catalogue/catalogue.json").read_text(encoding="utf-8"))
    row = next(r for r in rows["条目"] if r["网址"].endswith(PAGE))
    assert row["有效性"] == "已撤销" and row["索引号"] == "11152599MB0000011G/2025-00004"
    table = (current / "xxgk/catalogue/index.html").read_text(encoding="utf-8")
    assert "（已撤销）" in table
    conf = (to / withdrawal.NGINX).read_text(encoding="utf-8")
    assert "location = /zfb/2025-guifanxing-wenjian-guanli.html" in conf and "return 410" in conf
    assert manifest.verify(manifest.load(current / "manifest.json"), current).clean

    # The register shows the withdrawal; the audit is clean (the withdrawal was approved).
    out = tmp_path / "reports"
    result = CliRunner().invoke(register, ["--root", str(site), "--out", str(out)])
    assert result.exit_code == 0, result.output
    reg_rows = list(
        csv.DictReader(io.StringIO((out / "register.csv").read_text(encoding="utf-8-sig")))
    )
    mine = next(r for r in reg_rows if r["文件"] == ARTICLE)
    assert mine["撤稿"].startswith(f"2026-12-03 {REASON}；批准：sun-zr ")

    # A full publish afterwards gives the same withdrawn page: one site, either path.
    result = CliRunner().invoke(publish_cmd, ["--root", str(site), "--to", str(to), "--today", day])
    assert result.exit_code == 0, repr(result.exception)
    assert "本信息已撤销" in (to / "current" / PAGE).read_text(encoding="utf-8")
    assert TITLE not in _pagefind_text(to / "current/pagefind")
    # and it still reused the pages nobody touched (not rendered again: same mtime)
    assert (to / "current" / untouched).stat().st_mtime_ns == rendered_at


def test_withdraw_refuses_other_changes(
    site: Path,  # noqa: F811
    tmp_path: Path,
    keys: tuple[Key, Key],
) -> None:
    to = tmp_path / "www"
    assert run(site, to, "--no-report", "--no-search").exit_code == 0
    result = run(site, to, "--withdraw")
    assert result.exit_code == 1 and "之后没有新的撤稿" in result.exception.render()  # type: ignore[union-attr]
