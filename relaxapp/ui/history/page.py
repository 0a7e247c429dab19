"""The history page: every session and episode in a timeline, a calendar with streaks, and insights; the
file commands in its title row and four figures under it.

Only the timeline is built for the first frame. The calendar and insights tabs are built the first time
they are shown (the insights bring in QtCharts). The page follows the floor's "history changed": what is on
screen is brought up to date at once, what is hidden when it is next shown.
"""

from __future__ import annotations

from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QEvent, QObject, QSize
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QSizePolicy, QTabWidget, QVBoxLayout, QWidget

from relaxapp.core.wording import days_text
from relaxapp.logic.use_cases import UseCases
from relaxapp.ui.backups import BackupKeeper
from relaxapp.ui.file_chooser import FileChooser
from relaxapp.ui.history.file_actions import FileActions
from relaxapp.ui.history.tab import HistoryTab
from relaxapp.ui.history.timeline import TimelineView
from relaxapp.ui.layouts import ColumnsLayout, FlowLayout, scrolling_content
from relaxapp.ui.listening import follow
from relaxapp.ui.theme import LIGHT, Colours

if TYPE_CHECKING:
    from relaxapp.core.safety import Checklist, VisitNotes
    from relaxapp.ui.history.calendar import CalendarView
    from relaxapp.ui.history.insights import InsightsView
    from relaxapp.ui.report.dialog import ReportDialog

TAB_NAMES = ("timeline", "calendar", "insights")
TABS_LEAST = 320  # px: room for a few rows of the timeline, or the month of the calendar
FIGURE_WIDTH = 110  # px: the least a figure of the strip is given before the strip takes two rows
T = TypeVar("T", bound=HistoryTab)


class Figure(QFrame):
    """One number of the summary strip, with what it counts beneath it."""

    def __init__(self, caption: str) -> None:
        super().__init__()
        self.setObjectName("figure")
        self._caption = caption
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 10, 12, 10)
        layout.setSpacing(2)
        self.value = QLabel()
        self.value.setObjectName("figureValue")
        label = QLabel(caption)
        label.setObjectName("figureLabel")
        label.setWordWrap(True)  # larger text in a narrow window: two lines rather than cut off
        layout.addWidget(self.value)
        layout.addWidget(label)

    def show_value(self, text: str) -> None:
        self.value.setText(text)
        self.setAccessibleName(f"{self._caption}: {text}")


