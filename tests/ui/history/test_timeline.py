"""The timeline tab over a real SQLite file: reading as it scrolls, filters, and delete and edit with undo."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import QPoint, Qt

from relaxapp.core.record import SKIPPED, Ratings
from relaxapp.core.routine import RoutineKind
from relaxapp.storage.history import HistoryStore
from relaxapp.ui.history.dates import qt_date
from relaxapp.ui.history.ratings_dialog import RatingsDialog
from relaxapp.ui.history.timeline_model import PAGE_ROWS, Column
from relaxapp.ui.journal_view import EpisodeDialog
from tests.helpers.history import QUICK_BUSY_TIMEOUT_MS, write_locked
from tests.helpers.stubs import Heard
from tests.ui.history.conftest import TODAY, MakeFloor, MakePage, at, episode, message, session, shown


def test_timeline_shows_newest_first_and_reads_more_on_scroll(
    qtbot, store: HistoryStore, make_page: MakePage
):
    first = TODAY - timedelta(days=449)
    store.merge([session(first + timedelta(days=n), 8 + n % 3) for n in range(450)], [], [])
    store.add_episode(episode(TODAY, 10.0))
    page = make_page(store)
    timeline = page.timeline

    assert len(shown(page, Column.WHAT)) == PAGE_ROWS  # one page, not all 451
    assert timeline.count_label.text() == "451 entries"
    assert shown(page, Column.WHAT)[:2] == ["Twitch: left eyelid", "Box breathing"]
    assert shown(page, Column.WHEN)[0] == "18 Mar 10:00"
    timeline.table.scrollToBottom()
    qtbot.waitUntil(lambda: len(shown(page, Column.WHAT)) == 2 * PAGE_ROWS)
    timeline.table.scrollToBottom()
    qtbot.waitUntil(lambda: len(shown(page, Column.WHAT)) == 451)
    assert page.model.entry(450).started_at == at(first, 8)
    assert not page.model.canFetchMore(timeline.table.rootIndex())


def test_the_when_header_and_the_order_choice_turn_the_timeline_around(qtbot, store, make_page: MakePage):
    store.merge([session(TODAY - timedelta(days=n)) for n in range(3)], [], [])
    timeline = make_page(store).timeline
    header = timeline.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, 10))
    assert timeline.order.currentText() == "Oldest first"
    assert timeline.model.index(0, Column.WHEN).data().startswith("16 Mar")
    assert header.sortIndicatorOrder() is Qt.SortOrder.AscendingOrder
    timeline.order.setCurrentIndex(0)
    assert timeline.model.index(0, Column.WHEN).data().startswith("18 Mar")


def test_filters_by_kind_and_by_date(store: HistoryStore, make_page: MakePage):
    store.merge(
        [
            session(TODAY, 8, title="Box breathing"),
            session(TODAY - timedelta(days=3), 8, kind=RoutineKind.PMR, title="Face and neck"),
            session(TODAY - timedelta(days=40), 8, kind=RoutineKind.PMR, title="Whole body"),
        ],
        [episode(TODAY - timedelta(days=1)), episode(TODAY - timedelta(days=20))],
        [],
    )
    page = make_page(store)
    timeline = page.timeline
    assert timeline.count_label.text() == "5 entries"

    timeline.shown.setCurrentText("Muscle relaxation")
    assert shown(page, Column.WHAT) == ["Face and neck", "Whole body"]
    timeline.shown.setCurrentText("Twitches only")
    assert shown(page, Column.WHAT) == ["Twitch: left eyelid"] * 2
    timeline.shown.setCurrentText("Sessions only")
    assert len(shown(page, Column.WHAT)) == 3

    timeline.shown.setCurrentText("Everything")
    timeline.period.setCurrentText("Last 7 days")
    assert shown(page, Column.WHAT) == ["Box breathing", "Twitch: left eyelid", "Face and neck"]
    timeline.period.setCurrentText("Between dates")
    assert timeline.from_date.isVisible() and timeline.to_date.isVisible()
    timeline.from_date.setDate(qt_date(TODAY - timedelta(days=45)))
    timeline.to_date.setDate(qt_date(TODAY - timedelta(days=10)))
    assert shown(page, Column.WHAT) == ["Twitch: left eyelid", "Whole body"]
    assert timeline.count_label.text() == "2 entries"

    timeline.shown.setCurrentText("Guided imagery")
    assert shown(page, Column.WHAT) == []
    assert timeline.empty.isVisible() and "Nothing matches" in timeline.empty.text()


def test_an_empty_history_says_what_will_appear(store: HistoryStore, make_page: MakePage):
    page = make_page(store)
    assert page.timeline.empty.isVisible() and "Nothing here yet" in page.timeline.empty.text()
    assert page.current_streak.value.text() == "0 days"


def test_delete_then_undo_brings_the_row_and_the_saved_entry_back(qtbot, store, make_page: MakePage):
    store.merge(
        [session(TODAY, 8), session(TODAY - timedelta(days=1), 8, title="Coherent breathing")], [], []
    )
    page = make_page(store)
    timeline = page.timeline
    assert page.sessions_total.value.text() == "2"
    timeline.table.setFocus()
    timeline.table.selectRow(0)
    qtbot.keyClick(timeline.table, Qt.Key.Key_Delete)

    assert shown(page, Column.WHAT) == ["Coherent breathing"]
    assert [s.routine_title for s in store.all_sessions()] == ["Coherent breathing"]
    assert timeline.undo_note.isVisible()
    assert timeline.undo_note.text() == "Deleted Box breathing (18 Mar 08:00)."
    assert page.sessions_total.value.text() == "1"
    assert page.current_streak.value.text() == "1 day"  # yesterday's, today not practised yet

    qtbot.keyClick(timeline.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert shown(page, Column.WHAT) == ["Box breathing", "Coherent breathing"]
    assert [s.routine_title for s in store.all_sessions()] == ["Coherent breathing", "Box breathing"]
    assert not timeline.undo_note.isVisible()
    assert page.sessions_total.value.text() == "2"
    assert page.current_streak.value.text() == "2 days"


def test_the_delete_button_and_the_undo_button_do_the_same(qtbot, store, make_page: MakePage):
    saved = store.add_episode(episode(TODAY, note="after coffee"))
    page = make_page(store)
    timeline = page.timeline
    assert not timeline.delete_button.isEnabled()  # nothing chosen yet
    timeline.table.selectRow(0)
    qtbot.mouseClick(timeline.delete_button, Qt.MouseButton.LeftButton)
    assert shown(page, Column.WHAT) == [] and list(store.all_episodes()) == []
    assert timeline.undo_button.accessibleName() == "Undo: Deleted Twitch: left eyelid (18 Mar 15:00)"
    qtbot.mouseClick(timeline.undo_button, Qt.MouseButton.LeftButton)
    assert list(store.all_episodes()) == [saved]  # under its old id
    assert shown(page, Column.NOTE) == ["after coffee"]


def test_a_delete_keeps_the_place_and_goes_on_down_the_list(qtbot, store, make_page: MakePage):
    store.merge([session(TODAY - timedelta(days=n)) for n in range(PAGE_ROWS + 50)], [], [])
    page = make_page(store)
    timeline = page.timeline
    timeline.table.scrollToBottom()
    qtbot.waitUntil(lambda: len(shown(page, Column.WHAT)) == PAGE_ROWS + 50)  # a second page read
    timeline.table.setFocus()
    timeline.table.selectRow(PAGE_ROWS + 10)
    before = shown(page, Column.WHEN)
    qtbot.keyClick(timeline.table, Qt.Key.Key_Delete)
    qtbot.keyClick(timeline.table, Qt.Key.Key_Delete)
    # Both rows gone in place: the pages read stay read, the next row is the chosen one.
    assert shown(page, Column.WHEN) == before[: PAGE_ROWS + 10] + before[PAGE_ROWS + 12 :]
    assert timeline.selected() == page.model.entry(PAGE_ROWS + 10)


def test_undo_after_the_timeline_was_read_again_still_shows_the_entry(
    store: HistoryStore, make_floor: MakeFloor, make_page: MakePage
):
    store.merge([session(TODAY), session(TODAY - timedelta(days=1))], [], [])
    floor = make_floor(store)
    page = make_page(floor)
    page.timeline.table.selectRow(1)
    page.timeline.delete_button.click()
    # A twitch logged meanwhile (the journal strip on the home page): the page reads the timeline again,
    # so row numbers from before mean nothing now.
    floor.journal.log_episode(episode(TODAY - timedelta(days=3)))
    assert len(shown(page, Column.WHAT)) == 2
    page.timeline.undo_button.click()
    assert len(shown(page, Column.WHAT)) == 3 and store.count() == 2


def test_edit_an_episode_then_undo_and_redo(qtbot, store, make_page: MakePage):
    store.add_episode(episode(TODAY, intensity=4))
    page = make_page(store)
    timeline = page.timeline
    timeline.table.setFocus()
    timeline.table.selectRow(0)
    qtbot.keyClick(timeline.table, Qt.Key.Key_Return)
    dialog = timeline.edit_dialog
    assert isinstance(dialog, EpisodeDialog)
    dialog.intensity.set_value(8)
    dialog.note.setText("long day at the screen")
    dialog.accept()

    [saved] = store.all_episodes()
    assert (saved.intensity, saved.note) == (8, "long day at the screen")
    assert shown(page, Column.AMOUNT) == ["8/10 · seconds"]
    assert timeline.undo_note.text().startswith("Edited Twitch: left eyelid")
    qtbot.keyClick(timeline.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    [saved] = store.all_episodes()
    assert (saved.intensity, saved.note) == (4, "")
    assert shown(page, Column.AMOUNT) == ["4/10 · seconds"]
    timeline.redo_action.trigger()
    assert next(store.all_episodes()).intensity == 8


def test_change_a_sessions_ratings_then_undo(store: HistoryStore, make_page: MakePage):
    store.add_session(session(TODAY, ratings=Ratings(7, 4, 3, 2)))
    page = make_page(store)
    timeline = page.timeline
    assert shown(page, Column.TENSION) == ["7 → 3"] and shown(page, Column.TWITCH) == ["4 → 2"]
    timeline.table.selectRow(0)
    timeline.edit_button.click()
    dialog = timeline.edit_dialog
    assert isinstance(dialog, RatingsDialog)
    dialog.rows["tension_after"].set_value(1)
    dialog.rows["twitch_after"].set_value(None)  # taken back: it was asked, so it counts as skipped
    dialog.accept()
    [saved] = store.all_sessions()
    assert saved.ratings == Ratings(7, 4, 1, SKIPPED)
    assert shown(page, Column.TENSION) == ["7 → 1"] and shown(page, Column.TWITCH) == ["4 → –"]
    timeline.undo_button.click()
    assert next(store.all_sessions()).ratings == Ratings(7, 4, 3, 2)


def test_a_cancelled_edit_changes_nothing(store: HistoryStore, make_floor: MakeFloor, make_page: MakePage):
    saved = store.add_session(session(TODAY))
    floor = make_floor(store)
    timeline = make_page(floor).timeline
    heard = Heard().listen(floor.events)
    timeline.table.selectRow(0)
    timeline.edit_button.click()
    assert timeline.edit_dialog is not None
    timeline.edit_dialog.rows["tension_after"].set_value(1)  # changed, then thought better of
    timeline.edit_dialog.reject()
    assert list(store.all_sessions()) == [saved]
    assert heard.said == []  # no "history changed", nor anything else
    assert not timeline.undo_button.isVisible()


@pytest.mark.allow_logged_errors
def test_a_delete_that_cannot_be_written_yet_says_so_and_still_stands(qtbot, tmp_path, make_page: MakePage):
    path = tmp_path / "busy.sqlite3"
    store = HistoryStore.open(path, busy_timeout_ms=QUICK_BUSY_TIMEOUT_MS)
    store.merge([session(TODAY, 8)], [], [])
    page = make_page(store)
    page.timeline.table.selectRow(0)
    with write_locked(path):
        page.timeline.delete_selected()
    box = message(page)
    assert box.windowTitle() == "Not saved yet"
    assert box.text().startswith(f"Your change could not be saved to {path} (database is locked).")
    assert shown(page, Column.WHAT) == []  # the change stands, and is written with the next one
    assert len(store.unsaved) == 1
    store.close()


def test_redo_answers_to_every_key_the_desktop_uses_for_it(qtbot, store: HistoryStore, make_page: MakePage):
    store.merge([session(TODAY, 8)], [], [])
    page = make_page(store)
    table = page.timeline.table
    table.setFocus()
    table.selectRow(0)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    for redo in (
        (Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier),
        (Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier),
    ):
        qtbot.keyClick(table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
        assert shown(page, Column.WHAT) == ["Box breathing"]
        qtbot.keyClick(table, *redo)
        assert shown(page, Column.WHAT) == []
        assert store.count() == 0
