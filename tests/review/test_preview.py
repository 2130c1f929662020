"""``govsite preview``: changed pages from a real git diff, a marked build, one PR comment
kept up to date on a real HTTP server that answers as GitHub and Gitea do."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

import pytest

from govsite.errors import ConfigError
from govsite.model.article import Article, Page
from govsite.release import preview as pv
from tests.conftest import GitRepo, Run, copy_sample
from tests.forge_server import Forge, serve

pytestmark = pytest.mark.xdist_group("preview")

ART = "content/zfb/2026-fengshoujie.md"
PDF = "content/zfb/shizhengbanfa-2025-8.pdf"
PDF_ARTICLE = "zfb/2025-guifanxing-wenjian-guanli.html"
PAGE = "content/pages/lxwm.md"
GONE = "content/zfb/2024-renda-kaimu.md"


def article(path: str, title: str, attachments: tuple[str, ...] = ()) -> Article:
    return Article(
        path=path,
        unit=path.split("/")[1],
        stem=path.rsplit("/", 1)[1].removesuffix(".md"),
        title=title,
        published=datetime(2026, 3, 1, 9),
        columns=("tzgg",),
        issuer="示例县人民政府办公室",
        attachments=attachments,
    )


ARTICLES = [
    article("content/zfb/a.md", "甲文"),
    article("content/zfb/2026/b.md", "乙文", ("b-fj.pdf", "img/tu.png")),
]
PAGES = [Page("content/pages/lxwm.md", "lxwm", "联系我们", None, None, "", 1)]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ([pv.Change("M", "content/zfb/a.md")], [("文章", "甲文", "zfb/a.html")]),
        # an attachment leads to the article that lists it, also in a subfolder
        ([pv.Change("A", "content/zfb/2026/b-fj.pdf")], [("文章", "乙文", "zfb/2026/b.html")]),
        ([pv.Change("M", "content/zfb/2026/img/tu.png")], [("文章", "乙文", "zfb/2026/b.html")]),
        # the article and its attachment changed: one row
        (
            [pv.Change("M", "content/zfb/2026/b.md"), pv.Change("D", "content/zfb/2026/b-fj.pdf")],
            [("文章", "乙文", "zfb/2026/b.html")],
        ),
        ([pv.Change("M", "content/pages/lxwm.md")], [("页面", "联系我们", "pages/lxwm.html")]),
        ([pv.Change("D", "content/zfb/old.md")], [("已删除", "content/zfb/old.md", None)]),
        (
            [pv.Change("R", "content/zfb/a.md", "content/zfb/was.md")],
            [("文章", "甲文", "zfb/a.html")],
        ),
        (
            [pv.Change("M", "theme/templates/base.html")],
            [("其他", "theme/templates/base.html", None)],
        ),
        # an attachment no article lists is not a page
        ([pv.Change("A", "content/zfb/stray.pdf")], [("其他", "content/zfb/stray.pdf", None)]),
        ([], []),
    ],
)
def test_changed_files_to_pages(
    changes: list[pv.Change], expected: list[tuple[str, str, str | None]]
) -> None:
    found = pv.pages_for(changes, ARTICLES, PAGES)
    assert [(p.kind, p.title, p.path) for p in found] == expected


def test_rename_note_names_both_files() -> None:
    found = pv.pages_for([pv.Change("R", "content/zfb/a.md", "content/zfb/was.md")], ARTICLES, [])
    assert found[0].why == ["改名 content/zfb/a.md（原 content/zfb/was.md）"]


@pytest.mark.parametrize(
    ("page", "marked"),
    [
        ("<html><head><title>t</title></head><body><p>x</p></body></html>", True),
        ('<html lang="zh"><HEAD>\n</HEAD><body class="a">x</body></html>', True),
        ("<p>no document</p>", False),
        ("<body>x</body><head></head>", False),
    ],
)
def test_mark_html(page: str, marked: bool) -> None:
    got = pv.mark_html(page, "合并请求 #7")
    if not marked:
        assert got is None
        return
    assert got is not None
    head_end = got.lower().index("</head>")
    assert got.index(pv.NOINDEX) < head_end
    assert got.index(pv.BANNER_ID) > got.lower().index("<body")
    assert "预览：合并请求 #7" in got


def test_comment_links_to_the_intranet_host_or_names_the_artifact() -> None:
    found = pv.pages_for(
        [pv.Change("M", "content/zfb/a.md"), pv.Change("M", "theme/x.css")], ARTICLES, []
    )
    hosted = pv.render_comment(found, url_base="http://preview.gov/pr-7/", head="c" * 40)
    assert hosted.startswith(pv.MARKER)
    assert "[甲文](http://preview.gov/pr-7/zfb/a.html)" in hosted
    assert "[首页](http://preview.gov/pr-7/index.html)" in hosted
    artifact = pv.render_comment(found, url_base=None, head="c" * 40)
    assert "下载本次运行的产物 `preview`" in artifact and "`zfb/a.html`" in artifact
    run_page = "https://git.example.gov.cn/county/site/actions/runs/9"
    linked = pv.render_comment(found, url_base=None, head="c" * 40, where=run_page)
    assert f"下载[本次运行]({run_page})的产物 `preview`" in linked


# --- end to end: a real repository, a real build, a real HTTP server ---------------------


@pytest.fixture
def pr_site(tmp_path: Path) -> GitRepo:
    site = copy_sample(tmp_path / "site")
    repo = GitRepo(site)
    repo.commit({}, "sample site")
    repo.repo.git.checkout("-b", "pr")
    text = (site / ART).read_text(encoding="utf-8")
    pdf = (site / PDF).read_bytes()
    page = (site / PAGE).read_text(encoding="utf-8")
    repo.commit({ART: text + "\n补充一段说明。\n", PDF: pdf + b"\n", PAGE: page + "\n新增一行。\n"})
    return repo


@pytest.fixture(params=["github", "gitea"])
def forge(request: pytest.FixtureRequest) -> Iterator[Forge]:
    state, httpd, _thread = serve(request.param)
    yield state
    httpd.shutdown()
    httpd.server_close()


def preview_args(repo: GitRepo, out: Path, *extra: str) -> list[str]:
    return ["preview", "--root", str(repo.path), "--base", "main", "--out", str(out), *extra]


def comment_args(forge: Forge) -> list[str]:
    api = forge.url + forge.prefix
    return ["--comment", "--pr", "7", "--forge", forge.kind, "--api-url", api]


def test_preview_builds_marks_and_keeps_one_comment(
    run: Run,
    pr_site: GitRepo,
    forge: Forge,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("GITHUB_REPOSITORY", "county/site")
    monkeypatch.setenv("GITHUB_TOKEN", "t")
    forge.comment(7, "一条别人的评论")
    out = tmp_path / "preview"
    url = "http://preview.example.gov.cn/pr-7"
    code, stdout, err = run(preview_args(pr_site, out, "--url-base", url, *comment_args(forge)))
    assert code == 0, err

    # the changed pages, from the git diff: the article, the attachment's article, the page
    assert f"[示例县举办第三届农牧民丰收节]({url}/zfb/2026-fengshoujie.html)" in stdout
    assert f"({url}/{PDF_ARTICLE})" in stdout
    assert f"[联系我们]({url}/pages/lxwm.html)" in stdout
    assert "预览：3 个改动的页面" in stdout
    marker = json.loads((out / pv.MARKER_FILE).read_text(encoding="utf-8"))
    assert marker["head"] == pr_site.repo.head.commit.hexsha
    assert {p["path"] for p in marker["pages"]} == {
        "zfb/2026-fengshoujie.html",
        PDF_ARTICLE,
        "pages/lxwm.html",
    }

    # every page is marked; the preview is no release and no search engine's
    pages = list(out.rglob("*.html"))
    assert len(pages) > 20
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert pv.NOINDEX in text and pv.BANNER_ID in text, page
    changed = (out / "zfb/2026-fengshoujie.html").read_text(encoding="utf-8")
    assert "补充一段说明。" in changed and "索引号" in changed  # with its metadata table
    assert not (out / "manifest.json").exists()
    assert (out / "robots.txt").read_text(encoding="utf-8") == pv.ROBOTS

    # one comment, created once, then edited in place on the next push
    mine = [c for c in forge.comments[7] if pv.MARKER in c["body"]]
    assert len(mine) == 1 and len(forge.comments[7]) == 2
    first_id = mine[0]["id"]
    pr_site.commit({GONE: None})
    code, stdout, err = run(preview_args(pr_site, out, "--url-base", url, *comment_args(forge)))
    assert code == 0, err
    assert "content/zfb/2024-renda-kaimu.md" in stdout and "已删除" in stdout
    assert not (out / "zfb/2024-renda-kaimu.html").exists()
    mine = [c for c in forge.comments[7] if pv.MARKER in c["body"]]
    assert [c["id"] for c in mine] == [first_id] and len(forge.comments[7]) == 2
    assert "已删除" in mine[0]["body"]
    methods = [(m, p) for m, p, _ in forge.calls]
    comments_path = f"{forge.prefix}/repos/county/site/issues/7/comments"
    assert methods.count(("POST", comments_path)) == 1
    assert (
        methods.count(("PATCH", f"{forge.prefix}/repos/county/site/issues/comments/{first_id}"))
        == 1
    )
    if forge.kind == "gitea":  # Gitea's list has no pagination: never ask for a page
        assert all(not q for m, p, q in forge.calls if m == "GET")
    assert (
        f"已更新合并请求 #7 的预览评论：{forge.url}/county/site/pull/7#issuecomment-{first_id}"
        in err
    )


def test_github_comment_found_on_a_later_page(
    run: Run, pr_site: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    state, httpd, _ = serve("github")
    try:
        monkeypatch.setenv("GITHUB_TOKEN", "t")
        for i in range(120):
            state.comment(7, f"评论 {i}")
        old = state.comment(7, pv.MARKER + "\n旧的预览")
        code, _, err = run(
            preview_args(
                pr_site, tmp_path / "p", *comment_args(state), "--repository", "county/site"
            )
        )
        assert code == 0, err
        assert old["body"].startswith(pv.MARKER + "\n### 预览")
        assert len(state.comments[7]) == 121
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_unreachable_forge_is_a_failure_in_chinese(
    run: Run, pr_site: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("GITHUB_TOKEN", "t")
    args = preview_args(
        pr_site, tmp_path / "p", "--comment", "--pr", "7", "--repository", "county/site"
    )
    code, _, err = run([*args, "--forge", "gitea", "--api-url", f"http://127.0.0.1:{port}/api/v1"])
    assert code == 2
    assert "无法连接代码托管平台" in err and "预览评论没有更新" in err
    assert "Traceback" not in err


def test_comment_without_a_pr_fails_before_building(
    run: Run, pr_site: GitRepo, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_REPOSITORY", raising=False)
    monkeypatch.delenv("GITHUB_EVENT_PATH", raising=False)
    code, _, err = run(preview_args(pr_site, tmp_path / "p", "--comment"))
    assert code == 2 and "缺少合并请求信息：--pr、--repository" in err
    assert not (tmp_path / "p").exists()


@pytest.mark.parametrize("where", ["output", "site-dir", "busy"])
def test_preview_never_overwrites_a_site(
    run: Run, pr_site: GitRepo, tmp_path: Path, where: str
) -> None:
    busy = tmp_path / "busy"
    (busy / "index.html").parent.mkdir()
    (busy / "index.html").write_text("正式网站", encoding="utf-8")
    out = {"output": pr_site.path / "output", "site-dir": pr_site.path, "busy": busy}[where]
    code, _, err = run(preview_args(pr_site, out))
    assert code == 2 and "--out" in err
    assert (busy / "index.html").read_text(encoding="utf-8") == "正式网站"


def test_unknown_base_is_a_chinese_error(run: Run, pr_site: GitRepo, tmp_path: Path) -> None:
    code, _, err = run(
        ["preview", "--root", str(pr_site.path), "--base", "nope", "--out", str(tmp_path / "p")]
    )
    assert code == 2 and "无法比较 nope 与当前提交" in err


def test_publish_refuses_a_preview_directory(run: Run, pr_site: GitRepo, tmp_path: Path) -> None:
    from govsite.release.publish import publish

    out = tmp_path / "preview"
    code, _, err = run(preview_args(pr_site, out))
    assert code == 0, err
    with pytest.raises(ConfigError, match="预览不能发布为正式网站"):
        publish(pr_site.path, out)
    assert (out / pv.MARKER_FILE).exists() and not (out / "releases").exists()
