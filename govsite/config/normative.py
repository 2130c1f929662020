"""site.yml 规范性文件: the 统一编号 pattern and the default 有效期 (years).

Kept apart from config/site.py so the 规范性文件 rules live in one place; site.py
calls ``parse`` for its one key.
"""

from __future__ import annotations

import re
from typing import Any

from govsite.config.schema import Collector
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
    "KEYS",
    "SITE_KEY",
    "NormativeRule",
    "parse",
]

SITE_KEY = "规范性文件"
KEYS = ("统一编号格式", "有效期", "暂行试行有效期")


def parse(c: Collector, raw: Any) -> NormativeRule:
    if raw is None:
        return NormativeRule()
    if not isinstance(raw, dict):
        c.add(
            SITE_KEY,
            "“规范性文件”应是一个映射（统一编号格式、有效期、暂行试行有效期）",
            "参照 docs/平台配置.md 的示例书写",
        )
        return NormativeRule()
    c.unknown_keys(raw, KEYS, SITE_KEY)
    pattern = str(raw.get("统一编号格式", DEFAULT_PATTERN))
    try:
        re.compile(pattern)
    except re.error as exc:
        c.add(
            f"{SITE_KEY}.统一编号格式", f"正则表达式有误（{exc}）", "请平台技术人员检查该正则表达式"
        )
        pattern = DEFAULT_PATTERN
    years = {}
    for key, default in (("有效期", DEFAULT_YEARS), ("暂行试行有效期", DEFAULT_TRIAL_YEARS)):
        value = raw.get(key, default)
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 50:
            c.add(
                f"{SITE_KEY}.{key}", f"“{value}”不是有效的年数", f"写成整数年，如 {key}: {default}"
            )
            value = default
        years[key] = value
    return NormativeRule(
        pattern=pattern, years=years["有效期"], trial_years=years["暂行试行有效期"]
    )
