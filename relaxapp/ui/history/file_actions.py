"""The history page's file commands: export, import, restore a backup and back up now.

The person picks files through a FileChooser (the desktop's dialogs; a fake in tests); the work is the
floor's (HistoryFiles) and the backup keeper's; here they are asked, and their reports put in words.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QHBoxLayout, QMenu, QMessageBox, QPushButton, QWidget

from relaxapp.core.history_wording import counts_text, merge_text
from relaxapp.logic.history_files import HistoryFiles
from relaxapp.logic.unsaved import UnsavedEntries
from relaxapp.storage.backup import Backup
from relaxapp.storage.exchange import (
    ExchangeError,
    ExportReport,
    ImportCancelledError,
    ImportRefusedError,
)
from relaxapp.storage.exchange_csv import CSV_NAMES
from relaxapp.storage.history import Counts, HistoryError, MergeReport
from relaxapp.ui.backups import BackupKeeper
from relaxapp.ui.file_chooser import DialogFileChooser, FileChooser
from relaxapp.ui.history.import_run import ImportRun

JSON_FILES = "relaxapp history (*.json);;All files (*)"
BACKUP_BUSY_TEXT = "A backup is being made already; it will be ready in a moment."
NO_BACKUP_TEXT = (
    "There is no backup of this history yet. relaxapp takes one every day, and Back up now takes one at once."
)
Info, Warning_ = QMessageBox.Icon.Information, QMessageBox.Icon.Warning
LISTED_PROBLEMS = 500  # a file with a problem in every one of 200,000 entries needs no 200,000-line box


def _listed(problems: tuple[str, ...]) -> str:
    more = len(problems) - LISTED_PROBLEMS
    return "\n".join(problems[:LISTED_PROBLEMS]) + (f"\n… and {more:,} more" if more > 0 else "")


class FileActions(QWidget):
    """The two buttons of the page's title row: "Export and restore" (a menu) and "Back up now"."""

    def __init__(
        self,
        files: HistoryFiles,
        unsaved: UnsavedEntries,
        today: Callable[[], date],
        *,
        backups: BackupKeeper | None,
        chooser: FileChooser | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._files = files
        self._unsaved = unsaved
        self._today = today
        self.chooser: FileChooser = chooser or DialogFileChooser()
        self._folder = Path.home()  # where the last file was chosen: the next dialog starts there
        self.message: QMessageBox | None = None  # the last message shown
        self.import_run: ImportRun | None = None  # the import under way

        # Four rarely used commands in one menu: the row must fit a narrow window with larger text.
        menu = QMenu(self)
        for text, tip, slot in (
            (
                "Export CSV…",
                "Spreadsheet files: sessions, twitches, check-ins, treatments and warning-signs answers",
                self.export_csv,
            ),
            ("Export JSON…", "One file with everything, which relaxapp can import again", self.export_json),
            (
                "Import JSON…",
                "Add the entries of an exported file; those already here are skipped",
                self.import_json,
            ),
            (
                "Restore a backup…",
                "Bring back your history as it was on the day of a backup",
                self.restore_backup,
            ),
        ):
            action = menu.addAction(text)
            action.setToolTip(tip)
            action.triggered.connect(slot)
        menu.setToolTipsVisible(True)
        self.files_button = QPushButton("Export and restore")
        self.files_button.setAccessibleName("Export, import or restore the history")
        self.files_button.setMenu(menu)
        self.backup_button = QPushButton("Back up now")
        self.backup_button.clicked.connect(self.back_up_now)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(8)
        row.addWidget(self.files_button)
        row.addWidget(self.backup_button)

        # The app's one keeper: "Back up now" and the daily backup must never write at the same moment.
        self.backups = backups
        self._asked_for_backup = False
        self.backup_button.setEnabled(backups is not None and files.can_restore)
        if not self.backup_button.isEnabled():
            self.backup_button.setToolTip("This history is not kept in a file that can be written.")
        if backups is not None:
            backups.taken.connect(self._on_backup_taken)
            backups.failed.connect(self._on_backup_failed)

    def export_json(self) -> None:
        suggested = self._folder / f"relaxapp-history-{self._today().isoformat()}.json"
        path = self.chooser.save_file(self, "Export the history as JSON", suggested, JSON_FILES)
        if path is not None:
            self._folder = path.parent
            self._export(lambda: self._files.export_json(path), f"in {path}.")

    def export_csv(self) -> None:
        folder = self.chooser.folder(self, "Choose a folder for the three spreadsheet files", self._folder)
        if folder is not None:
            self._folder = folder
            self._export(lambda: self._files.export_csv(folder), f"in {folder}, as {', '.join(CSV_NAMES)}.")

    def _export(self, export: Callable[[], ExportReport], where: str) -> None:
        try:
            report = export()
        except ExchangeError as error:
            self._tell(Warning_, "Export failed", str(error))
            return
        counts = Counts(
            report.sessions, report.episodes, report.check_ins, report.treatments, report.safety_checks
        )
        self._tell(Info, "History exported", f"Saved {counts_text(counts)} {where}")

    def import_json(self) -> None:
        """Read, check and merge an exported file off the window's thread, with a progress dialog."""
        path = self.chooser.open_file(self, "Import a relaxapp history (JSON)", self._folder, JSON_FILES)
        if path is None:
            return
        self._folder = path.parent
        run = ImportRun(self._files, path, self)
        run.finished.connect(self._on_imported)
        self.import_run = run
        self.files_button.setEnabled(False)  # one import at a time, and no restore under it
        run.start()

    def _on_imported(self, result: MergeReport | ExchangeError) -> None:
        assert self.import_run is not None
        path = self.import_run.path
        self.import_run = None
        self.files_button.setEnabled(True)
        if isinstance(result, ImportCancelledError):
            return  # the person's own choice: nothing to say
        if isinstance(result, ExchangeError):
            problems = result.problems if isinstance(result, ImportRefusedError) else ()
            self._tell(Warning_, "Nothing was imported", str(result), _listed(problems))
            return
        self._tell(Info, "History imported", f"{path.name}: {merge_text(result)}")

    def restore_backup(self) -> None:
        """Bring back the history of a backup; what was entered since it is kept as well."""
        backups = self._files.backups() if self._files.can_restore else []
        if not backups:
            self._tell(Info, "No backup to restore", NO_BACKUP_TEXT)
            return
        labels = [f"{b.taken_at.astimezone():%A %d %B %Y, %H:%M}" for b in backups]
        index = self.chooser.one_of(self, "Restore a backup", "Bring back your history as it was on:", labels)
        if index is None:
            return
        try:
            report = self._files.restore_backup(backups[index].path)
        except HistoryError as error:
            self._tell(Warning_, "The backup was not restored", str(error))
            return
        if report.problem:
            self._tell(Warning_, "History restored, with a problem", report.problem)
        else:
            self._tell(
                Info,
                "History restored",
                f"Your history is back as it was on {labels[index]}, and what you entered since is kept "
                f"too. The file that was in use is kept beside it as {report.moved_aside.name}.",
            )

    def back_up_now(self) -> None:
        if self.backups is None:
            return
        self._unsaved.retry()  # what waits to be written goes into the backup too, if it can
        if not self.backups.take_now():
            self._tell(Info, "Backing up", BACKUP_BUSY_TEXT)
            return
        self.backup_button.setEnabled(False)  # until this one is done: one at a time
        self._asked_for_backup = True

    def _on_backup_taken(self, backup: Backup) -> None:
        self.backup_button.setEnabled(True)
        # Only the backup asked for here is answered here; the daily one goes by quietly.
        if self._asked_for_backup:
            self._asked_for_backup = False
            text = f"Your history is backed up as {backup.path.name} in {backup.path.parent}."
            self._tell(Info, "Backed up", text)

    def _on_backup_failed(self, text: str) -> None:
        self.backup_button.setEnabled(True)
        if self._asked_for_backup:  # the window's message bar tells of a daily backup that failed
            self._asked_for_backup = False
            self._tell(Warning_, "No backup was made", text)

    def _tell(self, icon: QMessageBox.Icon, title: str, text: str, details: str = "") -> None:
        """A message box that does not block: the app goes on while it is open."""
        if self.message is not None:  # the new message takes the place of the last
            self.message.close()
            self.message.deleteLater()
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        if details:
            box.setDetailedText(details)
        self.message = box
        box.open()
