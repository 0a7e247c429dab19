"""The numbers of a report to take to a doctor's visit: one period of the person's own diary, summed up.

Pure: the application floor reads the period's entries and hands them here; the ui lays the result out.
What the insights found is not derived again: the period's days go through stats.episode_insights.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean, median
from typing import TypeVar

from relaxapp.core import stats
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
from relaxapp.core.record import Scale, SessionRecord
from relaxapp.core.stats import DayFacts, Insights, KindChange

_Key = TypeVar("_Key", Place, Side)


@dataclass(frozen=True)
class WeekTwitches:
    """The twitches of one week of the period (the first and last weeks may be cut by the period)."""

    start: date  # the week's Monday
    by_side: tuple[tuple[Side, int], ...]  # every side, in Side order, zeros included: one side a twitch
    injected: bool  # an injection was given that week
    days: int  # of its 7 days, how many are in the period: fewer in a week the period cuts

    @property
    def whole(self) -> bool:
        return self.days == 7

    @property
    def total(self) -> int:
        return sum(count for _, count in self.by_side)


@dataclass(frozen=True)
class Practice:
    sessions: int
    minutes: float
    days: int  # days with at least one session
    changes: dict[Scale, list[KindChange]]  # the mean change after a session, by kind of routine

    @property
    def rated(self) -> int:
        """Sessions rated before and after on either scale (the larger count of the two)."""
        return max(
            (sum(change.sessions for change in changes) for changes in self.changes.values()), default=0
        )


@dataclass(frozen=True)
class CheckInMeans:
    """The period's check-ins in a few numbers: each the mean of the days it was answered, None if never."""

    days: int
    sleep_hours: float | None
    caffeine_drinks: float | None
    alcohol_drinks: float | None
    stress: float | None
    screen_hours: float | None
    dry_eye_days: int  # days the eyes felt dry or gritty
    dry_eyes_answered: int  # days the question was answered


def check_in_means(check_ins: Sequence[CheckIn]) -> CheckInMeans:
    def mean(values: Iterable[float | None]) -> float | None:
        given = [value for value in values if value is not None]
        return fmean(given) if given else None

    answered = [c.dry_eyes for c in check_ins if c.dry_eyes is not None]
    return CheckInMeans(
        days=len(check_ins),
        sleep_hours=mean(c.sleep_hours for c in check_ins),
        caffeine_drinks=mean(c.caffeine_drinks for c in check_ins),
        alcohol_drinks=mean(c.alcohol_drinks for c in check_ins),
        stress=mean(c.stress for c in check_ins),
        screen_hours=mean(c.screen_hours for c in check_ins),
        dry_eye_days=sum(answered),
        dry_eyes_answered=len(answered),
    )


@dataclass(frozen=True)
class VisitReport:
    first: date
    last: date  # both included
    twitches: int
    weeks: tuple[WeekTwitches, ...]
    by_place: tuple[tuple[Place, int], ...]  # places with twitches, most first; a twitch counts in each
    by_side: tuple[tuple[Side, int], ...]  # sides with twitches, most first
    in_several_places: int  # twitches felt in more than one place at once
    typical_strength: float | None  # the median of the intensities, 1-10; None without twitches
    strongest: int | None
    typical_duration: EpisodeDuration | None  # the most common
    longest_duration: EpisodeDuration | None
    check_ins: CheckInMeans
    insights: Insights
    practice: Practice
    treatments: tuple[Treatment, ...] = ()  # oldest first
    safety_checks: tuple[SafetyCheck, ...] = ()  # oldest first

    @property
    def days(self) -> int:
        return (self.last - self.first).days + 1

    @property
    def empty(self) -> bool:
        """Nothing at all was logged in the period."""
        return not (
            self.twitches
            or self.practice.sessions
            or self.check_ins.days
            or self.treatments
            or self.safety_checks
        )


def build_visit_report(
    first: date,
    last: date,
    days: Sequence[DayFacts],
    episodes: Iterable[tuple[date, Episode]],
    sessions: Iterable[SessionRecord],
    *,
    treatments: Iterable[Treatment] = (),
    safety_checks: Iterable[tuple[date, SafetyCheck]] = (),
) -> VisitReport:
    """The report of `first`..`last` from that period's days, episodes and warning-signs answers (each with
    its local day), sessions and treatments.

    `days` must hold every day of the period (DayFacts with a check-in or not); entries outside the period
    are left out, so that a caller reading a little more than the period cannot change the numbers.
    """
    inside = [day for day in days if first <= day.day <= last]
    logged = [(day, episode) for day, episode in episodes if first <= day <= last]
    given = tuple(sorted((t for t in treatments if first <= t.given_on <= last), key=lambda t: t.given_on))
    injected = {stats.week_start(t.given_on) for t in given if t.kind is TreatmentKind.INJECTION}
    week_counts: dict[date, Counter[Side]] = {}
    for day, episode in logged:
        week_counts.setdefault(stats.week_start(day), Counter())[episode.side] += 1
    weeks = []
    start = stats.week_start(first)
    while start <= last:
        counts = week_counts.get(start, Counter())
        in_period = (min(start + timedelta(days=6), last) - max(start, first)).days + 1
        weeks.append(
            WeekTwitches(start, tuple((side, counts[side]) for side in Side), start in injected, in_period)
        )
        start += timedelta(days=7)
    by_place = Counter(place for _, episode in logged for place in episode.places)

    intensities = [episode.intensity for _, episode in logged]
    durations = Counter(episode.duration for _, episode in logged)
    order = list(EpisodeDuration)
    rated = [session for session in sessions if first <= session.started_at.astimezone().date() <= last]
    practice = Practice(
        sessions=len(rated),
        minutes=sum(day.minutes for day in inside),
        days=sum(1 for day in inside if day.minutes),
        changes={
            # average_change_by_kind takes (kind, before, after, sessions) and uses only after - before.
            scale: stats.average_change_by_kind(
                (session.routine_kind, 0, change, 1)
                for session in rated
                if (change := session.ratings.change(scale)) is not None
            )
            for scale in Scale
        },
    )
    return VisitReport(
        first=first,
        last=last,
        twitches=len(logged),
        weeks=tuple(weeks),
        by_place=_most_first(by_place, list(Place)),
        by_side=_most_first(Counter(episode.side for _, episode in logged), list(Side)),
        in_several_places=sum(1 for _, episode in logged if len(episode.places) > 1),
        typical_strength=median(intensities) if intensities else None,
        strongest=max(intensities, default=None),
        # Ties go to the shorter duration: the report never makes twitches sound longer than they were.
        typical_duration=max(order, key=lambda d: (durations[d], -order.index(d))) if durations else None,
        longest_duration=max(durations, key=order.index) if durations else None,
        check_ins=check_in_means([day.check_in for day in inside if day.check_in is not None]),
        insights=stats.episode_insights(inside),
        practice=practice,
        treatments=given,
        safety_checks=tuple(
            check
            for day, check in sorted(safety_checks, key=lambda item: item[1].checked_at)
            if first <= day <= last
        ),
    )


def _most_first(counts: Counter[_Key], order: list[_Key]) -> tuple[tuple[_Key, int], ...]:
    ranked = sorted(counts.items(), key=lambda item: (-item[1], order.index(item[0])))
    return tuple((key, count) for key, count in ranked if count)
