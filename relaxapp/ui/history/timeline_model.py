"""The timeline as a table: sessions and episodes under a filter, in time order, a page of rows at a time."""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import date
from enum import IntEnum

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, QSize, Qt

from relaxapp.core.history_wording import (
    amount_text,
    change_text,
    moment_of,
    note_text,
    what_text,
    when_listed,
)
from relaxapp.core.journal import CheckIn, Episode, Treatment
from relaxapp.core.record import Scale, SessionRecord
from relaxapp.core.wording import KIND_NAMES
from relaxapp.logic.events import EntryChange, How
from relaxapp.storage.history import EVERYTHING, HistoryReader, TimelineEntry, TimelineFilter
from relaxapp.ui.shielded import shielded

log = logging.getLogger(__name__)

PAGE_ROWS = 200  # a few screens: scrolling reads the next page long before the end is reached
AnyIndex = QModelIndex | QPersistentModelIndex


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
UNREADABLE = "Unreadable entry"
UNREADABLE_TIP = "This entry cannot be shown; it is kept in the history file as it was."
HEADER_TIPS = {
    Column.TENSION: "Tension before → after the session, 0 none to 10 the most",
    Column.TWITCH: "Twitching before → after the session, 0 none to 10 the most",
}

# What the What column's tooltip calls each kind of entry besides a session (which names its routine kind).
_KINDS: dict[type, str] = {Episode: "Spasm episode", Treatment: "Treatment", CheckIn: "The day's factors"}
CELLS: dict[Column, Callable[[TimelineEntry], str]] = {
    Column.WHAT: what_text,
    Column.AMOUNT: amount_text,
    Column.TENSION: lambda entry: change_text(entry, Scale.TENSION),
    Column.TWITCH: lambda entry: change_text(entry, Scale.TWITCH),
    Column.NOTE: note_text,
}


def _key(entry: TimelineEntry) -> tuple[type, int | None]:
    # Each table numbers its ids apart: the type is part of who an entry is. A check-in is its day.
    return type(entry), entry.day.toordinal() if isinstance(entry, CheckIn) else entry.id


