"""The words the pages show: each rule in plain pytest, no window."""

from __future__ import annotations

import pathlib
from dataclasses import replace
from datetime import date, timedelta

import pytest

from relaxapp.core.catalog import RoutineFileError
from relaxapp.core.journal import CheckIn, Place, Side, Treatment, TreatmentKind, treatment_problems
from relaxapp.core.record import SKIPPED, Ratings, Scale, Score
from relaxapp.core.routine import ONCE, Cycles, Minutes, Routine, RoutineKind, Stage, Step, StepKind
from relaxapp.core.wording import (
    FIELD_NAMES,
    KIND_INTROS,
    KIND_NAMES,
    SKIPPED_FILES_LISTED,
    STAGE_NAMES,
    ago_words,
    at_a_glance,
    cautions_hidden_text,
    change_words,
    clock_text,
    countdown_seconds,
    countdown_words,
    days_text,
    duration_text,
    filled_words,
    plan_text,
    problem_words,
    skipped_routine_files,
    spoken,
    spoken_duration,
    spoken_glance,
    step_countdown_text,
    summary_words,
    treatment_form_words,
    where_words,
)
from tests.unit.core.examples import NOW, SESSION, STOPPED, TODAY

# -- durations ------------------------------------------------------------------------------------------


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
    ("seconds", "said"), [(0, "0 s"), (3.2, "4 s"), (60.0, "1 min"), (272.3, "4 min 33 s"), (1200, "20 min")]
)
def test_a_countdown_is_said_as_the_clock_shows_it(seconds, said):
    # The same whole seconds as clock_text, so what a screen reader says matches the screen.
    assert countdown_words(seconds) == said


@pytest.mark.parametrize(("seconds", "shown"), [(3.2, "4"), (59.0, "59"), (59.5, "1:00"), (150, "2:30")])
def test_a_step_counts_down_in_seconds_then_as_a_clock(seconds, shown):
    assert step_countdown_text(seconds) == shown


@pytest.mark.parametrize(
    ("seconds", "shown"), [(42, "42 s"), (60, "1 min"), (176, "2 min 56 s"), (1200, "20 min")]
)
def test_duration_text(seconds, shown):
    assert duration_text(seconds) == shown


@pytest.mark.parametrize(
    ("seconds", "said"),
    [
        (0, "0 seconds"),
        (1, "1 second"),
        (42, "42 seconds"),
        (60, "1 minute"),
        (61, "1 minute 1 second"),
        (176, "2 minutes 56 seconds"),
        (1200, "20 minutes"),
    ],
)
def test_spoken_duration_in_whole_words_one_minute_not_one_minutes(seconds, said):
    assert spoken_duration(seconds) == said


@pytest.mark.parametrize(("days", "shown"), [(0, "0 days"), (1, "1 day"), (12, "12 days")])
def test_days_text(days, shown):
    assert days_text(days) == shown


@pytest.mark.parametrize(
    ("ago", "words"),
    [
        (timedelta(seconds=20), "just now"),
        (timedelta(minutes=5), "5 min ago"),
        (timedelta(hours=2, minutes=59), "2 h ago"),
        (timedelta(hours=30), "1 day ago"),
        (timedelta(days=3), "3 days ago"),
    ],
)
def test_how_long_ago_in_words(ago: timedelta, words: str):
    assert ago_words(NOW - ago, NOW) == words


# -- routines -------------------------------------------------------------------------------------------


def test_every_kind_has_a_name_and_an_intro():
    assert set(KIND_NAMES) == set(KIND_INTROS) == set(RoutineKind)


def test_at_a_glance_a_rhythm_or_a_length_without_the_optional_steps():
    breathing = Routine(
        "box",
        RoutineKind.BREATHING,
        "Box",
        "",
        (Step(StepKind.INHALE, 4, "In"), Step(StepKind.HOLD, 4, "Hold"), Step(StepKind.EXHALE, 4, "Out")),
    )
    assert at_a_glance(breathing) == breathing.rhythm()
    massage = Routine(
        "face",
        RoutineKind.MASSAGE,
        "Face",
        "",
        (
            Step(StepKind.COMPRESS, 60, "Warmth", optional=True),
            Step(StepKind.MASSAGE, 90, "Brows"),
            Step(StepKind.MASSAGE, 86, "Jaw"),
        ),
    )
    assert at_a_glance(massage) == "2 min 56 s"
    assert spoken_glance(massage) == "2 minutes 56 seconds"


