"""The history page: every session and episode in one timeline, a calendar with streaks, and insights;
delete and edit with undo; export, import and a backup on request.

Only the timeline is built for the first frame, and it reads the store a page of rows at a time as the
view scrolls: a screen of history never reads every row. The calendar and insights tabs are built the first
time they are shown (the insights bring in QtCharts), and brought up to date only while they are shown.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from enum import IntEnum, StrEnum
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Protocol, TypeVar

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import (
    QFont,
    QFontMetrics,
    QKeySequence,
    QShowEvent,
    QUndoCommand,
    QUndoStack,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedLayout,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from relaxapp.core import stats
from relaxapp.core.clock import utc_now
from relaxapp.core.durations import duration_text
from relaxapp.core.journal import INTENSITY_MAX, Episode
from relaxapp.core.record import SKIPPED, Ratings, Scale, Score, SessionRecord
from relaxapp.storage.backup import Backup, list_backups
from relaxapp.storage.exchange import (
    CSV_NAMES,
    ExchangeError,
    ImportRefusedError,
    export_csv,
    export_json,
    import_json,
)
from relaxapp.storage.history import (
    EVERYTHING,
    Counts,
    HistoryError,
    HistoryStore,
    HistoryWriteError,
    MergeReport,
    TimelineEntry,
    TimelineFilter,
)
from relaxapp.ui.backups import BackupKeeper
from relaxapp.ui.journal_view import DURATION_NAMES, EpisodeDialog, where_words
from relaxapp.ui.ratings import SCALE_NAMES, RatingRow
from relaxapp.ui.theme import LIGHT, Colours
from relaxapp.ui.words import KIND_NAMES

if TYPE_CHECKING:
    from relaxapp.ui.calendar_view import CalendarView
    from relaxapp.ui.insights_view import InsightsView

PAGE_ROWS = 200  # a few screens: scrolling reads the next page long before the end is reached
CELL_PADDING = 20  # a cell's padding in the style sheet, both sides, and a little air
SORT_MARK = 16
AnyIndex = QModelIndex | QPersistentModelIndex
T = TypeVar("T")


class Column(IntEnum):
    WHEN = 0
    WHAT = 1
    AMOUNT = 2
    TENSION = 3
    TWITCH = 4
    NOTE = 5


# The kind of routine is the tooltip of What (and a choice of Show) rather than a column: at the window's
# usual width a seventh column would leave the notes no room.
HEADERS = ("When", "What", "Length / intensity", "Tension", "Twitching", "Note")
HEADER_TIPS = {
    Column.TENSION: "Tension before → after the session, 0 none to 10 the most",
    Column.TWITCH: "Twitching before → after the session, 0 none to 10 the most",
}

# What the "Show" choice offers, in its order: everything, then sessions (all, then each kind), episodes.
SHOWN: tuple[tuple[str, TimelineFilter], ...] = (
    ("Everything", EVERYTHING),
    ("Sessions only", TimelineFilter(episodes=False)),
    *(
        (name, TimelineFilter(episodes=False, routine_kinds=frozenset({kind})))
        for kind, name in KIND_NAMES.items()
    ),
    ("Episodes only", TimelineFilter(sessions=False)),
)


class Period(StrEnum):
    ALL = "All time"
    WEEK = "Last 7 days"
    MONTH = "Last 30 days"
    YEAR = "Last 12 months"
    DATES = "Between dates"


PERIOD_DAYS = {Period.WEEK: 7, Period.MONTH: 30, Period.YEAR: 365}


# -- the words of a row -------------------------------------------------------------------------------


def when_text(moment: datetime, today: date) -> str:
    """'25 Nov 21:00': the year only when it is not this one, so the column stays narrow."""
    local = moment.astimezone()
    return local.strftime("%d %b %H:%M" if local.year == today.year else "%d %b %Y %H:%M").lstrip("0")


def what_text(entry: TimelineEntry) -> str:
    """'Box breathing', or for an episode where it was: 'Twitch: left eyelid'."""
    if isinstance(entry, SessionRecord):
        return entry.routine_title
    return f"Twitch: {where_words(entry.side, entry.place)}"


def amount_text(entry: TimelineEntry) -> str:
    if isinstance(entry, Episode):
        return f"{entry.intensity}/{INTENSITY_MAX} · {DURATION_NAMES[entry.duration].lower()}"
    return duration_text(entry.actual_seconds)  # a session stopped early says so in its note


def change_text(entry: TimelineEntry, scale: Scale) -> str:
    """A session's 'before → after' on one scale, '7 → 3', a dash for a missing answer; empty if neither."""
    if isinstance(entry, Episode):
        return ""
    scores = entry.ratings.scores()
    before, after = scores[f"{scale.value}_before"], scores[f"{scale.value}_after"]
    if not isinstance(before, int) and not isinstance(after, int):
        return ""
    return f"{_score_text(before)} → {_score_text(after)}"


