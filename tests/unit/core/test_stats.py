from __future__ import annotations

from datetime import date, timedelta

import pytest

from relaxapp.core.journal import CheckIn, Place, Side
from relaxapp.core.routine import RoutineKind
from relaxapp.core.stats import (
    DayFacts,
    Factor,
    KindChange,
    PlaceCount,
    Streaks,
    WeekMinutes,
    average_change_by_kind,
    episode_insights,
    mann_whitney_p,
    minutes_per_week,
    minutes_this_week,
    rated_by_kind,
    streaks,
    twitches_by_place,
    week_start,
)

TODAY = date(2026, 11, 25)  # a Wednesday


def days_back(*offsets: int) -> list[date]:
    return [TODAY - timedelta(days=offset) for offset in offsets]


def test_no_practice_is_no_streak():
    assert streaks([], TODAY) == Streaks(current=0, longest=0)


def test_one_day_today_is_a_streak_of_one():
    assert streaks(days_back(0), TODAY) == Streaks(1, 1)


def test_today_not_practised_yet_keeps_yesterdays_run_alive():
    assert streaks(days_back(1, 2, 3), TODAY) == Streaks(3, 3)


def test_a_missed_day_ends_the_current_run_but_not_the_longest():
    assert streaks(days_back(2, 3, 4, 5, 10, 11), TODAY) == Streaks(0, 4)
    assert streaks(days_back(0, 1, 5, 6, 7), TODAY) == Streaks(2, 3)


def test_two_sessions_on_one_day_count_once():
    assert streaks(days_back(0, 0, 1, 1), TODAY) == Streaks(2, 2)


def test_a_run_across_the_spring_clock_change_is_unbroken():
    # Europe moved its clocks on 29 March 2026: that day had 23 hours, and is still one day.
    run = [date(2026, 3, 27) + timedelta(days=n) for n in range(5)]
    assert streaks(run, date(2026, 3, 31)) == Streaks(5, 5)


def test_weeks_start_on_monday_unless_told_otherwise():
    assert week_start(TODAY) == date(2026, 11, 23)
    assert week_start(date(2026, 11, 23)) == date(2026, 11, 23)  # a Monday is its own week's start
    assert week_start(date(2026, 11, 22)) == date(2026, 11, 16)  # Sunday belongs to the week before
    assert week_start(date(2026, 11, 22), first_weekday=6) == date(2026, 11, 22)


def test_minutes_this_week_stop_at_the_week_boundary():
    by_day = {
        date(2026, 11, 22): 30.0,  # last Sunday
        date(2026, 11, 23): 10.0,  # Monday
        date(2026, 11, 25): 5.5,  # today
        date(2026, 11, 26): 99.0,  # tomorrow: a clock set wrong, not this week's practice yet
    }
    assert minutes_this_week(by_day, TODAY) == 15.5
    assert minutes_this_week(by_day, TODAY, first_weekday=6) == 45.5
    assert minutes_this_week({}, TODAY) == 0


def test_minutes_per_week_include_the_empty_weeks_across_new_year():
    by_day = {date(2025, 12, 29): 10.0, date(2026, 1, 4): 5.0, date(2026, 1, 19): 20.0}
    assert minutes_per_week(by_day, date(2025, 12, 30), date(2026, 1, 20)) == [
        WeekMinutes(date(2025, 12, 29), 5.0),  # the 29th is before `first`, so not counted
        WeekMinutes(date(2026, 1, 5), 0.0),
        WeekMinutes(date(2026, 1, 12), 0.0),
        WeekMinutes(date(2026, 1, 19), 20.0),
    ]
    assert minutes_per_week({}, TODAY, TODAY) == [WeekMinutes(date(2026, 11, 23), 0.0)]


def test_average_change_by_kind_keeps_the_kinds_order():
    rows = [
        (RoutineKind.PMR, 8, 4, 1),
        (RoutineKind.BREATHING, 6, 5, 3),  # three sessions rated 6 then 5
        (RoutineKind.BREATHING, 6, 3, 1),
        (RoutineKind.PMR, 5, 5, 1),
    ]
    assert average_change_by_kind(rows) == [
        KindChange(RoutineKind.BREATHING, 4, -1.5),
        KindChange(RoutineKind.PMR, 2, -2.0),
    ]
    assert average_change_by_kind([]) == []


def test_mann_whitney_matches_the_textbook_value():
    # Two fully separated samples of five: U = 0, z = 2.507, p = 0.0122 (scipy's asymptotic method agrees).
    assert mann_whitney_p([1, 2, 3, 4, 5], [6, 7, 8, 9, 10]) == pytest.approx(0.01219, abs=1e-4)
    assert mann_whitney_p([2, 2, 2], [2, 2, 2]) == 1.0


