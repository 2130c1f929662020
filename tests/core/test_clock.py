"""govsite.clock: one Beijing time for the whole package."""

from __future__ import annotations

import ast
from datetime import UTC, datetime, timedelta

from govsite import clock
from tests.conftest import REPO_ROOT


def test_beijing_is_utc_plus_8_all_year() -> None:
    for month in (1, 7):  # no summer time
        when = datetime(2026, month, 1, 0, 0, tzinfo=UTC)
        assert when.astimezone(clock.BEIJING).hour == 8
    assert clock.from_timestamp(0) == datetime(1970, 1, 1, 8, 0, tzinfo=clock.BEIJING)
    assert clock.from_timestamp(0).utcoffset() == timedelta(hours=8)


def test_now_is_naive_beijing_wall_clock() -> None:
    now = clock.now()
    assert now.tzinfo is None
    utc = datetime.now(UTC).replace(tzinfo=None)
    assert abs(now - (utc + timedelta(hours=8))) < timedelta(minutes=1)


def test_the_time_zone_is_defined_once() -> None:
    """Any other ``timezone(timedelta(hours=8))`` in the package is a second definition."""
    found = []
    for path in sorted((REPO_ROOT / "govsite").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name | ast.Attribute)
                and getattr(node.func, "id", getattr(node.func, "attr", "")) == "timezone"
            ):
                found.append(path.relative_to(REPO_ROOT).as_posix())
    assert found == ["govsite/clock.py"]