def _score_text(score: Score) -> str:
    return str(score) if isinstance(score, int) else "–"


def note_text(entry: TimelineEntry) -> str:
    if isinstance(entry, Episode):
        return " ".join(entry.note.split())  # one line in a table cell
    return "" if entry.completed else f"Stopped early, planned {duration_text(entry.planned_seconds)}"


def moment_of(entry: TimelineEntry) -> datetime:
    return entry.started_at if isinstance(entry, SessionRecord) else entry.occurred_at


CELLS: dict[Column, Callable[[TimelineEntry], str]] = {
    Column.WHAT: what_text,
    Column.AMOUNT: amount_text,
    Column.TENSION: lambda entry: change_text(entry, Scale.TENSION),
    Column.TWITCH: lambda entry: change_text(entry, Scale.TWITCH),
    Column.NOTE: note_text,
}


def describe(entry: TimelineEntry, today: date) -> str:
    """The entry in a few words, for the undo note: 'Box breathing (Tue 03 Mar, 08:30)'."""
    return f"{what_text(entry)} ({when_text(moment_of(entry), today)})"


def _counts_text(counts: Counts) -> str:
    parts = [
        f"{number:,} {noun}{'' if number == 1 else 's'}"
        for number, noun in (
            (counts.sessions, "session"),
            (counts.episodes, "episode"),
            (counts.check_ins, "check-in"),
        )
        if number
    ]
    if not parts:
        return "nothing"
    return parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"


def merge_text(report: MergeReport) -> str:
    """'Added 12 sessions and 3 episodes; 5 already there.'"""
    text = f"Added {_counts_text(report.added)}" if report.added.total else "Nothing new to add"
    if report.skipped.total:
        text += f"; {report.skipped.total:,} already there"
    return text + "."


def _same(first: TimelineEntry, second: TimelineEntry) -> bool:
    # Sessions and episodes number their ids apart: the type is part of who an entry is.
    return type(first) is type(second) and first.id == second.id


