"""The history page over a real SQLite file: timeline, filters, delete/edit with undo, calendar, insights,
export, import and backups."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCharts import QAbstractBarSeries, QChartView
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QMessageBox

from relaxapp.core.journal import CheckIn, Episode, EpisodeDuration, Place, Side
from relaxapp.core.record import SKIPPED, Ratings, SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.storage.backup import list_backups
from relaxapp.storage.exchange import CSV_NAMES
from relaxapp.storage.history import HistoryStore
from relaxapp.ui.backups import BackupKeeper
from relaxapp.ui.calendar_view import shade
from relaxapp.ui.history_view import PAGE_ROWS, Column, HistoryPage, qt_date
from relaxapp.ui.journal_view import EpisodeDialog
from relaxapp.ui.theme import DARK, LIGHT
from tests.ui.test_accessibility import unnamed_controls

TODAY = date(2026, 3, 18)  # a Wednesday
NOW = datetime.combine(TODAY, time(12, 0)).astimezone().astimezone(UTC)


def at(day: date, hour: float) -> datetime:
    """A moment on the person's wall clock, stored as UTC, as the app stores it."""
    return (datetime.combine(day, time()) + timedelta(hours=hour)).astimezone().astimezone(UTC)


def session(
    day: date,
    hour: float = 8.0,
    *,
    kind: RoutineKind = RoutineKind.BREATHING,
    title: str = "Box breathing",
    minutes: float = 5.0,
    ratings: Ratings = Ratings(7, 4, 3, 2),  # noqa: B008 - frozen
) -> SessionRecord:
    seconds = minutes * 60
    return SessionRecord(
        title.lower().replace(" ", "_"), kind, title, at(day, hour), seconds, seconds, True, ratings=ratings
    )


def episode(day: date, hour: float = 15.0, intensity: int = 5, note: str = "") -> Episode:
    return Episode(at(day, hour), Side.LEFT, Place.EYELID, intensity, EpisodeDuration.SECONDS, note)


