"""The breathing library: paced breathing and the patterns a person makes."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest

from relaxapp.core import timeline
from relaxapp.core.catalog import parse_routine
from relaxapp.core.patterns import (
    HOLD_NOTE,
    MAX_NAME_LENGTH,
    CustomPattern,
    is_custom,
    pace_words,
    paced_routine,
    pattern_of,
    routine_id_for,
)
from relaxapp.core.routine import Minutes, Routine, RoutineKind, Step, StepKind, step_problems


@pytest.mark.parametrize(("per_minute", "inhale", "exhale"), [(4, 6.0, 9.0), (6, 4.0, 6.0), (10, 2.4, 3.6)])
def test_paced_breathing_splits_each_breath_forty_in_sixty_out(per_minute, inhale, exhale):
    routine = paced_routine(per_minute)
    assert routine.kind is RoutineKind.BREATHING
    assert [(s.kind, s.text) for s in routine.steps] == [
        (StepKind.INHALE, "Breathe in"),
        (StepKind.EXHALE, "Breathe out"),
    ]
    assert routine.steps[0].seconds == pytest.approx(inhale)
    assert routine.steps[1].seconds == pytest.approx(exhale)
    assert routine.cycle_seconds == pytest.approx(60 / per_minute)
    assert routine.default_length == Minutes(5)
    assert f"{per_minute} a minute" in routine.title
    assert step_problems(routine.kind, routine.steps) == []


def test_paced_breathing_keeps_its_pace_over_a_whole_session():
    # 60/7 s does not round to tenths: the timeline must still fit exactly 7 breaths in each minute.
    session = timeline.build(paced_routine(7), Minutes(20))
    assert session.cycles == 140
    assert session.total_seconds == pytest.approx(1200)


def test_paced_breathing_at_a_fractional_pace_is_named_with_it():
    routine = paced_routine(5.5)
    assert routine.title == "Paced breathing, 5.5 a minute"
    assert "in for 4.4 s, out for 6.5 s" in routine.summary


@pytest.mark.parametrize("per_minute", [3.9, 10.1, 0, -6, math.nan, math.inf])
def test_paces_outside_four_to_ten_a_minute_are_refused_in_words(per_minute):
    with pytest.raises(ValueError, match="choose from 4 to 10"):
        paced_routine(per_minute)


def test_pace_words_give_the_length_of_a_breath_and_breaths_a_minute():
    assert pace_words(12) == "One breath: 12 s, 5 a minute"
    assert pace_words(11) == "One breath: 11 s, 5.5 a minute"
    assert pace_words(0) == "One breath: 0 s"


EVENING = CustomPattern("Evening", 4, 2, 6, 0)


def test_a_sound_pattern_has_no_problems():
    assert EVENING.problems() == []


@pytest.mark.parametrize(
    ("pattern", "problem"),
    [
        (CustomPattern("  ", 4, 0, 6, 0), "Give the pattern a name"),
        (CustomPattern("x" * (MAX_NAME_LENGTH + 1), 4, 0, 6, 0), "keep it to 40 or fewer"),
        (CustomPattern("Quick", 1, 0, 6, 0), "Breathing in takes 1 s: it needs 2 s or more"),
        (CustomPattern("Quick", 4, 0, 1.5, 0), "Breathing out takes 1.5 s: it needs 2 s or more"),
        (CustomPattern("Long", 4, 61, 6, 0), "The hold with lungs full lasts 61 s: at most 60 s"),
        (CustomPattern("Odd", 4, 0, 6, -1), "The rest with lungs empty lasts -1 s: it must be 0 s or more"),
        (CustomPattern("Odd", math.nan, 0, 6, 0), "The in-breath lasts nan s"),
        (CustomPattern("Odd", 4, 0, math.inf, 0), "The out-breath lasts inf s"),
        # Its routine file would not load back: a title is one line of text a terminal can print.
        (CustomPattern("Calm\x1b[2J", 4, 0, 6, 0), "The name has a control character (U+001B)"),
        (CustomPattern("Calm\nDown", 4, 0, 6, 0), "The name has a line break or tab (U+000A)"),
    ],
)
def test_each_problem_is_named_in_plain_words(pattern, problem):
    assert any(problem in found for found in pattern.problems()), pattern.problems()


def test_a_name_of_exactly_the_longest_length_is_fine():
    assert CustomPattern("x" * MAX_NAME_LENGTH, 4, 0, 6, 0).problems() == []


def test_a_pattern_becomes_a_breathing_routine_without_its_empty_holds():
    routine = EVENING.to_routine("my_evening")
    assert routine.id == "my_evening"
    assert routine.title == "Evening"
    assert routine.summary == "Your pattern: 4 · 2 · 6"
    assert routine.default_length == Minutes(3)
    assert routine.steps == (
        Step(StepKind.INHALE, 4, "Breathe in"),
        Step(StepKind.HOLD, 2, "Hold, lungs full"),
        Step(StepKind.EXHALE, 6, "Breathe out"),
    )
    full = CustomPattern("Box", 4, 4, 4, 4).to_routine("my_box")
    assert [s.text for s in full.steps] == [
        "Breathe in",
        "Hold, lungs full",
        "Breathe out",
        "Rest, lungs empty",
    ]
    assert full.rhythm() == "4 · 4 · 4 · 4"


def test_a_pattern_with_problems_does_not_become_a_routine():
    with pytest.raises(ValueError, match="Breathing in takes 1 s"):
        CustomPattern("Quick", 1, 0, 6, 0).to_routine("my_quick")


def test_rhythm_and_words_leave_out_empty_holds():
    assert EVENING.rhythm() == "4 · 2 · 6"
    assert EVENING.in_words() == "In 4 s · hold 2 s · out 6 s"
    assert CustomPattern("Box", 4, 4, 4, 4).in_words() == "In 4 s · hold 4 s · out 4 s · rest 4 s"
    assert CustomPattern("Slow", 5.5, 0, 5.5, 0).rhythm() == "5.5 · 5.5"


@pytest.mark.parametrize(
    ("name", "taken", "expected"),
    [
        ("Evening", [], "my_evening"),
        ("Evening", ["my_evening"], "my_evening_2"),
        ("Evening", ["my_evening", "my_evening_2"], "my_evening_3"),
        ("Evening", ["MY_EVENING"], "my_evening_2"),  # one file on Windows and macOS
        ("  Calm / before bed!  ", [], "my_calm_before_bed"),
        ("Ruhe für den Abend", [], "my_ruhe_fur_den_abend"),
        ("呼吸", [], "my_pattern"),
        ("", ["my_pattern"], "my_pattern_2"),
        ("a" * 80, [], "my_" + "a" * 30),
    ],
)
def test_ids_are_safe_file_names_and_never_taken(name, taken, expected):
    assert routine_id_for(name, taken) == expected


def test_ids_parse_as_routine_ids_in_the_catalog():
    routine_id = routine_id_for("Évening: 4-7-8 (slow)", ["box"])
    assert routine_id == "my_evening_4_7_8_slow"
    assert routine_id.isascii() and routine_id.replace("_", "").isalnum()


@pytest.mark.parametrize(
    "pattern",
    [
        EVENING,
        CustomPattern("Box", 4, 4, 4, 4),
        CustomPattern("Even", 5.5, 0, 5.5, 0),
        CustomPattern("Rest after", 4, 0, 6, 2),
    ],
)
def test_a_saved_pattern_reads_back_as_the_same_pattern(pattern):
    assert pattern_of(pattern.to_routine("my_x")) == pattern


def test_shipped_plain_patterns_can_be_read_as_patterns(shipped):
    box = shipped.get("box")
    assert pattern_of(box) == CustomPattern("Box breathing", 4, 4, 4, 4)
    assert not is_custom(box)  # it can be copied, but it is not the person's to edit


def _breathing(*steps: Step) -> Routine:
    return Routine("my_x", RoutineKind.BREATHING, "X", "x", steps, Minutes(3))


@pytest.mark.parametrize(
    "routine",
    [
        # two in-breaths, the second topping the lungs up (the cyclic sigh)
        _breathing(
            Step(StepKind.INHALE, 2, "In", fill=0.8),
            Step(StepKind.INHALE, 1, "In again"),
            Step(StepKind.EXHALE, 6, "Out"),
        ),
        _breathing(
            Step(StepKind.HOLD, 2, "Hold"), Step(StepKind.INHALE, 4, "In"), Step(StepKind.EXHALE, 4, "Out")
        ),
        _breathing(Step(StepKind.INHALE, 4, "In"), Step(StepKind.EXHALE, 4, "Out", cue="hold")),
        _breathing(Step(StepKind.INHALE, 4, "In")),
        Routine("my_x", RoutineKind.PMR, "Hands", "x", (Step(StepKind.TENSE, 5, "Squeeze"),)),
    ],
)
def test_routines_that_are_not_a_plain_breath_are_no_pattern(routine):
    assert pattern_of(routine) is None
    assert not is_custom(routine)


def test_a_pattern_saved_by_the_app_is_custom():
    assert is_custom(EVENING.to_routine("my_evening"))


def test_the_routine_of_a_pattern_passes_the_routine_file_rules():
    # The same dictionary the storage writes: what the catalog accepts from a file.
    data = {
        "kind": "breathing",
        "title": "Evening",
        "summary": "Your pattern: 4 · 2 · 6",
        "default_minutes": 3,
        "guidance": HOLD_NOTE,
        "steps": [
            {"kind": str(s.kind), "seconds": s.seconds, "text": s.text} for s in EVENING.to_routine("x").steps
        ],
    }
    assert parse_routine("my_evening", data) == EVENING.to_routine("my_evening")


def test_a_pattern_that_holds_the_breath_carries_the_note_on_holds_and_dizziness():
    assert "pregnant" in EVENING.to_routine("my_evening").guidance
    assert "dizzy" in replace(EVENING, hold_in=0, hold_out=3).to_routine("x").guidance
    assert replace(EVENING, hold_in=0).to_routine("my_even").guidance == ""
