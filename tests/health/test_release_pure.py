"""Tables for the pure parts of publishing: which findings block, merge methods, 撤稿 edits."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from govsite.clock import BEIJING as BJ
from govsite.health import release_gate
from govsite.health.findings import ERROR, VETO, WARN, Finding
from govsite.release import withdrawal
from govsite.review import register as reg
from govsite.review.records import Record

M02 = Finding("MON-02", VETO, "首页久未更新")
M08 = Finding("MON-08", VETO, "公开日期不符", path="content/zfb/a.md")
M08B = Finding("MON-08", VETO, "公开日期不符", path="content/zfb/b.md")
M09 = Finding("MON-08", WARN, "提示", path="content/zfb/c.md")
META = Finding("META-08", ERROR, "解读超期", path="content/zfb/a.md")


@pytest.mark.parametrize(
    ("findings", "live", "removes", "blocking", "tolerated"),
    [
        ([M02, M08], None, False, [M02, M08], []),  # first release: judged in full
        ([M02, M08], [], False, [M02, M08], []),
        ([M02, M08], [["MON-02", ""]], False, [M08], [M02]),  # already online: not this one's
        ([M08, M08B], [["MON-08", "content/zfb/a.md"]], False, [M08B], [M08]),  # same rule, file
        ([META], [["MON-08", "content/zfb/a.md"]], False, [META], []),  # another rule
        ([M02, M08, M09], [], True, [], [M02, M08]),  # a removal or correction always goes out
        ([M09], [], False, [], []),  # warnings never block
    ],
)
def test_judge(
    findings: list[Finding],
    live: list[list[str]] | None,
    removes: bool,
    blocking: list[Finding],
    tolerated: list[Finding],
) -> None:
    verdict = release_gate.judge(findings, live, removes)
    assert (verdict.blocking, verdict.tolerated) == (blocking, tolerated)


def test_problem_names_article_and_unit() -> None:
    owners = {"content/zfb/a.md": release_gate.Owner("通知", "示例县人民政府办公室")}
    assert release_gate.problem(M08, owners, "前缀：").render() == (
        "前缀：《通知》（责任单位：示例县人民政府办公室）[否决] MON-08 content/zfb/a.md: 公开日期不符"
    )
    assert release_gate.problem(M02, owners, "").render() == "[否决] MON-02 首页久未更新"


WHEN = datetime(2026, 3, 1, 9, 0, tzinfo=BJ)


def record(head: str, commits: tuple[dict[str, str], ...] = ()) -> Record:
    return Record(
        pr=7,
        base="b" * 40,
        head=head,
        head_tree="t",
        policy_blob="p",
        author="x",
        decided_at="2026-03-01T10:00:00+08:00",
        files={},
        approvals=(),
        commits=commits,
    )


def landing(sha: str, parents: int, authored: datetime = WHEN, subject: str = "s") -> reg.Landing:
    return reg.Landing(
        sha=sha,
        parents=tuple(f"{i}" * 40 for i in range(parents)),
        author="A <a@x>",
        committer="C <c@x>",
        authored_at=authored,
        committed_at=WHEN,
        subject=subject,
    )


PR_COMMIT = {"sha": "h" * 40, "authored_at": WHEN.isoformat(), "subject": "改通知"}


@pytest.mark.parametrize(
    ("land", "rec", "ancestors", "method"),
    [
        (landing("h" * 40, 1), record("h" * 40), frozenset(), reg.FAST_FORWARD),
        (landing("m" * 40, 2), record("h" * 40), frozenset({"h" * 40}), reg.MERGE),
        (
            landing("r" * 40, 1, subject="改通知"),
            record("h" * 40, (PR_COMMIT,)),
            frozenset(),
            reg.REBASE,
        ),
        (
            landing("s" * 40, 1, WHEN + timedelta(hours=1), "PR 标题 (#7)"),
            record("h" * 40, (PR_COMMIT,)),
            frozenset(),
            reg.SQUASH,
        ),
        (landing("m" * 40, 2), record("h" * 40), frozenset({"x" * 40}), reg.SQUASH),
    ],
)
def test_merge_method(
    land: reg.Landing, rec: Record, ancestors: frozenset[str], method: str
) -> None:
    assert reg.merge_method(land, rec, ancestors) == method
    assert reg.merger_of(land, method) == ("A <a@x>" if method == reg.MERGE else "C <c@x>")


GONE = "zfb/a.html"
FEED = (
    "<feed><title>t</title><entry><title>甲</title>"
    '<link href="https://www.example.gov.cn/zfb/a.html" rel="alternate"/></entry>'
    '<entry><title>乙</title><link href="https://www.example.gov.cn/zfb/ab.html"/></entry>'
    "</feed>"
)


def test_feed_loses_only_the_withdrawn_entry() -> None:
    out = withdrawal.drop_feed_entries(FEED, [GONE])
    assert "甲" not in out and "乙" in out and out.startswith("<feed><title>t</title>")


def test_catalogue_row_is_kept_and_marked() -> None:
    row = (
        '<tr><td>IDX-1</td><td><a href="/zfb/a.html">甲</a></td><td></td><td>2026-01-01</td>'
        "<td>2026-01-02</td><td>有效</td></tr>"
    )
    other = row.replace("/zfb/a.html", "/zfb/b.html").replace("IDX-1", "IDX-2")
    out = withdrawal.mark_catalogue_html(row + "\n" + other, [GONE])
    first, second = out.split("\n")
    assert first == (
        '<tr><td>IDX-1</td><td><a href="/zfb/a.html">甲</a>（已撤销）</td><td></td>'
        "<td>2026-01-01</td><td>2026-01-02</td><td>已撤销</td></tr>"
    )
    assert second == other


def test_catalogue_json_and_csv_marked() -> None:
    data = (
        '{"条目": [{"索引号": "1", "有效性": "有效", "网址": "https://x.gov.cn/zfb/a.html"},'
        ' {"索引号": "2", "有效性": "有效", "网址": "https://x.gov.cn/zfb/b.html"}]}'
    )
    out = withdrawal.mark_catalogue_json(data, [GONE])
    assert '"有效性": "已撤销"' in out and out.count("已撤销") == 1
    table = (
        "\ufeff索引号,有效性,网址\r\n1,有效,https://x.gov.cn/zfb/a.html\r\n"
        "2,有效,https://x.gov.cn/zfb/b.html\r\n"
    )
    assert withdrawal.mark_catalogue_csv(table, [GONE]) == table.replace("1,有效", "1,已撤销")


def test_notice_and_nginx_escape() -> None:
    w = withdrawal.Withdrawn(
        page=GONE,
        title="关于<b>'$x'</b>的通知",
        index_no="IDX",
        day=date(2026, 12, 3),
        reason="含个人信息",
    )
    page = withdrawal.notice(w, "示例县")
    assert "&lt;b&gt;" in page and "data-pagefind-body" not in page
    assert 'data-pagefind-ignore="all"' in page and "索引号：IDX" in page
    conf = withdrawal.nginx_conf([w], "示例县")
    assert len(conf.splitlines()) == 2  # the comment, one location per page
    line = conf.splitlines()[1]
    assert line.startswith("location = /zfb/a.html { default_type text/html; return 410 '")
    assert line.endswith("'; }") and "$" not in conf and "＄x" in conf