class FakeFiles:
    """Answers the page's file questions with what the test chose; records what was asked."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.asked: list[str] = []

    def save_file(self, parent, caption: str, suggested: Path, kinds: str) -> Path | None:
        self.asked.append(caption)
        return self.path

    def open_file(self, parent, caption: str, folder: Path, kinds: str) -> Path | None:
        self.asked.append(caption)
        return self.path

    def folder(self, parent, caption: str, folder: Path) -> Path | None:
        self.asked.append(caption)
        return self.path

    def one_of(self, parent, caption: str, question: str, items: list[str]) -> int | None:
        self.asked.append(caption)
        self.offered = items
        return 0 if self.path is not None else None


@pytest.fixture
def make_page(qtbot, tmp_path: Path):
    def make(store: HistoryStore, files: FakeFiles | None = None) -> HistoryPage:
        keeper = BackupKeeper(store, tmp_path / "backups", lambda: NOW)
        page = HistoryPage(store, backups=keeper, now=lambda: NOW, files=files)
        qtbot.addWidget(page)
        page.resize(1000, 700)
        page.refresh()
        with qtbot.waitActive(page):  # keys go to the focused widget of the active window, as on a desktop
            page.show()
            page.activateWindow()
        return page

    return make


def shown(page: HistoryPage, column: Column) -> list[str]:
    model = page.model
    return [model.index(row, column).data() for row in range(model.rowCount())]


def message(page: HistoryPage) -> str:
    assert isinstance(page.message, QMessageBox)
    return page.message.text()


# -- timeline -----------------------------------------------------------------------------------------


def test_timeline_shows_newest_first_and_reads_more_on_scroll(qtbot, store, make_page):
    first = TODAY - timedelta(days=449)
    store.merge([session(first + timedelta(days=n), 8 + n % 3) for n in range(450)], [], [])
    store.add_episode(episode(TODAY, 10.0))
    page = make_page(store)

    assert page.model.rowCount() == PAGE_ROWS  # one page, not all 451
    assert page.count_label.text() == "451 entries"
    assert shown(page, Column.WHAT)[:2] == ["Twitch: left eyelid", "Box breathing"]
    assert shown(page, Column.WHEN)[0] == "18 Mar 10:00"
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 * PAGE_ROWS)
    page.table.scrollToBottom()
    qtbot.waitUntil(lambda: page.model.rowCount() == 451)
    assert page.model.entry(450).started_at == at(first, 8)
    assert not page.model.canFetchMore(page.table.rootIndex())


def test_the_when_header_and_the_order_choice_turn_the_timeline_around(qtbot, store, make_page):
    store.merge([session(TODAY - timedelta(days=n)) for n in range(3)], [], [])
    page = make_page(store)
    header = page.table.horizontalHeader()
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(20, 10))
    assert page.order.currentText() == "Oldest first"
    assert shown(page, Column.WHEN)[0].startswith("16 Mar")
    assert header.sortIndicatorOrder() is Qt.SortOrder.AscendingOrder
    page.order.setCurrentIndex(0)
    assert shown(page, Column.WHEN)[0].startswith("18 Mar")


def test_filters_by_kind_and_by_date(store, make_page):
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
    assert page.model.total == 5

    page.shown.setCurrentText("Muscle relaxation")
    assert shown(page, Column.WHAT) == ["Face and neck", "Whole body"]
    page.shown.setCurrentText("Episodes only")
    assert shown(page, Column.WHAT) == ["Twitch: left eyelid"] * 2
    page.shown.setCurrentText("Sessions only")
    assert len(shown(page, Column.WHAT)) == 3

    page.shown.setCurrentText("Everything")
    page.period.setCurrentText("Last 7 days")
    assert shown(page, Column.WHAT) == ["Box breathing", "Twitch: left eyelid", "Face and neck"]
    page.period.setCurrentText("Between dates")
    assert page.from_date.isVisible() and page.to_date.isVisible()
    page.from_date.setDate(qt_date(TODAY - timedelta(days=45)))
    page.to_date.setDate(qt_date(TODAY - timedelta(days=10)))
    assert shown(page, Column.WHAT) == ["Twitch: left eyelid", "Whole body"]
    assert page.count_label.text() == "2 entries"

    page.shown.setCurrentText("Guided imagery")
    assert page.model.rowCount() == 0
    assert page.empty.isVisible() and "Nothing matches" in page.empty.text()


def test_an_empty_history_says_what_will_appear(store, make_page):
    page = make_page(store)
    assert page.empty.isVisible() and "Nothing here yet" in page.empty.text()
    assert page.current_streak.value.text() == "0 days"


# -- delete, edit, undo ---------------------------------------------------------------------------------


def test_delete_then_undo_brings_the_row_and_the_saved_entry_back(qtbot, store, make_page):
    store.merge(
        [session(TODAY, 8), session(TODAY - timedelta(days=1), 8, title="Coherent breathing")], [], []
    )
    page = make_page(store)
    assert page.sessions_total.value.text() == "2"
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)

    assert shown(page, Column.WHAT) == ["Coherent breathing"]
    assert [s.routine_title for s in store.all_sessions()] == ["Coherent breathing"]
    assert page.undo_note.isVisible()
    assert page.undo_note.text() == "Deleted Box breathing (18 Mar 08:00)."
    assert page.sessions_total.value.text() == "1"
    assert page.current_streak.value.text() == "1 day"  # yesterday's, today not practised yet

    qtbot.keyClick(page.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert shown(page, Column.WHAT) == ["Box breathing", "Coherent breathing"]
    assert [s.routine_title for s in store.all_sessions()] == ["Coherent breathing", "Box breathing"]
    assert not page.undo_note.isVisible()
    assert page.sessions_total.value.text() == "2"
    assert page.current_streak.value.text() == "2 days"


def test_the_delete_button_and_the_undo_button_do_the_same(qtbot, store, make_page):
    saved = store.add_episode(episode(TODAY, note="after coffee"))
    page = make_page(store)
    assert not page.delete_button.isEnabled()  # nothing chosen yet
    page.table.selectRow(0)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)
    assert page.model.rowCount() == 0 and list(store.all_episodes()) == []
    qtbot.mouseClick(page.undo_button, Qt.MouseButton.LeftButton)
    assert list(store.all_episodes()) == [saved]  # under its old id
    assert shown(page, Column.NOTE) == ["after coffee"]


def test_undo_after_the_timeline_was_read_again_still_shows_the_entry(store, make_page):
    store.merge([session(TODAY), session(TODAY - timedelta(days=1))], [], [])
    page = make_page(store)
    page.table.selectRow(1)
    page.delete_selected()
    page.refresh()  # as when a session ends meanwhile: row numbers from before mean nothing now
    page.undo_stack.undo()
    assert len(shown(page, Column.WHAT)) == 2 and store.count() == 2


def test_edit_an_episode_then_undo(qtbot, store, make_page):
    store.add_episode(episode(TODAY, intensity=4))
    page = make_page(store)
    page.table.setFocus()
    page.table.selectRow(0)
    qtbot.keyClick(page.table, Qt.Key.Key_Return)
    dialog = page.edit_dialog
    assert isinstance(dialog, EpisodeDialog)
    dialog.intensity.set_value(8)
    dialog.note.setText("long day at the screen")
    dialog.accept()

    [saved] = store.all_episodes()
    assert (saved.intensity, saved.note) == (8, "long day at the screen")
    assert shown(page, Column.AMOUNT) == ["8/10 · seconds"]
    assert page.undo_note.text().startswith("Edited Twitch: left eyelid")
    page.undo_stack.undo()
    [saved] = store.all_episodes()
    assert (saved.intensity, saved.note) == (4, "")
    assert shown(page, Column.AMOUNT) == ["4/10 · seconds"]
    page.undo_stack.redo()
    assert next(store.all_episodes()).intensity == 8


def test_change_a_sessions_ratings_then_undo(store, make_page):
    store.add_session(session(TODAY, ratings=Ratings(7, 4, 3, 2)))
    page = make_page(store)
    assert shown(page, Column.TENSION) == ["7 → 3"] and shown(page, Column.TWITCH) == ["4 → 2"]
    page.table.selectRow(0)
    page.edit_selected()
    dialog = page.edit_dialog
    assert dialog is not None and not isinstance(dialog, EpisodeDialog)
    dialog.rows["tension_after"].set_value(1)
    dialog.rows["twitch_after"].set_value(None)  # taken back: it was asked, so it counts as skipped
    dialog.accept()
    [saved] = store.all_sessions()
    assert saved.ratings == Ratings(7, 4, 1, SKIPPED)
    assert shown(page, Column.TENSION) == ["7 → 1"] and shown(page, Column.TWITCH) == ["4 → –"]
    page.undo_stack.undo()
    assert next(store.all_sessions()).ratings == Ratings(7, 4, 3, 2)


# -- calendar -------------------------------------------------------------------------------------------


def test_calendar_marks_practice_and_episode_days_and_the_figures_show_the_streaks(qtbot, store, make_page):
    days = [TODAY - timedelta(days=n) for n in (0, 1, 2, 6, 7, 8, 9)]
    store.merge(
        [session(day, minutes=25 if day == TODAY else 5) for day in days],
        [episode(TODAY - timedelta(days=4)), episode(TODAY - timedelta(days=4), 18)],
        [CheckIn(TODAY - timedelta(days=4), sleep_hours=5.5, caffeine_drinks=4)],
    )
    page = make_page(store)
    assert "calendar" not in page.__dict__  # not built for the first frame
    assert page.current_streak.value.text() == "3 days"
    assert page.longest_streak.value.text() == "4 days"
    assert page.this_week.value.text() == "35 min"  # Monday 16th to Wednesday 18th

    page.tabs.setCurrentIndex(1)
    view = page.calendar
    calendar = view.calendar
    today = calendar.dateTextFormat(qt_date(TODAY))
    assert today.background().color() == shade(LIGHT, 25)
    assert calendar.dateTextFormat(qt_date(days[1])).background().color() == shade(LIGHT, 5)
    assert shade(LIGHT, 25) != shade(LIGHT, 5)
    marked = calendar.dateTextFormat(qt_date(TODAY - timedelta(days=4)))
    assert marked.foreground().color() == QColor(LIGHT.episode_mark) and marked.fontUnderline()
    assert "2 episodes" in marked.toolTip() and "slept 5.5 h, 4 caffeine drinks" in marked.toolTip()
    assert (
        calendar.dateTextFormat(qt_date(TODAY - timedelta(days=3))).background().style()
        == Qt.BrushStyle.NoBrush
    )
    assert view.month.text().startswith("March 2026: 7 days of practice, 55 min in all; 2 episodes")
    assert view.chosen.text() == "Wed 18 March: 25 min of practice."


def test_the_calendar_reads_only_the_month_it_shows(store, make_page, monkeypatch):
    store.merge([session(TODAY - timedelta(days=35))], [], [])
    page = make_page(store)
    asked: list[tuple[date, date]] = []
    day_facts = store.day_facts

    def recording(first: date, last: date):
        asked.append((first, last))
        return day_facts(first, last)

    monkeypatch.setattr(store, "day_facts", recording)
    page.tabs.setCurrentIndex(1)
    page.calendar.calendar.showPreviousMonth()
    assert all((last - first).days < 7 * 8 for first, last in asked)
    february = asked[-1]
    assert february[0] <= date(2026, 2, 1) and february[1] >= date(2026, 2, 28)
    assert page.calendar.facts(TODAY - timedelta(days=35)) is not None
    assert page.calendar.month.text().startswith("February 2026: 1 day of practice")


# -- insights -------------------------------------------------------------------------------------------


def bar_values(view: QChartView) -> dict[str, list[float]]:
    [series] = view.chart().series()
    assert isinstance(series, QAbstractBarSeries)
    return {bars.label(): [bars.at(i) for i in range(bars.count())] for bars in series.barSets()}


def test_insights_draw_the_charts_and_say_what_the_data_support(qtbot, store, make_page):
    days = [TODAY - timedelta(days=n) for n in range(20)]
    coffee_days = days[:10]  # 4 drinks and 3 episodes a day, against 1 drink and 1 episode
    store.merge(
        [
            session(TODAY, ratings=Ratings(8, 5, 4, 4)),
            session(
                TODAY - timedelta(days=7),
                kind=RoutineKind.PMR,
                title="Face",
                minutes=10,
                ratings=Ratings(6, 5, 4, 5),
            ),
        ],
        [episode(day, 9 + n) for day in days for n in range(3 if day in coffee_days else 1)],
        [CheckIn(day, sleep_hours=7.0, caffeine_drinks=4 if day in coffee_days else 1) for day in days],
    )
    page = make_page(store)
    assert "insights" not in page.__dict__
    page.tabs.setCurrentIndex(2)
    view = page.insights
    assert len(view.findChildren(QChartView)) == 3

    minutes = bar_values(view.minutes_chart)["Minutes"]
    assert len(minutes) == 12 and minutes[-1] == 5.0 and minutes[-2] == 10.0 and sum(minutes) == 15.0
    change = bar_values(view.change_chart)
    # Lying bars list their categories bottom-up: muscle relaxation first, then breathing.
    assert change == {"Tension": [-2.0, -4.0], "Twitching": [0.0, -1.0]}
    episodes = bar_values(view.episodes_chart)
    assert episodes["Days with it"][-1] == 3.0 and episodes["Other days"][-1] == 1.0  # caffeine, on top
    text = view.findings.text()
    assert "On days with 3 or more caffeine drinks you logged about three times as many episodes" in text
    assert "Not enough data yet about sleep" in text


def test_insights_say_when_there_is_not_enough_data_yet(store, make_page):
    store.merge([session(TODAY)], [episode(TODAY)], [CheckIn(TODAY - timedelta(days=n)) for n in range(4)])
    page = make_page(store)
    page.tabs.setCurrentIndex(2)
    text = page.insights.findings.text()
    assert "Not enough data yet" in text and "4 so far, 10 more to go" in text
    assert not page.insights.episodes_chart.isVisible()


def test_the_charts_wear_the_theme(store, make_page):
    store.merge([session(TODAY)], [], [])
    page = make_page(store)
    page.tabs.setCurrentIndex(2)
    chart = page.insights.minutes_chart.chart()
    assert chart.backgroundBrush().color() == QColor(LIGHT.surface)
    page.set_look(DARK)
    assert chart.backgroundBrush().color() == QColor(DARK.surface)
    assert chart.titleBrush().color() == QColor(DARK.ink)
    page.tabs.setCurrentIndex(1)
    assert page.calendar.calendar.dateTextFormat(qt_date(TODAY)).background().color() == shade(DARK, 5)


def test_a_change_made_on_the_timeline_reaches_the_other_tabs(store, make_page):
    store.merge([session(TODAY, minutes=20)], [], [])
    page = make_page(store)
    page.tabs.setCurrentIndex(1)
    assert page.calendar.calendar.dateTextFormat(qt_date(TODAY)).background().style() != Qt.BrushStyle.NoBrush
    page.tabs.setCurrentIndex(0)
    page.table.selectRow(0)
    page.delete_selected()
    page.tabs.setCurrentIndex(1)
    assert page.calendar.calendar.dateTextFormat(qt_date(TODAY)).background().style() == Qt.BrushStyle.NoBrush


# -- export, import, backup -----------------------------------------------------------------------------


def filled(store: HistoryStore) -> HistoryStore:
    store.merge(
        [session(TODAY), session(TODAY - timedelta(days=1), kind=RoutineKind.MASSAGE, title="Face massage")],
        [episode(TODAY, note="after coffee")],
        [CheckIn(TODAY, sleep_hours=6.5, caffeine_drinks=2, stress=4)],
    )
    return store


def test_export_json_then_import_it_into_a_fresh_history(tmp_path, store, make_page):
    exported = tmp_path / "out.json"
    page = make_page(filled(store), FakeFiles(exported))
    page.export_json()
    assert message(page) == f"Saved 2 sessions, 1 episode and 1 check-in in {exported}."

    fresh = HistoryStore.open(tmp_path / "fresh.sqlite3")
    try:
        other = make_page(fresh, FakeFiles(exported))
        other.import_json()
        assert message(other) == "out.json: Added 2 sessions, 1 episode and 1 check-in."
        assert shown(other, Column.WHAT) == shown(page, Column.WHAT)
        assert next(fresh.all_episodes()).note == "after coffee"
        other.import_json()  # again: nothing twice
        assert message(other) == "out.json: Nothing new to add; 4 already there."
        assert fresh.count() == 2
    finally:
        fresh.close()


def test_a_bad_import_names_the_field_and_changes_nothing(tmp_path, store, make_page):
    document = {
        "format": "relaxapp-history",
        "version": 1,
        "sessions": [],
        "episodes": [
            {"occurred_at": "2026-03-01T10:00:00+00:00", "side": "left", "place": "eyelid", "intensity": 14,
             "duration": "seconds", "note": ""}
        ],
    }  # fmt: skip
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(document), encoding="utf-8")
    page = make_page(filled(store), FakeFiles(bad))
    before = shown(page, Column.WHAT)
    page.import_json()
    text = message(page)
    assert "bad.json was not imported" in text and "episodes[0].intensity" in text
    assert page.message.icon() is QMessageBox.Icon.Warning
    assert shown(page, Column.WHAT) == before and len(list(store.all_episodes())) == 1


def test_a_cancelled_file_dialog_does_nothing(store, make_page):
    files = FakeFiles(None)
    page = make_page(store, files)
    page.export_json()
    page.import_json()
    page.export_csv()
    assert page.message is None and len(files.asked) == 3


def test_export_csv_writes_the_three_spreadsheets(tmp_path, store, make_page):
    page = make_page(filled(store), FakeFiles(tmp_path))
    page.export_csv()
    assert all((tmp_path / name).exists() for name in CSV_NAMES)
    assert message(page).startswith(f"Saved 2 sessions, 1 episode and 1 check-in in {tmp_path}")


def test_an_export_that_cannot_be_written_says_where(tmp_path, store, make_page):
    page = make_page(filled(store), FakeFiles(tmp_path / "missing" / "out.json"))
    page.export_json()
    assert "out.json could not be written in" in message(page)


def test_back_up_now_makes_a_backup_file(qtbot, tmp_path, store, make_page):
    page = make_page(filled(store))
    with qtbot.waitSignal(page.backups.taken, timeout=5000):
        qtbot.mouseClick(page.backup_button, Qt.MouseButton.LeftButton)
    [backup] = list_backups(tmp_path / "backups")
    assert backup.path.stat().st_size > 0
    assert message(page).startswith(f"Your history is backed up as {backup.path.name}")
    assert page.backup_button.isEnabled()


def test_the_daily_backup_goes_by_without_a_message(qtbot, tmp_path, store, make_page):
    page = make_page(filled(store))
    with qtbot.waitSignal(page.backups.taken, timeout=5000):
        page.backups.take_if_due()
    assert list_backups(tmp_path / "backups")
    assert page.message is None


def test_a_backup_is_restored_and_what_came_since_is_kept(qtbot, tmp_path, store, make_page):
    page = make_page(filled(store), FakeFiles(tmp_path / "chosen"))
    before = store.count_timeline()
    with qtbot.waitSignal(page.backups.taken, timeout=5000):
        page.back_up_now()
    page.message.done(0)
    page.table.selectRow(0)
    qtbot.mouseClick(page.delete_button, Qt.MouseButton.LeftButton)  # after the backup, and undoable
    assert page.undo_stack.count() == 1
    store.add_episode(episode(TODAY, 20.0, note="after the backup"))
    page.refresh()
    assert store.count_timeline() == before  # one gone, one new
    page.restore_backup()
    assert store.count_timeline() == before + 1  # the deleted one is back, and the new one kept
    assert [e.note for e in store.all_episodes()].count("after the backup") == 1
    assert message(page).startswith("Your history is back as it was on")
    assert len(page.files.offered) == 1
    assert page.undo_stack.count() == 0  # undoing the delete now would bring back a second copy


def test_restoring_with_no_backup_says_there_is_none(make_page, store):
    page = make_page(store, FakeFiles(None))
    page.restore_backup()
    assert message(page).startswith("There is no backup of this history yet")


def test_a_history_kept_in_memory_cannot_be_backed_up(make_page):
    store = HistoryStore.in_memory()
    page = make_page(store)
    assert not page.backup_button.isEnabled()


# -- keyboard and screen readers -------------------------------------------------------------------------


def test_every_control_on_every_tab_has_a_name(store, make_page):
    page = make_page(filled(store))
    missing = {}
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        missing[page.tabs.tabText(index)] = unnamed_controls(page)
    page.period.setCurrentText("Between dates")
    missing["dates"] = unnamed_controls(page)
    assert {tab: names for tab, names in missing.items() if names} == {}


def test_a_later_session_shows_after_refresh(store, make_page):
    page = make_page(store)
    store.add_session(replace(session(TODAY), routine_title="Cyclic sigh"))
    page.refresh()
    assert shown(page, Column.WHAT) == ["Cyclic sigh"]
    assert page.sessions_total.value.text() == "1"