def qt_date(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def py_date(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


def local_midnight(day: date) -> datetime:
    return datetime.combine(day, time()).astimezone()


# -- the timeline ------------------------------------------------------------------------------------


class TimelineModel(QAbstractTableModel):
    """Sessions and episodes under a filter, in time order, read a page at a time as the view scrolls:
    it holds only the rows scrolled to so far."""

    def __init__(self, store: HistoryStore, today: Callable[[], date]) -> None:
        super().__init__()
        self._store = store
        self._today = today
        self._rows: list[TimelineEntry] = []
        self._total = 0
        self.only = EVERYTHING
        self.newest_first = True
        # Counts the reloads: a row number remembered before one means nothing after it.
        self.generation = 0

    def show(self, only: TimelineFilter, newest_first: bool) -> None:
        self.only, self.newest_first = only, newest_first
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._total = self._store.count_timeline(self.only)
        self._rows = self._store.timeline(PAGE_ROWS, newest_first=self.newest_first, only=self.only)
        self.generation += 1
        self.endResetModel()

    @property
    def total(self) -> int:
        """How many entries the filter holds, loaded or not."""
        return self._total

    def entry(self, row: int) -> TimelineEntry:
        return self._rows[row]

    def row_of(self, entry: TimelineEntry) -> int | None:
        return next((row for row, shown in enumerate(self._rows) if _same(shown, entry)), None)

    def remove(self, entry: TimelineEntry) -> int | None:
        """Take a deleted entry out; returns its row, or None when it was not loaded (then reloads)."""
        row = self.row_of(entry)
        if row is None:
            self.reload()
            return None
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._total -= 1
        self.endRemoveRows()
        return row

    def put_back(self, entry: TimelineEntry, row: int | None, generation: int) -> None:
        """Show a restored entry where it was deleted from; after a reload its old row means nothing, so
        the page is read again instead."""
        if row is None or generation != self.generation or row > len(self._rows):
            self.reload()
            return
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, entry)
        self._total += 1
        self.endInsertRows()

    def replace(self, entry: TimelineEntry) -> None:
        """Show an edited entry in its row; one moved to another time is read again in its new place."""
        row = self.row_of(entry)
        if row is None:
            return
        if moment_of(self._rows[row]) != moment_of(entry):
            self.reload()
            return
        self._rows[row] = entry
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex) -> None:
        after = self._rows[-1] if self._rows else None
        more = self._store.timeline(PAGE_ROWS, after, newest_first=self.newest_first, only=self.only)
        if not more:
            self._total = len(self._rows)  # fewer than counted: unreadable rows are left out
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    @staticmethod
    def _tooltip(entry: TimelineEntry, column: Column) -> str | None:
        """What a cell leaves out: the full date, the kind of routine, the whole note."""
        if column is Column.WHEN:
            return f"{moment_of(entry).astimezone():%A %d %B %Y, %H:%M}"
        if column is Column.WHAT:
            kind = KIND_NAMES[entry.routine_kind] if isinstance(entry, SessionRecord) else "Spasm episode"
            return f"{what_text(entry)} ({kind})"
        if column is Column.NOTE:
            return note_text(entry) if isinstance(entry, SessionRecord) else entry.note
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(Column(section))
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        entry = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column is Column.WHEN:
            return when_text(moment_of(entry), self._today())
        return CELLS[column](entry)


# -- changes that can be undone ------------------------------------------------------------------------

Report = Callable[[str], None]


def _saving(report: Report, write: Callable[[], T], unsaved: T) -> T:
    """Run a store write; when it cannot be written yet the store keeps it and writes it with the next
    change, so the table goes on as if written and the person is told."""
    try:
        return write()
    except HistoryWriteError as error:
        report(str(error))
        return unsaved


def _delete(store: HistoryStore, entry: TimelineEntry) -> None:
    if isinstance(entry, SessionRecord):
        store.delete_session(entry)
    else:
        store.delete_episode(entry)


def _restore(store: HistoryStore, entry: TimelineEntry) -> TimelineEntry:
    return store.restore_session(entry) if isinstance(entry, SessionRecord) else store.restore_episode(entry)


def _update(store: HistoryStore, entry: TimelineEntry) -> None:
    if isinstance(entry, SessionRecord):
        store.update_session(entry)
    else:
        store.update_episode(entry)


class DeleteEntry(QUndoCommand):
    """Delete one entry; undo brings it back under its old id, in its old row."""

    def __init__(
        self, store: HistoryStore, model: TimelineModel, entry: TimelineEntry, report: Report, *, today: date
    ) -> None:
        super().__init__(f"Deleted {describe(entry, today)}")
        self._store, self._model, self._entry, self._report = store, model, entry, report
        self._row: int | None = None
        self._generation = 0

    def redo(self) -> None:
        _saving(self._report, lambda: _delete(self._store, self._entry), None)
        self._row = self._model.remove(self._entry)
        self._generation = self._model.generation

    def undo(self) -> None:
        self._entry = _saving(self._report, lambda: _restore(self._store, self._entry), self._entry)
        self._model.put_back(self._entry, self._row, self._generation)


class EditEntry(QUndoCommand):
    """Replace an entry with an edited version of itself; undo puts the old version back."""

    def __init__(
        self,
        store: HistoryStore,
        model: TimelineModel,
        before: TimelineEntry,
        after: TimelineEntry,
        report: Report,
        *,
        today: date,
    ) -> None:
        super().__init__(f"Edited {describe(before, today)}")
        self._store, self._model, self._report = store, model, report
        self._before, self._after = before, after

    def redo(self) -> None:
        self._show(self._after)

    def undo(self) -> None:
        self._show(self._before)

    def _show(self, entry: TimelineEntry) -> None:
        _saving(self._report, lambda: _update(self._store, entry), None)
        self._model.replace(entry)


