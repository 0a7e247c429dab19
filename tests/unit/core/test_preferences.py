from __future__ import annotations

import pytest

from relaxapp.core.preferences import (
    DEFAULT_VOLUME,
    flag_from_text,
    length_from_text,
    length_to_text,
    volume_from_text,
)
from relaxapp.core.routine import Cycles, Minutes


@pytest.mark.parametrize(("raw", "volume"), [("0.35", 0.35), (0, 0.0), ("1", 1.0), (0.5, 0.5)])
def test_a_volume_reads_back(raw, volume):
    assert volume_from_text(raw) == volume


@pytest.mark.parametrize("raw", ["loud", "7", "-0.1", "nan", "inf", "", None])
def test_a_damaged_volume_falls_back_to_the_default(raw):
    assert volume_from_text(raw) == DEFAULT_VOLUME


@pytest.mark.parametrize("length", [Minutes(3), Minutes(2.5), Cycles(4)])
def test_a_length_round_trips(length):
    assert length_from_text(length_to_text(length)) == length


@pytest.mark.parametrize(
    "raw", ["", "3", "three minutes", "3 hours", "-2 minutes", "2.5 cycles", "nan minutes", None]
)
def test_a_damaged_length_reads_as_none(raw):
    assert length_from_text(raw) is None


def test_flags():
    assert flag_from_text("true") and flag_from_text(True)
    assert not flag_from_text("false", default=True)
    assert flag_from_text("garbage", default=True)
