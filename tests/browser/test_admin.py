"""The web editor in real Chromium against decap-server on a real git repository.

An editor opens the admin built by ``govsite admin build --backend local``, fills the
form (标题, 单位 by its collection, 栏目, dates, 信息分类, 有效性, an attachment, 正文) and
saves: with the editorial workflow decap-server commits the article to a
``cms/<unit>/…`` branch (a PR's branch on GitHub), never to main. The article there is read by govsite as it is;
``govsite check`` refuses it until ``govsite admin index`` gives it its 索引号 (a
catalogue column), then passes. The admin loads nothing from outside 127.0.0.1.
"""

from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import git
import pytest

from govsite.model.frontmatter import split
from tests.browser.conftest import LOCAL_HOST, ForeignRequests, require_file
from tests.conftest import REPO_ROOT, copy_sample

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("browser")]

DECAP_SERVER = REPO_ROOT / "node_modules" / "decap-server" / "dist" / "index.js"
# Longer than a YAML writer's 80 columns, with a space: folded or not, it must read back
# exactly (a folded plain scalar's line break reads as that one space).
TITLE = (
    "县政府召开第24次常务会议 研究部署2027年元旦春节期间安全生产、市场保供、困难群众帮扶、"
    "森林草原防火和冬季供暖等重点工作，审议《示例县政府信息公开工作考核制度（修订稿）》"
    "和《示例县2027年民生实事项目（草案）》"
)
PARAGRAPHS = (
    "各乡镇人民政府，县直各部门：",
    "经县人民政府同意，现就做好2027年元旦期间有关工作通知如下。",
    "一、2027年1月1日放假1天，各单位要妥善安排值班。",
)
# govsite new's key order: Decap writes the keys in the order of the form's fields.
NEW_ORDER = ("标题", "公开日期", "成文日期", "索引号", "发文机构", "栏目", "信息分类", "有效性")


def free_port() -> int:
    with socket.socket() as s:
        s.bind((LOCAL_HOST, 0))
        return int(s.getsockname()[1])


def govsite(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "govsite", *args],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def site_repo(tmp_path: Path) -> git.Repo:
    root = copy_sample(tmp_path / "site")
    repo = git.Repo.init(root, initial_branch="main")
    repo.git.add("-A")
    repo.git.commit("-m", "sample site")
    return repo