class RatingsDialog(QDialog):
    """Change a session's before and after ratings, with the rows that ask them around a session."""

    def __init__(self, record: SessionRecord, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Change the ratings")
        self._record = record
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 16)
        layout.setSpacing(14)
        heading = QLabel(describe(record, today))
        heading.setObjectName("ratingsTitle")
        heading.setWordWrap(True)
        layout.addWidget(heading)
        self.rows: dict[str, RatingRow] = {}
        for name, score in record.ratings.scores().items():
            scale, _, moment = name.partition("_")
            scale_name = SCALE_NAMES[Scale(scale)]
            row = RatingRow(f"{scale_name} {moment} the session", scale_name)
            row.set_value(score)
            self.rows[name] = row
            layout.addWidget(row)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def record(self) -> SessionRecord:
        """The session with the ratings as the rows now say."""
        old = self._record.ratings.scores()
        scores: dict[str, Score] = {}
        for name, row in self.rows.items():
            value = row.value()
            # An answer taken back was asked and not given (skipped), unless it was never asked at all.
            scores[name] = SKIPPED if value is None and old[name] is not None else value
        return dataclasses.replace(self._record, ratings=Ratings(**scores))


# -- files ---------------------------------------------------------------------------------------------


class FileChooser(Protocol):
    """What the person picks in a dialog (a file, a folder, one of a list): the desktop's dialogs in the
    app, a fake in tests."""

    def save_file(self, parent: QWidget, caption: str, suggested: Path, kinds: str) -> Path | None: ...
    def open_file(self, parent: QWidget, caption: str, folder: Path, kinds: str) -> Path | None: ...
    def folder(self, parent: QWidget, caption: str, folder: Path) -> Path | None: ...
    def one_of(self, parent: QWidget, caption: str, question: str, items: list[str]) -> int | None: ...


class DialogFileChooser:
    """QFileDialog's own dialogs; an empty answer is a cancel."""

    def save_file(self, parent: QWidget, caption: str, suggested: Path, kinds: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), kinds)
        return Path(name) if name else None

    def open_file(self, parent: QWidget, caption: str, folder: Path, kinds: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, caption, str(folder), kinds)
        return Path(name) if name else None

    def folder(self, parent: QWidget, caption: str, folder: Path) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, caption, str(folder))
        return Path(name) if name else None

    def one_of(self, parent: QWidget, caption: str, question: str, items: list[str]) -> int | None:
        item, chosen = QInputDialog.getItem(parent, caption, question, items, 0, False)
        return items.index(item) if chosen else None


JSON_FILES = "relaxapp history (*.json);;All files (*)"
BACKUP_BUSY_TEXT = "A backup is being made already; it will be ready in a moment."
NO_BACKUP_TEXT = (
    "There is no backup of this history yet. relaxapp takes one every day, and Back up now takes one at once."
)


# -- the page ------------------------------------------------------------------------------------------


class Figure(QFrame):
    """One number of the summary strip, with what it counts beneath it."""

    def __init__(self, caption: str) -> None:
        super().__init__()
        self.setObjectName("figure")
        self._caption = caption
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 10, 16, 10)
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


def _days_text(days: int) -> str:
    return "1 day" if days == 1 else f"{days} days"


