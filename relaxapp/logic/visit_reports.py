"""The report for a doctor's visit: the period it covers by default, and its numbers read from the history."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from relaxapp.core.visit_report import (
    DEFAULT_MONTHS,
    VisitReport,
    build_visit_report,
    months_before,
    period_problem,
)
from relaxapp.storage.history import HistoryReader


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

    def default_period(self) -> ReportPeriod:
        """The last few months up to today."""
        today = self.today()
        return ReportPeriod(months_before(today, DEFAULT_MONTHS), today, f"the last {DEFAULT_MONTHS} months")

    def build(self, first: date, last: date) -> VisitReport:
        """The report of the local days `first` to `last` (both included); PeriodError for no period."""
        if problem := period_problem(first, last):
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
        )
