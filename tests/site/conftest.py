"""A small site of our own (not the sample content, which others are writing) in a git repo."""

from __future__ import annotations

import shutil
from pathlib import Path

import git
import pytest

from tests.conftest import REPO_ROOT, write_tree

ZFB = "11152599MB0000011G"
FGW = "11152599MB0000020E"


def doc(
    title: str,
    index: str,
    *,
    code: str = ZFB,
    column: str = "gfxwj",
    issuer: str = "示例县人民政府办公室",
    published: str = "2025-06-01 09:30",
    extra: str = "",
    body: str = "正文。",
) -> str:
    return (
        f"---\n标题: {title}\n公开日期: {published}\n成文日期: {published[:10]}\n"
        f"索引号: {code}/{published[:4]}-{index}\n发文机构: {issuer}\n信息分类: 综合政务\n"
        f"有效性: 有效\n"
        f"栏目: [{column}]\n{extra}---\n\n{body}\n"
    )


def news(title: str, published: str, column: str = "zwyw", extra: str = "") -> str:
    return (
        f"---\n标题: {title}\n公开日期: {published}\n栏目: [{column}]\n{extra}---\n\n"
        f"{title}的正文。\n"
    )


def site_tree() -> dict[str, str | bytes | None]:
    tree: dict[str, str | bytes | None] = {
        "site.yml": (REPO_ROOT / "site.yml").read_text(encoding="utf-8"),
        "reviewers.yml": (REPO_ROOT / "reviewers.yml").read_text(encoding="utf-8"),
        "pelicanconf.py": (REPO_ROOT / "pelicanconf.py").read_text(encoding="utf-8"),
        "publishconf.py": (REPO_ROOT / "publishconf.py").read_text(encoding="utf-8"),
        "content/zfb/gfwj.md": doc(
            "示例县行政规范性文件管理办法",
            "00001",
            extra="发文字号: 示政办发〔2025〕8号\n附件: [banfa.pdf]\n",
            body="为规范行政规范性文件管理，制定本办法。",
        ),
        "content/zfb/gfwj-jd.md": doc(
            "《示例县行政规范性文件管理办法》政策解读",
            "00002",
            column="zcjd",
            published="2025-06-02 10:00",
            extra=f"解读对象: {ZFB}/2025-00001\n",
        ),
        "content/zfb/old.md": doc(
            "示例县旧管理办法",
            "00003",
            published="2024-03-01 09:00",
            extra=f"发文字号: 示政办发〔2024〕2号\n废止日期: 2025-06-01\n"
            f"废止文件: {ZFB}/2025-00001\n",
        ).replace("有效性: 有效", "有效性: 废止"),
        "content/zfb/banfa.pdf": b"%PDF-1.4\n" + b"0" * 2000,
        "content/fgw/plan.md": doc(
            "示例县十四五规划中期评估",
            "00001",
            code=FGW,
            column="ghjh",
            issuer="示例县发展和改革委员会",
            published="2024-09-01 08:00",
        ),
        "content/pages/xxgkzn.md": (
            "---\n标题: 示例县人民政府信息公开指南\n更新日期: 2025-01-02\n---\n\n指南正文。\n"
        ),
    }
    for i in range(1, 26):
        tree[f"content/zfb/news-{i:02d}.md"] = news(
            f"县政府召开第{i}次常务会议", f"2025-07-{i:02d} 09:00"
        )
    return tree


def make_site(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    write_tree(root, site_tree())
    shutil.copytree(REPO_ROOT / "theme", root / "theme")
    repo = git.Repo.init(root, initial_branch="main")
    repo.git.add("-A")
    env = {
        "GIT_AUTHOR_NAME": "测试编辑",
        "GIT_AUTHOR_EMAIL": "editor@example.gov.cn",
        "GIT_COMMITTER_NAME": "测试编辑",
        "GIT_COMMITTER_EMAIL": "editor@example.gov.cn",
        "GIT_AUTHOR_DATE": "2025-07-30T10:00:00+08:00",
        "GIT_COMMITTER_DATE": "2025-07-30T10:00:00+08:00",
    }
    repo.git.commit("-m", "site", "--no-gpg-sign", env=env)
    return root


@pytest.fixture
def small_site(tmp_path: Path) -> Path:
    return make_site(tmp_path / "site")
