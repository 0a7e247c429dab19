"""A damaged history at start-up: set aside, said plainly, the latest backup offered and brought back; and
the daily backups that make it possible."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from relaxapp import app as relaxapp_app
from relaxapp.core.journal import CheckIn
from relaxapp.core.record import SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.storage import paths
from relaxapp.storage.backup import list_backups, take_backup
from relaxapp.storage.history import HistoryStore
from relaxapp.ui.backups import BackupKeeper
from relaxapp.ui.main_window import MainWindow

NOW = datetime(2026, 11, 25, 9, tzinfo=UTC)


def a_session(days_ago: float, now: datetime = NOW) -> SessionRecord:
    return SessionRecord(
        "box", RoutineKind.BREATHING, "Box breathing", now - timedelta(days=days_ago), 60, 60, True
    )


def history_with_backup(data: Path, now: datetime) -> Path:
    user = paths.UserPaths.portable(data)
    store = HistoryStore.open(user.history_db)
    store.add_session(a_session(2, now))
    store.close()
    take_backup(user.history_db, user.backups_dir, now - timedelta(hours=3))
    return user.history_db


def damage(database: Path) -> None:
    with open(database, "r+b") as file:
        file.seek(0)
        file.write(b"this is no longer a database" * 40)


@pytest.mark.allow_logged_errors
def test_a_damaged_history_is_set_aside_and_the_backup_is_offered(qtbot, tmp_path: Path, monkeypatch):
    # The app runs on the real clock: the backup must be of today's, or a new one would be due.
    database = history_with_backup(tmp_path / "data", datetime.now(UTC))
    damage(database)
    offered: list[Path] = []
    monkeypatch.setattr(MainWindow, "offer_backup", lambda _window, backup: offered.append(backup.path))
    seen: dict[str, str] = {}

    def on_ready(window: MainWindow) -> None:
        seen["problem"] = window.problem.text()
        if window.notice.box is not None:
            window.notice.box.done(0)
        window.close()

    assert relaxapp_app.run(["--data-dir", str(tmp_path / "data")], on_ready=on_ready) == 0
    assert "damaged" in seen["problem"] and "nothing was deleted" in seen["problem"]
    [aside] = database.parent.glob("history.damaged-*.sqlite3")
    assert aside.read_bytes().startswith(b"this is no longer")  # kept, as it was
    [backup] = list_backups(database.parent / "backups")
    assert offered == [backup.path]
    QApplication.processEvents()


def test_bringing_the_backup_back_keeps_what_was_entered_since(qtbot, window: MainWindow, tmp_path: Path):
    history = window.use_cases.history
    history.add_session(a_session(1))
    backup = take_backup(Path(str(history.path)), tmp_path / "backups", NOW)
    history.add_session(a_session(0))  # entered after the backup

    def press_bring_it_back() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        next(b for b in box.buttons() if b.text() == "Bring it back").click()

    QTimer.singleShot(0, press_bring_it_back)
    window.offer_backup(backup)
    assert history.count() == 2
    assert "is back as it was" in window.problem.text()


def test_a_backup_is_taken_when_due_and_not_again_the_same_day(qtbot, store: HistoryStore, tmp_path: Path):
    store.add_session(a_session(0))
    keeper = BackupKeeper(store, tmp_path / "backups", lambda: NOW)
    with qtbot.waitSignal(keeper.taken):
        keeper.take_if_due()
    assert keeper.latest() is not None
    keeper.take_if_due()  # not due again within the day
    assert len(list_backups(tmp_path / "backups")) == 1


def test_an_empty_history_is_not_backed_up_over_good_backups(qtbot, store: HistoryStore, tmp_path: Path):
    keeper = BackupKeeper(store, tmp_path / "backups", lambda: NOW)
    keeper.take_if_due()
    QThreadPool.globalInstance().waitForDone()
    keeper.wait()
    assert list_backups(tmp_path / "backups") == []


def test_one_backup_at_a_time_and_check_ins_alone_are_worth_one(qtbot, store: HistoryStore, tmp_path: Path):
    store.save_check_in(CheckIn(date(2026, 11, 25), sleep_hours=7))
    keeper = BackupKeeper(store, tmp_path / "backups", lambda: NOW)
    with qtbot.waitSignal(keeper.taken):
        assert keeper.take_now()
        assert not keeper.take_now()  # the first is still under way
    with qtbot.waitSignal(keeper.taken):
        assert keeper.take_now()  # done, so the next may start
