"""统一社会信用代码, 索引号 and 发文字号 (META-04/05, QA-10)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from govsite.model import credit_code, doc_number
from govsite.model.index_number import IndexNumber, IndexNumberRule, next_serial

CHARS = st.sampled_from(credit_code.ALPHABET)
BODY17 = st.text(alphabet=credit_code.ALPHABET, min_size=17, max_size=17)


@pytest.mark.parametrize("code", ["11152522MB1665215Y", "11441700007280420Y"])
def test_real_credit_codes_pass(code: str) -> None:
    assert credit_code.is_valid(code)
    assert credit_code.explain(code) is None


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("11152522MB1665215X", "统一社会信用代码校验位错误：第 18 位应为 Y，实际为 X"),
        ("11152522MB166521", "统一社会信用代码应为 18 位，实际 16 位"),
        ("11152522MO1665215Y", "统一社会信用代码含非法字符 'O'（不使用 I、O、S、V、Z 和小写字母）"),
    ],
)
def test_bad_credit_codes_are_explained(code: str, message: str) -> None:
    assert not credit_code.is_valid(code)
    assert credit_code.explain(code) == message


@given(BODY17)
def test_generated_check_character_always_validates(body: str) -> None:
    assert credit_code.is_valid(body + credit_code.check_character(body))


@given(BODY17, st.integers(min_value=0, max_value=17), CHARS)
def test_any_single_substitution_is_caught(body: str, pos: int, ch: str) -> None:
    code = body + credit_code.check_character(body)
    changed = code[:pos] + ch + code[pos + 1 :]
    # Weights are coprime with 31, so one changed character always changes the sum.
    assert credit_code.is_valid(changed) == (changed == code)


RULE = IndexNumberRule()
UNIT = "11152522MB1665215Y"


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("11152522MB1665215Y/2025-00002", None),
        (
            "11152522MB1665215Y/2025-2",
            "索引号格式应为“统一社会信用代码/年份-5位序号”，如 11152522MB1665215Y/2025-00002",
        ),
        (
            "11152522MB1665215X/2025-00002",
            "索引号前缀统一社会信用代码校验位错误：第 18 位应为 Y，实际为 X",
        ),
        (
            "11441700007280420Y/2021-00050",
            "索引号前缀 11441700007280420Y 与发布单位的统一社会信用代码 "
            "11152522MB1665215Y 不一致（reviewers.yml 中该单位的 credit_code）",
        ),
    ],
)
def test_index_number_explain(text: str, why: str | None) -> None:
    assert RULE.explain(text, UNIT) == why


def test_custom_pattern_for_old_organisation_codes() -> None:
    rule = IndexNumberRule(pattern=r"^(?P<org>\d{9})/(?P<year>\d{4})-(?P<serial>\d{5})$")
    assert rule.explain("000014349/2022-02058", None) is None
    parsed = rule.parse("000014349/2022-02058")
    assert parsed == IndexNumber("000014349/2022-02058", "000014349", 2022, 2058)
    assert rule.explain("11152522MB1665215Y/2025-00002", None) is not None


@given(BODY17, st.integers(min_value=2000, max_value=2099), st.integers(1, 99999))
def test_index_number_round_trips(body: str, year: int, serial: int) -> None:
    org = body + credit_code.check_character(body)
    text = RULE.format(org, year, serial)
    assert RULE.explain(text, org) is None
    assert RULE.parse(text) == IndexNumber(text, org, year, serial)


def test_next_serial_never_reuses_a_gap() -> None:
    used = [IndexNumber("", UNIT, 2025, n) for n in (1, 2, 7)]
    used.append(IndexNumber("", UNIT, 2024, 40))
    used.append(IndexNumber("", "11441700007280420Y", 2025, 90))
    assert next_serial(used, UNIT, 2025) == 8
    assert next_serial(used, UNIT, 2026) == 1


@pytest.mark.parametrize(
    ("doc_no", "why", "fixed"),
    [
        ("阿政办字〔2025〕8号", None, None),
        ("内政办字〔2021〕45号", None, None),
        ("阿政办字[2025]8号", "年份应使用六角括号〔〕，不能用方括号 []", "阿政办字〔2025〕8号"),
        ("阿政办字(2025)8号", "年份应使用六角括号〔〕，不能用圆括号 ()", "阿政办字〔2025〕8号"),
        ("阿政办字【2025】8号", "年份应使用六角括号〔〕，不能用【】", "阿政办字〔2025〕8号"),
        ("阿政办字〔25〕8号", "年份应写全四位，如〔2025〕", None),
        ("阿政办字〔2025〕第8号", "序号前不加“第”", "阿政办字〔2025〕8号"),
        (
            "阿政办字〔2025〕08号",
            "序号不编虚位，不能有前导 0（如 08号 应为 8号）",
            "阿政办字〔2025〕8号",
        ),
    ],
)
def test_doc_number(doc_no: str, why: str | None, fixed: str | None) -> None:
    assert doc_number.explain(doc_no) == why
    assert doc_number.suggest(doc_no) == fixed
