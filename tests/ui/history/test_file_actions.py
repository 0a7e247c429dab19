"""The history page's file commands, chosen from its menu: export, import, restore, and back up now."""

from __future__ import annotations

import json
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QProgressDialog, QPushButton

from relaxapp.logic.history_files import HistoryFiles
from relaxapp.storage.backup import list_backups
from relaxapp.storage.exchange_csv import CSV_NAMES
from relaxapp.storage.history import HistoryStore
from relaxapp.ui.history.import_run import STEPS
from relaxapp.ui.history.page import HistoryPage
from relaxapp.ui.history.timeline_model import Column
from tests.ui.history.conftest import TODAY, FakeFiles, MakePage, episode, filled, message, shown


def choose(page: HistoryPage, command: str) -> None:
    """Pick `command` from the "Export and restore" menu, as a person does."""
    menu = page.file_actions.files_button.menu()
    next(action for action in menu.actions() if action.text() == command).trigger()


def import_chosen(qtbot, page: HistoryPage) -> None:
    """Pick "Import JSON…" and wait while the file is read off the window's thread."""
    choose(page, "Import JSON…")
    qtbot.waitUntil(lambda: page.file_actions.import_run is None, timeout=30_000)


def test_export_json_then_import_it_into_a_fresh_history(qtbot, tmp_path: Path, store, make_page: MakePage):
    exported = tmp_path / "out.json"
    page = make_page(filled(store), FakeFiles(exported))
    choose(page, "Export JSON…")
    assert message(page).text() == f"Saved 2 sessions, 1 twitch and 1 check-in in {exported}."

    fresh = HistoryStore.open(tmp_path / "fresh.sqlite3")
    try:
        other = make_page(fresh, FakeFiles(exported))
        import_chosen(qtbot, other)
        assert message(other).text() == "out.json: Added 2 sessions, 1 twitch and 1 check-in."
        assert shown(other, Column.WHAT) == shown(page, Column.WHAT)
        assert other.sessions_total.value.text() == "2"
        assert next(fresh.all_episodes()).note == "after coffee"
        import_chosen(qtbot, other)  # again: nothing twice
        assert message(other).text() == "out.json: Nothing new to add; 4 already there."
        assert fresh.count() == 2
    finally:
        fresh.close()


def test_a_bad_import_names_the_field_and_changes_nothing(qtbot, tmp_path: Path, store, make_page: MakePage):
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
    import_chosen(qtbot, page)
    box = message(page)
    assert "bad.json was not imported" in box.text() and "episodes[0].intensity" in box.text()
    assert "episodes[0].intensity" in box.detailedText()
    assert box.icon() is QMessageBox.Icon.Warning
    assert shown(page, Column.WHAT) == before and len(list(store.all_episodes())) == 1


def test_a_cancelled_file_dialog_does_nothing(store: HistoryStore, make_page: MakePage):
    files = FakeFiles(None)
    page = make_page(store, files)
    for command in ("Export JSON…", "Import JSON…", "Export CSV…"):
        choose(page, command)
    assert page.findChildren(QMessageBox) == [] and len(files.asked) == 3


def test_export_csv_writes_the_spreadsheets(tmp_path: Path, store, make_page: MakePage):
    page = make_page(filled(store), FakeFiles(tmp_path))
    choose(page, "Export CSV…")
    assert all((tmp_path / name).exists() for name in CSV_NAMES)
    assert message(page).text().startswith(f"Saved 2 sessions, 1 twitch and 1 check-in in {tmp_path}")


def test_an_export_that_cannot_be_written_says_where(tmp_path: Path, store, make_page: MakePage):
    page = make_page(filled(store), FakeFiles(tmp_path / "missing" / "out.json"))
    choose(page, "Export JSON…")
    assert "out.json could not be written in" in message(page).text()


