"""Beijing time, the one time zone of the site (公开日期, 成文日期, commit times, due dates).

Dates in front matter are written as Beijing wall-clock time without an offset, so
they are compared with ``now()`` (naive); git's times are converted with ``BEIJING``.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone

# A fixed offset, not the tz database: China has kept UTC+8 without summer time since
# 1991, and a fixed offset needs no tzdata on a minimal CI image.
BEIJING = timezone(timedelta(hours=8))


def now() -> datetime:
    """Beijing wall-clock time now, naive (as front matter writes it)."""
    return datetime.now(BEIJING).replace(tzinfo=None)


def from_timestamp(epoch: float) -> datetime:
    """A Unix time (git's %ct, SOURCE_DATE_EPOCH) as an aware Beijing datetime."""
    return datetime.fromtimestamp(epoch, BEIJING)
