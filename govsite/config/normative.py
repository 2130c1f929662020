"""site.yml 规范性文件: the 统一编号 pattern and the default 有效期 (years).

Kept apart from config/site.py so the 规范性文件 rules live in one place; site.py
declares the section with ``OPTIONS`` and builds the rule with ``rule``.
"""

from __future__ import annotations

from typing import Any

from govsite.config.schema import Option, integer, regex
from govsite.model.normative import (
    DEFAULT_PATTERN,
    DEFAULT_TRIAL_YEARS,
    DEFAULT_YEARS,
    NormativeRule,
)

__all__ = [
    "DEFAULT_PATTERN",
    "DEFAULT_TRIAL_YEARS",
    "DEFAULT_YEARS",
    "OPTIONS",
    "SITE_KEY",
    "NormativeRule",
    "rule",
]

SITE_KEY = "规范性文件"


def _years(key: str, default: int) -> Option:
    return Option(
        key,
        "整数",
        ("标题含“暂行”“试行”的" if key == "暂行试行有效期" else "")
        + "规范性文件不写有效期时的年数（1–50）",
        default=default,
        read=integer(default, 1, 50, "“{value}”不是有效的年数", f"写成整数年，如 {key}: {default}"),
    )


OPTIONS: tuple[Option, ...] = (
    Option(
        "统一编号格式",
        "正则表达式",
        "行政规范性文件统一编号的正则表达式",
        default=DEFAULT_PATTERN,
        read=regex(DEFAULT_PATTERN),
        shown_default="机关简称规〔年份〕序号号",
    ),
    _years("有效期", DEFAULT_YEARS),
    _years("暂行试行有效期", DEFAULT_TRIAL_YEARS),
)


def rule(values: dict[str, Any]) -> NormativeRule:
    return NormativeRule(
        pattern=values["统一编号格式"], years=values["有效期"], trial_years=values["暂行试行有效期"]
    )
