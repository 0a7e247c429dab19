from __future__ import annotations

from relaxapp.core.catalog import Catalog
from relaxapp.core.routine import Cycles, Minutes, Routine, length_choices


def test_standard_lengths_are_all_offered_for_open_ended_patterns(box: Routine):
    assert length_choices(box) == [Minutes(1), Minutes(3), Minutes(5), Minutes(10), Minutes(20)]


def test_four_seven_eight_offers_only_lengths_within_eight_breaths(shipped: Catalog):
    routine = shipped.get("four_seven_eight")
    assert routine is not None
    assert routine.max_cycles == 8
    assert routine.default_length == Cycles(4)
    assert length_choices(routine) == [Minutes(1)]


def test_rhythm_and_labels_read_naturally(box: Routine):
    assert box.rhythm() == "4 · 4 · 4 · 4"
    assert Cycles(1).label() == "1 breath"
    assert Cycles(4).label() == "4 breaths"
    assert Minutes(3).label() == "3 min"
