from __future__ import annotations

from datetime import datetime

import pytest

from relaxapp.core.reminders import ReminderPlan

EVERY_TWO_HOURS = ReminderPlan(enabled=True, every_minutes=120, from_hour=9, until_hour=18)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(2026, 11, day, hour, minute)


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (at(25, 7, 30), at(25, 9)),  # before the window: when it opens
        (at(25, 9), at(25, 11)),  # strictly after: not the moment itself
        (at(25, 9, 1), at(25, 11)),
        (at(25, 12, 59), at(25, 13)),
        (at(25, 17, 0), at(26, 9)),  # 19:00 would be past 18:00: tomorrow morning
        (at(25, 23, 0), at(26, 9)),
    ],
)
def test_every_two_hours_between_nine_and_six(now, expected):
    assert EVERY_TWO_HOURS.next_after(now) == expected


def test_the_last_reminder_may_fall_on_the_closing_hour():
    plan = ReminderPlan(enabled=True, every_minutes=180, from_hour=9, until_hour=18)
    assert plan.next_after(at(25, 15, 30)) == at(25, 18)


def test_reminders_that_are_off_or_impossible_never_come():
    assert ReminderPlan().next_after(at(25, 10)) is None
    assert ReminderPlan(enabled=True, every_minutes=5).next_after(at(25, 10)) is None
    assert ReminderPlan(enabled=True, from_hour=18, until_hour=9).next_after(at(25, 10)) is None
    assert "every 15 minutes to 8 hours" in (ReminderPlan(every_minutes=5).problem() or "")
