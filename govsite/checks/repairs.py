"""Safe repairs for ``govsite check --fix`` beyond punctuation: 发文字号 brackets and the
落款 date's leading zeros.

``--fix`` owns exactly these: the 发文字号 value in the front matter (located by the
YAML parser, so a quoted or flow-written value is found where YAML says it is and
nothing else in the front matter is touched), 发文字号 cited in the body, and
dates written ``2025年05月08日``. Each repair is the one the check's message names.
"""

from __future__ import annotations

import re

from govsite.checks.markdown import outside
from govsite.checks.punctuation import Edit
from govsite.model import doc_number
from govsite.model.frontmatter import FrontMatter

KEY = "发文字号"
# The bracketed year first, then the 机关代字 before it (as the format.doc-no rule reads it).
_BODY_DOC = re.compile(
    r"(?P<org>[\u4e00-\u9fa5A-Za-z]{2,12})(?P<tail>[\[（(【〔](?:19|20)[0-9]{2}"
    r"[\]）)】〕]第?[0-9]+号)"
)
_ZERO_DATE = re.compile(r"(?<![0-9])([0-9]{4})年0?([0-9]{1,2})月0?([0-9]{1,2})日")


def front_doc_no(fm: FrontMatter) -> list[Edit]:
    """The 发文字号 value, when its repair is unambiguous and it is a one-line scalar."""
    value = fm.data.get(KEY)
    span = fm.spans.get(KEY)
    if not isinstance(value, str) or span is None:
        return []
    start, end, style = span
    better = doc_number.suggest(value.strip())
    if better is None or style not in (None, "", "'", '"'):
        return []
    quote = style or ""
    return [Edit(start, end, f"{quote}{better}{quote}")]


def body(text: str, start: int, skip: list[tuple[int, int]]) -> list[Edit]:
    edits = []
    for m in _BODY_DOC.finditer(text, start):
        if not outside(m.start("tail"), skip):
            continue
        better = doc_number.suggest(m.group())
        if better is not None and better.startswith(m["org"]):
            edits.append(Edit(m.start("tail"), m.end(), better[len(m["org"]) :]))
    for m in _ZERO_DATE.finditer(text, start):
        if not outside(m.start(), skip):
            continue
        fixed = f"{m[1]}年{int(m[2])}月{int(m[3])}日"
        if fixed != m.group() and 1 <= int(m[2]) <= 12 and 1 <= int(m[3]) <= 31:
            edits.append(Edit(m.start(), m.end(), fixed))
    return edits
