"""The register and the audit on articles landed each way (merge, squash, rebase, fast-forward)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from pathlib import Path

from click.testing import CliRunner

from govsite.commands.register import register
from govsite.review import audit, records
from govsite.review import register as reg
from govsite.review.reviews import from_json
from tests.conftest import GitRepo
from tests.health.test_register_integrity import article, base_tree
from tests.review import landing
from tests.review.helpers import gh
from tests.review.signers import Key

NAMES = "names:\n  sun-zr: 孙主任\n  erin-xz: 闫县长\n"


def _approve(
    repo: GitRepo, base: str, head: str, key: Key, pr: int, extra: tuple[tuple[str, int], ...] = ()
) -> None:
    reviews = [
        gh(pr * 10 + i, who, "APPROVED", head, i + 1)
        for i, who in enumerate(("wang-xy", "zhao-fg", "sun-zr"))
    ]
    reviews += [
        gh(pr * 10 + 5 + i, who, "APPROVED", head, minute) for i, (who, minute) in enumerate(extra)
    ]
    from govsite.review import gate

    decision = gate.decide(repo.path, base, head, "li-bianji", from_json(reviews))
    assert decision.mergeable, decision.reasons
    records.write(repo.path, decision, key.private, pr=pr, author="li-bianji")


def test_register_and_audit_for_each_merge_method(
    git_repo: Callable[..., GitRepo], keys: tuple[Key, Key], tmp_path: Path
) -> None:
    key = keys[0]
    tree = base_tree()
    tree["reviewers.yml"] = str(tree["reviewers.yml"]) + NAMES
    tree["hooks/gate-signers"] = key.signers()
    repo = git_repo(tree)
    repo.repo.git.tag("govsite-baseline")

    base, head = landing.open_pr(
        repo, "ff", {"content/zfb/ff.md": article("快进的通知", "2026-12-01 10:00")}
    )
    _approve(repo, base, head, key, 1)
    landing.land(repo, "ff", "ff", 1)
    heads = {}
    for pr, method in ((2, "merge"), (3, "squash"), (4, "rebase")):
        text = article(f"{method}的通知", "2026-12-01 10:00")
        extra: tuple[tuple[str, int], ...] = ()
        if method == "merge":  # 重大 and jointly issued: the leader and fgw's 三审 sign too
            text = text.replace("栏目:", "重要程度: 重大\n联合发文单位: [fgw]\n栏目:")
            extra = (("erin-xz", 20), ("zheng-zr", 21))
        base, heads[method] = landing.open_pr(repo, method, {f"content/zfb/{method}.md": text})
        _approve(repo, base, heads[method], key, pr, extra)
    for pr, method in ((2, "merge"), (3, "squash"), (4, "rebase")):  # main moves on each time
        landing.land(repo, method, method, pr)

    checked = audit.audit(repo.path, "main")
    assert checked.uncovered == []
    assert {p: r.pr for p, r in checked.covered.items() if p.startswith("content/zfb/")} == {
        "content/zfb/ff.md": 1,
        "content/zfb/merge.md": 2,
        "content/zfb/squash.md": 3,
        "content/zfb/rebase.md": 4,
    }

    out = tmp_path / "reports"
    result = CliRunner().invoke(
        register, ["--root", str(repo.path), "--out", str(out), "--rev", "main"]
    )
    assert result.exit_code == 0, result.output or repr(result.exception)
    assert "其中 0 篇无有效审批记录" in result.output
    rows = {
        r[16]: dict(zip(reg.HEADERS, r, strict=True))
        for r in csv.reader(io.StringIO((out / "register.csv").read_text(encoding="utf-8-sig")))
    }
    method_of = {
        p: rows[f"content/zfb/{p}.md"]["合并方式"] for p in ("ff", "merge", "squash", "rebase")
    }
    assert method_of == {
        "ff": reg.FAST_FORWARD,
        "merge": reg.MERGE,
        "squash": reg.SQUASH,
        "rebase": reg.REBASE,
    }
    merged = rows["content/zfb/merge.md"]
    assert merged["一审"].startswith("wang-xy 2026-03-01 16:01")
    assert merged["三审"].startswith("孙主任（sun-zr） ")
    assert merged["领导签发"].startswith("闫县长（erin-xz） ")
    assert merged["联合发文"].startswith("示例县发展和改革委员会：zheng-zr ")
    assert merged["合并人"] == "孙合并 <sun@example.gov.cn>"
    assert merged["作者"] == "li-bianji（李编辑 <li@example.gov.cn>）"
    assert merged["审批记录"].startswith("PR #2（门禁 ")
    assert len(merged["合并提交"]) == reg.SHORT
    assert rows["content/zfb/squash.md"]["合并人"] == "孙合并 <sun@example.gov.cn>"
    assert rows["content/zfb/ff.md"]["合并提交"] == head[: reg.SHORT]  # the PR head itself
    page = (out / "register.html").read_text(encoding="utf-8")
    assert "<td>压缩合并</td>" in page and 'class="missing"' not in page

    # An edit straight on main: the register and the audit both say so.
    repo.commit(
        {"content/zfb/squash.md": article("squash的通知（改）", "2026-12-01 10:00")}, "direct edit"
    )
    result = CliRunner().invoke(register, ["--root", str(repo.path), "--out", str(out)])
    assert "其中 1 篇无有效审批记录" in result.output
    assert [u.path for u in audit.audit(repo.path, "main").uncovered] == ["content/zfb/squash.md"]
