"""Rows a page could not show (a date in year 9999, a length of 1e308), kept by an import of an earlier
version: every read leaves them out and says so in the log, and every way of opening the file still works."""

from __future__ import annotations

import shutil
import sqlite3
from contextlib import closing
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from relaxapp.core.journal import CheckIn, Episode, EpisodeDuration, Place, Side
from relaxapp.core.record import SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.storage.backup import take_backup
from relaxapp.storage.history import HistoryStore, InvalidEntryError, open_history

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
NOW = datetime(2026, 11, 25, 21, 0, tzinfo=UTC)
DAY = date(2026, 11, 24)


def session(hour: int, actual: float = 300.0) -> SessionRecord:
    started = datetime(2026, 11, 24, hour, tzinfo=UTC)
    return SessionRecord("box", RoutineKind.BREATHING, "Box breathing", started, 300.0, actual, True)


def episode(hour: int) -> Episode:
    occurred = datetime(2026, 11, 24, hour, tzinfo=UTC)
    return Episode(occurred, Side.LEFT, (Place.EYELID,), 4, EpisodeDuration.SECONDS)


def keep_rows_from_before_the_span(path: Path) -> None:
    """What an import of an earlier relaxapp wrote without a word: Go's zero time, year 9999, 1e308 s."""
    with closing(sqlite3.connect(path)) as db:
        db.executemany(
            "INSERT INTO sessions (routine_id, routine_kind, routine_title, started_at, planned_seconds,"
            " actual_seconds, completed) VALUES ('box', 'breathing', 'Box breathing', ?, ?, ?, 1)",
            [
                ("9999-12-31T23:59:00.000+00:00", 300.0, 300.0),
                ("0001-01-01T00:00:00.000+00:00", 300.0, 300.0),
                ("2026-11-24T07:00:00.000+00:00", 300.0, 1e308),
                ("2026-11-24T07:30:00.000+00:00", 1e308, 1e308),
            ],
        )
        db.execute(
            "INSERT INTO episodes (occurred_at, side, place, intensity, duration)"
            " VALUES ('0001-01-01T00:00:00.000+00:00', 'left', 'eyelid', 3, 'seconds')"
        )
        db.execute("INSERT INTO check_ins (day, stress) VALUES ('0001-01-01', 3)")
        db.commit()


def filled(path: Path) -> HistoryStore:
    store = HistoryStore.open(path)
    store.merge([session(8), session(9)], [episode(10)], [CheckIn(DAY, stress=4)])
    store.close()
    keep_rows_from_before_the_span(path)
    return HistoryStore.open(path)


def test_every_read_leaves_out_the_rows_a_page_could_not_show(tmp_path: Path, caplog):
    store = filled(tmp_path / "history.sqlite3")
    assert "history rows 3, 4, 5, 6 of sessions" in caplog.text and "are unreadable" in caplog.text
    assert "history rows 2 of episodes" in caplog.text and "0001-01-01 of check_ins" in caplog.text
    timeline = store.timeline(50)
    names = [type(entry).__name__ for entry in timeline]
    assert names == ["Episode", "SessionRecord", "SessionRecord", "CheckIn"]
    assert store.timeline(50, newest_first=False) == timeline[::-1]
    assert store.count_timeline() == 4 and store.count() == 2
    assert store.minutes_by_day(DAY - timedelta(days=1), DAY + timedelta(days=1)) == {DAY: 10.0}
    assert store.practice_days() == {DAY}
    [facts] = store.day_facts(DAY, DAY)
    assert (facts.minutes, facts.episodes, facts.check_in) == (10.0, 1, CheckIn(DAY, stress=4))
    assert store.latest_check_in_before(DAY + timedelta(days=1)) == CheckIn(DAY, stress=4)
    assert store.latest_check_in_before(DAY) is None
    assert (
        len(list(store.all_sessions())),
        len(list(store.all_episodes())),
        len(list(store.all_check_ins())),
    ) == (
        2,
        1,
        1,
    )
    store.close()


def test_nothing_outside_the_span_can_be_written(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "history.sqlite3")
    with pytest.raises(
        InvalidEntryError, match=r"started_at: 0001-01-01T00:00:00\+00:00 is not a date and time"
    ):
        store.add_session(
            SessionRecord("box", RoutineKind.BREATHING, "Box", datetime(1, 1, 1, tzinfo=UTC), 9, 9, True)
        )
    with pytest.raises(InvalidEntryError, match="actual_seconds: inf is not a number of seconds"):
        store.merge([session(8, actual=float("inf"))], [], [])
    with pytest.raises(InvalidEntryError, match="day: 2101-01-01 is not a date from 1970 to 2100"):
        store.save_check_in(CheckIn(date(2101, 1, 1)))
    assert store.is_empty() and store.unsaved == ()
    store.close()


def test_a_file_migrated_from_an_earlier_schema_keeps_such_rows_unshown(tmp_path: Path):
    path = tmp_path / "v5.sqlite3"
    shutil.copy(FIXTURES / "history_v5.sqlite3", path)
    before = HistoryStore.open(path)
    shown = before.count_timeline()
    before.close()
    shutil.copy(FIXTURES / "history_v5.sqlite3", path)  # again at schema 5, with the odd rows added
    with closing(sqlite3.connect(path)) as db:
        db.execute(
            "INSERT INTO sessions (routine_id, routine_kind, routine_title, started_at, planned_seconds,"
            " actual_seconds, completed) VALUES ('box', 'breathing', 'Box', '9999-12-31T23:59:00.000+00:00',"
            " 300, 300, 1)"
        )
        db.commit()
    store = HistoryStore.open(path)
    assert store.count_timeline() == shown
    assert len(store.timeline(100)) == shown
    store.close()


@pytest.mark.allow_logged_errors
def test_a_damaged_file_carries_over_every_row_that_can_be_shown(tmp_path: Path):
    path = tmp_path / "history.sqlite3"
    filled(path).close()
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA user_version = 5")  # it claims schema 5 but holds schema 6: damaged
        db.commit()
    result = open_history(path, tmp_path / "backups", NOW)
    # A carried-over row is checked as an import is: the unshowable ones must not stop the others.
    assert result.moved_aside is not None
    assert result.problem is not None and "with the 4 entries it could still read" in result.problem
    assert result.store.count_timeline() == 4 and result.store.check_in(DAY) == CheckIn(DAY, stress=4)
    result.store.close()


def test_restoring_a_backup_carries_over_what_can_be_shown(tmp_path: Path):
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    store.add_session(session(6))
    backup = take_backup(path, tmp_path / "backups", NOW)
    store.add_session(session(8))
    store.close()
    keep_rows_from_before_the_span(path)
    store = HistoryStore.open(path)
    report = store.restore_backup(backup.path, NOW)
    assert report.problem is None and report.carried_over is not None
    assert report.carried_over.added.sessions == 1  # the one made since the backup; the odd rows stay behind
    assert store.count() == 2
    store.close()
