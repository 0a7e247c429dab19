from __future__ import annotations

import pytest

from relaxapp.core import timeline
from relaxapp.core.catalog import Catalog
from relaxapp.core.routine import Cycles, Minutes, Routine, RoutineKind, Step, StepKind
from relaxapp.core.timeline import END_BELL, START_BELL, TimelineError


def breathing(*phases: tuple[StepKind, float], max_cycles: int | None = None) -> Routine:
    return Routine(
        id="test",
        kind=RoutineKind.BREATHING,
        title="Test rhythm",
        summary="for tests",
        steps=tuple(Step(kind, seconds, kind.value) for kind, seconds in phases),
        default_length=Minutes(1),
        max_cycles=max_cycles,
    )


EXPECTED_CYCLES = {
    "box": [("inhale", 4), ("hold", 4), ("exhale", 4), ("hold", 4)],
    "four_seven_eight": [("inhale", 4), ("hold", 7), ("exhale", 8)],
    "coherent": [("inhale", 5.5), ("exhale", 5.5)],
    "extended_exhale": [("inhale", 4), ("exhale", 8)],
    "cyclic_sigh": [("inhale", 2), ("inhale", 1), ("exhale", 5)],
}


@pytest.mark.parametrize("routine_id", sorted(EXPECTED_CYCLES))
def test_every_pattern_lays_out_its_phases_and_cues_in_order(shipped: Catalog, routine_id: str):
    routine = shipped.get(routine_id)
    assert routine is not None
    plan = timeline.build(routine, Cycles(3))
    expected = EXPECTED_CYCLES[routine_id] * 3
    assert [(s.step.kind.value, s.seconds) for s in plan.segments] == expected
    starts = [s.start for s in plan.segments]
    assert starts == [sum(seconds for _, seconds in expected[:i]) for i in range(len(expected))]
    assert plan.total_seconds == sum(seconds for _, seconds in expected)
    # The start bell stands in for the first phase cue; every later phase has its own, then the end bell.
    assert plan.cues[0] == timeline.CueEvent(0.0, START_BELL, routine.steps[0].text)
    assert [(c.at, c.cue, c.words) for c in plan.cues[1:-1]] == [
        (s.start, s.step.cue_id, s.step.text) for s in plan.segments[1:]
    ]
    assert plan.cues[-1] == timeline.CueEvent(plan.total_seconds, END_BELL)


def test_a_bedtime_script_ends_on_time_without_a_bell(shipped: Catalog):
    for_sleep, by_day = shipped.get("imagery_warm_light_sleep"), shipped.get("imagery_warm_light")
    assert for_sleep is not None and by_day is not None
    plan = timeline.build(for_sleep, Cycles(1))
    assert plan.cues[-1] == timeline.CueEvent(plan.total_seconds, None)  # the end keeps its moment
    assert plan.end_bell is None
    assert END_BELL not in [cue.cue for cue in plan.cues]
    assert timeline.build(by_day, Cycles(1)).end_bell == END_BELL


def test_cyclic_sigh_tops_up_the_first_breath_and_empties_on_the_sigh(shipped: Catalog):
    sigh = shipped.get("cyclic_sigh")
    assert sigh is not None
    first, top_up, out = timeline.build(sigh, Cycles(1)).segments
    assert (first.fill_start, first.fill_end) == (0.0, 0.75)
    assert (top_up.fill_start, top_up.fill_end) == (0.75, 1.0)
    assert top_up.step.cue_id == "topup"
    assert (out.fill_start, out.fill_end) == (1.0, 0.0)


def test_holds_keep_the_lungs_where_they_are(box: Routine):
    _inhale, hold_full, _exhale, hold_empty = timeline.build(box, Cycles(1)).segments
    assert hold_full.fill_start == hold_full.fill_end == 1.0
    assert hold_empty.fill_start == hold_empty.fill_end == 0.0


