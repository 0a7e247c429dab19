"""The timeline in the window, as the app styles it: a long name is shown whole, wrapped, at every size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible

from relaxapp.core.patterns import MAX_NAME_LENGTH
from relaxapp.storage.history import HistoryStore
from relaxapp.ui.history.timeline_model import Column
from relaxapp.ui.main_window import MainWindow
from tests.helpers.fit import cell_cut
from tests.helpers.pages import SIZES, history_tab, look
from tests.ui.conftest import TODAY
from tests.ui.history.conftest import episode, session

# A pattern of one's own, named as long as a pattern's name may be.
LONG_NAME = "My own slow evening wind-down for a nap."


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("larger_text", [False, True], ids=["normal-text", "larger-text"])
def test_a_long_routine_name_is_shown_whole(
    qtbot, app_window: MainWindow, store: HistoryStore, size, larger_text
):
    assert len(LONG_NAME) == MAX_NAME_LENGTH
    store.merge([session(TODAY, 9), session(TODAY, 8, title=LONG_NAME)], [episode(TODAY, 10)], [])
    look(app_window, dark=False, larger_text=larger_text)
    app_window.resize(*size)
    history_tab(0)(app_window)
    table = app_window.history.timeline.table
    model = table.model()
    [row] = [row for row in range(model.rowCount()) if model.index(row, Column.WHAT).data() == LONG_NAME]

    # Wrapped onto as many lines as it needs, not cut short with "…" (it was, at every size but one).
    qtbot.waitUntil(lambda: not cell_cut(table, row, Column.WHAT), timeout=2000)
    # The mouse's tooltip and a screen reader have the whole name too, whatever the width.
    assert model.index(row, Column.WHAT).data(Qt.ItemDataRole.ToolTipRole).startswith(LONG_NAME)
    listed = QAccessible.queryAccessibleInterface(table)
    names = {listed.child(child).text(QAccessible.Text.Name) for child in range(listed.childCount())}
    assert LONG_NAME in names


@pytest.mark.parametrize("larger_text", [False, True], ids=["normal-text", "larger-text"])
def test_every_row_is_as_tall_as_its_cells_need_whether_measured_or_taken_as_one_line(
    qtbot, app_window: MainWindow, store: HistoryStore, larger_text
):
    # Rows whose words fit take the first such row's height without asking each cell: it must be the
    # height each of their cells would ask for, as that of a row whose name wraps must be its own.
    titles = [LONG_NAME if hour % 3 else "Box breathing" for hour in range(7, 21)]
    sessions = [session(TODAY, hour, title=title) for hour, title in zip(range(7, 21), titles, strict=True)]
    store.merge(sessions, [episode(TODAY, 6)], [])
    look(app_window, dark=False, larger_text=larger_text)
    app_window.resize(*SIZES[0])
    history_tab(0)(app_window)
    table = app_window.history.timeline.table

    def measured_as_each_cell_asks() -> bool:
        rows = range(table.model().rowCount())
        return all(table.rowHeight(row) == table.sizeHintForRow(row) for row in rows)

    qtbot.waitUntil(measured_as_each_cell_asks, timeout=2000)
    heights = {table.rowHeight(row) for row in range(table.model().rowCount())}
    assert len(heights) > 1  # some rows wrapped, others did not: both ways were taken
