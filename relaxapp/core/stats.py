"""Streaks, totals, before/after changes and the spasm findings: pure functions over what was logged.

Everything here takes local dates, never datetimes: a day is the person's calendar day, so a change of
clocks (DST) or a week boundary cannot split or merge one.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from statistics import NormalDist, fmean

from relaxapp.core.journal import CheckIn, Place, Side, Treatment
from relaxapp.core.routine import RoutineKind

MONDAY = 0

# The rule a finding must pass before it is said to the person (see episode_insights).
MIN_CHECK_IN_DAYS = 14
MIN_GROUP_DAYS = 5
MIN_RATIO = 1.5
MAX_P_VALUE = 0.05
# Sessions of one kind rated before and after, before their mean change is drawn: one short session says
# nothing about a kind of routine, however large its change.
MIN_RATED_SESSIONS = 3


@dataclass(frozen=True)
class Streaks:
    current: int  # days in a row up to today, or up to yesterday while today is still open
    longest: int


def streaks(days: Iterable[date], today: date) -> Streaks:
    """Runs of consecutive days with practice. Today not practised yet does not break the current run."""
    practised = set(days)
    longest = 0
    for day in practised:
        if day - timedelta(days=1) in practised:
            continue  # not the first day of a run
        length = 1
        while day + timedelta(days=length) in practised:
            length += 1
        longest = max(longest, length)
    end = today if today in practised else today - timedelta(days=1)
    current = 0
    while end - timedelta(days=current) in practised:
        current += 1
    return Streaks(current=current, longest=longest)


def week_start(day: date, first_weekday: int = MONDAY) -> date:
    """The first day of the week `day` is in (first_weekday: 0 Monday … 6 Sunday)."""
    return day - timedelta(days=(day.weekday() - first_weekday) % 7)


def minutes_this_week(
    minutes_by_day: Mapping[date, float], today: date, first_weekday: int = MONDAY
) -> float:
    start = week_start(today, first_weekday)
    return sum(minutes for day, minutes in minutes_by_day.items() if start <= day <= today)


@dataclass(frozen=True)
class WeekMinutes:
    start: date  # the week's first day
    minutes: float


def minutes_per_week(
    minutes_by_day: Mapping[date, float], first: date, last: date, first_weekday: int = MONDAY
) -> list[WeekMinutes]:
    """Every week from the one holding `first` to the one holding `last`, weeks without practice as 0."""
    totals: dict[date, float] = defaultdict(float)
    for day, minutes in minutes_by_day.items():
        if first <= day <= last:
            totals[week_start(day, first_weekday)] += minutes
    weeks = []
    start = week_start(first, first_weekday)
    while start <= last:
        weeks.append(WeekMinutes(start, totals.get(start, 0.0)))
        start += timedelta(days=7)
    return weeks


@dataclass(frozen=True)
class KindChange:
    kind: RoutineKind
    sessions: int  # sessions rated both before and after
    average: float  # after minus before: negative means the rating went down


def average_change_by_kind(ratings: Iterable[tuple[RoutineKind, int, int, int]]) -> list[KindChange]:
    """The mean change per routine kind from (kind, before, after, sessions) rows, kinds in their usual order.

    Rows count alike pairs once with their number of sessions: ten years hold only a few hundred distinct
    pairs, so the store hands over those instead of every session.
    """
    sessions: dict[RoutineKind, int] = defaultdict(int)
    total: dict[RoutineKind, int] = defaultdict(int)
    for kind, before, after, count in ratings:
        sessions[kind] += count
        total[kind] += (after - before) * count
    return [
        KindChange(kind, sessions[kind], total[kind] / sessions[kind])
        for kind in RoutineKind
        if sessions[kind]
    ]


def rated_by_kind(changes: Iterable[Iterable[KindChange]]) -> dict[RoutineKind, int]:
    """Sessions rated before and after, by kind, from the changes on each scale (the larger count of the
    scales: most sessions are rated on both), kinds in their usual order."""
    rated: dict[RoutineKind, int] = {}
    for scale_changes in changes:
        for change in scale_changes:
            rated[change.kind] = max(rated.get(change.kind, 0), change.sessions)
    return {kind: rated[kind] for kind in RoutineKind if kind in rated}


@dataclass(frozen=True)
class PlaceCount:
    place: Place
    by_side: tuple[int, ...]  # twitches on each side, in Side order

    @property
    def total(self) -> int:
        return sum(self.by_side)


def twitches_by_place(counted: Iterable[tuple[tuple[Place, ...], Side, int]]) -> list[PlaceCount]:
    """Twitches in each place, by side, most first, from (places, side, twitches) rows: a twitch felt in
    several places at once counts in each of them."""
    counts: dict[Place, list[int]] = {}
    sides = list(Side)
    for places, side, twitches in counted:
        for place in places:
            counts.setdefault(place, [0] * len(sides))[sides.index(side)] += twitches
    ranked = sorted(counts.items(), key=lambda item: (-sum(item[1]), list(Place).index(item[0])))
    return [PlaceCount(place, tuple(by_side)) for place, by_side in ranked]


@dataclass(frozen=True)
class DayFacts:
    """One local day as the insights see it."""

    day: date
    minutes: float  # relaxation practised that day
    episodes: int  # spasm episodes logged that day
    check_in: CheckIn | None
    treatments: tuple[Treatment, ...] = ()  # given that day


class Factor(StrEnum):
    """What a day is compared by; the value names it in a sentence ("No clear link yet between …")."""

    CAFFEINE = "caffeine"
    ALCOHOL = "alcohol"
    SLEEP = "sleep"
    STRESS = "stress"
    SCREENS = "screen time"
    DRY_EYES = "dry eyes"
    RELAXATION = "relaxation"


@dataclass(frozen=True)
class _Split:
    condition: str  # completes "On …"
    label: str  # a few words for a chart
    applies: Callable[[DayFacts], bool | None]  # None: that day cannot say (the answer was left blank)


def _caffeine(day: DayFacts) -> bool | None:
    drinks = day.check_in.caffeine_drinks if day.check_in else None
    return None if drinks is None else drinks >= 3


def _short_sleep(day: DayFacts) -> bool | None:
    hours = day.check_in.sleep_hours if day.check_in else None
    return None if hours is None else hours < 6


def _high_stress(day: DayFacts) -> bool | None:
    stress = day.check_in.stress if day.check_in else None
    return None if stress is None else stress >= 7


def _alcohol(day: DayFacts) -> bool | None:
    drinks = day.check_in.alcohol_drinks if day.check_in else None
    return None if drinks is None else drinks >= 1


def _long_screen_time(day: DayFacts) -> bool | None:
    # Eight hours: about a working day at a screen, so that work days at a computer meet the other days.
    hours = day.check_in.screen_hours if day.check_in else None
    return None if hours is None else hours >= 8


def _dry_eyes(day: DayFacts) -> bool | None:
    return day.check_in.dry_eyes if day.check_in else None


def _relaxed(day: DayFacts) -> bool:
    return day.minutes >= 10


_SPLITS = {
    Factor.CAFFEINE: _Split("days with 3 or more caffeine drinks", "3+ caffeine drinks", _caffeine),
    Factor.ALCOHOL: _Split("days with any alcohol", "Any alcohol", _alcohol),
    Factor.SLEEP: _Split("days after less than 6 hours of sleep", "Under 6 h sleep", _short_sleep),
    Factor.STRESS: _Split("days with stress at 7 or more", "Stress 7+", _high_stress),
    Factor.SCREENS: _Split("days with 8 or more hours at screens", "8+ h at screens", _long_screen_time),
    Factor.DRY_EYES: _Split("days your eyes felt dry or gritty", "Dry eyes", _dry_eyes),
    Factor.RELAXATION: _Split("days you relaxed for 10 minutes or more", "10+ min relaxing", _relaxed),
}


def factor_label(factor: Factor) -> str:
    """The few words that name a comparison on a chart, e.g. '3+ caffeine drinks'."""
    return _SPLITS[factor].label


@dataclass(frozen=True)
class Comparison:
    """Episodes a day on the days a factor applied against the other days."""

    factor: Factor
    days_with: int
    days_without: int
    mean_with: float  # episodes a day
    mean_without: float
    p_value: float | None  # None when there were too few days to test
    supported: bool  # the difference passes the rule, and `sentence` states it
    sentence: str  # a finding, "no clear link yet", or how many more days are needed


@dataclass(frozen=True)
class Insights:
    days_observed: int  # days with a check-in: the days the diary can speak for
    days_needed: int  # more such days before any comparison is made; 0 once there are enough
    message: str
    comparisons: tuple[Comparison, ...]

    @property
    def findings(self) -> tuple[Comparison, ...]:
        return tuple(comparison for comparison in self.comparisons if comparison.supported)

    @property
    def measured(self) -> tuple[Comparison, ...]:
        """The comparisons with enough days on each side to be made, for a chart: a factor with too few
        would draw a bar of its one or two days, or of none, which reads as a day without episodes."""
        return tuple(comparison for comparison in self.comparisons if comparison.p_value is not None)


def episode_insights(days: Iterable[DayFacts]) -> Insights:
    """Compare episodes a day on days with and without each factor, and say only what the data support.

    Only days with a check-in count: on the other days the person may simply not have used the app, and
    their zero episodes would mean nothing. The rule for saying a finding: at least MIN_CHECK_IN_DAYS such
    days; at least MIN_GROUP_DAYS on each side; one side logging at least MIN_RATIO times as many episodes
    a day as the other; and a two-sided Mann-Whitney test (normal approximation, tie-corrected) giving
    p < MAX_P_VALUE, so that a few odd days cannot make a pattern on their own.
    """
    observed = [day for day in days if day.check_in is not None]
    needed = max(MIN_CHECK_IN_DAYS - len(observed), 0)
    if needed:
        return Insights(
            days_observed=len(observed),
            days_needed=needed,
            message=(
                f"Not enough data yet: insights need a daily check-in on at least {MIN_CHECK_IN_DAYS} days "
                f"({len(observed)} so far, {needed} more to go)."
            ),
            comparisons=(),
        )
    comparisons = tuple(_compare(factor, observed) for factor in Factor)
    found = sum(comparison.supported for comparison in comparisons)
    message = (
        f"Based on {len(observed)} days with a check-in."
        if found
        else f"No clear pattern yet in {len(observed)} days with a check-in."
    )
    return Insights(len(observed), 0, message, comparisons)


def _compare(factor: Factor, days: list[DayFacts]) -> Comparison:
    split = _SPLITS[factor]
    with_factor: list[int] = []
    without: list[int] = []
    for day in days:
        applies = split.applies(day)
        if applies is not None:
            (with_factor if applies else without).append(day.episodes)
    mean_with = fmean(with_factor) if with_factor else 0.0
    mean_without = fmean(without) if without else 0.0
    if len(with_factor) < MIN_GROUP_DAYS or len(without) < MIN_GROUP_DAYS:
        sentence = (
            f"Not enough data yet about {factor.value}: it takes at least {MIN_GROUP_DAYS} {split.condition} "
            f"and {MIN_GROUP_DAYS} other days ({len(with_factor)} and {len(without)} so far)."
        )
        return Comparison(
            factor, len(with_factor), len(without), mean_with, mean_without, None, False, sentence
        )
    p_value = mann_whitney_p(with_factor, without)
    high, low = max(mean_with, mean_without), min(mean_with, mean_without)
    supported = high > 0 and (low == 0 or high / low >= MIN_RATIO) and p_value < MAX_P_VALUE
    sentence = (
        _finding(split.condition, mean_with, mean_without)
        if supported
        else f"No clear link yet between {factor.value} and your twitches."
    )
    return Comparison(
        factor, len(with_factor), len(without), mean_with, mean_without, p_value, supported, sentence
    )


def _finding(condition: str, mean_with: float, mean_without: float) -> str:
    a_day = f"({mean_with:.1f} a day against {mean_without:.1f})"
    if mean_without == 0:
        return f"On {condition} you logged {mean_with:.1f} twitches a day; on other days, none."
    if mean_with == 0:
        return f"On {condition} you logged no twitches, against {mean_without:.1f} a day on other days."
    ratio = mean_with / mean_without
    if ratio > 1:
        return f"On {condition} you logged {_times(ratio)} as many twitches as on other days {a_day}."
    fewer = round((1 - ratio) * 10) * 10
    return f"On {condition} you logged about {fewer}% fewer twitches than on other days {a_day}."


def _times(ratio: float) -> str:
    halves = round(ratio * 2) / 2
    words = {
        1.5: "about one and a half times",
        2.0: "about twice",
        2.5: "about two and a half times",
        3.0: "about three times",
    }
    return words.get(halves, f"about {round(ratio)} times")


def mann_whitney_p(first: list[int], second: list[int]) -> float:
    """Two-sided p-value that the two samples come from the same distribution (1.0 when all are tied)."""
    n1, n2 = len(first), len(second)
    pooled = sorted([(value, 0) for value in first] + [(value, 1) for value in second])
    rank_sum = 0.0
    tie_term = 0
    start = 0
    while start < len(pooled):
        end = start
        while end < len(pooled) and pooled[end][0] == pooled[start][0]:
            end += 1
        tied = end - start
        average_rank = (start + end + 1) / 2  # ranks start at 1
        rank_sum += average_rank * sum(1 for _, group in pooled[start:end] if group == 0)
        tie_term += tied**3 - tied
        start = end
    n = n1 + n2
    u = rank_sum - n1 * (n1 + 1) / 2
    variance = n1 * n2 / 12 * ((n + 1) - tie_term / (n * (n - 1)))
    if variance <= 0:
        return 1.0
    z = max(abs(u - n1 * n2 / 2) - 0.5, 0.0) / variance**0.5  # with continuity correction
    return 2 * (1 - NormalDist().cdf(z))