def day(
    n: int, episodes: int, caffeine: int | None = None, sleep: float | None = None, minutes=0.0
) -> DayFacts:
    check_in = CheckIn(TODAY - timedelta(days=n), sleep_hours=sleep, caffeine_drinks=caffeine)
    return DayFacts(TODAY - timedelta(days=n), minutes, episodes, check_in)


def test_fewer_than_fourteen_check_in_days_say_how_many_more_are_needed():
    days = [day(n, 1, caffeine=1) for n in range(11)]
    days += [
        DayFacts(TODAY - timedelta(days=20 + n), 0, 5, None) for n in range(10)
    ]  # no check-in: not counted
    insights = episode_insights(days)
    assert insights.days_observed == 11
    assert insights.days_needed == 3
    assert insights.comparisons == ()
    assert insights.message == (
        "Not enough data yet: insights need a daily check-in on at least 14 days (11 so far, 3 more to go)."
    )


def test_nothing_at_all_is_not_enough_data():
    insights = episode_insights([])
    assert (insights.days_observed, insights.days_needed, insights.findings) == (0, 14, ())


def test_coffee_days_with_twice_the_episodes_make_a_finding():
    days = [day(n, 2 + n % 2, caffeine=3 + n % 2) for n in range(10)]  # 2 or 3 episodes on coffee days
    days += [day(n, 1 + n % 2, caffeine=n % 3) for n in range(10, 20)]  # 1 or 2 on the others
    days[-1] = day(19, 0, caffeine=0)
    insights = episode_insights(days)
    caffeine = next(c for c in insights.comparisons if c.factor is Factor.CAFFEINE)
    assert (caffeine.days_with, caffeine.days_without) == (10, 10)
    assert (caffeine.mean_with, caffeine.mean_without) == (2.5, 1.3)
    assert caffeine.p_value is not None and caffeine.p_value < 0.01
    assert caffeine.supported
    assert caffeine.sentence == (
        "On days with 3 or more caffeine drinks you logged about twice as many twitches as on other days "
        "(2.5 a day against 1.3)."
    )
    assert insights.findings == (caffeine,)
    assert insights.message == "Based on 20 days with a check-in."


def test_a_ratio_without_a_real_difference_is_not_said():
    # 1.5 times as many on average, but driven by one day: the test, not the ratio, holds it back.
    days = [day(n, 1, caffeine=4) for n in range(6)] + [day(6, 4, caffeine=4)]
    days += [day(n, 1, caffeine=0) for n in range(7, 21)]
    insights = episode_insights(days)
    caffeine = next(c for c in insights.comparisons if c.factor is Factor.CAFFEINE)
    assert caffeine.mean_with / caffeine.mean_without == pytest.approx(10 / 7)
    assert not caffeine.supported
    assert caffeine.sentence == "No clear link yet between caffeine and your twitches."
    assert insights.message == "No clear pattern yet in 21 days with a check-in."


def test_ties_everywhere_are_no_finding():
    days = [day(n, 1, caffeine=n % 5) for n in range(30)]
    caffeine = next(c for c in episode_insights(days).comparisons if c.factor is Factor.CAFFEINE)
    assert caffeine.p_value == 1.0
    assert not caffeine.supported


def test_too_few_days_on_one_side_say_so_with_the_counts():
    days = [day(n, 3, caffeine=5) for n in range(3)] + [day(n, 0, caffeine=0) for n in range(3, 20)]
    caffeine = next(c for c in episode_insights(days).comparisons if c.factor is Factor.CAFFEINE)
    assert not caffeine.supported
    assert caffeine.p_value is None
    assert caffeine.sentence == (
        "Not enough data yet about caffeine: it takes at least 5 days with 3 or more caffeine drinks "
        "and 5 other days (3 and 17 so far)."
    )


def test_days_with_a_factor_left_blank_count_for_neither_side():
    days = [day(n, 1, sleep=None) for n in range(20)]
    sleep = next(c for c in episode_insights(days).comparisons if c.factor is Factor.SLEEP)
    assert (sleep.days_with, sleep.days_without) == (0, 0)


def test_relaxed_days_with_fewer_episodes_are_said_as_fewer():
    days = [day(n, 1, minutes=15.0) for n in range(10)] + [day(n, 3, minutes=0.0) for n in range(10, 20)]
    relaxation = next(c for c in episode_insights(days).comparisons if c.factor is Factor.RELAXATION)
    assert relaxation.supported
    assert relaxation.sentence == (
        "On days you relaxed for 10 minutes or more you logged about 70% fewer twitches than on other days "
        "(1.0 a day against 3.0)."
    )


def test_episodes_only_on_one_side_are_said_without_a_ratio():
    days = [day(n, 2, sleep=5.0) for n in range(8)] + [day(n, 0, sleep=8.0) for n in range(8, 20)]
    sleep = next(c for c in episode_insights(days).comparisons if c.factor is Factor.SLEEP)
    assert sleep.supported
    assert (
        sleep.sentence
        == "On days after less than 6 hours of sleep you logged 2.0 twitches a day; on other days, none."
    )


