"""Twitches and the injections given for them: twitches a week, counted by the weeks since the last injection,
and whether the weeks soon after an injection differ from the later ones, said only when the data show it.

Botulinum toxin takes a few days to work and wears off over about three months, when the next injection is
usually due; so the week of an injection is left out of the comparison, and "soon after" is its next
SOON_WEEKS weeks.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from statistics import fmean

from relaxapp.core.stats import MAX_P_VALUE, MIN_RATIO, mann_whitney_p, week_start

MIN_INJECTIONS = 2  # one injection is one event: its weeks after could be anything else that changed
SOON_WEEKS = 8  # weeks 1 to 8 after an injection against week 9 on
MIN_GROUP_WEEKS = 4  # weeks on each side of the comparison, at least
MIN_CHARTED_WEEKS = 6  # weeks after injections before the chart by weeks since is drawn


@dataclass(frozen=True)
class WeeksSince:
    weeks: int  # weeks since the last injection (0: the week it was given)
    twitches: float  # the mean of those weeks' twitches
    count: int  # how many weeks went into the mean


@dataclass(frozen=True)
class InjectionEffect:
    injections: int  # given up to the last full week
    weeks_observed: int  # full weeks from the first injection's week to last week
    by_weeks_since: tuple[WeeksSince, ...]
    soon_weeks: int
    later_weeks: int
    soon_mean: float
    later_mean: float
    supported: bool
    sentence: str  # a finding, no clear difference, or what more is needed

    @property
    def charted(self) -> bool:
        """Enough weeks after injections to draw twitches by the weeks since one."""
        return self.weeks_observed >= MIN_CHARTED_WEEKS


def twitches_by_week(by_day: Iterable[tuple[date, int]], first: date, last: date) -> dict[date, int]:
    """Twitches of each week (by its Monday) from the week of `first` to that of `last`, zeros included,
    from (day, twitches) pairs; days outside first..last are left out."""
    counts: dict[date, int] = defaultdict(int)
    for day, twitches in by_day:
        if first <= day <= last:
            counts[week_start(day)] += twitches
    weeks = {}
    start = week_start(first)
    while start <= last:
        weeks[start] = counts.get(start, 0)
        start += timedelta(days=7)
    return weeks


def injection_effect(
    weekly: Mapping[date, int], injections: Iterable[date], today: date, diary_from: date
) -> InjectionEffect:
    """Twitches a week by the weeks since the last injection, from `weekly` (Monday → twitches, every week
    of the span), over full weeks only: this week is not over yet, and a week before `diary_from` (the
    first day anything was logged) or cut by it would count twitches nobody was logging as none."""
    this_week = week_start(today)
    given = sorted({week_start(day) for day in injections if week_start(day) < this_week})
    since: list[
        tuple[int, int]
    ] = []  # (weeks since the last injection, twitches) of each full week after one
    for start, twitches in sorted(weekly.items()):
        if start >= this_week or start < diary_from:
            continue
        last_given = [week for week in given if week <= start]
        if last_given:
            since.append(((start - last_given[-1]).days // 7, twitches))
    grouped: dict[int, list[int]] = defaultdict(list)
    for weeks, twitches in since:
        grouped[weeks].append(twitches)
    by_weeks = tuple(
        WeeksSince(weeks, fmean(counts), len(counts)) for weeks, counts in sorted(grouped.items())
    )
    soon = [twitches for weeks, twitches in since if 1 <= weeks <= SOON_WEEKS]
    later = [twitches for weeks, twitches in since if weeks > SOON_WEEKS]
    soon_mean = fmean(soon) if soon else 0.0
    later_mean = fmean(later) if later else 0.0
    supported = False
    if len(given) < MIN_INJECTIONS or len(soon) < MIN_GROUP_WEEKS or len(later) < MIN_GROUP_WEEKS:
        sentence = (
            f"Too early to tell whether your twitches change after an injection: that takes at least "
            f"{MIN_INJECTIONS} injections, and {MIN_GROUP_WEEKS} weeks both within {SOON_WEEKS} weeks of "
            f"one and later (so far: {_injections(len(given))}, {len(soon)} and {len(later)} weeks)."
        )
    else:
        high, low = max(soon_mean, later_mean), min(soon_mean, later_mean)
        supported = (
            high > 0 and (low == 0 or high / low >= MIN_RATIO) and mann_whitney_p(soon, later) < MAX_P_VALUE
        )
        sentence = (
            _finding(soon_mean, later_mean)
            if supported
            else "No clear difference yet between the weeks soon after an injection and the later ones."
        )
    return InjectionEffect(
        injections=len(given),
        weeks_observed=len(since),
        by_weeks_since=by_weeks,
        soon_weeks=len(soon),
        later_weeks=len(later),
        soon_mean=soon_mean,
        later_mean=later_mean,
        supported=supported,
        sentence=sentence,
    )


def _finding(soon: float, later: float) -> str:
    a_week = f"({soon:.1f} a week against {later:.1f})"
    if soon < later:
        return f"In weeks 1 to {SOON_WEEKS} after an injection you logged fewer twitches than later {a_week}."
    return f"In weeks 1 to {SOON_WEEKS} after an injection you logged more twitches than later {a_week}."


def _injections(count: int) -> str:
    return f"{count} injection{'' if count == 1 else 's'}"


def weeks_since_note(effect: InjectionEffect) -> str:
    """What the chart by weeks since an injection stands on and shows, or why it is not drawn."""
    if not effect.injections:
        return (
            "No injection logged yet: once you log one (Log a treatment), this chart shows your twitches in "
            "the weeks after it."
        )
    if not effect.charted:
        return (
            f"Drawn once there are {MIN_CHARTED_WEEKS} full weeks after an injection "
            f"(so far {effect.weeks_observed})."
        )
    return f"Based on {effect.weeks_observed} weeks after {_injections(effect.injections)}. {effect.sentence}"
