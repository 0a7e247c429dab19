"""An import under way: the file read, checked and merged off the window's thread, with a progress dialog.

The floor's read_import touches no history, so it runs on a thread of its own; so does the merge when the
history can open a connection of its own for it (merge_import_apart), else it runs here, on the thread that
owns the history. The window stays free meanwhile: it paints, and a session goes on.
"""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from relaxapp.logic.history_files import HistoryFiles
from relaxapp.storage.exchange import ExchangeError, ImportCancelledError, ImportedEntries
from relaxapp.storage.history import MergeReport

log = logging.getLogger(__name__)

STEPS = 1000  # the progress bar's resolution: a tenth of a percent
SHOW_AFTER_MS = 400  # a small file is done before a dialog would only flash


class ImportRun(QObject):
    """Reads one exported file and merges it; `finished` carries, on the window's thread, the MergeReport or
    the ExchangeError that says why nothing was imported (ImportCancelledError after Cancel)."""

    finished = Signal(object)  # MergeReport | ExchangeError
    # From the worker thread, queued to this object's thread (the window's).
    _progressed = Signal(int)  # steps of STEPS read and checked
    _merging = Signal(int)  # how many entries are being added
    _done = Signal(object)  # MergeReport | ImportedEntries (to merge here) | ExchangeError

    def __init__(self, files: HistoryFiles, path: Path, parent_window: QWidget) -> None:
        super().__init__()
        self._files = files
        self.path = path
        self._cancel = threading.Event()
        self._apart = files.merges_apart  # asked here: the history belongs to this thread
        self.dialog = QProgressDialog(f"Reading {path.name}…", "Cancel", 0, STEPS, parent_window)
        self.dialog.setWindowTitle("Importing the history")
        self.dialog.setMinimumDuration(SHOW_AFTER_MS)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        # Not modal: a modal QProgressDialog runs the event loop inside setValue, where this run could end.
        self.dialog.setWindowModality(Qt.WindowModality.NonModal)
        self.dialog.canceled.connect(self.cancel)
        self._progressed.connect(self.dialog.setValue)
        self._merging.connect(self._on_merging)
        self._done.connect(self._on_done)
        # A daemon: a person who quits mid-import is not kept waiting; nothing was written until the merge,
        # and a merge cut short is rolled back by SQLite.
        self._thread = threading.Thread(target=self._work, name="relaxapp-import", daemon=True)

    def start(self) -> None:
        log.info("importing %s", self.path)
        self._thread.start()

    def cancel(self) -> None:
        """Stop at the next check: nothing is added (a merge under way is rolled back)."""
        self._cancel.set()

    # -- on the worker thread ------------------------------------------------------------------------

    def _work(self) -> None:
        result: MergeReport | ImportedEntries | ExchangeError | None
        try:
            entries = self._files.read_import(self.path, self._report, self._cancel.is_set)
            result = entries
            if self._apart:
                self._merging.emit(entries.total)
                result = self._files.merge_import_apart(entries, self._cancel.is_set)
                if result is None:
                    result = ImportCancelledError(f"The import of {self.path.name} was cancelled.")
        except ExchangeError as error:
            result = error
        except Exception as error:  # MemoryError, or what no check foresaw: said to the person, not lost here
            log.exception("the import of %s failed", self.path)
            result = ExchangeError(f"{self.path.name} could not be imported ({error}); nothing was added.")
        self._done.emit(result)

    def _report(self, done: float) -> None:
        self._progressed.emit(round(done * STEPS))

    # -- on the window's thread ----------------------------------------------------------------------

    def _on_merging(self, total: int) -> None:
        self.dialog.setLabelText(f"Adding {total:,} entries from {self.path.name}…")
        self.dialog.setRange(0, 0)  # SQLite does not say how far it is: a busy bar

    def _on_done(self, result: MergeReport | ImportedEntries | ExchangeError) -> None:
        # The worker's last act was to send this: once joined, it holds no reference to this object, so the
        # object is freed on its own thread.
        self._thread.join()
        if isinstance(result, ImportedEntries):
            self._on_merging(result.total)
            try:
                result = self._files.merge_import(result)
            except ExchangeError as error:
                result = error
        elif isinstance(result, MergeReport):
            self._files.announce_import(result)
        if isinstance(result, ImportCancelledError):
            log.info("import of %s cancelled", self.path)
        self.dialog.close()
        self.dialog.deleteLater()
        self.finished.emit(result)
