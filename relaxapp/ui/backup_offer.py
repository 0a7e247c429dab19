"""After a damaged history was set aside: the offer to bring back the latest backup."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtWidgets import QMessageBox, QWidget

from relaxapp.logic.history_files import HistoryFiles
from relaxapp.storage.backup import Backup
from relaxapp.storage.history import HistoryError


def offer_backup(
    parent: QWidget,
    files: HistoryFiles,
    backup: Backup,
    tell: Callable[[str], None],
    clear: Callable[[], None],
) -> None:
    """Ask; if wanted, bring the backup back (keeping what was entered since) and `tell` how it went,
    once the messages about the damage it answers are `clear`ed."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle("Bring back your backup?")
    box.setText("Your history file was damaged, so relaxapp started a new one.")
    box.setInformativeText(
        f"A backup from {backup.taken_at.astimezone():%A %d %B %Y at %H:%M} can bring back what you had "
        "entered up to then. Anything you have entered since stays as well."
    )
    restore = box.addButton("Bring it back", QMessageBox.ButtonRole.AcceptRole)
    box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(restore)
    box.exec()
    if box.clickedButton() is not restore:
        return
    try:
        report = files.restore_backup(backup.path)
    except HistoryError as error:
        tell(str(error))
        return
    clear()
    tell(
        report.problem
        or f"Your history is back as it was on {backup.taken_at.astimezone():%d %B %Y}. "
        f"The file that was in use is kept as {report.moved_aside.name}."
    )
