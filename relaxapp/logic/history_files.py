"""The history in and out of files: export (JSON, CSV), import (JSON, merged) and backups brought back."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from relaxapp.logic.events import Events
from relaxapp.logic.history_edits import UndoStack
from relaxapp.logic.sessions import WallClock
from relaxapp.storage.backup import Backup, list_backups
from relaxapp.storage.history import HistoryStore, HistoryWriteError

if TYPE_CHECKING:
    from relaxapp.storage.exchange import ExportReport, ImportedEntries
    from relaxapp.storage.history import MergeReport, RestoreReport


class HistoryFiles:
    """Export, import and restore, each returning a report for the page to put in words.

    An import or a restore replaces entries the undo stack speaks of (an undone delete would bring back
    a second copy), so they clear it; both announce "history changed".
    """

    def __init__(
        self,
        history: HistoryStore,
        now: WallClock,
        events: Events,
        undo_stack: UndoStack,
        backups_dir: Path | None,
    ) -> None:
        self._history = history
        self._now = now
        self._events = events
        self._undo_stack = undo_stack
        self.backups_dir = backups_dir  # None: this copy of relaxapp keeps no backups

    def export_json(self, path: Path) -> ExportReport:
        """Everything in one JSON file, which relaxapp can import again. Raises ExchangeError."""
        from relaxapp.storage import exchange  # noqa: PLC0415 - JSON and CSV cost start-up time; rarely used

        return exchange.export_json(self._history, path, self._now())

    def export_csv(self, folder: Path) -> ExportReport:
        """Five spreadsheet files (exchange_csv.CSV_NAMES) in `folder`. Raises ExchangeError."""
        from relaxapp.storage import exchange_csv  # noqa: PLC0415 - see export_json

        return exchange_csv.export_csv(self._history, folder)

    def import_json(self, path: Path) -> MergeReport:
        """Add the entries of an exported file that the history does not hold yet: all of them or none.

        Raises ImportRefusedError (an ExchangeError naming each entry and field at fault), or ExchangeError
        when the file cannot be read or the history cannot be written.
        """
        return self.merge_import(self.read_import(path))

    def read_import(
        self,
        path: Path,
        progress: Callable[[float], None] | None = None,
        cancelled: Callable[[], bool] | None = None,
    ) -> ImportedEntries:
        """Read and check an exported file, touching no history: the one part of an import that may run on
        a thread of its own. `progress` hears how much is done (0 to 1); `cancelled` is asked now and then.

        Raises ImportRefusedError, ExchangeError when the file cannot be read, ImportCancelledError.
        """
        from relaxapp.storage import exchange  # noqa: PLC0415 - see export_json

        return exchange.read_import(path, progress, cancelled)

    def merge_import(self, entries: ImportedEntries) -> MergeReport:
        """Add what read_import gave that the history does not hold yet, in one transaction, on the thread
        that owns the history. Raises ExchangeError when the history cannot be written (nothing is added)."""
        from relaxapp.storage import exchange  # noqa: PLC0415 - see export_json

        try:
            report = entries.merge_into(self._history)
        except HistoryWriteError as error:
            raise exchange.ExchangeError(str(error)) from error
        assert report is not None  # only a cancel gives None, and nothing cancels this one
        self.announce_import(report)
        return report

    @property
    def merges_apart(self) -> bool:
        """Whether merge_import_apart may be used (a history kept in a file that can be written)."""
        return self._history.merges_apart

    def merge_import_apart(
        self, entries: ImportedEntries, cancelled: Callable[[], bool]
    ) -> MergeReport | None:
        """merge_import on another thread, through a connection the history opens for it (see
        HistoryStore.merge_apart); None when cancelled, with nothing added. Announces nothing: call
        announce_import back on the history's thread. Raises ExchangeError when the history cannot be
        written."""
        from relaxapp.storage import exchange  # noqa: PLC0415 - see export_json

        try:
            return entries.merge_into(self._history, cancelled)
        except HistoryWriteError as error:
            raise exchange.ExchangeError(str(error)) from error

    def announce_import(self, report: MergeReport) -> None:
        """After a merge that added entries: the undo stack is cleared and "history changed" announced."""
        if report.added.total:
            self._replaced()

    @property
    def can_restore(self) -> bool:
        """Whether a backup could be brought back: the history is a file that can be written."""
        return self._history.is_persistent and self.backups_dir is not None

    def backups(self) -> list[Backup]:
        """The backups there are of this history, newest first."""
        return list_backups(self.backups_dir) if self.backups_dir is not None else []

    def restore_backup(self, backup_path: Path) -> RestoreReport:
        """Bring back the history of a backup, keeping what was entered since (the file that was in use is
        kept beside it). Raises HistoryError, with a message for the person, when it cannot be done; the
        history in use is then unchanged."""
        report = self._history.restore_backup(backup_path, self._now())
        self._replaced()
        return report

    def _replaced(self) -> None:
        self._undo_stack.clear()
        self._events.history_changed.emit(None)
