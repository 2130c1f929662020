"""Issue 9 item 7: fuzzing the text inputs (front matter, Markdown bodies, reviews JSON,
config files) with hypothesis.

Every input must end as the command line would end it: findings (exit 0 or 1) or a
GovsiteError (exit 1 or 2) whose messages are Chinese, never any other exception
(a traceback). The functions driven are the ones ``govsite check``, ``govsite build``
and ``govsite review evaluate`` call. ``make fuzz`` runs the same properties longer:
GOVSITE_FUZZ_EXAMPLES sets the number of examples per property (default 40 here).
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from govsite.checks.runner import Options, _default_lists, check_paths, fix_text
from govsite.config import reviewers, site
from govsite.config.schema import parse_yaml
from govsite.errors import EXIT_CONFIG, EXIT_FINDINGS, GovsiteError
from govsite.library import load_config
from govsite.model.article import KEYS, read_article
from govsite.model.frontmatter import decode, split
from govsite.review.reviews import decode_json, from_json
from tests.conftest import copy_sample

EXAMPLES = int(os.environ.get("GOVSITE_FUZZ_EXAMPLES", "40"))
FUZZ = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=EXAMPLES <= 40,
    suppress_health_check=[
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
        HealthCheck.function_scoped_fixture,
    ],
)
HAN = re.compile("[\u4e00-\u9fff]")

# Pieces editors (and attackers) put into front matter and bodies.
KEY = st.sampled_from(
    [
        *KEYS,
        "发文单位",
        "标题：",
        "标　题",
        "<<",
        "? [a]",
        "'公开方式'",
        '"标题"',
        "!!str 公开方式",
        "&a k",
        "*a",
    ]
)
VALUE = st.one_of(
    st.sampled_from(
        [
            "关于公布名单的通知",
            "2025-06-01 09:00",
            "２０２５-06-01",
            "[tzgg]",
            "[]",
            "'   '",
            "不予公开",
            "|\n  不予公开",
            ">-\n  x",
            "!!str 不予公开",
            "&x [*x]",
            "*x",
            "{a: 1}",
            "[[[[",
            "示政办发[2026]3号",
            "\x00",
            "\x1b",
            "\ufeff",
            "\r",
            "是",
            "11152522MB1665215Y/2025-00004",
            "[a.pdf, b.pdf]",
        ]
    ),
    st.text(max_size=30),
)
SEP = st.sampled_from([": ", "：", ":", "　: ", ":　", ": ", "\t: "])
LINE = st.builds(lambda k, s, v: f"{k}{s}{v}", KEY, SEP, VALUE)
BODY = st.lists(
    st.one_of(
        st.sampled_from(
            [
                "数据如下,请查收.",
                "- 项目\n  - 子项",
                "> 引用",
                "```\ncode\n```",
                "2025年05月08日",
                "示政办发[2026]3号",
                "<script>x</script>",
                "---",
                "| 表 | 头 |\n|---|---|\n| 1 | 2 |",
                "* " * 60,
                "  " * 120 + "- 深",
                "(一)目标",
                "一、总体要求",
                "[链接](javascript:alert(1))",
            ]
        ),
        st.text(max_size=40),
    ),
    max_size=8,
).map("\n".join)
ARTICLE = st.builds(
    lambda lines, body, nl, bom: (
        bom + ("---\n" + "\n".join(lines) + "\n---\n" + body).replace("\n", nl)
    ),
    st.lists(LINE, max_size=10),
    BODY,
    st.sampled_from(["\n", "\r\n", "\r"]),
    st.sampled_from(["", "\ufeff"]),
)


def chinese(error: GovsiteError) -> None:
    assert error.exit_code in (EXIT_FINDINGS, EXIT_CONFIG)
    assert error.problems and all(HAN.search(p.render()) for p in error.problems)


@pytest.fixture(scope="module")
def site_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return copy_sample(tmp_path_factory.mktemp("fuzz") / "site")


@FUZZ
@given(text=ARTICLE, raw=st.binary(max_size=64))
def test_articles_end_in_findings_or_chinese_errors(site_root: Path, text: str, raw: bytes) -> None:
    config, policy = load_config(site_root)
    path = site_root / "content/zfb/fuzz.md"
    for data in (text.encode("utf-8"), raw, text.encode("utf-8") + raw):
        path.write_bytes(data)
        try:
            findings = check_paths([str(path)], Options())
        except GovsiteError as exc:
            chinese(exc)
        else:
            assert all(HAN.search(f.message) for f in findings)
        parsed = read_article(
            data, "content/zfb/fuzz.md", unit=policy.units["zfb"], rules=config.rules(policy.units)
        )
        assert all(HAN.search(p.render()) for p in parsed.problems)
        assert parsed.article is not None or parsed.problems


@FUZZ
@given(text=ARTICLE)
def test_fix_is_idempotent_and_owns_only_its_values(text: str) -> None:
    source, _ = decode(text.encode("utf-8"), "t.md")
    assert source is not None
    lists = _default_lists()
    once, _ = fix_text(source.text, "t.md", lists)
    twice, changes = fix_text(once, "t.md", lists)
    assert twice == once and changes == []
    try:
        before = split(source.text, "t.md")
    except GovsiteError:
        # Front matter --fix cannot read: it touches nothing before the body.
        assert once[: _fence_end(source.text)] == source.text[: _fence_end(source.text)]
        return
    after = split(once, "t.md")
    assert {k: v for k, v in after.data.items() if k != "发文字号"} == {
        k: v for k, v in before.data.items() if k != "发文字号"
    }
    assert after.key_lines == before.key_lines


def _fence_end(text: str) -> int:
    end = text.find("\n---", 3)
    return len(text) if end == -1 else end


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                ["id", "state", "user", "login", "submitted_at", "commit_id", "dismissed"]
            ),
            inner,
            max_size=6,
        )
    ),
    max_leaves=30,
)
STATE = st.sampled_from(
    ["APPROVED", "CHANGES_REQUESTED", "COMMENTED", "DISMISSED", "REQUEST_CHANGES", "PENDING", "?"]
)


@FUZZ
@given(
    value=JSON,
    depth=st.integers(0, 300),
    raw=st.binary(max_size=40),
    state=STATE,
    when=st.text(max_size=25),
)
def test_reviews_json_ends_in_reviews_or_chinese_errors(
    value: object, depth: int, raw: bytes, state: str, when: str
) -> None:
    review = {"id": 1, "state": state, "user": {"login": "a"}, "submitted_at": when}
    for text in (
        json.dumps(value),
        "[" * depth + "]" * depth,
        json.dumps([review]),
        json.dumps([review, value]),
        raw,
    ):
        for forge in ("github", "gitea"):
            try:
                from_json(decode_json(text, "reviews.json"), forge, "reviews.json")
            except GovsiteError as exc:
                chinese(exc)


YAML_PIECE = st.sampled_from(
    [
        "units:",
        "  zfb:",
        "    name: 政府办",
        "    reviewers: {1: [a], 2: [b], 3: [c]}",
        "  zfb:",
        '    paths: ["content/**"]',
        "leaders: [x]",
        "ordered: maybe",
        "<<: {a: 1}",
        "a: &x [*x]",
        "b: *x",
        "? [k]",
        ": v",
        "    reviewers: {1: [a], 1: [b]}",
        "---",
        "\t",
        "网站:",
        "  名称: 假",
        "栏目: [{id: a, 名称: 甲}]",
        "每页条数: 3",
        "- [[[[",
        "k: " + "[" * 120,
        "审核门禁启用日期: 2026-02-30",
        "索引号: {格式: '('}",
        "'",
        "\x00",
    ]
)


@FUZZ
@given(lines=st.lists(st.one_of(YAML_PIECE, st.text(max_size=20)), max_size=12))
def test_config_files_end_in_config_or_chinese_errors(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    for validate in (
        lambda d, ln: reviewers.validate(d, ln, "reviewers.yml"),
        lambda d, ln: site.validate(d, ln),
    ):
        try:
            data, line_map = parse_yaml(text, "config.yml")
            validate(data, line_map)
        except GovsiteError as exc:
            chinese(exc)