class TimelineModel(QAbstractTableModel):
    """Sessions and episodes under a filter, in time order, read a page at a time as the view scrolls:
    it holds only the rows scrolled to so far. An entry deleted, brought back or edited changes its row
    alone (apply), so the view keeps its place."""

    def __init__(self, history: HistoryReader, today: Callable[[], date]) -> None:
        super().__init__()
        self._history = history
        self._today = today
        self._rows: list[TimelineEntry] = []
        self._total = 0
        self.only = EVERYTHING
        self.newest_first = True
        # Where deleted entries were, to put them back there: a row remembered before a reload means
        # nothing after it, so the reload forgets them.
        self._removed_from: dict[tuple[type, int | None], int] = {}
        self._unreadable: set[tuple[type, int | None]] = set()  # listed as "Unreadable entry"

    def show(self, only: TimelineFilter, newest_first: bool) -> None:
        self.only, self.newest_first = only, newest_first
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self._unreadable.clear()
        self._total = self._history.count_timeline(self.only)
        self._rows = self._checked(
            self._history.timeline(PAGE_ROWS, newest_first=self.newest_first, only=self.only)
        )
        self._removed_from.clear()
        self.endResetModel()

    @property
    def total(self) -> int:
        """How many entries the filter holds, loaded or not."""
        return self._total

    def entry(self, row: int) -> TimelineEntry:
        return self._rows[row]

    def row_of(self, entry: TimelineEntry) -> int | None:
        return next((row for row, shown in enumerate(self._rows) if _key(shown) == _key(entry)), None)

    def apply(self, change: EntryChange) -> None:
        """Show a change to one entry; what cannot be placed for sure is read again instead."""
        if change.how is How.REMOVED:
            self._remove(change.entry)
        elif change.how is How.RESTORED:
            self._put_back(change.entry)
        else:
            self._replace(change.entry)

    def _remove(self, entry: TimelineEntry) -> None:
        row = self.row_of(entry)
        if row is None:
            self.reload()
            return
        self.beginRemoveRows(QModelIndex(), row, row)
        del self._rows[row]
        self._total -= 1
        self.endRemoveRows()
        self._removed_from[_key(entry)] = row

    def _put_back(self, entry: TimelineEntry) -> None:
        # Restored under its old id, as a rule; under a new one only when that was taken meanwhile.
        row = self._removed_from.pop(_key(entry), None)
        if row is None or row > len(self._rows):
            self.reload()
            return
        self.beginInsertRows(QModelIndex(), row, row)
        self._rows.insert(row, self._checked([entry])[0])
        self._total += 1
        self.endInsertRows()

    def _replace(self, entry: TimelineEntry) -> None:
        """An edited entry in its row; one moved to another time is read again in its new place."""
        row = self.row_of(entry)
        if row is None:
            return
        if moment_of(self._rows[row]) != moment_of(entry):
            self.reload()
            return
        self._unreadable.discard(_key(entry))
        [self._rows[row]] = self._checked([entry])
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(Column) - 1))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    @shielded(None)
    def fetchMore(self, parent: AnyIndex) -> None:
        after = self._rows[-1] if self._rows else None
        more = self._checked(
            self._history.timeline(PAGE_ROWS, after, newest_first=self.newest_first, only=self.only)
        )
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
            timed = isinstance(entry, SessionRecord | Episode)
            return f"{moment_of(entry).astimezone():{'%A %d %B %Y, %H:%M' if timed else '%A %d %B %Y'}}"
        if column is Column.WHAT:
            kind = KIND_NAMES[entry.routine_kind] if isinstance(entry, SessionRecord) else _KINDS[type(entry)]
            return f"{what_text(entry)} ({kind})"
        if column is Column.NOTE:
            return entry.note if isinstance(entry, Episode | Treatment) else note_text(entry)
        return None

    @shielded(None)
    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation != Qt.Orientation.Horizontal:
            # Rows are as tall as their words (the view sizes them to their contents): the hidden row
            # numbers, padded by the style sheet, would otherwise make every row taller than one line.
            return QSize(0, 0) if role == Qt.ItemDataRole.SizeHintRole else None
        if role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        if role == Qt.ItemDataRole.ToolTipRole:
            return HEADER_TIPS.get(Column(section))
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        entry = self._rows[index.row()]
        column = Column(index.column())
        if _key(entry) not in self._unreadable:
            try:
                return self._cell(entry, column, role)
            except Exception:
                # Qt asks this while it paints: an exception must not escape into it.
                self._mark_unreadable(entry)
        if column is Column.WHAT and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return UNREADABLE if role == Qt.ItemDataRole.DisplayRole else UNREADABLE_TIP
        return None

    def _cell(self, entry: TimelineEntry, column: Column, role: int) -> object:
        if role == Qt.ItemDataRole.ToolTipRole:
            return self._tooltip(entry, column)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if column is Column.WHEN:
            return when_listed(entry, self._today())
        return CELLS[column](entry)

    def _checked(self, entries: list[TimelineEntry]) -> list[TimelineEntry]:
        """`entries`, each put in words once as it comes in. One that cannot be (a moment no local time
        can show, say) is listed as unreadable, its whole row, as the history says of a row it cannot read."""
        for entry in entries:
            try:
                for column in Column:
                    self._cell(entry, column, Qt.ItemDataRole.DisplayRole)
                self._cell(entry, Column.WHEN, Qt.ItemDataRole.ToolTipRole)  # the full date
            except Exception:
                self._mark_unreadable(entry)
        return entries

    def _mark_unreadable(self, entry: TimelineEntry) -> None:
        self._unreadable.add(_key(entry))
        log.warning(
            "history row %s (%s) is unreadable and is listed as such",
            _key(entry)[1],
            type(entry).__name__,
            exc_info=True,
        )
