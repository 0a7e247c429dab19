"""The timeline tab: choices of what to show, the table of entries, and edit, delete and undo under it.

The table reads the history a page of rows at a time as it scrolls. A delete, an edit or their undo changes
its row alone (the floor says which entry changed), so the person keeps their place; any other change to
the history reads the first page again, at once if the tab is on screen, or else when it is next shown.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QDate, QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QAction, QFont, QFontMetrics, QKeySequence, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QStackedLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from relaxapp.core.history_wording import when_text
from relaxapp.core.journal import INTENSITY_MAX, CheckIn, Episode, Treatment
from relaxapp.core.wording import KIND_NAMES, LOG_TREATMENT, LOG_TREATMENT_TIP
from relaxapp.logic.events import EntryChange
from relaxapp.logic.progress import Period
from relaxapp.logic.use_cases import UseCases
from relaxapp.storage.history import (
    EVERYTHING,
    ONLY_CHECK_INS,
    ONLY_EPISODES,
    ONLY_SESSIONS,
    ONLY_TREATMENTS,
    TimelineEntry,
    TimelineFilter,
)
from relaxapp.ui.history.cells import WrappingCells
from relaxapp.ui.history.dates import py_date, qt_date
from relaxapp.ui.history.ratings_dialog import RatingsDialog
from relaxapp.ui.history.timeline_model import HEADERS, Column, TimelineModel
from relaxapp.ui.journal_view import CheckInDialog, EpisodeDialog
from relaxapp.ui.layouts import FlowLayout
from relaxapp.ui.listening import follow
from relaxapp.ui.treatment_dialog import TreatmentDialog

CELL_PADDING = 20  # a cell's padding in the style sheet, both sides, and a little air
WHAT_SHARE_OF_SPARE = 2 / 3  # of the width the columns do not need
SORT_MARK = 16
LONGEST_WORD = "relaxation"  # the longest word of a kind of routine's name, kept whole in "What"

# What the "Show" choice offers, in its order: everything, then sessions (all, then each kind), twitches,
# treatments and check-ins. A twitch is a spasm episode: the home page logs "a twitch", and so says this.
SHOWN: tuple[tuple[str, TimelineFilter], ...] = (
    ("Everything", EVERYTHING),
    ("Sessions only", ONLY_SESSIONS),
    *((name, replace(ONLY_SESSIONS, routine_kinds=frozenset({kind}))) for kind, name in KIND_NAMES.items()),
    ("Twitches only", ONLY_EPISODES),
    ("Treatments only", ONLY_TREATMENTS),
    ("Check-ins only", ONLY_CHECK_INS),
)


class TimelineView(QWidget):
    """Every session, twitch, treatment and check-in under the chosen filter, with the commands that change
    them and one that logs a treatment."""

    def __init__(self, use_cases: UseCases, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edits = use_cases.history_edits
        self._now = use_cases.now
        self._today = use_cases.journal.today
        self._progress = use_cases.progress
        self._journal = use_cases.journal
        self.model = TimelineModel(use_cases.history, self._today)
        self._stale = True  # read when first shown
        self._kept_in_place = False  # the last change was shown in its row: no need to read again
        self._columns_fitted = False
        self._rows_stale = False  # rows changed while hidden: measured when next shown (_fit_rows)
        self._widths: dict[Column, int] = {}  # each column's width for its usual words (_fit_columns)
        self._least: dict[Column, int] = {}  # and for their longest word: narrower, a word breaks in two
        self.edit_dialog: EpisodeDialog | RatingsDialog | CheckInDialog | TreatmentDialog | None = None
        self.not_saved_box: QMessageBox | None = None

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(10)
        layout.addLayout(self._build_filters())
        self.table = self._build_table()
        self.table.viewport().installEventFilter(self)  # columns fit its width: eventFilter
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self._stack = QStackedLayout()
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty)
        layout.addLayout(self._stack, 1)
        layout.addLayout(self._build_actions())

        stack = self._edits.undo_stack
        # Added to the page by the page: Ctrl+Z works wherever the focus is on it.
        self.undo_action = QAction("Undo", self)
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.undo_action.triggered.connect(stack.undo)
        self.redo_action = QAction("Redo", self)
        # Every binding the platform has (Ctrl+Y and Ctrl+Shift+Z), not only its first.
        self.redo_action.setShortcuts(QKeySequence.StandardKey.Redo)
        self.redo_action.triggered.connect(stack.redo)
        for action in (self.undo_action, self.redo_action):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)

        events = use_cases.events
        follow(events.entry_changed, self, self._on_entry_changed)
        follow(events.history_changed, self, self._on_history_changed)
        follow(stack.changed, self, lambda _: self._show_undo())
        follow(self._edits.write_failed, self, self._tell_not_saved)
        self._show_undo()

    def _build_filters(self) -> FlowLayout:
        filters = self._filters = FlowLayout()  # they wrap in a narrow window or with larger text
        self.shown = QComboBox()
        self.shown.setAccessibleName("Show")
        for name, _ in SHOWN:
            self.shown.addItem(name)
        self.period = QComboBox()
        self.period.setAccessibleName("Period")
        for period in Period:
            self.period.addItem(period.value, period)
        today = qt_date(self._today())
        self.from_date = self._date_edit("From", today.addDays(-29))
        self.to_date = self._date_edit("To", today)
        self.order = QComboBox()
        self.order.setAccessibleName("Order")
        self.order.addItems(["Newest first", "Oldest first"])
        self.count_label = QLabel()
        self.count_label.setObjectName("pageIntro")
        for label, widget in (("Show", self.shown), ("Period", self.period)):
            caption = QLabel(label)
            caption.setBuddy(widget)
            filters.addWidget(caption)
            filters.addWidget(widget)
        filters.addWidget(self.from_date)
        filters.addWidget(self.to_date)
        filters.addWidget(self.order)
        filters.addWidget(self.count_label)
        self.from_date.hide()
        self.to_date.hide()
        for combo in (self.shown, self.period, self.order):
            combo.currentIndexChanged.connect(self._apply_filters)
        for edit in (self.from_date, self.to_date):
            edit.dateChanged.connect(self._apply_filters)
        return filters

    def _build_table(self) -> QTableView:
        table = QTableView()
        table.setModel(self.model)
        table.setObjectName("timeline")
        table.setAccessibleName("Sessions, twitches, treatments and check-ins")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setAlternatingRowColors(True)
        table.setShowGrid(False)
        # Words wrap rather than end in "…" (a routine of one's own may have a long name), each row as tall
        # as they need (_fit_rows); only the note, which can run to sentences, keeps to a line (whole in its
        # tooltip).
        table.setWordWrap(True)
        self._cells = WrappingCells(one_line={Column.NOTE}, parent=table)
        table.setItemDelegate(self._cells)
        table.verticalHeader().hide()
        header = table.horizontalHeader()
        header.setStretchLastSection(True)  # the note takes the room left; see _fit_columns for the rest
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(Column.WHEN, Qt.SortOrder.DescendingOrder)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._on_header_clicked)
        # Rows are measured once a change has settled: ResizeToContents would measure every cell of every
        # row on each pass of the layout, of a hidden window's table too.
        self._rows_timer = QTimer(self)
        self._rows_timer.setSingleShot(True)
        self._rows_timer.timeout.connect(self._fit_rows)
        header.sectionResized.connect(lambda *_: self._rows_timer.start(0))
        self.model.modelReset.connect(lambda: self._rows_timer.start(0))
        self.model.rowsInserted.connect(lambda _parent, first, last: self._fit_rows(first, last))
        self.model.dataChanged.connect(lambda top, bottom: self._fit_rows(top.row(), bottom.row()))
        table.doubleClicked.connect(lambda _index: self.edit_selected())
        # On the table only: Delete in a date box or Enter on a button must keep their own meaning.
        for keys, slot in (
            (QKeySequence(QKeySequence.StandardKey.Delete), self.delete_selected),
            (QKeySequence(Qt.Key.Key_Return), self.edit_selected),
            (QKeySequence(Qt.Key.Key_Enter), self.edit_selected),
        ):
            action = table.addAction("")
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)
        table.selectionModel().selectionChanged.connect(self._update_actions)
        self.model.modelReset.connect(self._update_actions)
        self.model.rowsRemoved.connect(self._update_actions)
        return table

    def _build_actions(self) -> QHBoxLayout:
        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.treatment_button = QPushButton(LOG_TREATMENT)
        self.treatment_button.setToolTip(LOG_TREATMENT_TIP)
        self.treatment_button.clicked.connect(self.log_treatment)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Change a session's ratings or another entry's details (Enter)")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete the chosen entry (Delete); Undo brings it back")
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_note = QLabel()
        self.undo_note.setObjectName("undoNote")
        self.undo_button = QPushButton("Undo")
        self.undo_button.clicked.connect(self._edits.undo_stack.undo)
        actions.addWidget(self.treatment_button)
        actions.addSpacing(12)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.delete_button)
        actions.addStretch()
        actions.addWidget(self.undo_note)
        actions.addWidget(self.undo_button)
        self._update_actions()
        return actions

    def _date_edit(self, name: str, day: QDate) -> QDateEdit:
        edit = QDateEdit(day)
        edit.setAccessibleName(name)
        edit.setCalendarPopup(True)
        edit.setDisplayFormat("d MMM yyyy")
        return edit

    def _fit_columns(self) -> None:
        """Widths from the words a column usually holds, in the table's font (the reader's text size):
        ResizeToContents would measure every loaded row again on each page fetched."""
        cells = self.table.fontMetrics()
        bold = QFont(self.table.font())
        bold.setWeight(QFont.Weight.DemiBold)  # the style sheet's header weight
        headers = QFontMetrics(bold)
        sample_day = datetime(self._today().year, 9, 27, 22, 22).astimezone()
        samples = {
            Column.WHEN: when_text(sample_day, self._today()),
            Column.WHAT: "Longer out-breath",  # longer titles wrap onto more lines
            Column.AMOUNT: f"{INTENSITY_MAX}/{INTENSITY_MAX} · seconds",
            Column.TENSION: "10 → 10",
            Column.TWITCH: "10 → 10",
        }
        for column, text in samples.items():
            width = max(headers.horizontalAdvance(HEADERS[column]), cells.horizontalAdvance(text))
            self._widths[column] = width + CELL_PADDING + (SORT_MARK if column is Column.WHEN else 0)
            words = [*text.split(), *(LONGEST_WORD.split() if column is Column.WHAT else [])]
            self._least[column] = max(cells.horizontalAdvance(word) for word in words) + CELL_PADDING
        self._fit_to_width()

    def _fit_to_width(self) -> None:
        """The columns at their widths, or narrower in proportion where the table has less room: never a
        sideways scroll bar (the words wrap, the note ends in "…")."""
        header = self.table.horizontalHeader()
        # The note, last, stretches into what is left, but keeps the header's default width at least.
        room = self.table.viewport().width() - max(header.minimumSectionSize(), header.defaultSectionSize())
        wanted = sum(self._widths.values())
        # Each column keeps its longest word; the room above that is shared in proportion.
        least = sum(self._least.values())
        share = min(1.0, max(0.0, room - least) / (wanted - least)) if wanted > least else 1.0
        # Room to spare goes mostly to "What": a twitch in several places has a long name ("Twitch:
        # eyelid, brow and cheek, both sides"); the note, last, has the rest.
        spare = max(0, room - wanted) * WHAT_SHARE_OF_SPARE
        for column, width in self._widths.items():
            extra = spare if column is Column.WHAT else 0
            fitted = self._least[column] + (width - self._least[column]) * share + extra
            header.resizeSection(column, max(header.minimumSectionSize(), int(fitted)))

    def _fit_rows(self, first: int = 0, last: int | None = None) -> None:
        """Rows `first` to `last` (all by default) as tall as their wrapped words, once on screen."""
        if not self.isVisible():
            self._rows_stale = True  # measured when next shown
            return
        if last is None:
            self._rows_stale = False
        rows = range(first, self.model.rowCount() if last is None else last + 1)
        if not rows:
            return
        # Most rows fit on one line: only those whose words do not are measured cell by cell; the others
        # take the height of the first that fits (a page of 200 rows: some 60 ms less at every change).
        rooms = {
            column: room
            for column in Column
            if (room := self._cells.words_room(self.table, self.model.index(rows[0], column))) is not None
        }
        metrics = self.table.fontMetrics()
        one_line: int | None = None
        for row in rows:
            fits = all(
                metrics.horizontalAdvance(str(self.model.data(self.model.index(row, column)) or "")) <= room
                for column, room in rooms.items()
            )
            if fits and one_line is not None:
                self.table.setRowHeight(row, one_line)
                continue
            self.table.resizeRowToContents(row)
            if fits:
                one_line = self.table.rowHeight(row)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The table's own view: it narrows too when its up-and-down scroll bar appears.
        if event.type() == QEvent.Type.Resize and self._columns_fitted:
            self._fit_to_width()
        return False

    def showEvent(self, event: QShowEvent) -> None:
        if not self._columns_fitted:  # once: then a drag changes a width, until the window is resized
            self._columns_fitted = True
            self._fit_columns()
        if self._stale:
            self.refresh()
        if self._rows_stale:
            self._rows_timer.start(0)
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:
        # A new text size (Settings, larger text) comes as a new style sheet: widths follow the words.
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange) and self._columns_fitted:
            self._fit_columns()
        super().changeEvent(event)

    # -- following the history -------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the first page of the timeline again."""
        self._stale = False
        self.model.reload()
        self._show_counts()

    def _on_entry_changed(self, change: EntryChange) -> None:
        self.model.apply(change)
        self._kept_in_place = True
        self._show_counts()

    def _on_history_changed(self, _: None) -> None:
        if self._kept_in_place:  # the "history changed" of the entry just shown in its row
            self._kept_in_place = False
            return
        self._stale = True
        if self.isVisible():
            self.refresh()

    # -- the timeline's choices ------------------------------------------------------------------

    def _filter(self) -> TimelineFilter:
        between = (py_date(self.from_date.date()), py_date(self.to_date.date()))
        return self._progress.timeline_filter(
            SHOWN[self.shown.currentIndex()][1], Period(self.period.currentData()), between
        )

    def _apply_filters(self) -> None:
        dates = Period(self.period.currentData()) is Period.DATES
        self.from_date.setVisible(dates)
        self.to_date.setVisible(dates)
        newest_first = self.order.currentIndex() == 0
        order = Qt.SortOrder.DescendingOrder if newest_first else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(Column.WHEN, order)
        self._stale = False
        self.model.show(self._filter(), newest_first)
        self._show_counts()

    def _on_header_clicked(self, section: int) -> None:
        # Only time can be sorted on: any other order would need every row read first.
        if section == Column.WHEN:
            self.order.setCurrentIndex(1 - self.order.currentIndex())
        else:
            self._apply_filters()  # puts the sort mark back on When

    def _show_counts(self) -> None:
        total = self.model.total
        self.count_label.setText("1 entry" if total == 1 else f"{total:,} entries")
        if total:
            self._stack.setCurrentWidget(self.table)
            return
        if self.model.only == EVERYTHING and Period(self.period.currentData()) is Period.ALL:
            self.empty.setText(
                "Nothing here yet. Sessions you finish or stop, and the twitches, treatments and check-ins "
                "you log, appear here."
            )
        else:
            self.empty.setText("Nothing matches these choices. Try “Everything” and “All time”.")
        self._stack.setCurrentWidget(self.empty)

    # -- delete, edit, undo ----------------------------------------------------------------------

    def selected(self) -> TimelineEntry | None:
        rows = self.table.selectionModel().selectedRows()
        return self.model.entry(rows[0].row()) if rows else None

    def _update_actions(self) -> None:
        chosen = self.selected() is not None
        self.edit_button.setEnabled(chosen)
        self.delete_button.setEnabled(chosen)

    def delete_selected(self) -> None:
        entry = self.selected()
        if entry is not None:
            row = self.table.currentIndex().row()
            self._edits.delete(entry)
            # The next row takes the deleted one's place, so Delete pressed again goes on down the list.
            if self.model.rowCount():
                self.table.selectRow(min(row, self.model.rowCount() - 1))

    def edit_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        dialog: EpisodeDialog | RatingsDialog | CheckInDialog | TreatmentDialog
        if isinstance(entry, Episode):
            dialog = EpisodeDialog(entry, now=self._now, parent=self)
        elif isinstance(entry, CheckIn):
            dialog = CheckInDialog(entry.day, entry, self)
        elif isinstance(entry, Treatment):
            dialog = TreatmentDialog(entry, today=self._today(), parent=self)
        else:
            dialog = RatingsDialog(entry, self._today(), self)
        dialog.accepted.connect(lambda: self._save_edit(entry, dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.edit_dialog = dialog
        dialog.open()

    def log_treatment(self) -> None:
        """A treatment logged from here; Undo (and Ctrl+Z) takes it back like any change on this page."""
        dialog = TreatmentDialog.next_one(self._journal, self)
        dialog.accepted.connect(lambda: self._edits.add_treatment(dialog.treatment()))
        dialog.finished.connect(dialog.deleteLater)
        self.edit_dialog = dialog
        dialog.open()

    def _save_edit(
        self, entry: TimelineEntry, dialog: EpisodeDialog | RatingsDialog | CheckInDialog | TreatmentDialog
    ) -> None:
        if isinstance(dialog, RatingsDialog):
            self._edits.change_ratings(dialog.record, dialog.scores())
        elif isinstance(dialog, CheckInDialog) and isinstance(entry, CheckIn):
            self._edits.edit_check_in(entry, dialog.check_in())
        elif isinstance(dialog, TreatmentDialog) and isinstance(entry, Treatment):
            self._edits.edit_treatment(entry, dialog.treatment())
        elif (
            isinstance(dialog, EpisodeDialog) and isinstance(entry, Episode) and (edited := dialog.episode())
        ):
            self._edits.edit_episode(entry, edited)

    def _tell_not_saved(self, text: str) -> None:
        """A change the history could not write yet: it stands on screen and is written with the next."""
        if self.not_saved_box is not None:
            self.not_saved_box.deleteLater()
        box = QMessageBox(
            QMessageBox.Icon.Warning, "Not saved yet", text, QMessageBox.StandardButton.Ok, self
        )
        self.not_saved_box = box
        box.open()  # the app goes on while it is open

    def _show_undo(self) -> None:
        stack = self._edits.undo_stack
        self.undo_note.setText(f"{stack.undo_text}." if stack.can_undo else "")
        self.undo_button.setAccessibleName(f"Undo: {stack.undo_text}" if stack.can_undo else "Undo")
        self.undo_note.setVisible(stack.can_undo)
        self.undo_button.setVisible(stack.can_undo)
        self.undo_action.setEnabled(stack.can_undo)
        self.undo_action.setText(f"Undo {stack.undo_text}" if stack.can_undo else "Undo")
        self.redo_action.setEnabled(stack.can_redo)
        self.redo_action.setText(f"Redo {stack.redo_text}" if stack.can_redo else "Redo")
