"""The period a visit's report covers: its default length and the checks of a chosen one.

Apart from the report's numbers so that the command line's help can name the default without loading them.
"""

from __future__ import annotations

from datetime import date, timedelta

from relaxapp.core.bounds import day_problem

DEFAULT_MONTHS = 3  # the period when no treatment says where to start


def period_problem(first: date, last: date, *, first_name: str = "from", last_name: str = "to") -> str | None:
    """Why `first`..`last` is no period for a report, naming the field; None when it is one."""
    for name, day in ((first_name, first), (last_name, last)):
        if problem := day_problem(name, day):
            return problem
    if last < first:
        return f"{last_name}: {last.isoformat()} is before {first_name} ({first.isoformat()})"
    return None


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, or the month's last day when it has no such day (31 May → 28 Feb)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    next_year, next_month = divmod(year * 12 + month + 1, 12)
    month_end = date(next_year, next_month + 1, 1) - timedelta(days=1)  # not `calendar`: it loads `locale`
    return date(year, month + 1, min(day.day, month_end.day))
