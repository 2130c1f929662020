"""Issue 9 items 3 and 5, issue 11 items 6 and 7: one reading of a file.

Every case runs through the real command line (``govsite check`` and ``govsite
build``, in-process through ``main`` with its error handler), so what is tested is
what an editor sees; build stops at validation, before Pelican, for every case here.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from govsite.commands.cli import main
from govsite.library import load_library

Run = Callable[..., tuple[int, str, str]]

GOOD = """---
标题: 关于公布补贴名单的通知
公开日期: 2025-06-01 09:00
栏目: [tzgg]
---

数据如下，请查收。
"""


@pytest.fixture
def run(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, sample_site: Path
) -> Run:
    monkeypatch.chdir(sample_site)

    def invoke(*args: str) -> tuple[int, str, str]:
        capsys.readouterr()
        monkeypatch.setattr(sys, "argv", ["govsite", *args])
        code = 0
        try:
            main()
        except SystemExit as exc:
            code = int(exc.code or 0)
        out, err = capsys.readouterr()
        assert "Traceback" not in err and "内部错误" not in err, err
        return code, out, err

    return invoke


def plant(site: Path, data: str | bytes, name: str = "planted.md") -> str:
    rel = f"content/zfb/{name}"
    path = site / rel
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return rel


def both(
    run: Run, site: Path, data: str | bytes, name: str = "planted.md"
) -> tuple[tuple[int, str], tuple[int, str]]:
    """(exit, stdout) of ``check FILE`` and (exit, stderr) of ``build``."""
    rel = plant(site, data, name)
    code, out, _ = run("check", rel)
    bcode, _, berr = run("build", "--no-search")
    return (code, out), (bcode, berr)


# --- BOM, CRLF and CR: read the same everywhere -------------------------------------------


@pytest.mark.parametrize("shape", ["bom", "crlf", "cr", "bom+crlf"])
def test_line_ends_and_bom_read_like_lf(run: Run, sample_site: Path, shape: str) -> None:
    text = GOOD.replace("\n", "\r" if shape == "cr" else "\r\n" if "crlf" in shape else "\n")
    data = (b"\xef\xbb\xbf" if "bom" in shape else b"") + text.encode("utf-8")
    code, out, _ = run("check", plant(sample_site, data))
    assert code == 0, out
    # build's validation (the whole build is the sample-site test's): nothing to report
    library = load_library(sample_site)
    assert library.problems == []
    article = next(a for a in library.articles if a.path == "content/zfb/planted.md")
    assert article.title == "关于公布补贴名单的通知" and article.body == "\n数据如下，请查收。\n"


@pytest.mark.parametrize("newline", ["\n", "\r\n", "\r"])
@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"])
def test_fix_keeps_front_matter_bom_and_line_ends(
    run: Run, sample_site: Path, newline: str, bom: bytes
) -> None:
    front = (
        "---\n标题: 关于公布补贴名单的通知\n公开日期: 2025-06-01 09:00\n栏目: [tzgg]\n"
        "概述: 说明:见正文\n发文字号: 示政办发[2026]3号\n---\n"
    )
    body = "\n数据如下,请查收.\n\n示例县人民政府办公室\n2026年03月08日\n"
    data = bom + (front + body).replace("\n", newline).encode("utf-8")
    rel = plant(sample_site, data)
    code, _, err = run("check", "--fix", rel)
    assert "已修正 4 处" in err
    assert "第 6 行：“示政办发[2026]3号” → “示政办发〔2026〕3号”" in err
    fixed = (sample_site / rel).read_bytes()
    assert fixed.startswith(bom + b"---")
    text = fixed[len(bom) :].decode("utf-8")
    expected_front = front.replace("[2026]", "〔2026〕")
    expected_body = "\n数据如下，请查收。\n\n示例县人民政府办公室\n2026年3月8日\n"
    assert text == (expected_front + expected_body).replace("\n", newline)
    assert "概述: 说明:见正文" in text  # not a value --fix owns: unchanged
    assert code == 0
    again = run("check", "--fix", rel)
    assert "已修正" not in again[2] and (sample_site / rel).read_bytes() == fixed


# --- The YAML parser decides, for check as for build ---------------------------------------

NOT_PUBLIC = {
    "quoted key": '"公开方式": 不予公开\n',
    "single-quoted value": "公开方式: '不予公开'\n",
    "block scalar": "公开方式: |\n  不予公开\n",
    "folded scalar": "公开方式: >-\n  不予公开\n",
    "tag": "公开方式: !!str 不予公开\n",
    "explicit key": "? 公开方式\n: 免予公开\n",
}


@pytest.mark.parametrize("line", NOT_PUBLIC.values(), ids=NOT_PUBLIC.keys())
def test_not_public_however_written(run: Run, sample_site: Path, line: str) -> None:
    (code, out), (bcode, err) = both(
        run, sample_site, GOOD.replace("栏目: [tzgg]\n", "栏目: [tzgg]\n" + line)
    )
    assert code == 1 and "secret.not-for-publication: 公开方式为“" in out
    assert bcode == 1 and "content/zfb/planted.md:5: 公开方式: 公开方式为“" in err


def test_not_public_in_a_flow_mapping(run: Run, sample_site: Path) -> None:
    flow = (
        "---\n{标题: 关于公布补贴名单的通知, 公开日期: '2025-06-01 09:00', 栏目: [tzgg],"
        " 公开方式: 不予公开}\n---\n\n正文。\n"
    )
    (code, out), (bcode, err) = both(run, sample_site, flow)
    assert code == 1 and "secret.not-for-publication" in out
    assert bcode == 1 and "不能发布到网站" in err


# --- Blank values, ASCII digits -----------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "key", "line"),
    [
        ("标题: 关于公布补贴名单的通知", "标题: '   '", "标题", 2),
        ("标题: 关于公布补贴名单的通知", "标题: 　　", "标题", 2),
        ("栏目: [tzgg]", "栏目: []", "栏目", 4),
        ("栏目: [tzgg]", "栏目: ['  ']", "栏目", 4),
        ("公开日期: 2025-06-01 09:00", "公开日期: ''", "公开日期", 3),
    ],
)
def test_blank_required_values_are_missing(
    run: Run, sample_site: Path, old: str, new: str, key: str, line: int
) -> None:
    (code, out), (bcode, err) = both(run, sample_site, GOOD.replace(old, new))
    assert code == 1 and f"planted.md:{line}:1: format.front-matter: " in out
    assert bcode == 1 and f"content/zfb/planted.md:{line}: {key}: " in err
    assert "空" in err or "缺少必填项" in err


CODE = "11152522MB1665215Y"  # zfb's credit code in the sample reviewers.yml


@pytest.mark.parametrize(
    ("key", "value", "char"),
    [
        ("索引号", f"{CODE}/２０２５-00004", "２"),
        ("索引号", f"{CODE}/2025－00004", "－"),
        ("索引号", f"{CODE}/2025-0000٤", "٤"),
        ("公开日期", "２０２５-06-01", "２"),
        ("成文日期", "2025-0６-01", "６"),
        ("发文字号", "示政办发〔２０２５〕8号", "２"),
    ],
)
def test_non_ascii_digits_named(
    run: Run, sample_site: Path, key: str, value: str, char: str
) -> None:
    text = (
        GOOD.replace("栏目: [tzgg]\n", f"栏目: [tzgg]\n{key}: {value}\n")
        if key != "公开日期"
        else GOOD.replace("2025-06-01 09:00", value)
    )
    (code, out), (bcode, err) = both(run, sample_site, text)
    assert code == 1 and f"“{char}”是" in out and "半角" in out
    assert bcode == 1 and f"{key}: “{value}”第 " in err and f"个字符“{char}”" in err


def test_full_width_index_number_is_no_escape_from_uniqueness(run: Run, sample_site: Path) -> None:
    taken = next(
        line.split(": ", 1)[1]
        for p in sorted((sample_site / "content/zfb").glob("*.md"))
        for line in p.read_text(encoding="utf-8").splitlines()
        if line.startswith("索引号: ")
    )
    wide = taken.replace("2", "２")
    (code, out), (bcode, _) = both(
        run, sample_site, GOOD.replace("栏目: [tzgg]\n", f"栏目: [tzgg]\n索引号: {wide}\n")
    )
    assert code == 1 and bcode == 1 and "“２”是全角字符" in out


# --- Duplicates, non-scalar keys, aliases: clean errors, fast -----------------------------


def test_duplicate_key_names_both_lines(run: Run, sample_site: Path) -> None:
    text = GOOD.replace("栏目: [tzgg]\n", "栏目: [tzgg]\n标题: 另一个标题\n")
    (code, out), (bcode, err) = both(run, sample_site, text)
    assert (
        code == 1 and "planted.md:5:1: format.front-matter: 元数据键重复（第 2 行和第 5 行）" in out
    )
    assert bcode == 1 and "planted.md:5: 标题: 元数据键重复（第 2 行和第 5 行）" in err


LOL = "".join(f"l{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9) if i else 'lol'}]\n" for i in range(12))


@pytest.mark.parametrize(
    ("extra", "message", "line"),
    [
        ("? [a, b]\n: 值\n", "元数据的键必须是文字", 5),
        ("? {a: 1}\n: 值\n", "元数据的键必须是文字", 5),
        ("循环: &x [*x]\n", "元数据中不能使用 YAML 锚点或别名", 5),
        (LOL, "元数据中不能使用 YAML 锚点或别名", 5),
        (
            "深: " + "[" * 150 + "]" * 150 + "\n",
            "元数据嵌套超过 100 层（hooks/limits.yml 的“嵌套层数上限”）",
            5,
        ),
        ("深: " + "[" * 3000 + "]" * 3000 + "\n", "元数据嵌套超过 100 层", 5),
        (
            "深:\n" + "".join(" " * i + f"k{i}:\n" for i in range(1, 300)),
            "元数据嵌套超过 100 层",
            105,
        ),
    ],
)
def test_hostile_yaml_is_a_clean_error(
    run: Run, sample_site: Path, extra: str, message: str, line: int
) -> None:
    started = time.monotonic()
    (code, out), (bcode, err) = both(
        run, sample_site, GOOD.replace("栏目: [tzgg]\n", "栏目: [tzgg]\n" + extra)
    )
    assert code == 1 and f"planted.md:{line}:1: format.front-matter: {message}" in out
    assert bcode == 1 and f"content/zfb/planted.md:{line}: {message}" in err
    assert time.monotonic() - started < 60  # not a timing test: billion laughs never ends


# --- Bounded Markdown, control characters, long names --------------------------------------


def nested_list(depth: int) -> str:
    return "".join("  " * i + f"- 第{i}层\n" for i in range(depth))


@pytest.mark.parametrize("depth", [800, 2000])
def test_deep_markdown_nesting_is_an_error_naming_the_limit(
    run: Run, sample_site: Path, depth: int
) -> None:
    (code, out), (bcode, err) = both(run, sample_site, GOOD + nested_list(depth))
    line = 8 + 101  # the first line nested deeper than 100 levels
    assert code == 1
    assert (
        f"planted.md:{line}:1: format.front-matter: 列表或引用嵌套约 101 层，超过 hooks/limits.yml 的“嵌套层数上限”（100）"
        in out
    )
    assert bcode == 1 and f"content/zfb/planted.md:{line}: 列表或引用嵌套" in err


def test_nesting_limit_is_read_from_hooks(run: Run, sample_site: Path) -> None:
    (sample_site / "hooks/limits.yml").write_text("嵌套层数上限: 500\n", encoding="utf-8")
    code, out, _ = run("check", plant(sample_site, GOOD + nested_list(300)))
    assert code == 0, out


def test_deep_quotes_are_bounded(run: Run, sample_site: Path) -> None:
    (code, out), (bcode, _) = both(run, sample_site, GOOD + ">" * 2000 + " 引用\n")
    assert code == 1 and bcode == 1 and "超过 hooks/limits.yml 的“嵌套层数上限”" in out


@pytest.mark.parametrize(
    ("old", "new", "line", "key"),
    [
        ("标题: 关于公布补贴名单的通知", "标题: 关于公布\x07补贴名单的通知", 2, "标题"),
        ("标题: 关于公布补贴名单的通知", "标题: 关于公布\x1b[31m补贴名单的通知", 2, "标题"),
        ("标题: 关于公布补贴名单的通知", '标题: "关于公布\\e[31m补贴名单的通知"', 2, "标题"),
        ("数据如下，请查收。", "数据如下\x00，请查收。", 7, None),
        ("数据如下，请查收。", "数据如下\x0c，请查收。", 7, None),
    ],
)
def test_control_characters_named_at_check_time(
    run: Run, sample_site: Path, old: str, new: str, line: int, key: str | None
) -> None:
    (code, out), (bcode, err) = both(run, sample_site, GOOD.replace(old, new))
    assert code == 1 and f"planted.md:{line}:1: format.front-matter: 含有" in out
    where = f"content/zfb/planted.md:{line}: " + (f"{key}: " if key else "")
    assert bcode == 1 and where + "含有" in err and "U+00" in err
    assert "Pelican" not in err


def test_long_file_name_is_an_error_at_check_time(run: Run, sample_site: Path) -> None:
    name = "a" * 246 + ".md"  # 249 characters: fits the disk, not with .html and temp names
    (code, out), (bcode, err) = both(run, sample_site, GOOD, name)
    assert code == 1 and "文件名太长（249 字节）" in out
    assert bcode == 1 and f"content/zfb/{name}: 文件名太长" in err and "Pelican" not in err


# --- Editor feedback (issue 11 item 7) ----------------------------------------------------


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("标题：关于公布补贴名单的通知", "键“标题”后面用了中文冒号“：”"),
        ("标题:关于公布补贴名单的通知", "键“标题”的冒号后面缺少空格"),
        ("标题　: 关于公布补贴名单的通知", "键“标题”的冒号旁边是全角空格"),
        ("标题:　关于公布补贴名单的通知", "键“标题”的冒号旁边是全角空格"),
    ],
)
def test_chinese_colon_or_full_width_space_in_a_key(
    run: Run, sample_site: Path, line: str, message: str
) -> None:
    text = GOOD.replace("标题: 关于公布补贴名单的通知", line).replace(
        "栏目: [tzgg]", "栏目: [nope]"
    )  # a second mistake, reported in the same run
    (code, out), (bcode, err) = both(run, sample_site, text)
    assert code == 1
    assert f"planted.md:2:1: format.front-matter: {message}" in out
    assert "修改方法：写成“标题: 关于公布补贴名单的通知”（英文冒号加一个半角空格）" in out
    assert "planted.md:4:1: format.front-matter: 栏目“nope”不存在" in out
    assert "YAML" not in out
    assert bcode == 1 and f"content/zfb/planted.md:2: 标题: {message}" in err


def test_full_width_space_before_a_key(run: Run, sample_site: Path) -> None:
    (code, out), _ = both(run, sample_site, GOOD.replace("标题:", "　标题:"))
    assert code == 1 and "键名“　标题”中有空格（常是输入法的全角空格）" in out


def test_future_publication_date_is_an_error(run: Run, sample_site: Path) -> None:
    (code, out), (bcode, err) = both(
        run, sample_site, GOOD.replace("2025-06-01 09:00", "2099-01-01 09:00")
    )
    assert (
        code == 1
        and "planted.md:3:1: format.front-matter: 公开日期 2099-01-01 09:00 晚于今天一天以上" in out
    )
    assert bcode == 1 and "公开日期: 公开日期 2099-01-01 09:00 晚于今天一天以上" in err


def test_key_suggestion_follows_the_guide(run: Run, sample_site: Path) -> None:
    (code, out), _ = both(
        run, sample_site, GOOD.replace("栏目: [tzgg]\n", "栏目: [tzgg]\n发文单位: 县政府办\n")
    )
    assert code == 1 and "未知的元数据键“发文单位”" in out and "是否应为“发文机构”？" in out
    guide = (Path(__file__).resolve().parents[2] / "docs/编辑指南.md").read_text(encoding="utf-8")
    assert "未知的元数据键“发文单位”" in guide and "（如“发文机构”）" in guide


def test_every_problem_in_one_run(run: Run, sample_site: Path) -> None:
    """A missing 标题 and a bad date hide nothing: every key's error and every missing
    attachment is reported at once, by check and by build alike."""
    text = (
        "---\n公开日期: 2025-13-45\n栏目: [tzgg]\n重要程度: 特别重大\n需要解读: 也许\n"
        "附件: [a.pdf, b.xlsx, c.docx]\n---\n\n正文。\n"
    )
    (code, out), (bcode, err) = both(run, sample_site, text)
    for where, shown in ((code, out), (bcode, err)):
        assert where == 1
        assert "缺少必填项" in shown  # 标题
        assert "“2025-13-45”不是有效的日期时间" in shown
        assert "“特别重大”不是可用的值" in shown
        assert "“也许”不是可用的值" in shown
        assert "附件“a.pdf”、“b.xlsx”、“c.docx”不存在" in shown


def test_all_half_width_marks_on_a_line(run: Run, sample_site: Path) -> None:
    code, out, _ = run(
        "check", plant(sample_site, GOOD.replace("数据如下，请查收。", "甲,乙;丙?丁!"))
    )
    assert code == 1
    assert [line for line in out.splitlines() if "format.punctuation" in line] == [
        f"content/zfb/planted.md:7:{col}: format.punctuation: 中文中使用了半角标点“{m}”"
        for col, m in ((2, ","), (4, ";"), (6, "?"), (8, "!"))
    ]
    assert out.count("（可用 govsite check --fix 修正）") == 4


def test_same_mistake_same_message_in_check_and_build(run: Run, sample_site: Path) -> None:
    text = GOOD.replace(
        "栏目: [tzgg]\n", "栏目: [tzgg]\n发文字号: 示政办发[2026]3号\n有效性: 作废\n"
    )
    (_, out), (_, err) = both(run, sample_site, text)
    for message in ("年份应使用六角括号〔〕，不能用方括号 []", "“作废”不是可用的值"):
        check_line = next(line for line in out.splitlines() if message in line)
        build_line = next(line for line in err.splitlines() if message in line)
        assert check_line.split(": ", 2)[-1] == build_line.split(": ", 2)[-1].split("。修改方法")[0]
    assert "content/zfb/planted.md:5:1: format.doc-no:" in out
