"""``govsite check`` end to end: exit codes, output formats, front matter, 索引号 uniqueness,
suppressions, the allowlist, --fix and --staged (in real git repositories)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from govsite.checks.base import value_hash
from tests.checks.helpers import ID

GOVSITE = [sys.executable, "-m", "govsite"]
ARTICLE = """---
标题: 关于公布补贴名单的通知
公开日期: 2025-06-01 09:00
栏目: [tzgg]
---

{body}
"""


def run(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*GOVSITE, "check", *args], cwd=cwd, capture_output=True, text=True, check=False
    )


def write(root: Path, rel: str, body: str, template: str = ARTICLE) -> Path:
    path = root / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template.format(body=body), encoding="utf-8")
    return path


@pytest.mark.slow
def test_sample_site_is_clean(sample_site: Path) -> None:
    done = run(["content/"], sample_site)
    assert done.returncode == 0, done.stdout + done.stderr


def test_id_number_is_an_error_with_chinese_message(sample_site: Path) -> None:
    write(sample_site, "content/zfb/mingdan.md", f"张三，身份证号{ID}。")
    done = run(["content/zfb/mingdan.md"], sample_site)
    assert done.returncode == 1
    assert done.stdout.splitlines()[0] == (
        "content/zfb/mingdan.md:7:8: pii.id-card: 发现未脱敏的身份证号 1525**********0519"
    )
    assert "修改方法：删除，或按规定脱敏" in done.stdout
    assert ID not in done.stdout


def test_warnings_only_exit_zero_and_json_shape(sample_site: Path) -> None:
    write(sample_site, "content/zfb/tu.md", "![](a.jpg)")
    done = run(["--format", "json", "content/zfb/tu.md"], sample_site)
    assert done.returncode == 0
    assert json.loads(done.stdout) == [
        {
            "path": "content/zfb/tu.md",
            "line": 7,
            "column": 1,
            "rule": "format.image-alt",
            "severity": "warning",
            "message": "图片缺少替代文字（无障碍要求）",
            "fix": "在 ![ ] 的方括号中写明图片内容，如 ![县政府常务会议现场](a.jpg)",
        }
    ]


def test_sarif_output(sample_site: Path) -> None:
    write(sample_site, "content/zfb/x.md", "联系人手机 13812345678")
    done = run(["--format", "sarif", "-o", "out.sarif", "content/zfb/x.md"], sample_site)
    assert done.returncode == 1
    sarif = json.loads((sample_site / "out.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    (result,) = sarif["runs"][0]["results"]
    assert result["ruleId"] == "pii.mobile"
    assert result["level"] == "error"
    assert result["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "content/zfb/x.md"},
        "region": {"startLine": 7, "startColumn": 7},
    }
    rules = sarif["runs"][0]["tool"]["driver"]["rules"]
    assert rules[result["ruleIndex"]]["id"] == "pii.mobile"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ([], "配置错误：没有指定要检查的文件"),
        (["nope.md"], "配置错误：nope.md: 文件或目录不存在"),
        (["--staged", "content/"], "配置错误：--staged 不能与路径同时使用"),
        (["--format", "xml", "content/"], "用法错误："),
    ],
)
def test_usage_errors_exit_2(sample_site: Path, args: list[str], message: str) -> None:
    done = run(args, sample_site)
    assert done.returncode == 2
    assert done.stderr.startswith(message)


def test_front_matter_index_and_doc_no(sample_site: Path) -> None:
    template = """---
标题: 关于印发某方案的通知
公开日期: 2025-06-01 09:00
成文日期: 2025-05-28
索引号: {index}
发文字号: 示政办发[2025]8号
发文机构: 示例县人民政府办公室
信息分类: 综合政务
栏目: [qtwj]
有效性: 有效
公开方式: 不予公开（涉及个人隐私）
来源: 县政府
---

