"""Everything the app does, put together once: the window and the self-test talk to this."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from relaxapp.core.routine import Routine
from relaxapp.core.welcome import WelcomeQuestion
from relaxapp.logic.events import Events
from relaxapp.logic.history_edits import HistoryEdits
from relaxapp.logic.history_files import HistoryFiles
from relaxapp.logic.journal import Journal
from relaxapp.logic.preferences import PreferenceStore, SettingsFile
from relaxapp.logic.routines import RoutineBook
from relaxapp.logic.sessions import SessionFlow, WallClock
from relaxapp.logic.unsaved import UnsavedEntries
from relaxapp.logic.welcome import FirstRun
from relaxapp.storage.history import HistoryReader, HistoryStore

if TYPE_CHECKING:
    from relaxapp.logic.progress import Progress
    from relaxapp.logic.visit_reports import VisitReports


@dataclass(frozen=True)
class UseCases:
    """The application floor: one of each use case, sharing one history, one clock and one set of events."""

    events: Events
    now: WallClock
    preferences: PreferenceStore
    routines: RoutineBook
    sessions: SessionFlow
    journal: Journal
    unsaved: UnsavedEntries
    history_edits: HistoryEdits  # delete and edit entries, with undo
    history_files: HistoryFiles  # export, import, restore a backup
    first_run: FirstRun  # "What brings you here?" and the routines suggested for the answer
    # Read by the pages (the timeline, the calendar, the insights); written only by the use cases above.
    history: HistoryReader

    @classmethod
    def build(
        cls,
        history: HistoryStore,
        settings: SettingsFile,
        routines: Sequence[Routine],
        *,
        now: WallClock,
        prompts: Mapping[str, str] | None = None,
        patterns_dir: Path | None = None,
        backups_dir: Path | None = None,
        welcome: WelcomeQuestion | None = None,
    ) -> UseCases:
        events = Events()
        preferences = PreferenceStore(settings, events)
        journal = Journal(history, now, events)
        unsaved = UnsavedEntries(history, events)
        edits = HistoryEdits(history, journal.today, events)
        book = RoutineBook(routines, patterns_dir, events)
        return cls(
            events=events,
            now=now,
            preferences=preferences,
            routines=book,
            sessions=SessionFlow(history, now, events, preferences, prompts or {}),
            journal=journal,
            unsaved=unsaved,
            history_edits=edits,
            history_files=HistoryFiles(history, now, events, edits.undo_stack, backups_dir),
            first_run=FirstRun(welcome, preferences, book),
            history=history,
        )

    @cached_property
    def progress(self) -> Progress:
        """The history page's figures, calendar, insights and timeline choices: made (and the statistics
        loaded) when that page first asks, not for the first frame."""
        from relaxapp.logic.progress import Progress  # noqa: PLC0415 - see above

        return Progress(self.history, self.unsaved, self.journal.today)

    @cached_property
    def visit_reports(self) -> VisitReports:
        """The report for a doctor's visit: made (and its statistics loaded) when the history page first
        offers it, not for the first frame."""
        from relaxapp.logic.visit_reports import VisitReports  # noqa: PLC0415 - see above

        return VisitReports(self.history, self.journal.today)
