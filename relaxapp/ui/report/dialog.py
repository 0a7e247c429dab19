"""Report for a visit…: the period (the last few months unless changed), where to save the PDF, then where
it went, with its folder one click away."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from pathlib import Path

from PySide6.QtCore import QDate, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QDateEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relaxapp.core.bounds import EARLIEST_DAY, LATEST_DAY
from relaxapp.core.report_wording import (
    FIRST_DAY_FIELD,
    LAST_DAY_FIELD,
    chosen_period_problem,
    period_words,
)
from relaxapp.core.safety import Checklist, VisitNotes
from relaxapp.logic.visit_reports import VisitReports
from relaxapp.ui.file_chooser import FileChooser
from relaxapp.ui.layouts import WrappingDialog
from relaxapp.ui.report.document import save_report

log = logging.getLogger(__name__)
PDF_FILES = "PDF document (*.pdf)"


def open_folder(folder: Path) -> None:
    """The desktop's file manager at `folder`."""
    if not QDesktopServices.openUrl(QUrl.fromLocalFile(str(folder))):
        log.warning("no file manager opened %s", folder)


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _day(qdate: QDate) -> date:
    return date(qdate.year(), qdate.month(), qdate.day())


class ReportDialog(WrappingDialog):
    """Choose a period, save its report as PDF; `saved` is the last file written."""

    def __init__(
        self,
        reports: VisitReports,
        chooser: FileChooser,
        notes: VisitNotes | None = None,
        *,
        checklist: Checklist | None = None,
        folder: Path | None = None,
        show_folder: Callable[[Path], None] = open_folder,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Report for a visit")
        self._reports = reports
        self._chooser = chooser
        self.notes = notes  # today's warning-signs answer, carried into the report
        self._checklist = checklist  # the app's, to word the period's answers; None: worded from their ids
        self._folder = folder or Path.home()
        self.show_folder = show_folder  # the desktop's file manager; tests look instead
        self.saved: Path | None = None

        period = reports.default_period()
        intro = QLabel(
            "A PDF of one to three pages from your own diary, to take to your doctor: your twitches week by "
            "week, what your check-ins show, your practice, and room for your questions."
            + (" Today's warning-signs answer comes first." if notes is not None else "")
        )
        intro.setWordWrap(True)
        self.first = self._date_edit(period.first, "First day of the report")
        self.last = self._date_edit(period.last, "Last day of the report")
        form = QFormLayout()
        form.addRow(FIRST_DAY_FIELD, self.first)
        form.addRow(LAST_DAY_FIELD, self.last)
        hint = QLabel(f"Suggested: {period.why}.")
        hint.setWordWrap(True)  # the reason can be long: "since your last treatment (…)"
        hint.setObjectName("chartNote")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.status.hide()
        self.open_folder_button = QPushButton("Open folder")
        self.open_folder_button.clicked.connect(self._open_folder)
        self.open_folder_button.hide()
        self.save_button = QPushButton("Save PDF…")
        self.save_button.setObjectName("primary")
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.ask_and_save)
        close = QPushButton("Close")
        close.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.open_folder_button)
        buttons.addStretch()
        buttons.addWidget(self.save_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.setSpacing(10)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.status)
        layout.addLayout(buttons)
        self.setMinimumWidth(460)
        self._period_refused = False  # the status says why the chosen days are no period
        for edit in (self.first, self.last):
            edit.dateChanged.connect(self._check_period)

    @staticmethod
    def _date_edit(day: date, name: str) -> QDateEdit:
        edit = QDateEdit(_qdate(day))
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMMM yyyy")
        edit.setDateRange(_qdate(EARLIEST_DAY), _qdate(LATEST_DAY))
        edit.setAccessibleName(name)
        return edit

    def period(self) -> tuple[date, date]:
        return _day(self.first.date()), _day(self.last.date())

    def _check_period(self) -> bool:
        """Say as soon as the chosen days are no period why not, and hold Save back until they are one;
        True when they are one."""
        first, last = self.period()
        problem = chosen_period_problem(first, last, self._reports.today())
        self.save_button.setEnabled(problem is None)
        if problem is not None:
            self._say(problem, problem=True)
        elif self._period_refused:
            self.status.hide()
        self._period_refused = problem is not None
        return problem is None

    def ask_and_save(self) -> None:
        _, last = self.period()
        suggested = self._folder / f"relaxapp-visit-report-{last.isoformat()}.pdf"
        path = self._chooser.save_file(self, "Save the report for your visit", suggested, PDF_FILES)
        if path is not None:
            self.save(path if path.suffix.lower() == ".pdf" else path.with_name(path.name + ".pdf"))

    def save(self, path: Path) -> bool:
        """Write the report of the chosen period to `path`; say where it went, or why it did not."""
        if not self._check_period():
            return False
        first, last = self.period()
        QGuiApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
        try:
            save_report(
                self._reports.build(first, last),
                self._reports.today(),
                path,
                notes=self.notes,
                checklist=self._checklist,
            )
        except OSError as error:
            log.warning("report not saved to %s: %s", path, error)
            self._say(f"The report was not saved: {error}", problem=True)
            return False
        finally:
            QGuiApplication.restoreOverrideCursor()
        self.saved = path
        self._folder = path.parent
        self._say(f"Saved the report for {period_words(first, last)} to {path}.", problem=False)
        self.open_folder_button.setFocus()
        return True

    def _say(self, text: str, *, problem: bool) -> None:
        self.status.setObjectName("problemText" if problem else "")
        self.status.style().unpolish(self.status)  # the style sheet's rule for the new name applies
        self.status.style().polish(self.status)
        self.status.setText(text)
        self.status.show()
        self._fit_height()  # the window grows by the status's lines, rather than squeezing the others
        self.open_folder_button.setVisible(not problem and self.saved is not None)

    def _open_folder(self) -> None:
        if self.saved is not None:
            self.show_folder(self.saved.parent)
