"""The words the pages show: each rule in plain pytest, no window."""

from __future__ import annotations

import pathlib
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta

import pytest

from relaxapp.core.catalog import RoutineFileError
from relaxapp.core.history_wording import (
    amount_text,
    change_note,
    change_text,
    counts_text,
    day_text,
    describe,
    findings_html,
    merge_text,
    minutes_note,
    month_text,
    note_text,
    what_text,
    when_text,
)
from relaxapp.core.journal import CheckIn, Episode, EpisodeDuration, Place, Side, Treatment, TreatmentKind
from relaxapp.core.record import SKIPPED, Ratings, Scale, Score, SessionRecord
from relaxapp.core.routine import ONCE, Cycles, Minutes, Routine, RoutineKind, Stage, Step, StepKind
from relaxapp.core.stats import Comparison, DayFacts, Factor, Insights
from relaxapp.core.wording import (
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
    where_words,
)
from relaxapp.storage.history import Counts, MergeReport

NOW = datetime(2026, 11, 25, 14, 30, 12, tzinfo=UTC)
TODAY = date(2026, 11, 25)
SESSION = SessionRecord(
    "box", RoutineKind.BREATHING, "Box breathing", NOW, 300, 300, True, ratings=Ratings(7, 5)
)
STOPPED = replace(SESSION, actual_seconds=176, completed=False)
EPISODE = Episode(NOW, Side.LEFT, (Place.EYELID,), 4, EpisodeDuration.MINUTES, "after\n  typing", id=3)


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


# -- the history ----------------------------------------------------------------------------------------


def test_when_text_leaves_out_this_year():
    this_year = datetime(2026, 3, 3, 8, 30).astimezone()
    assert when_text(this_year, TODAY) == "3 Mar 08:30"
    assert when_text(this_year, date(2027, 1, 1)) == "3 Mar 2026 08:30"


def test_the_cells_of_a_session_and_an_episode():
    assert what_text(SESSION) == "Box breathing"
    assert what_text(EPISODE) == "Twitch: left eyelid"
    assert amount_text(SESSION) == "5 min"
    assert amount_text(EPISODE) == "4/10 · minutes"
    assert note_text(SESSION) == ""
    assert note_text(STOPPED) == "Stopped early, planned 5 min"
    assert note_text(EPISODE) == "after typing"


def test_change_text_a_dash_for_a_missing_answer():
    rated = replace(SESSION, ratings=Ratings(tension_before=7, tension_after=3, twitch_before=SKIPPED))
    assert change_text(rated, Scale.TENSION) == "7 → 3"
    assert change_text(SESSION, Scale.TWITCH) == "5 → –"
    assert change_text(rated, Scale.TWITCH) == ""
    assert change_text(EPISODE, Scale.TENSION) == ""


def test_describe_for_the_undo_note():
    moment = datetime(2026, 3, 3, 8, 30).astimezone()
    assert describe(replace(SESSION, started_at=moment), TODAY) == "Box breathing (3 Mar 08:30)"
    assert describe(replace(EPISODE, occurred_at=moment), TODAY) == "Twitch: left eyelid (3 Mar 08:30)"


@pytest.mark.parametrize(
    ("counts", "words"),
    [
        (Counts(), "nothing"),
        (Counts(sessions=1), "1 session"),
        (Counts(sessions=1200, episodes=3), "1,200 sessions and 3 twitches"),
        (Counts(sessions=2, episodes=1, check_ins=4), "2 sessions, 1 twitch and 4 check-ins"),
        (Counts(treatments=1, safety_checks=2), "1 treatment and 2 warning-signs answers"),
    ],
)
def test_counts_text(counts: Counts, words: str):
    assert counts_text(counts) == words


def test_merge_text():
    assert merge_text(MergeReport(Counts(sessions=12, episodes=3), Counts(sessions=5))) == (
        "Added 12 sessions and 3 twitches; 5 already there."
    )
    assert merge_text(MergeReport(Counts(), Counts(episodes=2))) == "Nothing new to add; 2 already there."
    assert merge_text(MergeReport(Counts(check_ins=1), Counts())) == "Added 1 check-in."


