from __future__ import annotations

import sqlite3
import subprocess
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from relaxapp.core.record import SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.storage.backup import Backup, BackupError, backup_due, list_backups, take_backup
from relaxapp.storage.history import HistoryStore

NOW = datetime(2026, 11, 25, 21, 0, 5, 123456, tzinfo=UTC)


def session(n: int) -> SessionRecord:
    started = datetime(2026, 11, 1, tzinfo=UTC) + timedelta(hours=n)
    return SessionRecord("box", RoutineKind.BREATHING, "Box breathing", started, 176.0, 176.0, True)


def test_a_backup_is_a_whole_copy_named_by_its_time(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    for n in range(30):
        store.add_session(session(n))
    backup = take_backup(tmp_path / "history.sqlite3", tmp_path / "backups", NOW)
    assert backup == Backup(
        tmp_path / "backups" / "history-20261125T210005Z.sqlite3", NOW.replace(microsecond=0)
    )
    copy = HistoryStore.open_read_only(backup.path)
    assert copy.count() == 30
    assert sqlite3.connect(backup.path).execute("PRAGMA journal_mode").fetchone()[0] == "delete"
    assert sorted(p.name for p in (tmp_path / "backups").iterdir()) == [backup.path.name]


def test_a_backup_taken_while_the_app_writes_holds_what_was_committed(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    store.add_session(session(0))
    # The app is in the middle of a write: the backup sees the last committed state, and does not wait.
    store._db.execute("BEGIN IMMEDIATE")
    store._db.execute("DELETE FROM sessions")
    backup = take_backup(tmp_path / "history.sqlite3", tmp_path / "backups", NOW)
    store._db.execute("ROLLBACK")
    store.add_session(session(1))
    assert HistoryStore.open_read_only(backup.path).count() == 1
    assert store.count() == 2


def test_only_the_newest_backups_are_kept(tmp_path: Path):
    HistoryStore.open(tmp_path / "history.sqlite3").close()
    backups = tmp_path / "backups"
    backups.mkdir()
    (backups / "notes.txt").write_text("mine")  # not a backup: never touched
    taken = [
        take_backup(tmp_path / "history.sqlite3", backups, NOW + timedelta(days=n), keep=3) for n in range(5)
    ]
    assert list_backups(backups) == taken[:1:-1]
    assert (backups / "notes.txt").read_text() == "mine"


def test_no_backups_folder_is_no_backups(tmp_path: Path):
    assert list_backups(tmp_path / "nowhere") == []


def test_a_backup_is_due_daily_and_when_there_is_none():
    assert backup_due(NOW, None)
    assert not backup_due(NOW, NOW - timedelta(hours=23, minutes=59))
    assert backup_due(NOW, NOW - timedelta(days=1))
    assert backup_due(NOW, NOW + timedelta(days=3))  # the clock was set back
    assert backup_due(NOW, NOW - timedelta(hours=2), every=timedelta(hours=1))


FULL_DISK = """
import resource, signal, sys
from datetime import UTC, datetime
from pathlib import Path
from relaxapp.storage.backup import BackupError, take_backup
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # past the limit a write fails with EFBIG, as on a full disk
resource.setrlimit(resource.RLIMIT_FSIZE, (50_000, resource.getrlimit(resource.RLIMIT_FSIZE)[1]))
try:
    take_backup(Path(sys.argv[1]), Path(sys.argv[2]), datetime(2026, 11, 25, tzinfo=UTC))
except BackupError as error:
    print(error)
"""


def test_a_full_disk_leaves_no_partial_backup_and_says_so(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    for n in range(3000):
        store.add_session(session(n))
    store.close()
    backups = tmp_path / "backups"
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(tmp_path / "history.sqlite3"), str(backups)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert "The backup of your history could not be made" in result.stdout
    assert "Your history itself is unharmed" in result.stdout
    assert list(backups.iterdir()) == []


@pytest.mark.allow_logged_errors
def test_a_missing_history_cannot_be_backed_up(tmp_path: Path):
    with pytest.raises(BackupError, match="could not be made"):
        take_backup(tmp_path / "absent.sqlite3", tmp_path / "backups", NOW)
    assert list(list_backups(tmp_path / "backups")) == []
    assert [p.name for p in (tmp_path / "backups").iterdir()] == []
