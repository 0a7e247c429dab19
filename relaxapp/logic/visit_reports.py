"""The report for a doctor's visit: the period it covers by default, and its numbers read from the history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from relaxapp.core.report_period import DEFAULT_MONTHS, months_before, period_problem
from relaxapp.core.report_wording import day_words
from relaxapp.core.visit_report import VisitReport, build_visit_report
from relaxapp.core.wording import TREATMENT_NAMES
from relaxapp.storage.history import HistoryReader

TREATMENT_MONTHS = 12  # a treatment older than this is no start for a visit's report


class PeriodError(ValueError):
    """A period no report can cover; the message names the field and the value."""


@dataclass(frozen=True)
class ReportPeriod:
    first: date
    last: date
    why: str  # how the default came about, e.g. "the last 3 months"


class VisitReports:
    """Reads one period of the history and sums it up for a visit; it never writes."""

    def __init__(self, history: HistoryReader, today: Callable[[], date]) -> None:
        self._history = history
        self.today = today

    def default_period(self, last: date | None = None) -> ReportPeriod:
        """Up to `last` (today when None): since the last treatment given before it, within the year
        before it, else the 3 months before it."""
        last = self.today() if last is None else last
        latest = self._history.latest_treatment(before=last)
        if latest is not None and latest.given_on >= months_before(last, TREATMENT_MONTHS):
            what = TREATMENT_NAMES[latest.kind].lower()
            return ReportPeriod(
                latest.given_on, last, f"since your last treatment ({what}, {day_words(latest.given_on)})"
            )
        return ReportPeriod(months_before(last, DEFAULT_MONTHS), last, f"the last {DEFAULT_MONTHS} months")

    def build(self, first: date, last: date) -> VisitReport:
        """The report of the local days `first` to `last` (both included, none after today); PeriodError
        for no period."""
        if problem := period_problem(first, last, self.today()):
            raise PeriodError(problem)
        episodes = [
            (episode.occurred_at.astimezone().date(), episode)
            for episode in self._history.episodes_between(first, last)
        ]
        return build_visit_report(
            first,
            last,
            self._history.day_facts(first, last),
            episodes,
            self._history.sessions_between(first, last),
            treatments=self._history.treatments_between(first, last),
            safety_checks=[
                (check.checked_at.astimezone().date(), check)
                for check in self._history.safety_checks_between(first, last)
            ],
        )