@pytest.fixture
def decap_server(site_repo: git.Repo) -> Iterator[str]:
    """decap-server (Decap's local backend, MODE=git) on a free port; its API URL."""
    require_file(DECAP_SERVER, "decap-server")
    port = free_port()
    env = {
        **os.environ,
        "PORT": str(port),
        "BIND_HOST": LOCAL_HOST,
        "MODE": "git",
        "GIT_REPO_DIRECTORY": str(site_repo.working_dir),
        "LOG_LEVEL": "warn",
    }
    proc = subprocess.Popen(
        ["node", str(DECAP_SERVER)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        for _ in range(200):  # until it accepts connections (a few seconds at most)
            if proc.poll() is not None:
                pytest.fail(f"decap-server 启动失败：{proc.stderr.read() if proc.stderr else ''}")
            try:
                socket.create_connection((LOCAL_HOST, port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        yield f"http://{LOCAL_HOST}:{port}/api/v1"
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


class _AdminHandler(http.server.SimpleHTTPRequestHandler):
    # As the platform's web server must: config.yml as YAML (docs/网页编辑器.md).
    def guess_type(self, path: str | os.PathLike[str]) -> str:
        return "text/yaml" if str(path).endswith(".yml") else super().guess_type(path)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def admin_url(site_repo: git.Repo, decap_server: str, tmp_path: Path) -> Iterator[str]:
    root = Path(str(site_repo.working_dir))
    out = tmp_path / "intranet" / "admin"
    built = govsite(
        root,
        "admin",
        "build",
        "--out",
        str(out),
        "--backend",
        "local",
        "--local-url",
        decap_server,
        "--node-modules",
        str(REPO_ROOT / "node_modules"),
    )
    assert built.returncode == 0, built.stderr
    handler = functools.partial(_AdminHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_address[1]}/index.html"
    finally:
        server.shutdown()
        server.server_close()


def choose(page: Any, field: str, text: str) -> None:
    """Pick an option of a Decap select (react-select) by typing its Chinese name."""
    box = page.locator(f'input[id^="{field}-field"]')
    box.click()
    box.type(text)
    page.keyboard.press("Enter")


def cms_branches(repo: git.Repo) -> list[str]:
    return [h.name for h in repo.heads if h.name.startswith("cms/")]


def test_editor_saves_an_article_that_govsite_reads_and_checks(
    page: Any, foreign: ForeignRequests, admin_url: str, site_repo: git.Repo, tmp_path: Path
) -> None:
    table = tmp_path / "zhiban-biao.csv"
    table.write_text("日期,值班人员\n2027-01-01,王某某\n", encoding="utf-8")
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(admin_url)
    page.get_by_role("button", name="登录").click()  # the Chinese interface (zh_Hans)
    page.get_by_role("link", name="示例县人民政府办公室").first.wait_for()
    page.goto(admin_url + "#/collections/zfb/new")
    page.get_by_label("标题", exact=True).fill(TITLE)
    page.get_by_label("公开日期", exact=True).fill("2026-12-03T09:30")  # a date picker
    page.locator('input[id^="成文日期-field"]').fill("2026-12-01")
    choose(page, "栏目", "其他文件")  # 政府信息公开 / 政策文件 / 其他文件: a catalogue column
    choose(page, "信息分类", "综合政务")
    choose(page, "有效性", "有效")
    page.get_by_role("button", name="新增附件").click()  # a file field, uploaded beside
    page.get_by_role("button", name="选择文件").click()
    page.locator("input[type=file]").set_input_files(str(table))
    page.get_by_role("button", name="选用已选中项目").click()
    page.locator('input[id^="名称-field"]').fill("元旦值班表")
    page.locator('[data-slate-editor="true"]').click()
    for i, text in enumerate(PARAGRAPHS):
        if i:
            page.keyboard.press("Enter")
        page.keyboard.type(text)
    page.get_by_role("button", name="保存").click()
    page.get_by_text("状态: 草稿").wait_for()  # the editorial workflow's first column

    # The save is a commit on a cms/ branch (the PR's branch), not on main.
    for _ in range(100):
        if cms_branches(site_repo):
            break
        time.sleep(0.1)
    branches = cms_branches(site_repo)
    assert len(branches) == 1 and branches[0].startswith("cms/zfb/"), branches
    assert site_repo.head.ref.name == "main"
    changed = site_repo.git.diff("--name-only", "main", branches[0]).splitlines()
    assert len(changed) == 2 and all(c.startswith("content/zfb/2026/") for c in changed)
    attached, article = sorted(changed, key=lambda c: c.endswith(".md"))
    assert attached.endswith("/zhiban-biao.csv")
    assert not (Path(str(site_repo.working_dir)) / article).exists()  # main untouched

    site_repo.git.checkout(branches[0])
    root = Path(str(site_repo.working_dir))
    text = (root / article).read_text(encoding="utf-8")
    fm = split(text, article)
    assert fm.data["标题"] == TITLE
    assert fm.data["公开日期"] == "2026-12-03 09:30"
    assert fm.data["成文日期"] == "2026-12-01"
    assert fm.data["栏目"] == ["qtwj"]
    assert fm.data["发文机构"] == "示例县人民政府办公室"  # the unit's name by default
    assert (fm.data["信息分类"], fm.data["有效性"], fm.data["公开方式"]) == (
        "综合政务",
        "有效",
        "主动公开",
    )
    assert fm.data["附件"] == [{"文件": "zhiban-biao.csv", "名称": "元旦值班表"}]
    assert (root / attached).read_bytes() == table.read_bytes()
    assert [p.strip() for p in fm.body.strip().split("\n\n")] == list(PARAGRAPHS)
    written = [k for k in fm.data if k in NEW_ORDER]
    assert written == sorted(written, key=NEW_ORDER.index)

    # A catalogue column needs its 索引号: the PR check refuses, then allocates it.
    refused = govsite(root, "check", article)
    assert refused.returncode == 1
    assert "索引号" in refused.stdout + refused.stderr
    allocated = govsite(root, "admin", "index", article)
    assert allocated.returncode == 0, allocated.stderr
    number = split((root / article).read_text(encoding="utf-8"), article).data["索引号"]
    assert number.startswith("11152599MB0000011G/")
    assert number in allocated.stdout
    passed = govsite(root, "check", article, attached)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert errors == []
    assert foreign.urls == []  # no CDN, no fonts, no telemetry


def test_normal_build_has_no_admin(built_site: Path) -> None:
    """The public output never contains the editor, its config or its bundle."""
    names = {p.name for p in built_site.rglob("*")}
    assert "decap-cms.js" not in names
    assert not any(n.endswith(".decap-cms.js") for n in names)
    assert not list(built_site.rglob("config.yml"))
    assert not (built_site / "admin").exists()