def test_day_text():
    day = date(2026, 3, 3)
    assert day_text(DayFacts(day, 0.0, 0, None)) == "Tue 3 March: no practice."
    check_in = CheckIn(day, sleep_hours=6.5, caffeine_drinks=1, stress=4)
    assert day_text(DayFacts(day, 25.2, 2, check_in)) == (
        "Tue 3 March: 25 min of practice, 2 twitches; slept 6.5 h, 1 caffeine drink, stress 4."
    )
    assert day_text(DayFacts(day, 10.0, 1, CheckIn(day, caffeine_drinks=3))) == (
        "Tue 3 March: 10 min of practice, 1 twitch; 3 caffeine drinks."
    )
    eyes = CheckIn(day, stress=2, alcohol_drinks=1, screen_hours=9.5, dry_eyes=True)
    assert day_text(DayFacts(day, 0.0, 0, eyes)) == (
        "Tue 3 March: no practice; stress 2, 1 alcohol drink, 9.5 h at screens, eyes dry or gritty."
    )
    no_drink = CheckIn(day, alcohol_drinks=0, screen_hours=3.0, dry_eyes=False)
    assert day_text(DayFacts(day, 0.0, 0, no_drink)) == (
        "Tue 3 March: no practice; 0 alcohol drinks, 3 h at screens, eyes not dry."
    )
    # The water and the day's treatments are part of the day too (issue 15).
    injection = Treatment(day, TreatmentKind.INJECTION, "Botox", Side.BOTH, (Place.EYELID,), "25 units")
    watered = DayFacts(day, 0.0, 0, CheckIn(day, water_glasses=1), (injection,))
    assert day_text(watered) == "Tue 3 March: no practice, injection: Botox, both eyelids; 1 glass of water."
    assert day_text(DayFacts(day, 0.0, 0, CheckIn(day, water_glasses=6))) == (
        "Tue 3 March: no practice; 6 glasses of water."
    )


def test_month_text():
    first = date(2026, 3, 1)
    assert month_text(first, []) == "March 2026: 0 days of practice, 0 min in all; 0 twitches logged."
    days = [DayFacts(date(2026, 3, 2), 10.4, 1, None), DayFacts(date(2026, 3, 5), 0.0, 0, None)]
    assert month_text(first, days) == "March 2026: 1 day of practice, 10 min in all; 1 twitch logged."
    days.append(DayFacts(date(2026, 3, 9), 20.3, 2, None))
    assert month_text(first, days) == "March 2026: 2 days of practice, 31 min in all; 3 twitches logged."


def test_findings_html_puts_what_is_supported_first_in_bold_and_escapes():
    def comparison(supported: bool, sentence: str) -> Comparison:
        return Comparison(Factor.SLEEP, 10, 10, 1.0, 2.0, 0.01, supported, sentence)

    insights = Insights(20, 0, "Two <things>", (comparison(False, "no link yet"), comparison(True, "A & B")))
    assert findings_html(insights) == (
        "<p><b>Two &lt;things&gt;</b></p><ul style='margin-left: -20px'>"
        "<li><b>A &amp; B</b></li><li>no link yet</li></ul>"
    )
    assert findings_html(Insights(0, 14, "Keep going", ())) == "<p><b>Keep going</b></p>"


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


def test_the_change_chart_says_what_it_stands_on_and_what_waits_for_more_sessions():
    assert change_note({}) == (
        "No session rated before and after yet: a kind of routine is drawn once 3 of its sessions are "
        "rated before and after."
    )
    assert change_note({RoutineKind.BREATHING: 5, RoutineKind.MASSAGE: 1}) == (
        "Based on 5 rated sessions. Too few yet to draw: face massage 1."
    )
    assert minutes_note(0, 12).startswith("No sessions in the last 12 weeks")


def test_a_treatment_and_a_check_in_in_words():
    day = date(2026, 3, 3)
    where = (Place.EYELID, Place.CHEEK)
    injection = Treatment(day, TreatmentKind.INJECTION, "Xeomin", Side.LEFT, where, "20 u")
    assert what_text(injection) == "Injection: Xeomin, eyelid and cheek, left side"
    assert what_text(Treatment(day, TreatmentKind.INJECTION)) == "Injection"
    assert what_text(Treatment(day, TreatmentKind.INJECTION, side=Side.BOTH)) == "Injection: both sides"
    stopped = Treatment(day, TreatmentKind.MEDICINE_STOPPED, "Baclofen")
    assert what_text(stopped) == "Medicine stopped: Baclofen"
    assert what_text(Treatment(day, TreatmentKind.OTHER, "Tinted glasses")) == "Tinted glasses"
    assert amount_text(injection) == "20 u"
    assert describe(injection, TODAY) == "Injection: Xeomin, eyelid and cheek, left side (3 Mar)"
    assert describe(CheckIn(date(2025, 12, 30)), TODAY) == "Daily check-in (30 Dec 2025)"
    assert note_text(CheckIn(day, stress=2, note="calm")) == "stress 2; calm"
    assert note_text(CheckIn(day, note="a  long\n day")) == "a long day"
