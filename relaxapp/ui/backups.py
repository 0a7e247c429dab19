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
    """Takes a backup when one is due (at start and then hourly checks), and on request."""

    taken = Signal(object)  # Backup
    failed = Signal(str)

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
        self._timer = QTimer(self)
        self._timer.setInterval(CHECK_EVERY_MS)
        self._timer.timeout.connect(self.take_if_due)
        self._busy = False

    def start(self) -> None:
        self.take_if_due()
        self._timer.start()

    def latest(self) -> Backup | None:
        backups = list_backups(self.backups_dir)
        return backups[0] if backups else None

    def take_if_due(self) -> None:
        # An empty history (new, or just started afresh beside a damaged one) is not worth a backup, and
        # one would push a good older backup out of the last few kept.
        if self._history.count_timeline() == 0:
            return
        latest = self.latest()
        if backup_due(self._wall_clock(), latest.taken_at if latest else None):
            self.take_now()

    def take_now(self, *, wait: bool = False) -> None:
        """Back up in a worker thread (SQLite's backup API copies while the app goes on writing)."""
        database = self._history.path
        if database is None or not self._history.is_persistent or self._busy:
            return
        self._busy = True
        now = self._wall_clock()

        def work() -> None:
            try:
                backup = take_backup(database, self.backups_dir, now)
            except BackupError as error:
                self.failed.emit(str(error))  # queued to the window's thread
            else:
                log.info("history backed up to %s", backup.path)
                self.taken.emit(backup)
            finally:
                self._busy = False

        pool = QThreadPool.globalInstance()
        pool.start(work)
        if wait:
            pool.waitForDone()
