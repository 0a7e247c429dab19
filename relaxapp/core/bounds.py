"""The span of time and the sizes the diary holds: what any page can show, whatever the time zone.

A moment outside the span is a slip of another program (Go's zero time 0001-01-01, a clock at 0, a far
future), and one that Python cannot even turn into local time at the edges of its calendar. The span keeps
a day inside 1970 and 2100 at each end, so that its local date is within those years in every time zone.
"""

from __future__ import annotations

import math
from datetime import UTC, date, datetime

EARLIEST_MOMENT = datetime(1970, 1, 2, tzinfo=UTC)
LATEST_MOMENT = datetime(2100, 12, 31, tzinfo=UTC)  # the span ends just before it
EARLIEST_DAY = date(1970, 1, 1)
LATEST_DAY = date(2100, 12, 31)
SPAN_WORDS = "from 1970 to 2100"
# No session lasts a day: a longer one is a typing slip or another program's overflow, never practice.
MAX_SESSION_SECONDS = 24 * 3600.0


def moment_problem(field: str, moment: datetime) -> str | None:
    """Why `moment` (timezone-aware) is outside the diary's span, naming the field; None when inside."""
    if EARLIEST_MOMENT <= moment < LATEST_MOMENT:
        return None
    return f"{field}: {moment.isoformat()} is not a date and time {SPAN_WORDS}"


def day_problem(field: str, day: date) -> str | None:
    """Why `day` is outside the diary's span, naming the field; None when inside."""
    if EARLIEST_DAY <= day <= LATEST_DAY:
        return None
    return f"{field}: {day.isoformat()} is not a date {SPAN_WORDS}"


def seconds_problem(field: str, seconds: float, *, above_zero: bool) -> str | None:
    """Why `seconds` is not a session's length (finite, at most a day; above zero when `above_zero`)."""
    number = isinstance(seconds, int | float) and math.isfinite(seconds)
    if number and (0 < seconds <= MAX_SESSION_SECONDS or (seconds == 0 and not above_zero)):
        return None
    span = "more than 0 and at most" if above_zero else "from 0 to"
    return f"{field}: {seconds} is not a number of seconds {span} {MAX_SESSION_SECONDS:g} (a day)"
