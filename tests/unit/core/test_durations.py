from __future__ import annotations

import pytest

from relaxapp.core.durations import clock_text, countdown_seconds, duration_text


@pytest.mark.parametrize(
    ("seconds", "shown"),
    [(0, "0:00"), (0.2, "0:01"), (59.0, "0:59"), (60.0, "1:00"), (272.3, "4:33"), (1200, "20:00")],
)
def test_clock_text_counts_down_rounding_up(seconds, shown):
    assert clock_text(seconds) == shown


def test_countdown_reads_like_counting_aloud():
    assert countdown_seconds(3.2) == 4
    assert countdown_seconds(4.0) == 4
    assert countdown_seconds(-0.1) == 0


@pytest.mark.parametrize(
    ("seconds", "shown"), [(42, "42 s"), (60, "1 min"), (176, "2 min 56 s"), (1200, "20 min")]
)
def test_duration_text(seconds, shown):
    assert duration_text(seconds) == shown
