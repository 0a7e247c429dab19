"""The visit report's numbers against a small diary whose sums are worked out here by hand."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from relaxapp.core.bounds import EARLIEST_DAY, LATEST_DAY
from relaxapp.core.journal import (
    CheckIn,
    Episode,
    EpisodeDuration,
    Place,
    SafetyCheck,
    Side,
    Treatment,
    TreatmentKind,
)
from relaxapp.core.record import Ratings, Scale, SessionRecord
from relaxapp.core.report_period import months_before, period_problem
from relaxapp.core.report_wording import chosen_period_problem, cut_weeks_note, safety_lines, week_label
from relaxapp.core.routine import RoutineKind
from relaxapp.core.stats import DayFacts, KindChange
from relaxapp.core.urgency import Urgency
from relaxapp.core.visit_report import build_visit_report

CHECK = SafetyCheck(datetime(2026, 3, 6, 9, tzinfo=UTC), Urgency.SOON, ("persistent", "eyelid_closes"))
FIRST = date(2026, 3, 4)  # a Wednesday: the first week is cut by the period
LAST = date(2026, 3, 17)  # a Tuesday
TODAY = date(2026, 3, 18)
E, C, M = Place.EYELID, Place.CHEEK, Place.MOUTH
L, R, B = Side.LEFT, Side.RIGHT, Side.BOTH
S, MIN, H = EpisodeDuration.SECONDS, EpisodeDuration.MINUTES, EpisodeDuration.HOURS

# (day, places, side, intensity, duration)
LOGGED = [
    (date(2026, 3, 3), (E,), L, 9, H),  # the day before the period: left out everywhere
    (date(2026, 3, 4), (E,), L, 3, S),
    (date(2026, 3, 4), (E, C), L, 5, S),  # eyelid and cheek at once: counted in both places
    (date(2026, 3, 8), (C,), R, 7, MIN),  # Sunday: still the first week (Monday 2 March)
    (date(2026, 3, 9), (E,), B, 2, S),
    (date(2026, 3, 12), (M,), L, 6, MIN),
    (date(2026, 3, 17), (E,), L, 4, S),
    (date(2026, 3, 18), (C,), L, 10, H),  # the day after: left out
]
INJECTION = Treatment(date(2026, 3, 10), TreatmentKind.INJECTION, "Botox", Side.LEFT, (E,), "12.5 units")
STARTED = Treatment(date(2026, 3, 4), TreatmentKind.MEDICINE_STARTED, "Clonazepam")
BEFORE = Treatment(date(2026, 2, 1), TreatmentKind.INJECTION)


def episode(
    day: date, places: tuple[Place, ...], side: Side, intensity: int, duration: EpisodeDuration
) -> Episode:
    return Episode(datetime(day.year, day.month, day.day, 12, tzinfo=UTC), side, places, intensity, duration)


def session(day: date, kind: RoutineKind, ratings: Ratings, minutes: float = 10.0) -> SessionRecord:
    moment = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)
    return SessionRecord("x", kind, "X", moment, minutes * 60, minutes * 60, True, ratings=ratings)


def days_of(
    first: date, last: date, check_ins: dict[date, CheckIn], minutes: dict[date, float]
) -> list[DayFacts]:
    counts: dict[date, int] = {}
    for day, *_ in LOGGED:
        counts[day] = counts.get(day, 0) + 1
    out = []
    day = first
    while day <= last:
        out.append(DayFacts(day, minutes.get(day, 0.0), counts.get(day, 0), check_ins.get(day)))
        day += timedelta(days=1)
    return out


def test_the_numbers_of_a_two_week_diary():
    check_ins = {
        date(2026, 3, 4): CheckIn(date(2026, 3, 4), sleep_hours=6.0, caffeine_drinks=2, dry_eyes=True),
        date(2026, 3, 5): CheckIn(date(2026, 3, 5), sleep_hours=8.0, stress=4, dry_eyes=False),
        date(2026, 3, 10): CheckIn(date(2026, 3, 10), sleep_hours=7.0, caffeine_drinks=4, stress=8),
    }
    sessions = [
        session(date(2026, 3, 5), RoutineKind.BREATHING, Ratings(7, 5, 4, 4)),  # tension -3, twitch -1
        session(date(2026, 3, 6), RoutineKind.BREATHING, Ratings(6, 3, 5, 3)),  # tension -1, twitch 0
        session(date(2026, 3, 6), RoutineKind.PMR, Ratings(8, None, 3, None), minutes=20),  # tension -5
        session(date(2026, 3, 2), RoutineKind.PMR, Ratings(9, 9, 0, 0)),  # before the period
    ]
    minutes = {date(2026, 3, 5): 10.0, date(2026, 3, 6): 30.0, date(2026, 3, 2): 10.0}
    report = build_visit_report(
        FIRST,
        LAST,
        days_of(date(2026, 3, 1), date(2026, 3, 20), check_ins, minutes),
        [(day, episode(day, *rest)) for day, *rest in LOGGED],
        sessions,
        treatments=[INJECTION, BEFORE, STARTED],
        safety_checks=[
            (date(2026, 3, 6), CHECK),
            (
                date(2026, 3, 3),
                SafetyCheck(datetime(2026, 3, 3, 9, tzinfo=UTC), Urgency.SOON, ("persistent",)),
            ),
        ],
    )
    assert report.days == 14
    assert report.twitches == 6
    assert [week.start for week in report.weeks] == [date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)]
    assert [week.total for week in report.weeks] == [3, 2, 1]
    assert [week.days for week in report.weeks] == [5, 7, 2]  # Wednesday to Sunday; Monday and Tuesday
    assert dict(report.weeks[0].by_side) == {L: 2, R: 1, B: 0}
    assert [week.injected for week in report.weeks] == [False, True, False]
    assert report.by_place == ((E, 4), (C, 2), (M, 1))
    assert report.in_several_places == 1
    assert report.by_side == ((L, 4), (R, 1), (B, 1))
    assert report.treatments == (STARTED, INJECTION)  # oldest first; February's is outside
    assert report.safety_checks == (CHECK,)
    assert report.typical_strength == 4.5  # the median of 2, 3, 4, 5, 6, 7
    assert report.strongest == 7
    assert report.typical_duration is S  # four of six
    assert report.longest_duration is MIN  # the hours-long ones fell outside the period
    assert report.check_ins.days == 3
    assert report.check_ins.sleep_hours == 7.0
    assert report.check_ins.caffeine_drinks == 3.0
    assert report.check_ins.stress == 6.0
    assert report.check_ins.alcohol_drinks is None
    assert (report.check_ins.dry_eye_days, report.check_ins.dry_eyes_answered) == (1, 2)
    assert report.insights.days_observed == 3 and report.insights.days_needed == 11
    practice = report.practice
    assert (practice.sessions, practice.minutes, practice.days) == (3, 40.0, 2)
    assert practice.changes[Scale.TENSION] == [
        KindChange(RoutineKind.BREATHING, 2, -2.0),
        KindChange(RoutineKind.PMR, 1, -5.0),
    ]
    assert practice.changes[Scale.TWITCH] == [KindChange(RoutineKind.BREATHING, 2, -0.5)]
    assert not report.empty


def test_weeks_the_period_cuts_say_so_and_are_not_read_as_a_drop():
    # Three twitches every day from Wednesday 9 September to Monday 7 December: every day alike.
    first, last = date(2026, 9, 9), date(2026, 12, 7)
    daily = []
    day = first
    while day <= last:
        daily += [(day, episode(day, (E,), L, 3, S))] * 3
        day += timedelta(days=1)
    days = [DayFacts(day, 0.0, 3, None) for day, _ in daily[::3]]
    report = build_visit_report(first, last, days, daily, [])
    weeks = report.weeks
    assert (weeks[0].start, weeks[0].days, weeks[0].total) == (date(2026, 9, 7), 5, 15)
    assert (weeks[-1].start, weeks[-1].days, weeks[-1].total) == (date(2026, 12, 7), 1, 3)
    assert all(week.whole and week.total == 21 for week in weeks[1:-1])
    assert {week.total / week.days for week in weeks} == {3.0}  # per day of the period, no drop
    assert [week_label(week) for week in (weeks[0], weeks[1], weeks[-1])] == ["7 Sep*", "14 Sep", "7 Dec*"]
    assert cut_weeks_note(report) == (
        "* The first bar counts 5 of its 7 days (the week of 7 September) and the last bar counts 1 of its "
        "7 days (the week of 7 December): the period cuts those weeks, so a shorter bar there is not a drop."
    )
    whole = build_visit_report(date(2026, 9, 7), date(2026, 9, 20), days, daily, [])
    assert [week.days for week in whole.weeks] == [7, 7] and cut_weeks_note(whole) is None
    three_days = build_visit_report(date(2026, 9, 9), date(2026, 9, 11), days, daily, [])
    assert cut_weeks_note(three_days) == (
        "* The only bar counts 3 of its 7 days (the week of 7 September): the period cuts that week, so a "
        "shorter bar there is not a drop."
    )


def test_an_empty_period_is_a_report_of_nothing_not_an_error():
    report = build_visit_report(FIRST, FIRST, [DayFacts(FIRST, 0.0, 0, None)], [], [])
    assert report.empty
    assert report.twitches == 0 and report.typical_strength is None and report.longest_duration is None
    assert [week.total for week in report.weeks] == [0]


def test_no_kept_warning_sign_is_not_worded_as_a_check_never_used():
    # An answer with no sign ticked is not kept: the report cannot tell whether the check was used.
    report = build_visit_report(FIRST, FIRST, [DayFacts(FIRST, 0.0, 0, None)], [], [])
    assert safety_lines(report, None) == ["No warning sign was recorded in this period."]


def test_without_the_checklist_an_answer_is_worded_from_what_was_kept():
    report = build_visit_report(
        FIRST, LAST, days_of(FIRST, LAST, {}, {}), [], [], safety_checks=[(date(2026, 3, 6), CHECK)]
    )
    assert safety_lines(report, None) == [
        "6 March 2026: Book a visit to a doctor. "
        "Signs ticked (by their short names): persistent, eyelid closes."
    ]


def test_three_months_back_keeps_the_day_or_takes_the_months_last():
    assert months_before(date(2026, 12, 6), 3) == date(2026, 9, 6)
    assert months_before(date(2026, 5, 31), 3) == date(2026, 2, 28)
    assert months_before(date(2026, 2, 15), 3) == date(2025, 11, 15)


@pytest.mark.parametrize(
    ("first", "last", "problem"),
    [
        (date(2026, 3, 5), date(2026, 3, 4), "to: 2026-03-04 is before from (2026-03-05)"),
        (date(1969, 12, 31), date(2026, 3, 4), "from: 1969-12-31 is not a date from 1970 to 2100"),
        (date(2026, 3, 4), date(2101, 1, 1), "to: 2101-01-01 is not a date from 1970 to 2100"),
        # A first day after today is named for itself, not as a last day (today's) before it.
        (date(2030, 1, 1), TODAY, "from: 2030-01-01 is after today (2026-03-18)"),
        (date(2026, 3, 19), date(2026, 3, 20), "from: 2026-03-19 is after today (2026-03-18)"),
        (date(2026, 3, 1), date(2026, 3, 19), "to: 2026-03-19 is after today (2026-03-18)"),
    ],
)
def test_a_period_that_is_none_names_the_field_and_value(first: date, last: date, problem: str):
    assert period_problem(first, last, TODAY) == problem
    assert period_problem(FIRST, FIRST, TODAY) is None
    assert period_problem(TODAY, TODAY, TODAY) is None


def test_the_dialog_says_the_same_in_its_own_words():
    assert chosen_period_problem(date(2030, 1, 1), TODAY, TODAY) == (
        "From: 1 January 2030 is after today (18 March 2026)."
    )
    assert chosen_period_problem(date(2026, 3, 10), date(2026, 3, 1), TODAY) == (
        "To: 1 March 2026 is before From (10 March 2026)."
    )
    assert chosen_period_problem(FIRST, TODAY, TODAY) is None


DAYS = st.dates(min_value=date(1960, 1, 1), max_value=date(2110, 12, 31))


@given(first=DAYS, last=DAYS, today=st.dates(min_value=EARLIEST_DAY, max_value=LATEST_DAY))
def test_a_period_is_refused_exactly_when_a_day_is_outside_the_lived_span_or_the_two_are_reversed(
    first: date, last: date, today: date
):
    problem = period_problem(first, last, today)
    lived = [EARLIEST_DAY <= day <= min(LATEST_DAY, today) for day in (first, last)]
    assert (problem is None) == (all(lived) and first <= last)
    if problem is not None:
        # It names the first day wrong in itself, with its value; the last day is blamed for coming
        # before the first only when both are fine in themselves.
        name, day = ("from", first) if not lived[0] else ("to", last)
        assert problem.startswith(f"{name}: {day.isoformat()} is ")
        assert problem.endswith(f"before from ({first.isoformat()})") == all(lived)