def test_minutes_round_to_whole_breaths(shipped: Catalog):
    four_seven_eight = shipped.get("four_seven_eight")
    coherent = shipped.get("coherent")
    assert four_seven_eight is not None and coherent is not None
    assert timeline.build(four_seven_eight, Minutes(1)).cycles == 3  # 60 / 19 s
    assert timeline.build(coherent, Minutes(20)).total_seconds == 109 * 11.0


def test_twenty_minutes_of_box_breathing_is_exactly_1200_seconds(box: Routine):
    plan = timeline.build(box, Minutes(20))
    assert plan.cycles == 75
    assert plan.total_seconds == 1200.0
    assert all(a.end == b.start for a, b in zip(plan.segments, plan.segments[1:], strict=False))


def test_a_hold_of_zero_seconds_is_left_out():
    plan = timeline.build(
        breathing((StepKind.INHALE, 4), (StepKind.HOLD, 0), (StepKind.EXHALE, 6)), Cycles(2)
    )
    assert [s.step.kind for s in plan.segments] == [StepKind.INHALE, StepKind.EXHALE] * 2


def test_segment_index_at_finds_the_running_phase(box: Routine):
    plan = timeline.build(box, Cycles(2))
    assert plan.segment_index_at(0) == 0
    assert plan.segment_index_at(3.999) == 0
    assert plan.segment_index_at(4.0) == 1
    assert plan.segment_index_at(31.9) == 7
    assert plan.segment_index_at(500) == 7


@pytest.mark.parametrize(
    ("phases", "length", "message"),
    [
        (((StepKind.INHALE, -4), (StepKind.EXHALE, 4)), Cycles(1), "lasts -4 s: it must be 0 s or more"),
        (((StepKind.INHALE, 0), (StepKind.EXHALE, 0)), Cycles(1), "the cycle lasts 0 s"),
        (((StepKind.INHALE, 1), (StepKind.EXHALE, 4)), Cycles(1), "breathing in takes 1 s: it needs 2 s"),
        (((StepKind.INHALE, 4), (StepKind.EXHALE, 1.5)), Cycles(1), "breathing out takes 1.5 s"),
        (((StepKind.INHALE, 4), (StepKind.HOLD, 600)), Cycles(1), "lasts 600 s: at most 60 s"),
        (((StepKind.INHALE, float("nan")), (StepKind.EXHALE, 4)), Cycles(1), "lasts nan s"),
        (((StepKind.INHALE, 4), (StepKind.EXHALE, 4)), Minutes(0), "0 minutes is not possible"),
        (((StepKind.INHALE, 4), (StepKind.EXHALE, 4)), Minutes(-5), "-5 minutes is not possible"),
        (((StepKind.INHALE, 4), (StepKind.EXHALE, 4)), Minutes(10_000), "too long: at most 120 minutes"),
        (((StepKind.INHALE, 4), (StepKind.EXHALE, 4)), Cycles(0), "0 breaths is not possible"),
        (((StepKind.INHALE, 4), (StepKind.EXHALE, 4)), Cycles(5000), "5000 breaths is not possible"),
        (((StepKind.INHALE, 4), (StepKind.EXHALE, 4)), Cycles(901), "more than 120 minutes"),
        (((StepKind.INHALE, 4), (StepKind.EXHALE, 4)), Minutes(0.01), "too short for one breath"),
        (((StepKind.INHALE, 4), (StepKind.EXHALE, 4)), Minutes(float("inf")), "'inf' is not a number"),
    ],
)
def test_impossible_patterns_and_lengths_are_refused_with_a_reason(phases, length, message):
    with pytest.raises(TimelineError, match=message.replace("(", r"\(")):
        timeline.build(breathing(*phases), length)


def test_a_pattern_kept_short_refuses_longer_sessions():
    routine = breathing((StepKind.INHALE, 4), (StepKind.HOLD, 7), (StepKind.EXHALE, 8), max_cycles=8)
    assert timeline.build(routine, Cycles(8)).cycles == 8
    with pytest.raises(TimelineError, match="best kept to 8 breaths or fewer"):
        timeline.build(routine, Minutes(5))
