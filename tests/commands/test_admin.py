"""``govsite admin build`` and ``govsite admin index`` through the real command."""

from __future__ import annotations

import base64
import hashlib
import json
import subprocess
import sys
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
import yaml

from govsite.clock import BEIJING
from govsite.commands.admin import with_index
from govsite.library import load_config
from govsite.model.frontmatter import split
from govsite.site import admin
from tests.conftest import REPO_ROOT, GitRepo, copy_sample

NODE_MODULES = REPO_ROOT / "node_modules"


def run(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govsite", "admin", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("admin") / "site")


def test_build_writes_page_config_and_checked_bundle(site: Path, tmp_path: Path) -> None:
    out = tmp_path / "intranet"
    done = run(
        site,
        "build",
        "--out",
        str(out),
        "--repo",
        "shixian/govsite",
        "--node-modules",
        str(NODE_MODULES),
    )
    assert done.returncode == 0, done.stderr
    assert "提交审核（PR）" in done.stdout
    s, policy = load_config(site)
    expected = admin.decap_config(
        s, policy.units, admin.Backend(name="github", repo="shixian/govsite")
    )
    assert yaml.safe_load((out / "config.yml").read_text(encoding="utf-8")) == expected
    # Every file listed with the digest of the installed package's file, and nothing else.
    sums = dict(
        reversed(line.split("  ")) for line in (out / "SHA256SUMS").read_text().splitlines()
    )
    dist = NODE_MODULES / "decap-cms" / "dist"
    assert "decap-cms.js" in sums and len(sums) > 10
    for name, digest in sums.items():
        assert hashlib.sha256((dist / name).read_bytes()).hexdigest() == digest
        assert hashlib.sha256((out / name).read_bytes()).hexdigest() == digest
    assert not list(out.glob("*.map"))
    bundle = (out / "decap-cms.js").read_bytes()
    sri = "sha384-" + base64.b64encode(hashlib.sha384(bundle).digest()).decode()
    assert f'integrity="{sri}"' in (out / "index.html").read_text(encoding="utf-8")
    version = json.loads((REPO_ROOT / "package.json").read_text())["devDependencies"]
    assert version["decap-cms"] == json.loads((dist.parent / "package.json").read_text())["version"]
    assert "axe-core" in version and "vnu-jar" in version and "decap-server" in version


@pytest.mark.parametrize("inside", ["output", "output/admin", "content/admin", "theme/static"])
def test_build_refuses_the_public_trees(site: Path, inside: str) -> None:
    done = run(site, "build", "--out", str(site / inside), "--backend", "local")
    assert done.returncode == 2
    assert "网页编辑器不能放在" in done.stderr and "--out" in done.stderr
    assert not (site / inside / "config.yml").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--backend", "github"], "需要仓库名"),
        (["--backend", "gitea", "--repo", "a/b"], "需要 API 地址"),
        (["--backend", "svn"], "用法错误"),
    ],
)
def test_build_refuses_incomplete_backends(
    site: Path, tmp_path: Path, args: list[str], message: str
) -> None:
    done = run(site, "build", "--out", str(tmp_path / "a"), *args)
    assert done.returncode == 2
    assert message in done.stderr


