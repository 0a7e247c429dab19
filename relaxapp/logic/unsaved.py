"""What could not be written yet (a full disk, a busy file): tried again, and never lost by closing."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from relaxapp.core.journal import CheckIn, Episode, SafetyCheck, Treatment
from relaxapp.core.record import SessionRecord
from relaxapp.logic.events import Events
from relaxapp.storage.history import HistoryStore

ALL_SAVED_NOW = "Everything you entered has now been saved."


class UnsavedEntries:
    """The entries the history keeps in memory after a failed write, and the tries to write them."""

    def __init__(self, history: HistoryStore, events: Events) -> None:
        self._history = history
        self._events = events

    @property
    def count(self) -> int:
        return len(self._history.unsaved)

    def retry(self) -> None:
        """Try to write them now; says so when all of them are saved at last."""
        if self._history.unsaved and self._history.retry_unsaved():
            self._events.message.emit(ALL_SAVED_NOW)
            self._events.history_changed.emit(None)

    def all_saved(self) -> bool:
        """One last try (the app is closing): True when nothing would be lost."""
        return self._history.retry_unsaved()

    def rescue(self, folder: Path, now: datetime) -> Path | None:
        """The app is ending with nobody to ask (a signal): the new entries that could not be written go into
        an export in `folder`, which Import JSON brings back. Returns that file, or None when there was
        nothing new to keep. Raises ExchangeError when it cannot be written either."""
        from relaxapp.storage import exchange  # noqa: PLC0415 - only on the way out, and rarely

        entries = self._history.unsaved_additions
        if not entries:
            return None
        path = folder / f"relaxapp-unsaved-{now.astimezone():%Y%m%d-%H%M%S}.json"
        exchange.export_entries(
            path,
            [entry for entry in entries if isinstance(entry, SessionRecord)],
            [entry for entry in entries if isinstance(entry, Episode)],
            [entry for entry in entries if isinstance(entry, CheckIn)],
            now,
            treatments=[entry for entry in entries if isinstance(entry, Treatment)],
            safety_checks=[entry for entry in entries if isinstance(entry, SafetyCheck)],
        )
        return path