class HistoryPage(QWidget):
    """Everything logged, three ways: a timeline, a calendar and insights; the window calls refresh()
    when it shows the page or an entry is added."""

    changed = Signal()  # the history was changed here: a delete, edit, undo, redo or import

    def __init__(
        self,
        store: HistoryStore,
        parent: QWidget | None = None,
        *,
        backups: BackupKeeper | None = None,
        now: Callable[[], datetime] = utc_now,
        files: FileChooser | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._now = now
        self.files: FileChooser = files or DialogFileChooser()
        self._folder = Path.home()  # where the last file was chosen: the next dialog starts there
        self._colours = LIGHT  # until the window says which theme it wears (set_look)
        self._stale = {"calendar", "insights"}  # tabs to bring up to date when next shown
        self.message: QMessageBox | None = None  # the last message shown (tests read it)
        self.edit_dialog: EpisodeDialog | RatingsDialog | None = None
        self.undo_stack = QUndoStack(self)
        self._columns_fitted = False

        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 16)
        layout.setSpacing(12)
        layout.addLayout(self._build_title_row())
        strip = QHBoxLayout()
        strip.setSpacing(12)
        self.current_streak = Figure("Current streak")
        self.longest_streak = Figure("Longest streak")
        self.this_week = Figure("This week")
        self.sessions_total = Figure("Sessions in all")
        for figure in (self.current_streak, self.longest_streak, self.this_week, self.sessions_total):
            strip.addWidget(figure, 1)
        layout.addLayout(strip)
        self.pending_note = QLabel()
        self.pending_note.setObjectName("problemText")
        self.pending_note.setWordWrap(True)
        self.pending_note.hide()
        layout.addWidget(self.pending_note)

        self.model = TimelineModel(store, self._today)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("historyTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(self._build_timeline(), "Timeline")
        # Empty until first shown: the views are built into these then.
        self._calendar_tab, self._insights_tab = QVBoxLayout(), QVBoxLayout()
        for holder, name in ((self._calendar_tab, "Calendar"), (self._insights_tab, "Insights")):
            holder.setContentsMargins(0, 12, 0, 0)
            tab = QWidget()
            tab.setLayout(holder)
            self.tabs.addTab(tab, name)
        self._tab_names = ("timeline", "calendar", "insights")
        self.tabs.currentChanged.connect(self._bring_up_to_date)
        layout.addWidget(self.tabs, 1)

        # The app's one keeper: "Back up now" and the daily backup must never write at the same moment.
        self.backups = backups
        self._asked_for_backup = False
        self.backup_button.setEnabled(self.backups is not None and store.is_persistent)
        if not self.backup_button.isEnabled():
            self.backup_button.setToolTip("This history is not kept in a file that can be written.")
        if self.backups is not None:
            self.backups.taken.connect(self._on_backup_taken)
            self.backups.failed.connect(self._on_backup_failed)

        undo = self.undo_stack.createUndoAction(self, "Undo")
        undo.setShortcut(QKeySequence.StandardKey.Undo)
        redo = self.undo_stack.createRedoAction(self, "Redo")
        redo.setShortcut(QKeySequence.StandardKey.Redo)
        for action in (undo, redo):
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            self.addAction(action)
        self.undo_stack.indexChanged.connect(self._on_undo_index)

    def _build_title_row(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(8)
        heading = QLabel("History")
        heading.setObjectName("pageTitle")
        row.addWidget(heading)
        row.addStretch()
        # Four rarely used commands in one menu: the row must fit a narrow window with larger text.
        menu = QMenu(self)
        for text, tip, slot in (
            ("Export CSV…", "Three spreadsheet files: sessions, episodes and check-ins", self.export_csv),
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
        row.addWidget(self.files_button)
        row.addWidget(self.backup_button)
        return row

    def _build_timeline(self) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 12, 0, 0)
        layout.setSpacing(10)

        filters = QHBoxLayout()
        filters.setSpacing(8)
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
        filters.addStretch()
        filters.addWidget(self.count_label)
        layout.addLayout(filters)
        self.from_date.hide()
        self.to_date.hide()

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setObjectName("timeline")
        self.table.setAccessibleName("Sessions and episodes")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setStretchLastSection(True)  # the note takes the room left; see _fit_columns for the rest
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        header.setSortIndicatorShown(True)
        header.setSortIndicator(Column.WHEN, Qt.SortOrder.DescendingOrder)
        header.setSectionsClickable(True)
        header.sectionClicked.connect(self._on_header_clicked)
        self.table.doubleClicked.connect(lambda _index: self.edit_selected())
        self.empty = QLabel()
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self._stack = QStackedLayout()
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty)
        layout.addLayout(self._stack, 1)

        actions = QHBoxLayout()
        actions.setSpacing(8)
        self.edit_button = QPushButton("Edit…")
        self.edit_button.setToolTip("Change the ratings of a session, or the details of an episode (Enter)")
        self.edit_button.clicked.connect(self.edit_selected)
        self.delete_button = QPushButton("Delete")
        self.delete_button.setToolTip("Delete the chosen entry (Delete); Undo brings it back")
        self.delete_button.clicked.connect(self.delete_selected)
        self.undo_note = QLabel()
        self.undo_note.setObjectName("undoNote")
        self.undo_button = QPushButton("Undo")
        self.undo_button.clicked.connect(self.undo_stack.undo)
        actions.addWidget(self.edit_button)
        actions.addWidget(self.delete_button)
        actions.addStretch()
        actions.addWidget(self.undo_note)
        actions.addWidget(self.undo_button)
        layout.addLayout(actions)
        self.undo_note.hide()
        self.undo_button.hide()

        # On the table only: Delete in a date box or Enter on a button must keep their own meaning.
        for keys, slot in (
            (QKeySequence(QKeySequence.StandardKey.Delete), self.delete_selected),
            (QKeySequence(Qt.Key.Key_Return), self.edit_selected),
            (QKeySequence(Qt.Key.Key_Enter), self.edit_selected),
        ):
            action = self.table.addAction("")
            action.setShortcut(keys)
            action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
            action.triggered.connect(slot)

        for combo in (self.shown, self.period, self.order):
            combo.currentIndexChanged.connect(self._apply_filters)
        for edit in (self.from_date, self.to_date):
            edit.dateChanged.connect(self._apply_filters)
        self.table.selectionModel().selectionChanged.connect(self._update_actions)
        self.model.modelReset.connect(self._update_actions)
        self.model.rowsRemoved.connect(self._update_actions)
        self._update_actions()
        return page

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
            Column.WHEN: [when_text(sample_day, self._today())],
            Column.WHAT: ["Longer out-breath"],  # longer titles end in "…", whole in the tooltip
            Column.AMOUNT: [f"{INTENSITY_MAX}/{INTENSITY_MAX} · seconds"],
            Column.TENSION: ["10 → 10"],
            Column.TWITCH: ["10 → 10"],
        }
        header = self.table.horizontalHeader()
        for column, texts in samples.items():
            width = max(
                headers.horizontalAdvance(HEADERS[column]),
                *(cells.horizontalAdvance(text) for text in texts),
            )
            header.resizeSection(column, width + CELL_PADDING + (SORT_MARK if column is Column.WHEN else 0))

    def showEvent(self, event: QShowEvent) -> None:
        if not self._columns_fitted:  # once: later widths are the person's to drag
            self._columns_fitted = True
            self._fit_columns()
        super().showEvent(event)

    # -- what the window calls -------------------------------------------------------------------

    def refresh(self) -> None:
        """Read the history again: the first page of the timeline, the figures, and the tab shown."""
        self.model.reload()
        self._show_counts()
        self._history_changed()
        waiting = len(self._store.unsaved)
        # What could not be written yet is kept in memory: say so here, where it is missing from the list.
        self.pending_note.setText(
            f"{waiting} change{'s' if waiting != 1 else ''} you made could not be written to the history "
            "file yet and will be saved as soon as they can be; they are not shown below until then."
        )
        self.pending_note.setVisible(bool(waiting))

    def set_look(self, colours: Colours) -> None:
        """The theme's colours for what the style sheet cannot reach: the charts and the calendar's days."""
        self._colours = colours
        for name in ("calendar", "insights"):
            if name in self.__dict__:
                getattr(self, name).set_look(colours)

    def changeEvent(self, event: QEvent) -> None:
        # A new text size (Settings, larger text) comes as a new style sheet: widths follow the words.
        if event.type() in (QEvent.Type.StyleChange, QEvent.Type.FontChange) and self._columns_fitted:
            self._fit_columns()
        super().changeEvent(event)

    # -- the tabs built when first shown ---------------------------------------------------------

    @cached_property
    def calendar(self) -> CalendarView:
        from relaxapp.ui.calendar_view import CalendarView  # noqa: PLC0415 - built when first shown

        view = CalendarView(self._store, self._today)
        view.set_look(self._colours)
        self._calendar_tab.addWidget(view)
        return view

    @cached_property
    def insights(self) -> InsightsView:
        from relaxapp.ui.insights_view import InsightsView  # noqa: PLC0415 - QtCharts loads only here

        view = InsightsView(self._store, self._today)
        view.set_look(self._colours)
        self._insights_tab.addWidget(view)
        return view

    def _bring_up_to_date(self) -> None:
        name = self._tab_names[self.tabs.currentIndex()]
        if name in self._stale:
            self._stale.discard(name)
            view: CalendarView | InsightsView = getattr(self, name)
            view.refresh()

    def _history_changed(self) -> None:
        """After any change: the figures now, the other tabs when they are next looked at."""
        self._show_figures()
        self._stale = {"calendar", "insights"}
        self._bring_up_to_date()

    def _show_figures(self) -> None:
        today = self._today()
        streaks = stats.streaks(self._store.practice_days(), today)
        week = self._store.minutes_by_day(stats.week_start(today), today)
        self.current_streak.show_value(_days_text(streaks.current))
        self.longest_streak.show_value(_days_text(streaks.longest))
        self.this_week.show_value(f"{round(stats.minutes_this_week(week, today))} min")
        self.sessions_total.show_value(f"{self._store.count():,}")

    # -- the timeline's choices ------------------------------------------------------------------

    def _today(self) -> date:
        return self._now().astimezone().date()

    def _filter(self) -> TimelineFilter:
        only = SHOWN[self.shown.currentIndex()][1]
        period = Period(self.period.currentData())
        if period is Period.DATES:
            first, last = sorted((py_date(self.from_date.date()), py_date(self.to_date.date())))
            return dataclasses.replace(
                only, since=local_midnight(first), until=local_midnight(last + timedelta(days=1))
            )
        if period in PERIOD_DAYS:
            first = self._today() - timedelta(days=PERIOD_DAYS[period] - 1)
            return dataclasses.replace(only, since=local_midnight(first))
        return only

    def _apply_filters(self) -> None:
        dates = Period(self.period.currentData()) is Period.DATES
        self.from_date.setVisible(dates)
        self.to_date.setVisible(dates)
        newest_first = self.order.currentIndex() == 0
        order = Qt.SortOrder.DescendingOrder if newest_first else Qt.SortOrder.AscendingOrder
        self.table.horizontalHeader().setSortIndicator(Column.WHEN, order)
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
                "Nothing here yet. Sessions you finish or stop, and spasm episodes you log, appear here."
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
            self.undo_stack.push(
                DeleteEntry(self._store, self.model, entry, self._tell_unsaved, today=self._today())
            )
            # The next row takes the deleted one's place, so Delete pressed again goes on down the list.
            if self.model.rowCount():
                self.table.selectRow(min(row, self.model.rowCount() - 1))

    def edit_selected(self) -> None:
        entry = self.selected()
        if entry is None:
            return
        dialog: EpisodeDialog | RatingsDialog = (
            EpisodeDialog(entry, now=self._now, parent=self)
            if isinstance(entry, Episode)
            else RatingsDialog(entry, self._today(), self)
        )
        dialog.accepted.connect(lambda: self._save_edit(entry, dialog))
        dialog.finished.connect(dialog.deleteLater)
        self.edit_dialog = dialog
        dialog.open()

    def _save_edit(self, entry: TimelineEntry, dialog: EpisodeDialog | RatingsDialog) -> None:
        edited = dialog.episode() if isinstance(dialog, EpisodeDialog) else dialog.record()
        if edited is not None and edited != entry:
            self.undo_stack.push(
                EditEntry(self._store, self.model, entry, edited, self._tell_unsaved, today=self._today())
            )

    def _on_undo_index(self) -> None:
        can_undo = self.undo_stack.canUndo()
        self.undo_note.setText(f"{self.undo_stack.undoText()}." if can_undo else "")
        self.undo_button.setAccessibleName(f"Undo: {self.undo_stack.undoText()}" if can_undo else "Undo")
        self.undo_note.setVisible(can_undo)
        self.undo_button.setVisible(can_undo)
        self._show_counts()
        self._history_changed()
        self.changed.emit()

    def _tell_unsaved(self, text: str) -> None:
        self._tell(QMessageBox.Icon.Warning, "Not saved yet", text)

    # -- export, import, backup ------------------------------------------------------------------

    def export_json(self) -> None:
        suggested = self._folder / f"relaxapp-history-{self._today().isoformat()}.json"
        path = self.files.save_file(self, "Export the history as JSON", suggested, JSON_FILES)
        if path is None:
            return
        self._folder = path.parent
        try:
            report = export_json(self._store, path, self._now())
        except ExchangeError as error:
            self._tell(QMessageBox.Icon.Warning, "Export failed", str(error))
            return
        counts = Counts(report.sessions, report.episodes, report.check_ins)
        self._tell(
            QMessageBox.Icon.Information, "History exported", f"Saved {_counts_text(counts)} in {path}."
        )

    def export_csv(self) -> None:
        folder = self.files.folder(self, "Choose a folder for the three spreadsheet files", self._folder)
        if folder is None:
            return
        self._folder = folder
        try:
            report = export_csv(self._store, folder)
        except ExchangeError as error:
            self._tell(QMessageBox.Icon.Warning, "Export failed", str(error))
            return
        counts = Counts(report.sessions, report.episodes, report.check_ins)
        self._tell(
            QMessageBox.Icon.Information,
            "History exported",
            f"Saved {_counts_text(counts)} in {folder}, as {', '.join(CSV_NAMES)}.",
        )

    def import_json(self) -> None:
        path = self.files.open_file(self, "Import a relaxapp history (JSON)", self._folder, JSON_FILES)
        if path is None:
            return
        self._folder = path.parent
        try:
            report = import_json(self._store, path)
        except ImportRefusedError as error:
            self._tell(
                QMessageBox.Icon.Warning, "Nothing was imported", str(error), "\n".join(error.problems)
            )
            return
        except (ExchangeError, HistoryWriteError) as error:
            self._tell(QMessageBox.Icon.Warning, "Nothing was imported", str(error))
            return
        self._tell(QMessageBox.Icon.Information, "History imported", f"{path.name}: {merge_text(report)}")
        if report.added.total:
            # An undo from before would bring back an entry the import may have brought in again.
            self.undo_stack.clear()
            self.refresh()
            self.changed.emit()

    def back_up_now(self) -> None:
        if self.backups is None:
            return
        self._store.retry_unsaved()  # what waits to be written goes into the backup too, if it can
        if not self.backups.take_now():
            self._tell(QMessageBox.Icon.Information, "Backing up", BACKUP_BUSY_TEXT)
            return
        self.backup_button.setEnabled(False)  # until this one is done: one at a time
        self._asked_for_backup = True

    def restore_backup(self) -> None:
        """Bring back the history of a backup; what was entered since it is kept as well."""
        backups = list_backups(self.backups.backups_dir) if self.backups is not None else []
        if not backups or not self._store.is_persistent:
            self._tell(QMessageBox.Icon.Information, "No backup to restore", NO_BACKUP_TEXT)
            return
        labels = [f"{b.taken_at.astimezone():%A %d %B %Y, %H:%M}" for b in backups]
        index = self.files.one_of(self, "Restore a backup", "Bring back your history as it was on:", labels)
        if index is None:
            return
        try:
            report = self._store.restore_backup(backups[index].path, self._now())
        except HistoryError as error:
            self._tell(QMessageBox.Icon.Warning, "The backup was not restored", str(error))
            return
        if report.problem:
            self._tell(QMessageBox.Icon.Warning, "History restored, with a problem", report.problem)
        else:
            self._tell(
                QMessageBox.Icon.Information,
                "History restored",
                f"Your history is back as it was on {labels[index]}, and what you entered since is kept "
                f"too. The file that was in use is kept beside it as {report.moved_aside.name}.",
            )
        self.undo_stack.clear()  # its entries belong to the history that was replaced
        self.refresh()
        self.changed.emit()

    def _on_backup_taken(self, backup: Backup) -> None:
        self.backup_button.setEnabled(True)
        # Only the backup asked for here is answered here; the daily one goes by quietly.
        if not self._asked_for_backup:
            return
        self._asked_for_backup = False
        self._tell(
            QMessageBox.Icon.Information,
            "Backed up",
            f"Your history is backed up as {backup.path.name} in {backup.path.parent}.",
        )

    def _on_backup_failed(self, text: str) -> None:
        self.backup_button.setEnabled(True)
        if not self._asked_for_backup:
            return  # the window's message bar tells of a daily backup that failed
        self._asked_for_backup = False
        self._tell(QMessageBox.Icon.Warning, "No backup was made", text)

    def _tell(self, icon: QMessageBox.Icon, title: str, text: str, details: str = "") -> None:
        """A message box that does not block: the app goes on while it is open."""
        if self.message is not None:
            self.message.deleteLater()
        box = QMessageBox(icon, title, text, QMessageBox.StandardButton.Ok, self)
        if details:
            box.setDetailedText(details)
        self.message = box
        box.open()