def test_build_refuses_another_installed_version(site: Path, tmp_path: Path) -> None:
    modules = tmp_path / "checkout" / "node_modules"
    (modules / "decap-cms" / "dist").mkdir(parents=True)
    (modules / "decap-cms" / "package.json").write_text('{"version": "3.0.0"}')
    for name in ("package.json", "package-lock.json"):
        (modules.parent / name).write_text((REPO_ROOT / name).read_text(encoding="utf-8"))
    done = run(
        site, "build", "--out", str(tmp_path / "a"), "--backend", "local", "--node-modules",
        str(modules),
    )  # fmt: skip
    assert done.returncode == 2
    assert "安装的 decap-cms 版本是 3.0.0" in done.stderr
    assert not (tmp_path / "a" / "index.html").exists()
    (modules.parent / "package-lock.json").write_text('{"packages": {}}')
    unlocked = run(
        site, "build", "--out", str(tmp_path / "a"), "--backend", "local", "--node-modules",
        str(modules),
    )  # fmt: skip
    assert unlocked.returncode == 2
    assert "package-lock.json 中的 decap-cms 与 package.json 固定的版本" in unlocked.stderr


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "---\n标题: 甲\n公开日期: 2026-12-03 09:30\n成文日期: 2026-12-01\n栏目:\n  - tzgg\n---\n正文\n",
            "---\n标题: 甲\n公开日期: 2026-12-03 09:30\n成文日期: 2026-12-01\n索引号: X\n"
            "栏目:\n  - tzgg\n---\n正文\n",
        ),
        (
            '---\n标题: 甲\n索引号: ""\n公开日期: 2026-12-03\n---\n索引号: 正文不动\n',
            "---\n标题: 甲\n索引号: X\n公开日期: 2026-12-03\n---\n索引号: 正文不动\n",
        ),
        (
            "---\n标题: 甲\n公开日期: 2026-12-03\n---\n",
            "---\n标题: 甲\n公开日期: 2026-12-03\n索引号: X\n---\n",
        ),
    ],
)
def test_with_index(text: str, expected: str) -> None:
    assert with_index(text, "X") == expected


def test_index_allocates_as_govsite_new(git_repo: Callable[..., GitRepo]) -> None:
    year = datetime.now(BEIJING).year  # govsite new's year: the year of allocating
    repo = git_repo(
        {
            "site.yml": (REPO_ROOT / "site.yml").read_text(encoding="utf-8"),
            "reviewers.yml": (REPO_ROOT / "reviewers.yml").read_text(encoding="utf-8"),
            # As Decap writes it: no 索引号 key, or an empty one.
            "content/czj/2026/a.md": "---\n标题: 甲\n公开日期: 2026-12-03 09:30\n成文日期: "
            "2026-12-01\n发文机构: 示例县财政局\n栏目:\n  - czzj\n---\n正文\n",
            "content/czj/2026/b.md": '---\n标题: 乙\n公开日期: 2026-12-03 09:30\n索引号: ""\n'
            "栏目:\n  - tzgg\n---\n正文\n",
            "content/czj/2026/c.md": "---\n标题: 丙\n公开日期: 2026-12-03 09:30\n"
            f"索引号: 11152599MB00000388/{year}-00007\n栏目: [tzgg]\n---\n正文\n",
        }
    )
    done = run(repo.path, "index", "content/czj/2026/a.md", "content/czj/2026/b.md",
               "content/czj/2026/c.md")  # fmt: skip
    assert done.returncode == 0, done.stderr
    numbers = [
        split((repo.path / f"content/czj/2026/{n}.md").read_text(encoding="utf-8"), n).data[
            "索引号"
        ]
        for n in "abc"
    ]
    # The next free serials of the unit (past 00007 in use), in the order given.
    assert numbers == [f"11152599MB00000388/{year}-{n:05d}" for n in (8, 9, 7)]
    assert f"已有索引号 11152599MB00000388/{year}-00007，不变" in done.stdout


def test_index_refuses_files_outside_content(git_repo: Callable[..., GitRepo]) -> None:
    repo = git_repo(
        {
            "site.yml": (REPO_ROOT / "site.yml").read_text(encoding="utf-8"),
            "reviewers.yml": (REPO_ROOT / "reviewers.yml").read_text(encoding="utf-8"),
            "notes.md": "---\n标题: 甲\n---\n",
            "content/nobody/a.md": "---\n标题: 甲\n---\n",
            "content/zfb/bad.md": "标题: 没有元数据\n",
        }
    )
    outside = run(repo.path, "index", "notes.md")
    assert outside.returncode == 2 and "不是 content/ 下的文章" in outside.stderr
    unknown = run(repo.path, "index", "content/nobody/a.md")
    assert unknown.returncode == 2 and "单位“nobody”不在 reviewers.yml 中" in unknown.stderr
    broken = run(repo.path, "index", "content/zfb/bad.md")
    assert broken.returncode == 1 and "缺少元数据" in broken.stderr
    assert (repo.path / "content/zfb/bad.md").read_text(encoding="utf-8") == "标题: 没有元数据\n"
