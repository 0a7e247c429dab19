"""The visit report's period and numbers, read from a real history file without a window."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

import pytest

from relaxapp.core.journal import (
    Episode,
    EpisodeDuration,
    Place,
    SafetyCheck,
    Side,
    Treatment,
    TreatmentKind,
)
from relaxapp.core.record import SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.core.urgency import Urgency
from relaxapp.logic.use_cases import UseCases
from relaxapp.logic.visit_reports import PeriodError
from relaxapp.storage.history import HistoryStore
from tests.unit.logic.conftest import NOW

TODAY = NOW.astimezone().date()  # Wednesday 25 November 2026 where the tests run


def at(day: date, hour: int) -> datetime:
    """A moment on the person's wall clock, stored as UTC."""
    return datetime.combine(day, time(hour)).astimezone().astimezone(UTC)


def test_the_default_period_is_the_last_three_months_up_to_today(use_cases: UseCases):
    period = use_cases.visit_reports.default_period()
    assert (period.first, period.last) == (date(2026, 8, 25), TODAY)
    assert period.why == "the last 3 months"


def test_a_report_counts_the_periods_entries_by_the_persons_own_days(
    use_cases: UseCases, store: HistoryStore
):
    first, last = TODAY - timedelta(days=6), TODAY
    # Just before the first local midnight, just after it, and the last minute of the last day.
    for moment in (at(first, 0) - timedelta(minutes=1), at(first, 0), at(last, 23) + timedelta(minutes=59)):
        store.add_episode(Episode(moment, Side.LEFT, (Place.EYELID,), 4, EpisodeDuration.SECONDS))
    for day in (first - timedelta(days=1), first, last):
        store.add_session(SessionRecord("box", RoutineKind.BREATHING, "Box", at(day, 8), 300.0, 300.0, True))
    report = use_cases.visit_reports.build(first, last)
    assert report.twitches == 2
    assert report.practice.sessions == 2 and report.practice.minutes == 10.0
    assert sum(week.total for week in report.weeks) == 2


def test_a_period_that_ends_before_it_starts_is_refused_by_name(use_cases: UseCases):
    with pytest.raises(PeriodError, match="to: 2026-11-01 is before from"):
        use_cases.visit_reports.build(date(2026, 11, 2), date(2026, 11, 1))
    with pytest.raises(PeriodError, match="to: 2026-11-26 is after today \\(2026-11-25\\)"):
        use_cases.visit_reports.build(date(2026, 11, 2), TODAY + timedelta(days=1))


def test_the_default_period_starts_at_the_last_treatment_of_the_year(
    use_cases: UseCases, store: HistoryStore
):
    store.add_treatment(Treatment(date(2025, 10, 1), TreatmentKind.INJECTION, "Botox"))  # over a year ago
    assert use_cases.visit_reports.default_period().first == date(2026, 8, 25)
    store.add_treatment(Treatment(date(2026, 10, 14), TreatmentKind.MEDICINE_STARTED, "Clonazepam"))
    period = use_cases.visit_reports.default_period()
    assert (period.first, period.last) == (date(2026, 10, 14), TODAY)
    assert period.why == "since your last treatment (medicine started, 14 October 2026)"


def test_a_report_lists_the_periods_treatments_and_warning_signs_answers(
    use_cases: UseCases, store: HistoryStore
):
    given = store.add_treatment(Treatment(date(2026, 11, 2), TreatmentKind.INJECTION, "Botox", Side.LEFT))
    store.add_treatment(Treatment(date(2026, 9, 1), TreatmentKind.INJECTION, "Botox"))  # before the period
    check = store.save_safety_check(SafetyCheck(at(date(2026, 11, 20), 9), Urgency.SOON, ("persistent",)))
    report = use_cases.visit_reports.build(date(2026, 11, 1), TODAY)
    assert report.treatments == (given,)
    assert report.safety_checks == (check,)
    assert [week.injected for week in report.weeks] == [False, True, False, False, False]
