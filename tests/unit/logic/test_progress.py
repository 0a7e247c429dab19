"""The history page's figures, month and choices, read from a real history file without a window."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from relaxapp.core.journal import Episode, EpisodeDuration, Place, Side
from relaxapp.core.record import SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.logic.progress import Period, local_midnight
from relaxapp.logic.use_cases import UseCases
from relaxapp.storage.history import EVERYTHING, HistoryStore, TimelineFilter
from tests.unit.logic.conftest import NOW

TODAY = NOW.astimezone().date()  # Wednesday 25 November 2026 where the tests run


def practice(day: date, minutes: float = 5.0) -> SessionRecord:
    started = datetime.combine(day, time(7, 30)).astimezone().astimezone(UTC)
    seconds = minutes * 60
    return SessionRecord("box", RoutineKind.BREATHING, "Box breathing", started, seconds, seconds, True)


def test_the_figures_count_streaks_this_weeks_minutes_and_sessions(use_cases: UseCases, store: HistoryStore):
    for days_ago in (0, 1, 2, 5, 6, 7, 8):
        store.add_session(practice(TODAY - timedelta(days=days_ago), minutes=10))
    figures = use_cases.progress.figures()
    assert (figures.current_streak, figures.longest_streak) == (3, 4)
    assert figures.minutes_this_week == 30.0  # Monday to Wednesday
    assert (figures.sessions, figures.waiting) == (7, 0)


def test_a_month_holds_the_days_its_grid_shows(use_cases: UseCases, store: HistoryStore):
    store.add_session(practice(date(2026, 10, 28)))  # on November's grid, in its first row
    store.add_session(practice(date(2026, 10, 5)))  # not on it
    store.add_episode(Episode(NOW, Side.LEFT, (Place.CHEEK,), 3, EpisodeDuration.SECONDS))
    month = use_cases.progress.month(2026, 11)
    assert min(month) <= date(2026, 10, 26) and max(month) == TODAY  # nothing after today is read
    assert month[date(2026, 10, 28)].minutes == 5.0
    assert date(2026, 10, 5) not in month
    assert month[TODAY].episodes == 1


def test_the_insights_chart_twelve_weeks_ending_this_one(use_cases: UseCases, store: HistoryStore):
    store.add_session(practice(TODAY, minutes=12))
    insights = use_cases.progress.insights()
    assert len(insights.weeks) == 12
    assert insights.weeks[-1].minutes == 12.0


def test_a_period_is_the_last_days_up_to_today_from_the_persons_midnight(use_cases: UseCases):
    shown = TimelineFilter(episodes=False)
    week = use_cases.progress.timeline_filter(shown, Period.WEEK)
    assert week == TimelineFilter(episodes=False, since=local_midnight(TODAY - timedelta(days=6)))
    assert use_cases.progress.timeline_filter(shown, Period.ALL) == shown


def test_dates_either_way_round_include_both_days(use_cases: UseCases):
    between = (date(2026, 11, 20), date(2026, 11, 10))
    chosen = use_cases.progress.timeline_filter(EVERYTHING, Period.DATES, between)
    assert chosen.since == local_midnight(date(2026, 11, 10))
    assert chosen.until == local_midnight(date(2026, 11, 21))
