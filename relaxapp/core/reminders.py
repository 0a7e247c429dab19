"""When to offer a short break: every so many minutes, within the hours a person chose."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

MIN_INTERVAL_MINUTES = 15
MAX_INTERVAL_MINUTES = 8 * 60


@dataclass(frozen=True)
class ReminderPlan:
    enabled: bool = False  # off until the person asks: reminders should never nag
    every_minutes: int = 120
    from_hour: int = 9
    until_hour: int = 18

    def problem(self) -> str | None:
        if not MIN_INTERVAL_MINUTES <= self.every_minutes <= MAX_INTERVAL_MINUTES:
            hours = MAX_INTERVAL_MINUTES // 60
            return f"Reminders can come every {MIN_INTERVAL_MINUTES} minutes to {hours} hours"
        if not 0 <= self.from_hour < self.until_hour <= 24:
            return "The reminder hours must start before they end, within one day"
        return None

    def next_after(self, moment: datetime) -> datetime | None:
        """The first reminder strictly after `moment`: on the hour the window opens, then every interval,
        never after the window closes. None when reminders are off or the plan makes no sense."""
        if not self.enabled or self.problem() is not None:
            return None
        day = moment.replace(hour=0, minute=0, second=0, microsecond=0)
        for _ in range(2):  # today's window, or else tomorrow's
            opens = day + timedelta(hours=self.from_hour)
            closes = day + timedelta(hours=self.until_hour)
            if moment < opens:
                return opens
            steps = int((moment - opens) / timedelta(minutes=self.every_minutes)) + 1
            candidate = opens + steps * timedelta(minutes=self.every_minutes)
            if candidate <= closes:
                return candidate
            day += timedelta(days=1)
        return None