class Tabs(QTabWidget):
    """Tabs as tall as the tab on show asks (HistoryPage._fit_tabs sets it as the least height), not as
    tall as the tallest of them: Qt's own hints take every tab's, hidden or not."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())

    def hasHeightForWidth(self) -> bool:
        return False  # Qt's height for a width is the tallest tab's too; _fit_tabs measures the one on show


class HistoryPage(QWidget):
    """Everything logged, three ways: a timeline, a calendar and insights. It reads the history itself
    and changes it only through the floor (use_cases.history_edits, use_cases.history_files)."""

    def __init__(
        self,
        use_cases: UseCases,
        parent: QWidget | None = None,
        *,
        backups: BackupKeeper | None = None,
        files: FileChooser | None = None,
    ) -> None:
        super().__init__(parent)
        self._progress = use_cases.progress
        self._colours = LIGHT  # until the window says which theme it wears (set_look)
        self._stale = {"figures", "calendar", "insights"}  # to bring up to date when next shown

        # In a short window (or with larger text) the page scrolls, rather than squeeze the tabs to nothing.
        _page, layout = scrolling_content(self)
        layout.setContentsMargins(32, 24, 32, 16)
        layout.setSpacing(12)
        # The file commands beside the title, or under it where the width runs out.
        title_row = self._title_row = FlowLayout(spacing=24)
        heading = QLabel("History")
        heading.setObjectName("pageTitle")
        title_row.addWidget(heading)
        self._reports = use_cases.visit_reports
        self.report_button = QPushButton("Report for a visit…")
        self.report_button.setToolTip("A PDF of your diary over a few months, to take to your doctor")
        self.report_button.clicked.connect(lambda: self.open_visit_report())  # noqa: PLW0108 - not `checked`
        title_row.addWidget(self.report_button)
        self.report_dialog: ReportDialog | None = None
        # The warning signs as the app loaded them (MainWindow.use_guidance), to word the report's answers:
        # read once, so that the report and the Warning signs page never disagree.
        self.checklist: Checklist | None = None
        self._report_folder = Path.home()  # where the last report went: the next is offered there
        self.file_actions = FileActions(
            use_cases.history_files,
            use_cases.unsaved,
            use_cases.journal.today,
            backups=backups,
            chooser=files,
        )
        title_row.addWidget(self.file_actions)
        layout.addLayout(title_row)
        # Four figures side by side, or two and two in a narrow window or with larger text.
        strip = self._strip = ColumnsLayout(FIGURE_WIDTH, most=4)
        self.current_streak = Figure("Current streak")
        self.longest_streak = Figure("Longest streak")
        self.this_week = Figure("This week")
        self.sessions_total = Figure("Sessions in all")
        for figure in (self.current_streak, self.longest_streak, self.this_week, self.sessions_total):
            strip.addWidget(figure)
        layout.addLayout(strip)
        self.pending_note = QLabel()
        self.pending_note.setObjectName("problemText")
        self.pending_note.setWordWrap(True)
        self.pending_note.hide()
        layout.addWidget(self.pending_note)

        self.timeline = TimelineView(use_cases)
        self.model = self.timeline.model  # the rows of the timeline, as shown
        self.addActions([self.timeline.undo_action, self.timeline.redo_action])
        self.tabs = Tabs()
        self.tabs.setObjectName("historyTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self.timeline, "Timeline")
        # Empty until first shown: the views are built into these then.
        self._calendar_tab, self._insights_tab = QVBoxLayout(), QVBoxLayout()
        for holder, name in ((self._calendar_tab, "Calendar"), (self._insights_tab, "Insights")):
            holder.setContentsMargins(0, 12, 0, 0)
            tab = QWidget()
            tab.setLayout(holder)
            tab.installEventFilter(self)  # what it holds changed its height: _fit_tabs
            self.tabs.addTab(tab, name)
        self.tabs.currentChanged.connect(self._bring_up_to_date)
        self.tabs.setMinimumHeight(TABS_LEAST)
        self.tabs.installEventFilter(self)  # its width sets how tall the insights are (_fit_tabs)
        layout.addWidget(self.tabs, 1)
        follow(use_cases.events.history_changed, self, self._on_history_changed)

    def open_visit_report(self, notes: VisitNotes | None = None) -> ReportDialog:
        """The report dialog, with today's warning-signs answer in the report when `notes` holds it."""
        from relaxapp.ui.report.dialog import ReportDialog  # noqa: PLC0415 - QtCharts loads only here

        if self.report_dialog is not None:
            self.report_dialog.close()
            self.report_dialog.deleteLater()
        self.report_dialog = ReportDialog(
            self._reports,
            self.file_actions.chooser,
            notes,
            checklist=self.checklist,
            folder=self._report_folder,
            parent=self,
        )
        self.report_dialog.finished.connect(self._remember_report_folder)
        self.report_dialog.open()
        return self.report_dialog

    def _remember_report_folder(self) -> None:
        if self.report_dialog is not None and self.report_dialog.saved is not None:
            self._report_folder = self.report_dialog.saved.parent

    def refresh(self) -> None:
        """Read the history again: the first page of the timeline, the figures, and the tab shown."""
        self.timeline.refresh()
        self._stale = {"figures", "calendar", "insights"}
        self._bring_up_to_date()

    def set_look(self, colours: Colours) -> None:
        """The theme's colours for what the style sheet cannot reach: the charts and the calendar's days."""
        self._colours = colours
        for name in ("calendar", "insights"):
            if name in self.__dict__:
                getattr(self, name).set_look(colours)
                # Drawn again once shown: a chart drawn while hidden keeps the old theme's legend marks.
                self._stale.add(name)
        if self.isVisible():
            self._bring_up_to_date()

    def showEvent(self, event: QShowEvent) -> None:
        self._bring_up_to_date()
        super().showEvent(event)

    def _on_history_changed(self, _: None) -> None:
        """After any change: the figures now, the other tabs when they are next looked at."""
        self._stale = {"figures", "calendar", "insights"}
        if self.isVisible():
            self._bring_up_to_date()

    # -- the tabs built when first shown ---------------------------------------------------------

    @cached_property
    def calendar(self) -> CalendarView:
        from relaxapp.ui.history.calendar import CalendarView  # noqa: PLC0415 - built when first shown

        return self._place(CalendarView(self._progress), self._calendar_tab)

    @cached_property
    def insights(self) -> InsightsView:
        from relaxapp.ui.history.insights import InsightsView  # noqa: PLC0415 - QtCharts loads only here

        return self._place(InsightsView(self._progress), self._insights_tab)

    def _place(self, view: T, holder: QVBoxLayout) -> T:
        view.set_look(self._colours)
        holder.addWidget(view)
        return view

    def _bring_up_to_date(self) -> None:
        if "figures" in self._stale:
            self._stale.discard("figures")
            self._show_figures()
        name = TAB_NAMES[self.tabs.currentIndex()]
        if name in self._stale:
            self._stale.discard(name)
            view: HistoryTab = getattr(self, name)
            view.refresh()
        self._fit_tabs()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        resized = watched is self.tabs and event.type() is QEvent.Type.Resize
        if resized or (watched is self.tabs.currentWidget() and event.type() is QEvent.Type.LayoutRequest):
            self._fit_tabs()
        return super().eventFilter(watched, event)

    def _fit_tabs(self) -> None:
        """The calendar and the insights as tall as all they show, and the page scrolls them with the rest:
        one scroll bar, not one inside another. The timeline, a list that scrolls itself, keeps to the room
        there is."""
        least = TABS_LEAST
        # Only the tab on show counts: a stack of tabs is otherwise as tall as its tallest, the insights.
        for index in range(self.tabs.count()):
            shown = index == self.tabs.currentIndex()
            policy = QSizePolicy.Policy.Preferred if shown else QSizePolicy.Policy.Ignored
            page = self.tabs.widget(index)
            if page is not None and page.sizePolicy().verticalPolicy() != policy:  # else a loop of layouts
                page.setSizePolicy(policy, policy)
        tab = self.tabs.currentWidget()
        layout = tab.layout() if tab is not None else None
        if TAB_NAMES[self.tabs.currentIndex()] != "timeline" and layout is not None:
            width = self.tabs.width()
            needed = (
                layout.totalHeightForWidth(width)
                if layout.hasHeightForWidth()
                else layout.totalSizeHint().height()
            )
            least = max(least, self.tabs.tabBar().sizeHint().height() + needed)
        if self.tabs.minimumHeight() != least:
            self.tabs.setMinimumHeight(least)

    def _show_figures(self) -> None:
        figures = self._progress.figures()
        self.current_streak.show_value(days_text(figures.current_streak))
        self.longest_streak.show_value(days_text(figures.longest_streak))
        self.this_week.show_value(f"{round(figures.minutes_this_week)} min")
        self.sessions_total.show_value(f"{figures.sessions:,}")
        waiting = figures.waiting
        # What could not be written yet is kept in memory: say so here, where it is missing from the list.
        self.pending_note.setText(
            f"{waiting} change{'s' if waiting != 1 else ''} you made could not be written to the history "
            "file yet and will be saved as soon as they can be; they are not shown below until then."
        )
        self.pending_note.setVisible(bool(waiting))
