"""意见征集 (pure): a draft published for comment with a 征集期, then its feedback.

Keys in the article's front matter::

    征集开始日期: 2026-11-20
    征集截止日期: 2026-12-20
    意见采纳情况: 2026-xxx-fankui.md   # after the end: the feedback article beside this one

Status on a day: 未开始 before the start, 征集中 to the end day inclusive, then 已结束.
The nightly report flags an ended consultation without 意见采纳情况 (health.rules).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

START, END, FEEDBACK = "征集开始日期", "征集截止日期", "意见采纳情况"
KEYS = {
    START: "意见征集开始日期，如 2026-11-20",
    END: "意见征集截止日期，如 2026-12-20（当天仍可提交）",
    FEEDBACK: "征集结束后公布的意见采纳情况文章的文件名（与本文同目录），如 2026-xxx-fankui.md",
}
OPEN, CLOSED, NOT_STARTED = "征集中", "已结束", "未开始"


@dataclass(frozen=True)
class Consultation:
    start: date
    end: date
    feedback: str | None = None  # file name of the feedback article beside this one

    def is_open(self, today: date) -> bool:
        return self.start <= today <= self.end

    def status(self, today: date) -> str:
        if today < self.start:
            return NOT_STARTED
        return OPEN if today <= self.end else CLOSED

    def feedback_path(self, article_path: str) -> str | None:
        """content/fgw/x.md + y.md -> content/fgw/y.md."""
        if self.feedback is None:
            return None
        folder = article_path.rsplit("/", 1)[0]
        return f"{folder}/{self.feedback}"


Found = list[tuple[str, str, str]]  # (key, message, fix) for the article reader


def check(
    start: date | None, end: date | None, feedback: str | None, *, present: set[str]
) -> tuple[Consultation | None, Found]:
    """The consultation, and problems as (key, message, fix) for the article reader.

    Not required by the column: an 意见征集 column also lists the feedback reports."""
    problems: Found = []
    if not present:
        return None, problems
    for key in (START, END):
        if key not in present:
            problems.append((key, f"填写了征集期，但缺少“{key}”", f"添加“{key}: 年-月-日”"))
    if feedback is not None and (
        "/" in feedback or "\\" in feedback or not feedback.endswith(".md")
    ):
        problems.append(
            (
                FEEDBACK,
                f"“{feedback}”不是与本文同目录的文章文件名",
                "只写文件名，如 2026-xxx-fankui.md",
            )
        )
        feedback = None
    if start is None or end is None:
        return None, problems
    if end < start:
        problems.append((END, f"征集截止日期 {end} 早于开始日期 {start}", "核对征集期"))
        return None, problems
    return Consultation(start, end, feedback), problems
