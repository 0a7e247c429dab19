"""Durations in the words and digits a person reads on screen."""

from __future__ import annotations

import math


def clock_text(seconds: float) -> str:
    """A countdown: 272.3 s → '4:33'. Rounds up, so the display reaches 0:00 only at the very end."""
    whole = max(math.ceil(seconds - 1e-9), 0)
    minutes, secs = divmod(whole, 60)
    return f"{minutes}:{secs:02d}"


def countdown_seconds(seconds: float) -> int:
    """The whole seconds left in a phase, as counted aloud: 3.2 s left reads as 4."""
    return max(math.ceil(seconds - 1e-9), 0)


def duration_text(seconds: float) -> str:
    """A length: 176 s → '2 min 56 s', 60 s → '1 min', 42 s → '42 s'."""
    whole = round(seconds)
    minutes, secs = divmod(whole, 60)
    if minutes == 0:
        return f"{secs} s"
    return f"{minutes} min" if secs == 0 else f"{minutes} min {secs} s"
