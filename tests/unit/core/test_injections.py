"""Twitches by the weeks since an injection, against weekly counts worked out here by hand."""

from __future__ import annotations

from datetime import date, timedelta

from relaxapp.core.injections import WeeksSince, injection_effect, twitches_by_week

TODAY = date(2026, 11, 25)  # a Wednesday: the week of 23 November is not over
INJECTED = [date(2026, 3, 2), date(2026, 6, 1), date(2026, 8, 31)]  # Mondays, 13 weeks apart


def weeks(first: date, last: date, twitches) -> dict[date, int]:
    out = {}
    day = first
    while day <= last:
        out[day] = twitches(day)
        day += timedelta(days=7)
    return out


def shaped(monday: date) -> int:
    """3 in an injection's week, 1 a week for the next 8, then 5: before the first injection, 4."""
    given = [day for day in INJECTED if day <= monday]
    if not given:
        return 4
    since = (monday - given[-1]).days // 7
    return 3 if since == 0 else 1 if since <= 8 else 5


def test_weeks_soon_after_an_injection_against_the_later_ones():
    weekly = weeks(date(2026, 1, 5), date(2026, 11, 23), shaped)
    effect = injection_effect(
        weekly, [*INJECTED, date(2026, 11, 24)], TODAY, date(2026, 1, 5)
    )  # not this week's
    assert effect.injections == 3
    assert effect.weeks_observed == 38  # 2 March to 16 November
    assert (effect.soon_weeks, effect.later_weeks) == (24, 11)  # 8 + 8 + 8; 4 + 4 + 3 (weeks 9 to 11)
    assert (effect.soon_mean, effect.later_mean) == (1.0, 5.0)
    assert effect.supported and effect.charted
    assert effect.sentence == (
        "In weeks 1 to 8 after an injection you logged fewer twitches than later (1.0 a week against 5.0)."
    )
    assert effect.by_weeks_since[0] == WeeksSince(0, 3.0, 3)
    assert effect.by_weeks_since[12] == WeeksSince(12, 5.0, 2)
    assert [since.weeks for since in effect.by_weeks_since] == list(range(13))


def test_one_injection_is_too_early_to_tell_and_says_what_is_needed():
    weekly = weeks(date(2026, 8, 3), date(2026, 11, 23), shaped)
    effect = injection_effect(weekly, [date(2026, 8, 31)], TODAY, date(2026, 8, 3))
    assert not effect.supported
    assert effect.sentence == (
        "Too early to tell whether your twitches change after an injection: that takes at least 2 "
        "injections, and 4 weeks both within 8 weeks of one and later (so far: 1 injection, 8 and 3 weeks)."
    )
    assert effect.charted  # 12 weeks after it: enough to draw, not to conclude


def test_no_injection_draws_nothing():
    effect = injection_effect(
        weeks(date(2026, 8, 3), date(2026, 11, 23), shaped), [], TODAY, date(2026, 8, 3)
    )
    assert effect.injections == 0 and effect.by_weeks_since == () and not effect.charted


def test_twitches_are_counted_by_their_weeks_monday_every_week_included():
    days = [(date(2026, 11, 2), 1), (date(2026, 11, 8), 1), (date(2026, 11, 18), 1), (date(2026, 10, 1), 4)]
    assert twitches_by_week(days, date(2026, 11, 1), date(2026, 11, 20)) == {
        date(2026, 10, 26): 0,  # the week holding 1 November: its days before the first are not counted
        date(2026, 11, 2): 2,
        date(2026, 11, 9): 0,
        date(2026, 11, 16): 1,
    }


def test_weeks_before_the_diary_began_are_not_counted_as_weeks_without_twitches():
    weekly = weeks(date(2026, 1, 5), date(2026, 11, 23), shaped)
    # Logging began on Thursday 4 June: its week is cut, so the first counted is the week of 8 June.
    effect = injection_effect(weekly, INJECTED, TODAY, date(2026, 6, 4))
    assert effect.weeks_observed == 24  # 8 June to 16 November
    assert effect.by_weeks_since[0] == WeeksSince(0, 3.0, 1)  # only 31 August's week
