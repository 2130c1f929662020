"""Safe HTML by construction (issue 9, item 2), through real builds of a small site.

Each hostile body is (1) an error of ``govsite check`` with a fix, (2) refused by
``govsite build`` naming the file and line, and (3) rendered harmless even by a
build that does not check (plain ``pelican`` with our plugin): the page holds no
script, no event handler and no script URL. Hostile front-matter values pass
validation (they are only text) and are escaped in every output: HTML, Atom,
sitemap, catalogue.json, catalogue.csv (no formulas) and the search index.
"""

from __future__ import annotations

import csv
import gzip
import json
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from govsite import markup
from govsite.checks.base import TextDoc
from govsite.checks.markdown import html_findings
from govsite.errors import ContentError
from govsite.release.build import build_site
from tests.conftest import write_tree
from tests.site.conftest import make_site, news

# name -> (body, the rule check reports)
HOSTILE = {
    "js-link": ("[点此](javascript:alert(1))", "format.unsafe-link"),
    "mixed-case": ("[点此](JaVaScRiPt:alert(1))", "format.unsafe-link"),
    "entity": ("[点此](&#106;avascript&#58;alert(1))", "format.unsafe-link"),
    "entity-hex": ("[点此](&#x6A;avascript:alert(1))", "format.unsafe-link"),
    "tab-in-scheme": ("[点此](java&#9;script:alert(1))", "format.unsafe-link"),
    "reference": ("[点此][r]\n\n[r]: javascript:alert(1)", "format.unsafe-link"),
    "reference-title": ('[点此][r]\n\n[r]: <javascript:alert(1)> "标题"', "format.unsafe-link"),
    "data-link": (
        "[看](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "format.unsafe-link",
    ),
    "data-image": (
        "![图](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)",
        "format.unsafe-link",
    ),
    "vbscript-autolink": ("见 <vbscript:msgbox(1)>", "format.unsafe-link"),
    "attr-list": ("段落\n{: onerror=alert(1) }", "format.attr-list"),
    "attr-list-heading": ("## 标题 {: onmouseover=alert(1) }", "format.attr-list"),
    "attr-list-href": (
        "[点此](https://www.gov.cn){: href=javascript:alert(1) }",
        "format.unsafe-link",
    ),
    "attr-list-style": (
        '段落\n{: style="background:url(javascript:alert(1))" }',
        "format.attr-list",
    ),
    "split-tag": ("<img\nsrc=x\nonerror=alert(1)>", "format.raw-html"),
    "comment-trick": ("<!--> <script>alert(1)</script> -->", "format.raw-html"),
    "comment-bang": ("<!-- a --!> <img src=x onerror=alert(1)> -->", "format.raw-html"),
    "script": ("<script>alert(1)</script>", "format.raw-html"),
    "svg": ('<svg onload="alert(1)"></svg>', "format.raw-html"),
    "iframe": ('<iframe src="javascript:alert(1)"></iframe>', "format.raw-html"),
    "raw-link": ('<a href="javascript:alert(1)">x</a>', "format.raw-html"),
    "md-in-html": ('<div markdown="1" onclick="alert(1)">\n*x*\n</div>', "format.raw-html"),
}