def test_plan_text_a_rhythm_in_breaths_or_a_routine_with_or_without_its_first_step():
    box = Routine(
        "box",
        RoutineKind.BREATHING,
        "Box",
        "",
        (Step(StepKind.INHALE, 4, "In"), Step(StepKind.HOLD, 4, "Hold"), Step(StepKind.EXHALE, 3, "Out")),
    )
    assert plan_text(box, Minutes(1), with_optional=True) == "55 s · 5 breaths"
    assert plan_text(box, Cycles(20), with_optional=False) == "3 min 40 s · 20 breaths"
    massage = Routine(
        "face",
        RoutineKind.MASSAGE,
        "Face",
        "",
        (
            Step(StepKind.COMPRESS, 60, "Warmth", title="Warm compress", optional=True),
            Step(StepKind.MASSAGE, 90, "Brows"),
        ),
    )
    assert plan_text(massage, ONCE, with_optional=True) == "2 min 30 s, with the warm compress"
    assert plan_text(massage, ONCE, with_optional=False) == "1 min 30 s"


def test_a_rhythm_said_aloud_names_each_count_and_has_no_middle_dots():
    box = Routine(
        "box",
        RoutineKind.BREATHING,
        "Box",
        "",
        (
            Step(StepKind.INHALE, 4, "In"),
            Step(StepKind.HOLD, 4, "Hold"),
            Step(StepKind.EXHALE, 4, "Out"),
            Step(StepKind.HOLD, 4, "Rest"),
        ),
    )
    assert spoken_glance(box) == "in 4, hold 4, out 4, hold 4 seconds"
    paced = Routine(
        "paced",
        RoutineKind.BREATHING,
        "Paced",
        "",
        (Step(StepKind.INHALE, 4.25, "In"), Step(StepKind.EXHALE, 6, "Out")),
    )
    assert spoken_glance(paced) == "in 4.2, out 6 seconds"


@pytest.mark.parametrize(
    ("shown", "said"),
    [
        ("4 · 7 · 8", "4, 7, 8"),
        ("2 min 56 s · 11 breaths", "2 min 56 s, 11 breaths"),
        ("0 none·10 the most", "0 none, 10 the most"),
        ("no dots here", "no dots here"),
    ],
)
def test_spoken_turns_middle_dots_into_pauses(shown, said):
    assert spoken(shown) == said


def test_every_stage_has_a_name():
    assert set(STAGE_NAMES) == set(Stage)


def test_settings_names_the_routines_whose_cautions_were_chosen_away():
    face = Routine("face", RoutineKind.MASSAGE, "Full face", "", (Step(StepKind.MASSAGE, 30, "Rub"),))
    jaw = replace(face, id="jaw", title="Jaw and cheeks")
    assert cautions_hidden_text([face, jaw], {"jaw", "gone"}).endswith(": Jaw and cheeks.")
    assert "Full face; Jaw and cheeks" in cautions_hidden_text([face, jaw], {"face", "jaw"})
    # Only routines that are still there are named; none named is none hidden.
    assert cautions_hidden_text([face, jaw], {"gone"}) == cautions_hidden_text([face, jaw], set())
    assert "shows them in full" in cautions_hidden_text([face], set())


def test_summary_words_for_a_finished_and_a_stopped_session():
    assert summary_words(SESSION) == (
        "Well done",
        "You finished Box breathing: 5 min just for you. Take a moment before you get up.",
    )
    assert summary_words(STOPPED) == (
        "Session ended",
        "You spent 2 min 56 s with Box breathing, of the planned 5 min. Every calm minute counts.",
    )


def test_the_end_of_a_bedtime_script_does_not_ask_anyone_to_get_up():
    heading, words = summary_words(SESSION, at_bedtime=True)
    assert heading == "Sleep well"
    assert "get up" not in words
    assert summary_words(STOPPED, at_bedtime=True)[0] == "Session ended"


# -- ratings --------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("scale", "before", "after", "words"),
    [
        (Scale.TENSION, 7, 3, "Tension 7 → 3, down 4"),
        (Scale.TWITCH, 5, 5, "Twitching 5 → 5, no change"),
        (Scale.TWITCH, 2, 6, "Twitching 2 → 6, up 4"),
        (Scale.TENSION, 7, SKIPPED, "Tension 7 → not rated"),
        (Scale.TENSION, SKIPPED, 3, "Tension not rated → 3"),
        (Scale.TENSION, None, 3, "Tension 3"),  # never asked before the session
        (Scale.TWITCH, None, SKIPPED, ""),  # nothing rated: nothing to say
        (Scale.TWITCH, SKIPPED, SKIPPED, ""),
    ],
)
def test_the_change_in_words(scale: Scale, before: Score, after: Score, words: str):
    ratings = (
        Ratings(tension_before=before, tension_after=after)
        if scale is Scale.TENSION
        else Ratings(twitch_before=before, twitch_after=after)
    )
    assert change_words(ratings, scale) == words


