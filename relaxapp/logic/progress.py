"""What the history page shows besides its rows: the figures, a month of days, the insights, and which
entries the timeline's choices (kind, period) stand for."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from relaxapp.core import stats
from relaxapp.core.injections import InjectionEffect, injection_effect, twitches_by_week
from relaxapp.core.journal import TreatmentKind
from relaxapp.core.record import Scale
from relaxapp.core.stats import DayFacts, Insights, KindChange, PlaceCount, WeekMinutes
from relaxapp.logic.unsaved import UnsavedEntries
from relaxapp.storage.history import HistoryReader, TimelineFilter

INJECTION = TreatmentKind.INJECTION
WEEKS = 12  # the weeks of practice the insights chart
LOOK_BACK_DAYS = 365  # the days the episodes are compared over: a year of seasons, not a decade of change
LOOK_BACK_MONTHS = 12  # the same, as the charts name it
TWITCH_WEEKS = 26  # the weeks of twitches charted with the injections marked


class Period(StrEnum):
    """The timeline's period choice, in the words it is offered in."""

    ALL = "All time"
    WEEK = "Last 7 days"
    MONTH = "Last 30 days"
    YEAR = "Last 12 months"
    DATES = "Between dates"


PERIOD_DAYS = {Period.WEEK: 7, Period.MONTH: 30, Period.YEAR: 365}


@dataclass(frozen=True)
class Figures:
    """The four figures above the timeline, and what waits to be written."""

    current_streak: int  # days
    longest_streak: int  # days
    minutes_this_week: float
    sessions: int
    waiting: int  # changes kept in memory until the history file can be written


@dataclass(frozen=True)
class InsightsData:
    weeks: list[WeekMinutes]  # the last WEEKS weeks, this one last
    sessions: int  # the sessions behind `weeks`
    changes: dict[Scale, list[KindChange]]
    episodes: Insights
    twitches: int  # in the last LOOK_BACK_DAYS days
    places: list[PlaceCount]  # those twitches by place and side (one in several places counts in each)
    twitch_weeks: dict[date, int]  # the last TWITCH_WEEKS weeks' twitches, by Monday
    injection_weeks: frozenset[date]  # the Mondays of weeks with an injection
    injections: InjectionEffect  # twitches by weeks since the last injection, over LOOK_BACK_DAYS


def local_midnight(day: date) -> datetime:
    """The moment `day` begins where the person is."""
    return datetime.combine(day, time()).astimezone()


class Progress:
    """Reads the history for the page's figures, calendar and insights; it never writes."""

    def __init__(self, history: HistoryReader, unsaved: UnsavedEntries, today: Callable[[], date]) -> None:
        self._history = history
        self._unsaved = unsaved
        self.today = today

    def figures(self) -> Figures:
        today = self.today()
        streaks = stats.streaks(self._history.practice_days(), today)
        week = self._history.minutes_by_day(stats.week_start(today), today)
        return Figures(
            current_streak=streaks.current,
            longest_streak=streaks.longest,
            minutes_this_week=stats.minutes_this_week(week, today),
            sessions=self._history.count(),
            waiting=self._unsaved.count,
        )

    def month(self, year: int, month: int) -> dict[date, DayFacts]:
        """The days of a month's calendar grid (with its neighbours' days that share the grid), by day."""
        first = date(year, month, 1)
        last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
        # The grid runs from the Monday on or before the first to six weeks on; a week either side covers it.
        start = stats.week_start(first) - timedelta(days=7)
        end = min(last + timedelta(days=14), self.today())
        facts = self._history.day_facts(start, end) if start <= end else []
        return {day.day: day for day in facts}

    def insights(self) -> InsightsData:
        """Everything the insights draw: one read of the last year's days, and the counted rating pairs."""
        today = self.today()
        days = self._history.day_facts(today - timedelta(days=LOOK_BACK_DAYS - 1), today)
        minutes = {day.day: day.minutes for day in days if day.minutes}
        weeks = stats.minutes_per_week(minutes, today - timedelta(weeks=WEEKS - 1), today)
        since = local_midnight(weeks[0].start)
        only_sessions = TimelineFilter(episodes=False, treatments=False, check_ins=False, since=since)
        sessions = self._history.count_timeline(only_sessions)
        changes = {
            scale: stats.average_change_by_kind(self._history.rating_changes(scale)) for scale in Scale
        }
        places = stats.twitches_by_place(self._history.places_and_sides(days[0].day, today))
        twitches = sum(day.episodes for day in days)
        first = days[0].day
        given = [t.given_on for t in self._history.treatments_between(first, today) if t.kind is INJECTION]
        # The injection before the year still explains the year's first weeks.
        earlier = self._history.latest_treatment(INJECTION, before=first)
        given += [earlier.given_on] if earlier is not None else []
        by_day = [(day.day, day.episodes) for day in days]
        used = next(
            (day.day for day in days if day.episodes or day.minutes or day.check_in is not None), today
        )
        # The first Monday on or after the first day anything was logged: the diary's first full week.
        diary_from = stats.week_start(used + timedelta(days=6))
        return InsightsData(
            weeks,
            sessions,
            changes,
            stats.episode_insights(days),
            twitches,
            places,
            twitch_weeks=twitches_by_week(by_day, today - timedelta(weeks=TWITCH_WEEKS - 1), today),
            injection_weeks=frozenset(stats.week_start(day) for day in given),
            injections=injection_effect(twitches_by_week(by_day, first, today), given, today, diary_from),
        )

    def timeline_filter(
        self, shown: TimelineFilter, period: Period, between: tuple[date, date] | None = None
    ) -> TimelineFilter:
        """The entries of `shown` within `period`: the last days up to today, or the days `between` two
        dates (either way round, both included), each from the person's own midnight."""
        if period is Period.DATES and between is not None:
            first, last = sorted(between)
            return dataclasses.replace(
                shown, since=local_midnight(first), until=local_midnight(last + timedelta(days=1))
            )
        if period in PERIOD_DAYS:
            first = self.today() - timedelta(days=PERIOD_DAYS[period] - 1)
            return dataclasses.replace(shown, since=local_midnight(first))
        return shown