# -- the eye triggers: the same rule as every other factor ----------------------------------------------

EYE_TRIGGERS = [
    # factor, the answers of a day with it, of a day without, the condition as said
    (Factor.ALCOHOL, {"alcohol_drinks": 1}, {"alcohol_drinks": 0}, "days with any alcohol"),
    (Factor.SCREENS, {"screen_hours": 8.0}, {"screen_hours": 7.5}, "days with 8 or more hours at screens"),
    (Factor.DRY_EYES, {"dry_eyes": True}, {"dry_eyes": False}, "days your eyes felt dry or gritty"),
]


def checked(n: int, episodes: int, **answers: object) -> DayFacts:
    check_in = CheckIn(TODAY - timedelta(days=n), **answers)  # type: ignore[arg-type]
    return DayFacts(TODAY - timedelta(days=n), 0.0, episodes, check_in)


def comparison_of(factor: Factor, days: list[DayFacts]):
    return next(c for c in episode_insights(days).comparisons if c.factor is factor)


@pytest.mark.parametrize(("factor", "with_it", "without", "condition"), EYE_TRIGGERS)
def test_an_eye_trigger_with_a_real_difference_is_said(factor, with_it, without, condition):
    days = [checked(n, 2 + n % 2, **with_it) for n in range(10)]  # 2 or 3 episodes: 2.5 a day
    days += [checked(n, 1, **without) for n in range(10, 20)]
    found = comparison_of(factor, days)
    assert (found.days_with, found.days_without) == (10, 10)
    assert found.supported
    assert found.sentence == (
        f"On {condition} you logged about two and a half times as many twitches as on other days "
        "(2.5 a day against 1.0)."
    )


@pytest.mark.parametrize(("factor", "with_it", "without", "condition"), EYE_TRIGGERS)
def test_an_eye_trigger_without_a_difference_stays_silent(factor, with_it, without, condition):
    days = [checked(n, 1 + n % 2, **with_it) for n in range(10)]
    days += [checked(n, 1 + n % 2, **without) for n in range(10, 20)]
    found = comparison_of(factor, days)
    assert (found.days_with, found.days_without) == (10, 10)
    assert not found.supported
    assert found.sentence == f"No clear link yet between {factor.value} and your twitches."


@pytest.mark.parametrize(("factor", "with_it", "without", "condition"), EYE_TRIGGERS)
def test_an_eye_trigger_on_too_few_days_says_how_many_it_needs(factor, with_it, without, condition):
    # Three very different days are not a pattern: the minimum on each side holds the finding back.
    days = [checked(n, 6, **with_it) for n in range(3)] + [checked(n, 0, **without) for n in range(3, 20)]
    found = comparison_of(factor, days)
    assert not found.supported and found.p_value is None
    assert found.sentence == (
        f"Not enough data yet about {factor.value}: it takes at least 5 {condition} and 5 other days "
        "(3 and 17 so far)."
    )


def test_days_checked_in_before_the_eye_triggers_were_asked_count_for_neither_side():
    days = [checked(n, 3, caffeine_drinks=4) for n in range(10)]
    days += [checked(n, 0, caffeine_drinks=0) for n in range(10, 20)]
    insights = episode_insights(days)
    for factor in (Factor.ALCOHOL, Factor.SCREENS, Factor.DRY_EYES):
        unasked = comparison_of(factor, days)
        assert (unasked.days_with, unasked.days_without, unasked.supported) == (0, 0, False)
    # Only what was compared is charted: no bar of nothing that reads as a day without episodes.
    assert [c.factor for c in insights.measured] == [Factor.CAFFEINE]


def test_rated_sessions_by_kind_take_the_larger_count_of_the_two_scales():
    tension = [KindChange(RoutineKind.PMR, 4, -2.0), KindChange(RoutineKind.BREATHING, 1, -1.0)]
    twitch = [KindChange(RoutineKind.BREATHING, 2, 0.0)]
    assert rated_by_kind([tension, twitch]) == {RoutineKind.BREATHING: 2, RoutineKind.PMR: 4}
    assert rated_by_kind([[], []]) == {}


def test_twitches_count_in_each_of_their_places_by_side_most_first():
    counted = [
        ((Place.EYELID,), Side.LEFT, 5),
        ((Place.EYELID, Place.CHEEK), Side.LEFT, 2),
        ((Place.CHEEK,), Side.RIGHT, 1),
        ((Place.NECK,), Side.BOTH, 3),
    ]
    assert twitches_by_place(counted) == [
        PlaceCount(Place.EYELID, (7, 0, 0)),
        PlaceCount(Place.CHEEK, (2, 1, 0)),  # a tie with the neck: the face's order decides
        PlaceCount(Place.NECK, (0, 0, 3)),
    ]
