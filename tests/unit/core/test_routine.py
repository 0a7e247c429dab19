from __future__ import annotations

from relaxapp.core.catalog import Catalog
from relaxapp.core.routine import Cycles, Minutes, Routine, chosen_or_default, length_choices, length_problem


def test_standard_lengths_are_all_offered_for_open_ended_patterns(box: Routine):
    assert length_choices(box) == [Minutes(1), Minutes(3), Minutes(5), Minutes(10), Minutes(20)]


def test_four_seven_eight_is_offered_as_four_breaths_and_eight_at_most(shipped: Catalog):
    # Weil's advice: no more than four breaths at a time for the first month, eight at most after it.
    routine = shipped.get("four_seven_eight")
    assert routine is not None
    assert routine.counted_in_breaths
    assert routine.default_length == Cycles(4)
    assert routine.max_cycles == 8
    assert length_choices(routine) == []  # no minutes: 5 minutes would be some sixteen breaths
    assert length_problem(routine, Cycles(9)) is not None
    assert "four breaths" in routine.guidance and "first month" in routine.guidance
    assert "eight" in routine.guidance


def test_a_length_is_kept_only_when_the_routine_offers_it(shipped: Catalog, box: Routine):
    four_seven_eight = shipped.get("four_seven_eight")
    assert four_seven_eight is not None
    assert chosen_or_default(four_seven_eight, Cycles(6)) == Cycles(6)
    assert chosen_or_default(four_seven_eight, Cycles(12)) == Cycles(4)  # more than eight
    assert chosen_or_default(four_seven_eight, Minutes(1)) == Cycles(4)  # counted in breaths, not minutes
    assert chosen_or_default(four_seven_eight, None) == Cycles(4)
    assert not box.counted_in_breaths
    assert chosen_or_default(box, Minutes(10)) == Minutes(10)
    assert chosen_or_default(box, Cycles(6)) == Cycles(6)


def test_rhythm_and_labels_read_naturally(box: Routine):
    assert box.rhythm() == "4 · 4 · 4 · 4"
    assert Cycles(1).label() == "1 breath"
    assert Cycles(4).label() == "4 breaths"
    assert Minutes(3).label() == "3 min"
