"""Where the app asks what time it is, so tests can move time by hand."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from typing import Protocol


class Clock(Protocol):
    """A monotonic source of seconds; only differences between readings mean anything."""

    def now(self) -> float: ...


class MonotonicClock:
    """The real clock: immune to the wall clock being set back or forward mid-session."""

    def now(self) -> float:
        return time.monotonic()


class FakeClock:
    """A clock that moves only when told, so a twenty-minute session takes a millisecond to test."""

    def __init__(self, start: float = 1000.0) -> None:
        self._now = start

    def now(self) -> float:
        return self._now

    def advance(self, seconds: float) -> None:
        if seconds < 0:
            raise ValueError("a clock cannot go back")
        self._now += seconds


def local_now() -> datetime:
    """The time on the person's wall: reminders keep to their hours, wherever they are."""
    return datetime.now()


def utc_now() -> datetime:
    """The wall-clock time a session starts at, as stored in the history."""
    return datetime.now(UTC)