def test_the_change_said_aloud_has_no_arrow():
    ratings = Ratings(tension_before=7, tension_after=3)
    assert change_words(ratings, Scale.TENSION, spoken=True) == "Tension 7 to 3, down 4"


# -- the spasm journal ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("side", "place", "words"),
    [
        (Side.LEFT, Place.EYELID, "left eyelid"),
        (Side.BOTH, Place.CHEEK, "both cheeks"),
        (Side.RIGHT, Place.MOUTH, "right mouth corner"),
        (Side.BOTH, Place.BROW, "both brows"),
        (Side.RIGHT, Place.CHIN, "chin, right side"),
        (Side.BOTH, Place.NECK, "neck, both sides"),
        (Side.LEFT, Place.OTHER, "elsewhere, left side"),
        (Side.BOTH, Place.OTHER, "elsewhere, both sides"),
    ],
)
def test_where_in_words(side: Side, place: Place, words: str):
    assert where_words(side, (place,)) == words


def test_several_places_are_listed_with_the_side_after_them():
    assert where_words(Side.LEFT, (Place.EYELID, Place.CHEEK)) == "eyelid and cheek, left side"
    assert where_words(Side.BOTH, (Place.EYELID, Place.MOUTH, Place.OTHER)) == (
        "eyelid, mouth corner and elsewhere, both sides"
    )
    assert where_words(None, (Place.EYELID, Place.BROW)) == "eyelid and brow"


def test_filled_words_say_which_check_in_the_answers_came_from():
    assert filled_words(TODAY, None) == ""
    assert filled_words(TODAY, CheckIn(TODAY)) == ""
    assert filled_words(TODAY, CheckIn(TODAY - timedelta(days=1))) == (
        "Filled in from yesterday: change what was different today."
    )
    assert filled_words(TODAY, CheckIn(date(2026, 11, 3))) == (
        "Filled in from your check-in of Tuesday 3 November: change what was different today."
    )


def test_problem_words_name_the_field_as_the_dialog_labels_it():
    assert problem_words("sleep_hours: 30 is not a night") == "Hours slept: 30 is not a night"
    assert problem_words("screen_hours: 25 is not from 0 to 24") == "Screen time: 25 is not from 0 to 24"
    assert problem_words("alcohol_drinks: 31 is not from 0 to 30") == "Alcohol drinks: 31 is not from 0 to 30"
    assert problem_words("mystery: odd") == "mystery: odd"
    assert problem_words("no field here") == "no field here"


def test_a_folder_of_broken_routine_files_is_named_a_few_at_a_time(tmp_path: pathlib.Path):
    folder = tmp_path / "routines"
    errors = [RoutineFileError(folder / f"broken{n}.toml", "title", "is missing") for n in range(11)]
    lines = skipped_routine_files(errors)
    assert len(lines) == SKIPPED_FILES_LISTED + 1
    assert lines[0] == f"A routine file in {folder} was skipped: broken0.toml, title: is missing"
    assert lines[-1] == "3 more routine files were skipped; the log names every one."
    assert (
        skipped_routine_files(errors[:9])[-1] == "1 more routine file was skipped; the log names every one."
    )
    assert len(skipped_routine_files(errors[:8])) == 8


def test_a_treatment_form_says_a_missing_name_softly_and_names_what_is_wrong_by_its_label():
    stopped = Treatment(date(2026, 3, 3), TreatmentKind.MEDICINE_STOPPED, "", dose="x" * 500)
    waiting, wrong = treatment_form_words(treatment_problems(stopped), "Medicine")
    assert waiting == "Still to fill in: medicine."
    assert len(wrong) == 1 and wrong[0].startswith(f"{FIELD_NAMES['dose']}: ")
    too_long = Treatment(date(2026, 3, 3), TreatmentKind.OTHER, "y" * 500)
    assert treatment_form_words(treatment_problems(too_long), "What it was")[1][0].startswith("What it was: ")
    injection = Treatment(date(2026, 3, 3), TreatmentKind.INJECTION)  # its product may stay blank
    assert treatment_form_words(treatment_problems(injection), "Product") == ("", [])