正文。
"""
    path = sample_site / "content/zfb/fangan.md"
    path.write_text(template.format(index="11152599MB0000020E/2025-00001"), encoding="utf-8")
    done = run(["--format", "json", "content/zfb/fangan.md"], sample_site)
    found = {(f["rule"], f["line"]) for f in json.loads(done.stdout)}
    assert found == {
        ("format.index-no", 5),  # prefix is another unit's credit code
        ("format.doc-no", 6),
        ("format.front-matter", 12),  # unknown key 来源
        ("secret.not-for-publication", 11),
    }


def test_index_number_unique_across_the_repository(sample_site: Path) -> None:
    existing = next(
        p
        for p in sorted((sample_site / "content/zfb").glob("*.md"))
        if "索引号:" in p.read_text(encoding="utf-8")
    )
    index = next(
        line.split(":", 1)[1].strip()
        for line in existing.read_text(encoding="utf-8").splitlines()
        if line.startswith("索引号:")
    )
    text = existing.read_text(encoding="utf-8").replace("标题:", "标题: 副本", 1)
    (sample_site / "content/zfb/0000-copy.md").write_text(text, encoding="utf-8")
    done = run(["--format", "json", "content/zfb/0000-copy.md"], sample_site)
    dups = [f for f in json.loads(done.stdout) if f["rule"] == "format.index-no"]
    rel = existing.relative_to(sample_site).as_posix()
    assert [d["message"] for d in dups] == [f"索引号与 {rel} 重复"], index


def test_inline_suppression_needs_a_reason_and_can_be_disallowed(sample_site: Path) -> None:
    body = (
        "<!-- govsite: allow pii.mobile 县应急局值班手机，经保密办审核同意公开 -->\n"
        "值班手机：13812345678\n"
        "<!-- govsite: allow pii.mobile -->\n"
        "值班手机：13912345678"
    )
    write(sample_site, "content/zfb/zhiban.md", body)
    done = run(["--format", "json", "content/zfb/zhiban.md"], sample_site)
    assert [(f["rule"], f["line"]) for f in json.loads(done.stdout)] == [
        ("suppress.invalid", 9),
        ("pii.mobile", 10),
    ]
    done = run(["--format", "json", "--no-inline-allow", "content/zfb/zhiban.md"], sample_site)
    assert [(f["rule"], f["line"]) for f in json.loads(done.stdout)] == [
        ("pii.mobile", 8),
        ("suppress.invalid", 9),
        ("pii.mobile", 10),
    ]


def test_allowlist_by_hash_never_the_value(sample_site: Path) -> None:
    write(sample_site, "content/zfb/zhiban.md", "值班手机：13812345678")
    digest = value_hash("pii.mobile", "138-1234-5678")
    (sample_site / "hooks").mkdir(exist_ok=True)
    (sample_site / "hooks/allowlist.yml").write_text(
        f"- 规则: pii.mobile\n  哈希: {digest}\n  理由: 值班手机，经审核\n  路径: content/zfb/**\n",
        encoding="utf-8",
    )
    assert run(["content/zfb/zhiban.md"], sample_site).returncode == 0
    assert "13812345678" not in (sample_site / "hooks/allowlist.yml").read_text(encoding="utf-8")
    write(sample_site, "content/czj/zhiban.md", "值班手机：13812345678")
    assert run(["content/czj/zhiban.md"], sample_site).returncode == 1  # outside 路径


def test_bad_allowlist_is_a_configuration_error(sample_site: Path) -> None:
    write(sample_site, "content/zfb/a.md", "正文。")
    (sample_site / "hooks").mkdir(exist_ok=True)
    (sample_site / "hooks/allowlist.yml").write_text(
        "- 规则: pii.mobile\n  哈希: 13812345678\n", encoding="utf-8"
    )
    done = run(["content/zfb/a.md"], sample_site)
    assert done.returncode == 2
    assert "例外条目须有“规则”“哈希”（64 位十六进制）和“理由”" in done.stderr


def test_fix_rewrites_punctuation_in_place(sample_site: Path) -> None:
    path = write(sample_site, "content/zfb/fix.md", "数据如下,请查收...")
    done = run(["--fix", "content/zfb/fix.md"], sample_site)
    assert done.returncode == 0, done.stdout
    assert path.read_text(encoding="utf-8").endswith("\n数据如下，请查收……\n")


def test_hooks_word_lists_are_tuned_by_the_platform(sample_site: Path) -> None:
    write(sample_site, "content/zfb/a.md", "欢迎访问 www.example-partner.com 了解详情。")
    assert run(["content/zfb/a.md"], sample_site).returncode == 1
    # The site has no link-allowlist.txt of its own: it copies the built-in one and adds to it.
    from govsite.checks.wordlists import BUILTIN

    assert not (sample_site / "hooks/link-allowlist.txt").exists()
    default = BUILTIN.joinpath("link-allowlist.txt").read_text(encoding="utf-8")
    (sample_site / "hooks/link-allowlist.txt").write_text(
        default + "example-partner.com\n", encoding="utf-8"
    )
    assert run(["content/zfb/a.md"], sample_site).returncode == 0


def test_staged_checks_added_lines_and_staged_blobs(
    git_repo: Callable[..., object], sample_site: Path
) -> None:
    repo = git_repo(
        {
            "site.yml": (sample_site / "site.yml").read_text(encoding="utf-8"),
            "reviewers.yml": (sample_site / "reviewers.yml").read_text(encoding="utf-8"),
            "content/zfb/a.md": ARTICLE.format(body="旧行：值班手机 13812345678"),
        }
    )
    root: Path = repo.path  # type: ignore[attr-defined]
    git = repo.repo.git  # type: ignore[attr-defined]
    write(root, "content/zfb/a.md", "旧行：值班手机 13812345678\n新行：正文。")
    git.add("-A")
    assert run(["--staged"], root).returncode == 0  # the old line is not re-reported
    write(root, "content/zfb/a.md", f"旧行：值班手机 13812345678\n新行：身份证{ID}")
    git.add("-A")
    write(root, "content/zfb/a.md", "已在工作区删除，但暂存区仍有")
    done = run(["--staged"], root)
    assert done.returncode == 1
    assert done.stdout.startswith("content/zfb/a.md:8:7: pii.id-card:")


def test_parallel_run_reports_what_a_serial_run_reports(
    sample_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from govsite.checks import runner

    write(sample_site, "content/zfb/mingdan.md", f"张三，身份证号{ID}。")
    existing = next(
        p
        for p in sorted((sample_site / "content/zfb").glob("*.md"))
        if "索引号:" in p.read_text(encoding="utf-8")
    )
    (sample_site / "content/zfb/0000-copy.md").write_text(
        existing.read_text(encoding="utf-8"), encoding="utf-8"
    )
    monkeypatch.chdir(sample_site)
    serial = runner.check_paths(["content/"])
    monkeypatch.setattr(runner, "PARALLEL_MIN", 1)
    monkeypatch.setattr(runner.os, "cpu_count", lambda: 2)
    assert runner.check_paths(["content/"]) == serial
    assert {f.rule for f in serial} >= {"pii.id-card", "format.index-no"}


def test_every_rule_is_documented() -> None:
    from govsite.checks.base import RULES
    from tests.conftest import REPO_ROOT

    docs = (REPO_ROOT / "docs" / "保密审查与三校.md").read_text(encoding="utf-8")
    assert [r for r in RULES if f"**{r} " not in docs] == []


def test_missing_attachment_is_a_front_matter_error(sample_site: Path) -> None:
    template = ARTICLE.replace("栏目: [tzgg]\n", "栏目: [tzgg]\n附件: [名单.xlsx]\n")
    write(sample_site, "content/zfb/fujian.md", "见附件。", template)
    done = run(["--format", "json", "content/zfb/fujian.md"], sample_site)
    assert [(f["rule"], f["line"], f["message"]) for f in json.loads(done.stdout)] == [
        ("format.front-matter", 5, "附件“名单.xlsx”不存在")
    ]


def test_staged_ignores_files_outside_content(git_repo: Callable[..., object]) -> None:
    repo = git_repo({"README.md": "# 说明\n"})
    root: Path = repo.path  # type: ignore[attr-defined]
    (root / "notes.md").write_text(f"身份证号 {ID}\n", encoding="utf-8")
    repo.repo.git.add("-A")  # type: ignore[attr-defined]
    done = run(["--staged"], root)
    assert (done.returncode, done.stdout) == (0, "未发现问题。\n")


def test_staged_attachment_is_read_from_the_index(git_repo: Callable[..., object]) -> None:
    from tests.checks.test_attachments import xlsx

    def hidden_ids(wb: object) -> None:
        wb.active.append(["姓名", "补贴"])  # type: ignore[attr-defined]
        sheet = wb.create_sheet("底稿")  # type: ignore[attr-defined]
        sheet.append(["张三", ID])
        sheet.sheet_state = "veryHidden"

    def clean(wb: object) -> None:
        wb.active.append(["姓名", "补贴"])  # type: ignore[attr-defined]

    repo = git_repo({"README.md": "# 说明\n"})
    root: Path = repo.path  # type: ignore[attr-defined]
    book = root / "content/zfb/mingdan.xlsx"
    book.parent.mkdir(parents=True)
    book.write_bytes(xlsx(hidden_ids))
    repo.repo.git.add("-A")  # type: ignore[attr-defined]
    book.write_bytes(xlsx(clean))  # the working tree is clean, the index is not
    done = run(["--staged", "--format", "json"], root)
    assert done.returncode == 1
    assert {(f["rule"], f.get("location")) for f in json.loads(done.stdout)} == {
        ("attach.hidden-content", "底稿!A1"),
        ("pii.id-card", "底稿!B1"),
    }


def test_missing_hooks_file_is_a_configuration_error(
    sample_site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A site without typos.txt uses the built-in one; an install without it fails closed.
    from govsite.checks import wordlists
    from govsite.errors import ConfigError

    assert not (sample_site / "hooks" / "typos.txt").exists()
    wordlists.load.cache_clear()
    assert wordlists.load(str(sample_site / "hooks")).typos["扫黑险恶"] == "扫黑除恶"
    monkeypatch.setattr(wordlists, "BUILTIN", sample_site / "no-defaults")
    wordlists.load.cache_clear()
    with pytest.raises(ConfigError) as err:
        wordlists.load(str(sample_site / "hooks"))
    assert err.value.problems[0].message == "找不到规则数据文件 prohibited.txt"
    wordlists.load.cache_clear()
