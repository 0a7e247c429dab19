"""A history file is checked for what it claims before anything is written to it: another program's
database is left untouched, one whose tables do not match its version is set aside as damaged, and a
read-only one is said to be so at start."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from relaxapp.core.journal import Episode, EpisodeDuration, Place, Side
from relaxapp.core.record import SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.storage.backup import take_backup
from relaxapp.storage.history import SCHEMA_VERSION, HistoryError, HistoryStore, open_history
from tests.helpers.files import fifo, without_waiting_on
from tests.helpers.history import as_a_person

NOW = datetime(2026, 11, 25, 21, 0, tzinfo=UTC)
ROOT = Path(__file__).resolve().parents[3]


def files_in(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir()) if path.is_file()}


def another_programs_database(path: Path, *tables: str) -> None:
    with closing(sqlite3.connect(path)) as db:
        for table in tables:
            db.execute(f"CREATE TABLE {table} (id INTEGER PRIMARY KEY, body TEXT)")
            db.execute(f"INSERT INTO {table} (body) VALUES ('theirs')")
        db.commit()


def session_at(moment: datetime) -> SessionRecord:
    return SessionRecord("box", RoutineKind.BREATHING, "Box breathing", moment, 300.0, 300.0, True)


@pytest.mark.allow_logged_errors
@pytest.mark.parametrize(
    "tables",
    [("sessions", "bookmarks"), ("notes",)],
    ids=["with a table of our name", "with no table in common"],
)
def test_another_programs_database_is_refused_and_left_untouched(tmp_path: Path, tables: tuple[str, ...]):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "history.sqlite3"
    another_programs_database(path, *tables)
    before = files_in(folder)
    result = open_history(path, tmp_path / "backups", NOW)
    assert result.store.location == "memory" and result.moved_aside is None
    assert result.problem is not None
    assert f"The file {path} is not a relaxapp history: it holds another program's tables" in result.problem
    assert "left untouched" in result.problem
    result.store.add_episode(Episode(NOW, Side.LEFT, (Place.EYELID,), 3, EpisodeDuration.SECONDS))
    result.store.close()
    assert files_in(folder) == before  # no WAL, no tables of ours, no version
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
        assert db.execute("PRAGMA user_version").fetchone() == (0,)


@pytest.mark.allow_logged_errors
def test_another_programs_database_in_wal_mode_keeps_its_wal(tmp_path: Path):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "history.sqlite3"
    owner = sqlite3.connect(path, isolation_level=None)
    owner.execute("PRAGMA journal_mode = WAL")
    owner.execute("CREATE TABLE notes (body TEXT)")
    owner.execute("INSERT INTO notes VALUES ('in the wal')")
    main_file = path.read_bytes()
    wal = Path(f"{path}-wal").read_bytes()
    assert wal  # the other program's last writes live in its WAL until it checkpoints
    result = open_history(path, tmp_path / "backups", NOW)
    result.store.close()
    assert result.store.location == "memory"
    assert path.read_bytes() == main_file and Path(f"{path}-wal").read_bytes() == wal
    owner.close()


@pytest.mark.allow_logged_errors
def test_a_file_whose_tables_do_not_match_its_version_is_set_aside_as_damaged(tmp_path: Path):
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    store.add_episode(Episode(NOW, Side.LEFT, (Place.EYELID,), 3, EpisodeDuration.SECONDS))
    store.add_session(session_at(NOW))
    backup = take_backup(path, tmp_path / "backups", NOW - timedelta(days=1))
    store.close()
    with closing(sqlite3.connect(path)) as db:
        db.execute("DROP TABLE episodes")  # user_version still says it has one
        db.commit()
    result = open_history(path, tmp_path / "backups", NOW)
    assert result.moved_aside is not None and result.backup == backup
    assert result.problem is not None and "was damaged" in result.problem
    assert "with the 1 entries it could still read" in result.problem  # the session; no episodes table
    assert result.store.count() == 1 and result.store.count_timeline() == 1
    result.store.close()


@pytest.mark.allow_logged_errors
def test_a_version_that_claims_fewer_columns_than_the_tables_have_is_damaged(tmp_path: Path):
    path = tmp_path / "history.sqlite3"
    HistoryStore.open(path).close()
    with closing(sqlite3.connect(path)) as db:
        db.execute(f"PRAGMA user_version = {SCHEMA_VERSION - 1}")
        db.commit()
    result = open_history(path, tmp_path / "backups", NOW)
    assert result.moved_aside is not None and result.store.is_persistent
    assert result.store.schema_version == SCHEMA_VERSION  # a new history in its place
    result.store.close()


def test_a_backup_that_does_not_hold_what_it_claims_is_not_restored(tmp_path: Path):
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    store.add_session(session_at(NOW))
    odd = tmp_path / "odd.sqlite3"
    another_programs_database(odd, "notes")
    with pytest.raises(HistoryError, match=r"odd\.sqlite3 is damaged \(it holds another program's tables"):
        store.restore_backup(odd, NOW)
    assert store.count() == 1
    store.close()


OPEN_READ_ONLY_FILE = """
import json, sys
from datetime import UTC, datetime
from pathlib import Path
from relaxapp.storage.history import open_history

