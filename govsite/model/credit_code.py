"""统一社会信用代码 check character (GB 32100-2015; META-05)."""

from __future__ import annotations

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)}
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def check_character(first17: str) -> str:
    """The 18th character for the first 17; raises ValueError on a bad character."""
    if len(first17) != 17:
        raise ValueError("需要 17 位")
    total = 0
    for ch, weight in zip(first17, _WEIGHTS, strict=True):
        if ch not in _VALUE:
            raise ValueError(f"非法字符 {ch!r}")
        total += _VALUE[ch] * weight
    return ALPHABET[(31 - total % 31) % 31]


def is_valid(code: str) -> bool:
    if len(code) != 18 or any(ch not in _VALUE for ch in code):
        return False
    return check_character(code[:17]) == code[17]


def explain(code: str) -> str | None:
    """Why ``code`` is not a valid credit code (Chinese), or None when it is."""
    if len(code) != 18:
        return f"统一社会信用代码应为 18 位，实际 {len(code)} 位"
    bad = [ch for ch in code if ch not in _VALUE]
    if bad:
        return f"统一社会信用代码含非法字符 {''.join(bad)!r}（不使用 I、O、S、V、Z 和小写字母）"
    expected = check_character(code[:17])
    if expected != code[17]:
        return f"统一社会信用代码校验位错误：第 18 位应为 {expected}，实际为 {code[17]}"
    return None
