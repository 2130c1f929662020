"""Loading the whole library: cross-article checks, attachments, unit folders, git dates."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from govsite.gitlog import file_dates
from govsite.library import load_library
from tests.conftest import REPO_ROOT, GitRepo, write_tree

CODE = "11152599MB0000011G"


def base_tree() -> dict[str, str | bytes | None]:
    return {
        "site.yml": (REPO_ROOT / "site.yml").read_text(encoding="utf-8"),
        "reviewers.yml": (REPO_ROOT / "reviewers.yml").read_text(encoding="utf-8"),
    }


def doc(index: str, extra: str = "", column: str = "gfxwj") -> str:
    return (
        f"---\n标题: 文件{index}\n公开日期: 2025-06-01\n成文日期: 2025-05-28\n"
        f"索引号: {CODE}/2025-{index}\n发文机构: 示例县人民政府办公室\n信息分类: 综合政务\n"
        f"有效性: 有效\n栏目: [{column}]\n{extra}---\n正文\n"
    )


def test_cross_references(tmp_path: Path) -> None:
    tree = base_tree()
    tree |= {
        "content/zfb/a.md": doc("00001"),
        "content/zfb/b.md": doc("00001"),  # duplicate 索引号
        "content/zfb/jd.md": doc("00003", f"解读对象: {CODE}/2025-00099\n", column="zcjd"),
        "content/zfb/old.md": doc("00004", f"废止文件: {CODE}/2025-00005\n"),
        "content/zfb/new.md": doc("00005"),
        "content/zfb/withatt.md": doc("00006", "附件: [表.xlsx]\n"),
        "content/nobody/x.md": doc("00007"),
    }
    write_tree(tmp_path, tree)
    lib = load_library(tmp_path)
    rendered = sorted(p.render() for p in lib.problems)
    assert rendered == sorted(
        [
            "content/zfb/b.md:5: 索引号: 索引号与 content/zfb/a.md 重复。"
            "修改方法：索引号必须全站唯一：用 govsite new 分配新的序号",
            f"content/zfb/jd.md:10: 解读对象: 解读对象 {CODE}/2025-00099 在本站找不到。"
            "修改方法：填写被解读文件的索引号，并确认该文件已在 content/ 中",
            "content/zfb/withatt.md:10: 附件: 附件“表.xlsx”不存在。"
            "修改方法：把 表.xlsx 放到 content/zfb/ 下，或从附件列表中删除",
            "content/nobody: content/nobody/ 不属于任何单位。"
            "修改方法：在 reviewers.yml 的 units 下添加单位“nobody”，或把文件移到已有单位的目录",
        ]
    )
    assert lib.links is not None
    assert [a.path for a in lib.links.repealing[f"{CODE}/2025-00005"]] == ["content/zfb/old.md"]


def test_git_dates_follow_renames(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo(base_tree() | {"content/zfb/a.md": doc("00001")})
    first = repo.repo.head.commit
    repo.repo.git.mv("content/zfb/a.md", "content/zfb/b.md")
    repo.commit({}, "move", date="2030-01-01T00:00:00+08:00")
    repo.commit(
        {"content/zfb/b.md": doc("00001", "概述: 改\n")}, "edit", date="2030-02-01T00:00:00+08:00"
    )
    dates = file_dates(repo.path)
    assert list(dates) == ["content/zfb/b.md"]
    entry = dates["content/zfb/b.md"]
    assert entry.first_commit == first.hexsha
    assert entry.last_modified.isoformat() == "2030-02-01T00:00:00+08:00"


def test_not_a_git_repository(tmp_path: Path) -> None:
    assert file_dates(tmp_path) == {}