result = open_history(Path(sys.argv[1]), Path(sys.argv[2]), datetime(2026, 11, 25, tzinfo=UTC))
print(json.dumps({"problem": result.problem, "persistent": result.store.is_persistent,
                  "shown": result.store.count_timeline()}))
"""


def opened_as_a_person(path: Path, backups: Path) -> dict[str, object]:
    """What open_history gives for `path` run with a person's file permissions (see as_a_person)."""
    result = subprocess.run(
        as_a_person([sys.executable, "-c", OPEN_READ_ONLY_FILE, str(path), str(backups)]),
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
        cwd=ROOT,
    )
    opened: dict[str, object] = json.loads(result.stdout)
    return opened


@pytest.mark.skipif(os.name != "posix", reason="file permissions as POSIX has them")
def test_a_read_only_history_is_said_to_be_so_at_start_and_its_entries_shown(tmp_path: Path):
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    store.add_session(session_at(NOW))
    store.close()
    path.chmod(0o444)
    opened = opened_as_a_person(path, tmp_path / "backups")
    assert opened["problem"].startswith(f"The history file {path} is read-only")
    assert "Make the file writable" in opened["problem"] and "disk has space" not in opened["problem"]
    assert "Your past entries are shown" in opened["problem"]
    assert (opened["persistent"], opened["shown"]) == (False, 1)


@pytest.mark.parametrize("opening", [HistoryStore.open, HistoryStore.open_read_only])
def test_a_named_pipe_in_place_of_the_history_is_refused_without_waiting(tmp_path: Path, opening):
    pipe = fifo(tmp_path / "history.sqlite3")

    def open_it() -> None:
        with pytest.raises(HistoryError, match=r"is a named pipe \(FIFO\), not a file"):
            opening(pipe)

    without_waiting_on(pipe, open_it)


@pytest.mark.skipif(os.name != "posix", reason="file permissions as POSIX has them")
def test_a_history_of_the_schema_before_in_a_read_only_folder_is_shown_migrated_in_memory(tmp_path: Path):
    folder = tmp_path / "data"
    folder.mkdir()
    path = folder / "history.sqlite3"
    path.write_bytes((ROOT / "tests" / "fixtures" / f"history_v{SCHEMA_VERSION - 1}.sqlite3").read_bytes())
    before = path.read_bytes()
    path.chmod(0o444)
    folder.chmod(0o555)  # no -shm can be made beside it: the file is read as it was last checkpointed
    try:
        opened = opened_as_a_person(path, tmp_path / "backups")
    finally:
        folder.chmod(0o755)
    assert "Your past entries are shown" in opened["problem"]
    assert opened["persistent"] is False
    assert path.read_bytes() == before
    assert sorted(p.name for p in folder.iterdir()) == ["history.sqlite3"]
    with closing(HistoryStore.open_read_only(path)) as expected:  # the same, read where -shm can be made
        assert opened["shown"] == expected.count_timeline() > 0
