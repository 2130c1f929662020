"""Checksums of personal numbers: resident ID (GB 11643-1999) and bank cards (Luhn).

Pure functions, shared by the rules and the property tests.
"""

from __future__ import annotations

from datetime import date

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
# The policy's province range (11–65, 71, 81–83); a code inside the range that no
# province uses still counts: missing a real ID costs more than one more warning.
_PROVINCES = frozenset([*range(11, 66), 71, 81, 82, 83])


def check_character(first17: str) -> str:
    """ISO 7064 MOD 11-2 check character of the first 17 digits."""
    total = sum(int(ch) * w for ch, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def region_ok(number: str) -> bool:
    """A province code first, or 9 + province code (2023 permanent-residence card)."""
    if number[0] == "9":
        return int(number[1:3]) in _PROVINCES
    return int(number[:2]) in _PROVINCES


def real_date(year: int, month: int, day: int, *, today: date | None = None) -> bool:
    today = today or date.today()
    if not 1900 <= year <= today.year:
        return False
    try:
        return date(year, month, day) <= today
    except ValueError:
        return False


def birth_date_ok(number: str) -> bool:
    """Digits 7–14 of an 18-character ID (or 7–12 of a 15-digit one) are a real date."""
    if len(number) == 15:
        digits = number[6:12]
        return digits.isdigit() and real_date(
            1900 + int(digits[:2]), int(digits[2:4]), int(digits[4:6])
        )
    digits = number[6:14]
    return digits.isdigit() and real_date(int(digits[:4]), int(digits[4:6]), int(digits[6:8]))


def is_valid_id18(number: str) -> bool:
    number = number.upper()
    if len(number) != 18 or not number[:17].isdigit():
        return False
    return (
        check_character(number[:17]) == number[17] and region_ok(number) and birth_date_ok(number)
    )


def is_valid_id15(number: str) -> bool:
    return len(number) == 15 and number.isdigit() and region_ok(number) and birth_date_ok(number)


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0
