"""Automatic rotating backups of the history, taken off the window's thread while relaxapp runs."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from relaxapp.storage.backup import Backup, BackupError, backup_due, list_backups, take_backup
from relaxapp.storage.history import HistoryStore

log = logging.getLogger(__name__)

CHECK_EVERY_MS = 60 * 60 * 1000  # a daily backup is due at most an hour late on a machine left running


class BackupKeeper(QObject):
    """Takes a backup when one is due (at start and then hourly checks), and on request; one at a time."""

    taken = Signal(object)  # Backup
    failed = Signal(str)
    # From the worker thread; queued to this object's (the window's) thread, where `_busy` is kept.
    _done = Signal(object, str)  # Backup or None, what went wrong

    def __init__(
        self,
        history: HistoryStore,
        backups_dir: Path,
        wall_clock: Callable[[], datetime],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._history = history
        self.backups_dir = backups_dir
        self._wall_clock = wall_clock
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.take_if_due)
        self._busy = False
        self._done.connect(self._on_done)

    def start(self) -> None:
        self.take_if_due()
        self._timer.start()

    def latest(self) -> Backup | None:
        backups = list_backups(self.backups_dir)
        return backups[0] if backups else None

    def take_if_due(self) -> None:
        # An empty history (new, or just started afresh beside a damaged one) is not worth a backup, and
        # one would push a good older backup out of the last few kept.
        if self._history.is_empty():
            return
        latest = self.latest()
        if backup_due(self._wall_clock(), latest.taken_at if latest else None):
            self.take_now()

    def take_now(self) -> bool:
        """Start a backup in a worker thread (SQLite's backup API copies while the app goes on writing);
        False when none can start: one is under way, or the history is not kept in a file."""
        database = self._history.path
        if database is None or not self._history.is_persistent or self._busy:
            return False
        self._busy = True
        now = self._wall_clock()

        def work() -> None:
            try:
                self._done.emit(take_backup(database, self.backups_dir, now), "")
            except BackupError as error:
                self._done.emit(None, str(error))
            except Exception as error:  # a worker's failure must reach the person, not vanish with it
                log.exception("backup of %s failed", database)
                self._done.emit(
                    None, f"The backup could not be made ({error}). Your history itself is unharmed."
                )

        self._pool.start(work)
        return True

    def wait(self) -> None:
        """Let a backup under way finish: called before the app closes the history and quits."""
        self._pool.waitForDone()

    def _on_done(self, backup: Backup | None, problem: str) -> None:
        self._busy = False
        if backup is None:
            self.failed.emit(problem)
        else:
            log.info("history backed up to %s", backup.path)
            self.taken.emit(backup)
