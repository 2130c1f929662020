"""The published hook from another site's repository: ``repo:`` a clone of govsite, ``rev:``
its commit, the rule data from the installed package (no hooks/ in the site)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import git
import pytest

from tests.checks.helpers import ID
from tests.conftest import REPO_ROOT

BIN = Path(sys.executable).parent
ARTICLE = "---\n标题: 公示\n公开日期: 2025-06-01 09:00\n栏目: [tzgg]\n---\n\n{body}\n"


@pytest.mark.slow
def test_hook_repo_works_for_a_site_without_hooks(
    tmp_path: Path, git_repo: Callable[..., object]
) -> None:
    # The committed state of this repository, as another site would fetch it.
    clone = tmp_path / "govsite"
    git.Repo.clone_from(REPO_ROOT, clone)
    rev = git.Repo(REPO_ROOT).head.commit.hexsha
    config = (
        f"repos:\n  - repo: {clone.as_posix()}\n    rev: {rev}\n"
        "    hooks:\n      - id: govsite-check\n"
    )
    site = git_repo(
        {".pre-commit-config.yaml": config, "README.md": "# 某旗政府网站\n"}, name="site"
    )
    root: Path = site.path  # type: ignore[attr-defined]
    assert not (root / "hooks").exists()
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-cache"),
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
    }
    env.pop("VIRTUAL_ENV", None)

    def run(name: str, body: str) -> subprocess.CompletedProcess[str]:
        path = root / "content/zfb" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(ARTICLE.format(body=body), encoding="utf-8")
        subprocess.run(["git", "add", "-A"], cwd=root, check=True)
        return subprocess.run(
            [BIN / "pre-commit", "run", "--files", f"content/zfb/{name}"],
            cwd=root,
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            check=False,
        )

    refused = run("gongshi.md", f"张三 {ID}")
    assert refused.returncode == 1, refused.stdout
    assert "content/zfb/gongshi.md:7:4: pii.id-card: 发现未脱敏的身份证号" in refused.stdout
    assert "找不到规则数据文件" not in refused.stdout
    passed = run(
        "tongzhi.md",
        "张*，身份证号 152522********0519，咨询电话：0479-5212345。禁止发布色情、赌博信息。",
    )
    assert passed.returncode == 0, passed.stdout
    assert "Passed" in passed.stdout
    # The hook ran govsite from its own environment, not this test's.
    hook_envs = list((tmp_path / "pre-commit-cache").glob("repo*/py_env-*/bin/govsite"))
    assert hook_envs, "pre-commit did not install govsite in its own environment"