def test_back_up_now_makes_a_backup_file(qtbot, tmp_path: Path, store, make_page: MakePage):
    page = make_page(filled(store))
    button = page.file_actions.backup_button
    with qtbot.waitSignal(page.file_actions.backups.taken, timeout=5000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    [backup] = list_backups(tmp_path / "backups")
    assert backup.path.stat().st_size > 0
    assert message(page).text().startswith(f"Your history is backed up as {backup.path.name}")
    assert button.isEnabled()


def test_the_daily_backup_goes_by_without_a_message(qtbot, tmp_path: Path, store, make_page: MakePage):
    page = make_page(filled(store))
    with qtbot.waitSignal(page.file_actions.backups.taken, timeout=5000):
        page.file_actions.backups.take_if_due()
    assert list_backups(tmp_path / "backups")
    assert page.findChildren(QMessageBox) == []


def test_a_backup_is_restored_and_what_came_since_is_kept(qtbot, tmp_path: Path, store, make_page: MakePage):
    files = FakeFiles(tmp_path / "chosen")
    page = make_page(filled(store), files)
    before = store.count_timeline()
    with qtbot.waitSignal(page.file_actions.backups.taken, timeout=5000):
        page.file_actions.backup_button.click()
    message(page).done(0)
    timeline = page.timeline
    timeline.table.selectRow(0)
    qtbot.mouseClick(timeline.delete_button, Qt.MouseButton.LeftButton)  # after the backup, and undoable
    assert timeline.undo_button.isVisible()
    store.add_episode(episode(TODAY - timedelta(days=2), 20.0, note="after the backup"))
    assert store.count_timeline() == before  # one gone, one new
    choose(page, "Restore a backup…")
    assert store.count_timeline() == before + 1  # the deleted one is back, and the new one kept
    assert [e.note for e in store.all_episodes()].count("after the backup") == 1
    assert message(page).text().startswith("Your history is back as it was on")
    assert len(files.offered) == 1
    assert len(shown(page, Column.WHAT)) == before + 1
    assert not timeline.undo_button.isVisible()  # undoing the delete now would bring back a second copy


def test_restoring_with_no_backup_says_there_is_none(store: HistoryStore, make_page: MakePage):
    page = make_page(store, FakeFiles(None))
    choose(page, "Restore a backup…")
    assert message(page).text().startswith("There is no backup of this history yet")


def test_a_history_kept_in_memory_cannot_be_backed_up(make_page: MakePage):
    page = make_page(HistoryStore.in_memory())
    assert not page.file_actions.backup_button.isEnabled()


def export_of(sessions: int) -> dict[str, object]:
    """An export as relaxapp writes it, of `sessions` sessions a day apart."""
    first = datetime(2016, 1, 1, 8, tzinfo=UTC)
    return {
        "format": "relaxapp-history",
        "version": 2,
        "sessions": [
            {"started_at": (first + timedelta(days=n)).isoformat(), "routine_id": "box",
             "routine_kind": "breathing", "routine_title": "Box breathing", "planned_seconds": 300,
             "actual_seconds": 300, "completed": True}
            for n in range(sessions)
        ],
    }  # fmt: skip


class HeldReading:
    """The floor's read_import as it is, but held halfway until the test lets it go on; notes the threads
    the import's parts ran on."""

    def __init__(self, files: HistoryFiles, monkeypatch: pytest.MonkeyPatch) -> None:
        self.threads: dict[str, threading.Thread] = {}
        self.go_on = threading.Event()
        read_import, merge_apart = files.read_import, files.merge_import_apart

        def held_read(path: Path, progress, cancelled):
            self.threads["read"] = threading.current_thread()

            def report(done: float) -> None:
                progress(done)
                if done >= 0.5:
                    self.go_on.wait(10)

            return read_import(path, report, cancelled)

        def noted_merge(entries, cancelled):
            self.threads["merge"] = threading.current_thread()
            return merge_apart(entries, cancelled)

        monkeypatch.setattr(files, "read_import", held_read)
        monkeypatch.setattr(files, "merge_import_apart", noted_merge)


def test_an_import_runs_off_the_window_thread_with_a_progress_bar(
    qtbot, tmp_path: Path, store, make_page: MakePage, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "years.json"
    path.write_text(json.dumps(export_of(6000)), encoding="utf-8")
    page = make_page(store, FakeFiles(path))
    held = HeldReading(page.file_actions._files, monkeypatch)
    choose(page, "Import JSON…")
    run = page.file_actions.import_run
    assert run is not None and not page.file_actions.files_button.isEnabled()
    # Held halfway: the window's thread goes on turning its loop, and the bar shows how far the reading is.
    qtbot.waitUntil(lambda: run.dialog.isVisible() and run.dialog.value() >= STEPS // 2)
    assert run.dialog.maximum() == STEPS and run.dialog.labelText() == "Reading years.json…"
    held.go_on.set()
    qtbot.waitUntil(lambda: page.file_actions.import_run is None, timeout=30_000)
    assert held.threads["read"] is not threading.main_thread()
    assert (
        held.threads["merge"] is held.threads["read"]
    )  # the history's file merges on a connection of its own
    assert message(page).text() == "years.json: Added 6,000 sessions."
    assert store.count() == 6000 and page.sessions_total.value.text() == "6,000"
    assert page.file_actions.files_button.isEnabled()
    assert [dialog for dialog in page.findChildren(QProgressDialog) if dialog.isVisible()] == []


def test_cancel_stops_an_import_and_adds_nothing(
    qtbot, tmp_path: Path, store, make_page: MakePage, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "years.json"
    path.write_text(json.dumps(export_of(6000)), encoding="utf-8")
    page = make_page(filled(store), FakeFiles(path))
    held = HeldReading(page.file_actions._files, monkeypatch)
    choose(page, "Import JSON…")
    run = page.file_actions.import_run
    assert run is not None
    qtbot.waitUntil(lambda: run.dialog.value() >= STEPS // 2)
    [cancel] = [button for button in run.dialog.findChildren(QPushButton) if button.text() == "Cancel"]
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    held.go_on.set()
    qtbot.waitUntil(lambda: page.file_actions.import_run is None, timeout=30_000)
    assert store.count() == 2 and "merge" not in held.threads
    assert [box for box in page.findChildren(QMessageBox) if box.isVisible()] == []
    assert page.file_actions.files_button.isEnabled()


def test_an_import_into_a_history_in_memory_merges_on_the_window_thread(
    qtbot, tmp_path: Path, make_page: MakePage, monkeypatch: pytest.MonkeyPatch
):
    path = tmp_path / "years.json"
    path.write_text(json.dumps(export_of(20)), encoding="utf-8")
    memory = HistoryStore.in_memory()  # its connection cannot be opened again on another thread
    page = make_page(memory, FakeFiles(path))
    held = HeldReading(page.file_actions._files, monkeypatch)
    held.go_on.set()
    import_chosen(qtbot, page)
    assert "merge" not in held.threads
    assert message(page).text() == "years.json: Added 20 sessions." and memory.count() == 20
