"""The period a visit's report covers: its default length and the checks of a chosen one.

Apart from the report's numbers so that the command line's help can name the default without loading them.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta

from relaxapp.core.bounds import day_problem

DEFAULT_MONTHS = 3  # the period when no treatment says where to start


def day_problem_on(
    name: str, day: date, today: date, day_text: Callable[[date], str] = date.isoformat
) -> str | None:
    """Why `day` can be no day of a report made on `today` (outside the diary's span, or not lived yet),
    naming the field and its value (written by `day_text`); None when it can be one."""
    if problem := day_problem(name, day):
        return problem
    if day > today:
        return f"{name}: {day_text(day)} is after today ({day_text(today)})"
    return None


def period_problem(
    first: date,
    last: date,
    today: date,
    *,
    first_name: str = "from",
    last_name: str = "to",
    day_text: Callable[[date], str] = date.isoformat,
) -> str | None:
    """Why `first`..`last` is no period for a report made on `today`, naming the field and its value;
    None when it is one.

    Each day is checked for itself before the two are compared: a last day left at today is then never
    blamed for a first day chosen after it.
    """
    for name, day in ((first_name, first), (last_name, last)):
        if problem := day_problem_on(name, day, today, day_text):
            return problem
    if last < first:
        return f"{last_name}: {day_text(last)} is before {first_name} ({day_text(first)})"
    return None


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier, or the month's last day when it has no such day (31 May → 28 Feb)."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    next_year, next_month = divmod(year * 12 + month + 1, 12)
    month_end = date(next_year, next_month + 1, 1) - timedelta(days=1)  # not `calendar`: it loads `locale`
    return date(year, month + 1, min(day.day, month_end.day))
