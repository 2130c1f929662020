"""Small helpers shared by the check tests (valid numbers are computed, never hard-coded)."""

from __future__ import annotations

from govsite.checks.idnumbers import check_character, luhn_ok
from govsite.checks.runner import scan_text
from govsite.checks.wordlists import Wordlists, load
from tests.conftest import REPO_ROOT


def site_lists() -> Wordlists:
    """This repository's site data: its hooks/ over the built-in defaults."""
    return load(str(REPO_ROOT / "hooks"))


def make_id(first17: str) -> str:
    return first17 + check_character(first17)


def bad_id(first17: str) -> str:
    """Same digits with a wrong check character."""
    good = check_character(first17)
    return first17 + ("0" if good != "0" else "1")


def make_card(prefix: str) -> str:
    return next(prefix + d for d in "0123456789" if luhn_ok(prefix + d))


def bad_card(prefix: str) -> str:
    return next(prefix + d for d in "0123456789" if not luhn_ok(prefix + d))


def kinds(text: str) -> list[tuple[str, int, str]]:
    """(rule, line, severity) of every finding of the content rules."""
    return [(f.rule, f.line, f.severity) for f in scan_text(text, "t.md", site_lists())]


def rules(text: str) -> set[str]:
    return {f.rule for f in scan_text(text, "t.md", site_lists())}


ID = make_id("15252219980306051")  # 152522199803060519
ID_X = make_id("11010519491231002")  # ends in X
CARD = make_card("622848001234567890")