class Scan(HTMLParser):
    """Everything a browser would run in a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.bad: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag in ("script", "iframe", "object", "embed", "svg", "style", "base"):
            src = values.get("src") or ""
            if not (tag == "script" and src.startswith(("/theme/js/", "/pagefind/"))) and not (
                tag == "svg" and not any(k.startswith("on") for k in values)
            ):
                self.bad.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.bad.append(f"{tag} {name}")
            if name in ("href", "src", "action", "formaction", "xlink:href", "style") and (
                markup.url_scheme(value or "") in ("javascript", "vbscript", "data")
                or "javascript:" in re.sub(r"\s", "", (value or "").lower())
            ):
                if not (tag == "link" and value == "data:,"):  # the theme's empty favicon
                    self.bad.append(f"{tag} {name}={value}")


def executable(html: str) -> list[str]:
    scan = Scan()
    scan.feed(html)
    return scan.bad


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_check_reports_each_case_with_a_fix(name: str) -> None:
    body, rule = HOSTILE[name]
    found = html_findings(TextDoc("content/zfb/x.md", body))
    assert rule in {f.rule for f in found}, found
    assert all(f.fix and f.is_error for f in found)


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_renderer_leaves_nothing_executable(name: str) -> None:
    assert markup.url_scheme("&#x6A;ava\tscript:x") == "javascript"
    html = markup.render(HOSTILE[name][0])
    assert executable(html) == [], html
    assert "alert" not in re.sub(r">[^<]*<", "><", html) or "<script" not in html


def test_renderer_keeps_what_markdown_makes() -> None:
    body = (
        "## 一、总则 {#zongze}\n\n正文[^1]见[通知](https://www.gov.cn/a.html)、"
        "[附件](banfa.pdf)、[邮件](mailto:a@shixian.gov.cn)、[电话](tel:0479-5200000)。\n\n"
        "| 项目 | 金额 |\n|:-|-:|\n| 甲 | 1 |\n\n```python\nx = 1\n```\n\n![会议](a.jpg)\n\n"
        "[^1]: 注释。"
    )
    html = markup.render(body)
    for part in (
        '<h2 id="zongze">',
        'href="https://www.gov.cn/a.html"',
        'href="banfa.pdf"',
        'href="mailto:a@shixian.gov.cn"',
        'href="tel:0479-5200000"',
        '<th style="text-align: left;">',
        '<code class="language-python">',
        '<img alt="会议" src="a.jpg">',
        '<a class="footnote-ref" href="#fn:1">',
        '<li id="fn:1">',
        '<div class="footnote">',
    ):
        assert part in html, part
    assert html_findings(TextDoc("x.md", body)) == []


def test_theme_ids_and_classes_cannot_be_set_from_a_body() -> None:
    html = markup.render("段落\n{: #main .care }\n\n## 标题 {#h-att}")
    assert 'id="main"' not in html and "care" not in html and 'id="h-att"' not in html


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("hostile") / "site")
    write_tree(
        root,
        {
            f"content/zfb/h-{name}.md": news(f"县政府召开会议{name}", "2025-07-28 09:00").replace(
                "的正文。", f"的正文。\n\n{body}\n"
            )
            for name, (body, _rule) in HOSTILE.items()
        },
    )
    return root


@pytest.mark.slow
def test_build_refuses_each_case_naming_file_and_line(hostile_site: Path) -> None:
    with pytest.raises(ContentError) as exc:
        build_site(hostile_site, search=False)
    named = {p.path for p in exc.value.problems}
    assert named == {f"content/zfb/h-{name}.md" for name in HOSTILE}
    first = next(p for p in exc.value.problems if p.path == "content/zfb/h-js-link.md")
    assert first.render() == (
        "content/zfb/h-js-link.md:9: format.unsafe-link: 链接使用了不允许的协议“javascript:”"
        "（可执行脚本或嵌入数据），网页上会删除该链接。修改方法：只用 http、https、mailto、tel "
        "链接或站内相对路径，如 [通知](https://www.gov.cn/…)、[附件](banfa.pdf)"
    )
    assert not (hostile_site / "output").exists()


@pytest.mark.slow
def test_a_build_that_does_not_check_still_publishes_no_script(hostile_site: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pelican", "-s", "pelicanconf.py", "-o", "plain"],
        cwd=hostile_site,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    for name in HOSTILE:
        page = (hostile_site / f"plain/zfb/h-{name}.html").read_text(encoding="utf-8")
        assert f"会议{name}的正文。" in page
        assert executable(page) == [], (name, executable(page))
    feed = (hostile_site / "plain/columns/zwyw/feed.xml").read_text(encoding="utf-8")
    assert "javascript:" not in feed.lower() and "onerror" not in feed and "&lt;script" not in feed


EVIL = "<img src=x onerror=alert(1)>"
FM = {
    "标题": f'=HYPERLINK("http://evil.example","点我"){EVIL}',
    "概述": f"{EVIL}<script>alert(2)</script>",
    "发文机构": f"+cmd|' /C calc'!A0{EVIL}",
}


@pytest.fixture(scope="module")
def escaped_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = make_site(tmp_path_factory.mktemp("escaped") / "site")
    text = (root / "content/zfb/gfwj.md").read_text(encoding="utf-8")
    for key, value in FM.items():
        text = re.sub(
            rf"^{key}: .*$",
            f"{key}: {json.dumps(value, ensure_ascii=False)}",
            text,
            count=1,
            flags=re.M,
        )
        if f"{key}: " not in text:
            text = text.replace(
                "\n---\n", f"\n{key}: {json.dumps(value, ensure_ascii=False)}\n---\n", 1
            )
    write_tree(root, {"content/zfb/gfwj.md": text})
    build_site(root)
    return root / "output"


@pytest.mark.slow
def test_front_matter_is_escaped_in_every_html_page(escaped_site: Path) -> None:
    pages = [p for p in escaped_site.rglob("*.html") if "pagefind" not in p.parts]
    shown = 0
    for page in pages:
        text = page.read_text(encoding="utf-8")
        assert executable(text) == [], (page, executable(text))
        shown += "&lt;img src=x onerror=alert(1)&gt;" in text
    assert shown >= 5  # the article, listings, catalogue tables, home


@pytest.mark.slow
def test_atom_summary_is_text_for_the_reader(escaped_site: Path) -> None:
    feed = (escaped_site / "columns/gfxwj/feed.xml").read_text(encoding="utf-8")
    summary = re.search(r'<summary type="html">(.*?)</summary>', feed, re.S)
    assert summary is not None
    # The reader unescapes once and gets HTML that shows the tag as text.
    from html import unescape

    once = unescape(summary[1])
    assert once.startswith("&lt;img src=x onerror=alert(1)&gt;&lt;script&gt;")
    assert executable(once) == []
    title = re.search(r"<entry><title>(.*?)</title>", feed, re.S)
    assert title is not None and "&lt;img" in title[1]


@pytest.mark.slow
def test_sitemap_json_and_csv_are_inert(escaped_site: Path) -> None:
    sitemap = (escaped_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<img" not in sitemap and "<script" not in sitemap
    raw = (escaped_site / "xxgk/catalogue/catalogue.json").read_text(encoding="utf-8")
    assert "<" not in raw and ">" not in raw
    entry = next(e for e in json.loads(raw)["条目"] if e["发文机构"] == FM["发文机构"])
    assert entry["标题"] == FM["标题"]  # the same data, only escaped
    rows = list(
        csv.reader(
            (escaped_site / "xxgk/catalogue/catalogue.csv")
            .read_text(encoding="utf-8-sig")
            .splitlines()
        )
    )
    row = next(r for r in rows if "HYPERLINK" in ",".join(r))
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for r in rows for cell in r)
    assert f"'{FM['标题']}" in row and f"'{FM['发文机构']}" in row


@pytest.mark.parametrize(
    ("value", "cell"),
    [
        ("=1+1", "'=1+1"),
        ("+86", "'+86"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("示政办发〔2025〕8号", "示政办发〔2025〕8号"),
        ("", ""),
    ],
)
def test_csv_cells_never_start_a_formula(value: str, cell: str) -> None:
    from govsite.site.catalogue import csv_cell

    assert csv_cell(value) == cell


@pytest.mark.slow
def test_search_index_holds_text_not_markup(escaped_site: Path) -> None:
    """Pagefind indexes the text of the page: the tag is there as the characters the
    page shows (had it been an element, its text would be empty), and Pagefind's own
    script escapes < and > before it shows an excerpt; the title is set as text."""
    fragments = list((escaped_site / "pagefind/0/fragment").glob("*.pf_fragment"))
    texts = [gzip.decompress(p.read_bytes()).decode("utf-8", "replace") for p in fragments]
    ours = [
        d for d in (json.loads(t[t.index("{") :]) for t in texts) if d["url"] == "/zfb/gfwj.html"
    ]
    assert len(ours) == 1
    content = ours[0]["content"].replace("\u200b", "")
    assert FM["标题"] in content
    assert ours[0]["meta"]["title"].replace("\u200b", "").endswith(EVIL)
    shipped = (escaped_site / "pagefind/0/pagefind.js").read_text(encoding="utf-8")
    assert 'fragment.content.replace(/</g,"&lt;").replace(/>/g,"&gt;")' in shipped
    assert "innerHTML" not in (escaped_site / "theme/js/search.js").read_text(encoding="utf-8")


@pytest.mark.slow
def test_govsite_check_reports_each_hostile_file(hostile_site: Path) -> None:
    from govsite.checks.runner import check_paths

    found = check_paths([str(hostile_site / "content/zfb")])
    for name, (_body, rule) in HOSTILE.items():
        path = (hostile_site / f"content/zfb/h-{name}.md").as_posix()
        assert any(f.path == path and f.rule == rule and f.line >= 9 for f in found), name


def test_html_rules_cannot_be_suppressed(tmp_path: Path) -> None:
    from govsite.checks.runner import check_paths

    page = tmp_path / "a.md"
    page.write_text(
        "<!-- govsite: allow format.raw-html 需要 -->\n<script>x</script>\n", encoding="utf-8"
    )
    found = check_paths([str(page)])
    assert {f.rule for f in found} >= {"format.raw-html", "suppress.invalid"}
    bad = next(f for f in found if f.rule == "suppress.invalid")
    assert bad.message == "规则“format.raw-html”涉及网页安全，不能豁免（网页上总会删除这些内容）"
