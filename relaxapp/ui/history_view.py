"""Past sessions, newest first, read from the store a page at a time."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStackedLayout,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from relaxapp.core.durations import duration_text
from relaxapp.core.record import SessionRecord
from relaxapp.storage.history import HistoryStore

PAGE_ROWS = 200
COLUMNS = ("When", "Routine", "Time", "How it went")
AnyIndex = QModelIndex | QPersistentModelIndex


class HistoryModel(QAbstractTableModel):
    """Loads rows only as the view scrolls to them: a screen of history never reads every row."""

    def __init__(self, store: HistoryStore) -> None:
        super().__init__()
        self._store = store
        self._rows: list[SessionRecord] = []
        self._total = 0

    def reload(self) -> None:
        self.beginResetModel()
        self._total = self._store.count()
        self._rows = self._store.newest(PAGE_ROWS)
        self.endResetModel()

    @property
    def total(self) -> int:
        return self._total

    def record(self, row: int) -> SessionRecord:
        return self._rows[row]

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008 - Qt's own default
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def canFetchMore(self, parent: AnyIndex) -> bool:
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: AnyIndex) -> None:
        more = self._store.newest(PAGE_ROWS, older_than=self._rows[-1] if self._rows else None)
        if not more:
            self._total = len(self._rows)
            return
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return COLUMNS[section]
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role != Qt.ItemDataRole.DisplayRole or not index.isValid():
            return None
        record = self._rows[index.row()]
        column = index.column()
        if column == 0:
            started = record.started_at.astimezone()
            # The year only when it is not this one: the columns stay narrow enough to read whole.
            shape = "%a %d %b, %H:%M" if started.year == datetime.now().year else "%a %d %b %Y, %H:%M"
            return started.strftime(shape)
        if column == 1:
            return record.routine_title
        if column == 2:
            return duration_text(record.actual_seconds)
        if record.completed:
            return "Completed"
        return f"Stopped early (planned {duration_text(record.planned_seconds)})"


class HistoryPage(QWidget):
    def __init__(self, store: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = HistoryModel(store)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 32, 40, 24)
        layout.setSpacing(12)
        heading = QLabel("History")
        heading.setObjectName("pageTitle")
        self.summary = QLabel()
        self.summary.setObjectName("pageIntro")
        layout.addWidget(heading)
        layout.addWidget(self.summary)

        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setAccessibleName("Past sessions")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.empty = QLabel("No sessions yet. When you finish or stop a session, it will appear here.")
        self.empty.setObjectName("emptyState")
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self._stack = QStackedLayout()
        self._stack.addWidget(self.table)
        self._stack.addWidget(self.empty)
        layout.addLayout(self._stack, 1)

    def refresh(self) -> None:
        self.model.reload()
        total = self.model.total
        self.summary.setText("1 session so far." if total == 1 else f"{total} sessions so far.")
        self.summary.setVisible(total > 0)  # the empty state says it better
        self._stack.setCurrentWidget(self.table if total else self.empty)
