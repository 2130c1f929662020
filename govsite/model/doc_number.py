"""发文字号 form: 机关代字〔YYYY〕N号 (GB/T 9704-2012; QA-10)."""

from __future__ import annotations

import re

DOC_NO = re.compile(r"^[\u4e00-\u9fa5A-Za-z]+〔(19|20)\d{2}〕[1-9]\d*号$")

# Common wrong forms and what to say about each.
_DIAGNOSES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\[\d+\]"), "年份应使用六角括号〔〕，不能用方括号 []"),
    (re.compile(r"[（(]\d+[）)]"), "年份应使用六角括号〔〕，不能用圆括号 ()"),
    (re.compile(r"【\d+】"), "年份应使用六角括号〔〕，不能用【】"),
    (re.compile(r"〔\d{1,3}〕"), "年份应写全四位，如〔2025〕"),
    (re.compile(r"〕第"), "序号前不加“第”"),
    (re.compile(r"〕0\d*号"), "序号不编虚位，不能有前导 0（如 08号 应为 8号）"),
    (re.compile(r"[^号]$"), "发文字号应以“号”结尾"),
)


def is_valid(doc_no: str) -> bool:
    return DOC_NO.match(doc_no) is not None


def explain(doc_no: str) -> str | None:
    """Why ``doc_no`` is malformed (Chinese), or None when it is well formed."""
    if is_valid(doc_no):
        return None
    for pattern, message in _DIAGNOSES:
        if pattern.search(doc_no):
            return message
    return "发文字号应为“机关代字〔年份〕序号号”，如 示政办发〔2025〕8号"


def suggest(doc_no: str) -> str | None:
    """A repaired form when the repair is unambiguous, else None."""
    m = re.match(
        r"^(?P<org>[\u4e00-\u9fa5A-Za-z]+)[\[（(【〔](?P<y>(19|20)\d{2})[\]）)】〕]"
        r"第?0*(?P<n>[1-9]\d*)号$",
        doc_no,
    )
    if not m:
        return None
    fixed = f"{m['org']}〔{m['y']}〕{m['n']}号"
    return fixed if fixed != doc_no else None
