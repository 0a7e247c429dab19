from __future__ import annotations

import shutil
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from relaxapp.core.record import SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.storage.history import SCHEMA_VERSION, HistoryError, HistoryStore, HistoryWriteError

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def session(minutes_ago: float = 0, actual: float = 176.0, completed: bool = True) -> SessionRecord:
    return SessionRecord(
        routine_id="box",
        routine_kind=RoutineKind.BREATHING,
        routine_title="Box breathing",
        started_at=datetime(2026, 11, 25, 9, 0, tzinfo=UTC) - timedelta(minutes=minutes_ago),
        planned_seconds=176.0,
        actual_seconds=actual,
        completed=completed,
    )


def test_a_session_survives_closing_and_reopening(tmp_path: Path):
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    store.add(session(actual=61.5, completed=False))
    store.close()

    reopened = HistoryStore.open(path)
    [saved] = reopened.newest(10)
    assert saved.id is not None
    assert saved == SessionRecord(
        routine_id="box",
        routine_kind=RoutineKind.BREATHING,
        routine_title="Box breathing",
        started_at=datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
        planned_seconds=176.0,
        actual_seconds=61.5,
        completed=False,
        id=saved.id,
    )
    reopened.close()


def test_newest_pages_come_newest_first(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    for minutes_ago in (30, 10, 20, 0):
        store.add(session(minutes_ago))
    assert store.count() == 4
    first = store.newest(2)
    second = store.newest(2, older_than=first[-1])
    ages = [datetime(2026, 11, 25, 9, 0, tzinfo=UTC) - r.started_at for r in first + second]
    assert ages == [timedelta(minutes=m) for m in (0, 10, 20, 30)]


def test_pages_go_on_past_sessions_that_started_at_the_same_moment(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    for _ in range(5):
        store.add(session(minutes_ago=1))
    seen = []
    page = store.newest(2)
    while page:
        seen += page
        page = store.newest(2, older_than=page[-1])
    assert len({record.id for record in seen}) == 5


def test_an_unreadable_row_is_left_out_and_the_rest_shown(tmp_path: Path, caplog):
    path = tmp_path / "h.sqlite3"
    store = HistoryStore.open(path)
    store.add(session(minutes_ago=2))
    store.add(session(minutes_ago=0))
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO sessions (routine_id, routine_kind, routine_title, started_at, planned_seconds,"
            " actual_seconds, completed)"
            " VALUES ('x', 'yodel', 'X', '2026-11-25T08:59:00.000+00:00', 60, 60, 1)"
        )
    assert [r.started_at.minute for r in store.newest(10)] == [0, 58]
    assert "unreadable" in caplog.text
    assert store.count() == 3  # nothing was deleted


def test_the_file_uses_wal_and_knows_its_schema_version(tmp_path: Path):
    path = tmp_path / "h.sqlite3"
    HistoryStore.open(path).close()
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_file_from_schema_1_opens_after_migration(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURES / "history_v1.sqlite3", path)
    store = HistoryStore.open(path)
    assert store.schema_version == SCHEMA_VERSION
    titles = [(r.routine_title, r.completed, r.actual_seconds) for r in store.newest(10)]
    assert titles == [("4-7-8 breathing", False, 41.5), ("Box breathing", True, 176.0)]
    store.add(session())
    assert store.count() == 3
    indexes = [row[1] for row in sqlite3.connect(path).execute("PRAGMA index_list(sessions)")]
    assert "sessions_by_start" in indexes


def test_a_file_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path):
    path = tmp_path / "future.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE something_new (x)")
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.commit()
    raw.close()
    before = path.read_bytes()
    with pytest.raises(HistoryError, match="newer version of relaxapp"):
        HistoryStore.open(path)
    assert path.read_bytes() == before


def test_a_damaged_file_is_named_in_a_plain_message_and_kept(tmp_path: Path):
    path = tmp_path / "damaged.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(HistoryError, match=f"The history file {path} is damaged"):
        HistoryStore.open(path)
    assert path.read_bytes() == b"this is not a database at all" * 100


def test_a_folder_that_cannot_be_created_is_named(tmp_path: Path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    with pytest.raises(HistoryError, match="could not be opened"):
        HistoryStore.open(blocker / "history.sqlite3")


@pytest.mark.allow_logged_errors
def test_a_failed_write_keeps_the_session_and_saves_it_with_the_next(tmp_path: Path):
    path = tmp_path / "h.sqlite3"
    store = HistoryStore.open(path)
    # Another program holds the write lock: the kind of failure a full or busy disk gives.
    blocker = sqlite3.connect(path, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    store._db.execute("PRAGMA busy_timeout = 50")
    with pytest.raises(HistoryWriteError, match="It is kept and will be saved with the next one"):
        store.add(session(minutes_ago=5))
    assert len(store.unsaved) == 1
    blocker.rollback()
    blocker.close()
    store.add(session())
    assert store.unsaved == ()
    assert store.count() == 2


def test_the_in_memory_fallback_works_like_the_file(tmp_path: Path):
    store = HistoryStore.in_memory()
    store.add(session())
    assert store.count() == 1
    assert store.location == "memory"


@pytest.mark.allow_logged_errors
def test_a_file_that_cannot_be_written_still_shows_past_sessions(tmp_path: Path):
    path = tmp_path / "h.sqlite3"
    store = HistoryStore.open(path)
    store.add(session(minutes_ago=5))
    store.close()
    (tmp_path / "h.sqlite3-shm").unlink(missing_ok=True)  # as a read-only folder would have it
    read_only = HistoryStore.open_read_only(path)
    assert [r.actual_seconds for r in read_only.newest(10)] == [176.0]
    assert not read_only.is_persistent
    with pytest.raises(HistoryWriteError, match="cannot be written"):
        read_only.add(session())
    assert len(read_only.unsaved) == 1
    assert HistoryStore.open(path).count() == 1  # nothing was written through it


def test_only_a_file_at_the_current_schema_is_opened_read_only(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURES / "history_v1.sqlite3", path)
    with pytest.raises(HistoryError, match="cannot be updated"):
        HistoryStore.open_read_only(path)
