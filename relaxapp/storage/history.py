"""HistoryStore: the person's practice diary in one SQLite file.

The schema version lives in the file itself (PRAGMA user_version). MIGRATIONS is only ever appended
to; a file is brought up to date step by step, each step in its own transaction, and a file written
by a newer relaxapp is refused rather than altered.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path

from relaxapp.core.record import SessionRecord
from relaxapp.core.routine import RoutineKind

log = logging.getLogger(__name__)

MIGRATIONS: tuple[tuple[str, ...], ...] = (
    # 1: one row per session
    (
        """CREATE TABLE sessions (
            id INTEGER PRIMARY KEY,
            routine_id TEXT NOT NULL,
            routine_kind TEXT NOT NULL,
            routine_title TEXT NOT NULL,
            started_at TEXT NOT NULL,
            planned_seconds REAL NOT NULL CHECK (planned_seconds > 0),
            actual_seconds REAL NOT NULL CHECK (actual_seconds >= 0),
            completed INTEGER NOT NULL CHECK (completed IN (0, 1))
        )""",
    ),
    # 2: the history page reads newest first, a page at a time; without this it sorts every row
    ("CREATE INDEX sessions_by_start ON sessions (started_at)",),
)
SCHEMA_VERSION = len(MIGRATIONS)
_BUSY_TIMEOUT_MS = 3000


class HistoryError(Exception):
    """The history cannot be used; the message says so in plain words and names the file."""


class HistoryWriteError(HistoryError):
    """A session could not be saved yet; it is kept in memory and saved with the next write."""


class HistoryStore:
    """Sessions on disk. One connection, owned here; every write is one transaction."""

    def __init__(self, connection: sqlite3.Connection, location: str) -> None:
        self._db = connection
        self.location = location
        self._unsaved: list[SessionRecord] = []
        self._read_only = False

    @classmethod
    def open(cls, path: Path) -> HistoryStore:
        """Open (creating if needed) and migrate the history at `path`; raises HistoryError."""
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(path, isolation_level=None, timeout=_BUSY_TIMEOUT_MS / 1000)
        except (OSError, sqlite3.Error) as error:
            raise HistoryError(f"The history file {path} could not be opened: {error}.") from error
        store = cls(connection, str(path))
        try:
            store._prepare()
        except sqlite3.DatabaseError as error:
            connection.close()
            raise HistoryError(_explain(error, path)) from error
        except HistoryError:
            connection.close()
            raise
        return store

    @classmethod
    def open_read_only(cls, path: Path) -> HistoryStore:
        """Past sessions from a file that cannot be written (a read-only folder or disk); raises HistoryError.

        'immutable' lets SQLite read a WAL file without creating its -shm beside it, which a read-only
        folder would refuse; nothing is ever written through this connection.
        """
        try:
            connection = sqlite3.connect(
                f"{path.resolve().as_uri()}?immutable=1", uri=True, isolation_level=None
            )
            store = cls(connection, f"{path} (read-only)")
            version = store.schema_version
        except sqlite3.Error as error:
            raise HistoryError(_explain(error, path)) from error
        if version != SCHEMA_VERSION:
            connection.close()
            raise HistoryError(f"The history file {path} cannot be updated to this version of relaxapp.")
        store._read_only = True
        return store

    @classmethod
    def in_memory(cls) -> HistoryStore:
        """A history that lasts until the app closes: the fallback when the file cannot be used."""
        store = cls(sqlite3.connect(":memory:", isolation_level=None), "memory")
        store._prepare()
        return store

    @property
    def schema_version(self) -> int:
        version: int = self._db.execute("PRAGMA user_version").fetchone()[0]
        return version

    @property
    def unsaved(self) -> tuple[SessionRecord, ...]:
        return tuple(self._unsaved)

    def add(self, record: SessionRecord) -> None:
        """Save a session, and any that could not be saved before; raises HistoryWriteError."""
        self._unsaved.append(record)
        self._save_unsaved()

    def retry_unsaved(self) -> bool:
        """Try once more to save what a failed write kept in memory; True when nothing is left over."""
        if self._unsaved:
            try:
                self._save_unsaved()
            except HistoryWriteError:
                return False
        return True

    def _save_unsaved(self) -> None:
        if self._read_only:
            raise HistoryWriteError(
                f"The history file {self.location} cannot be written, so this session is kept only until "
                "you close relaxapp."
            )
        try:
            with self._transaction():
                self._db.executemany(
                    "INSERT INTO sessions (routine_id, routine_kind, routine_title, started_at,"
                    " planned_seconds, actual_seconds, completed) VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [_row_of(unsaved) for unsaved in self._unsaved],
                )
        except sqlite3.Error as error:
            log.exception("could not save %d session(s) to %s", len(self._unsaved), self.location)
            raise HistoryWriteError(
                f"Your session could not be saved to {self.location} ({error}). It is kept and will be "
                "saved with the next one; check that the disk has space and the folder can be written."
            ) from error
        self._unsaved.clear()

    def count(self) -> int:
        total: int = self._db.execute("SELECT count(*) FROM sessions").fetchone()[0]
        return total

    @property
    def is_persistent(self) -> bool:
        """False for the fallbacks (in memory, read-only file): new sessions end with the app."""
        return self.location != "memory" and not self._read_only

    def newest(self, limit: int, older_than: SessionRecord | None = None) -> list[SessionRecord]:
        """One page of sessions, newest first; the next page starts after the last record of this one.

        Pages follow (started_at, id) through the index rather than an OFFSET, so the thousandth page
        costs what the first does, and a row skipped as unreadable cannot shift the pages.
        """
        query = (
            "SELECT id, routine_id, routine_kind, routine_title, started_at, planned_seconds,"
            " actual_seconds, completed FROM sessions"
        )
        parameters: tuple[object, ...] = (limit,)
        if older_than is not None:
            query += " WHERE (started_at, id) < (?, ?)"
            parameters = (_stamp(older_than.started_at), older_than.id, limit)
        rows = self._db.execute(query + " ORDER BY started_at DESC, id DESC LIMIT ?", parameters).fetchall()
        records = []
        for row in rows:
            try:
                records.append(_record_of(row))
            except (TypeError, ValueError) as error:
                # Kept in the file untouched, left out of the page: one odd row must not hide the rest.
                log.warning("history row %s is unreadable and is not shown: %s", row[0], error)
        return records

    def close(self) -> None:
        self._db.close()

    def _prepare(self) -> None:
        self._db.execute(f"PRAGMA busy_timeout = {_BUSY_TIMEOUT_MS}")
        self._db.execute("PRAGMA foreign_keys = ON")
        version = self.schema_version
        if version > SCHEMA_VERSION:
            raise HistoryError(
                f"The history file {self.location} was written by a newer version of relaxapp "
                f"(schema {version}; this version knows up to {SCHEMA_VERSION}). It has been left untouched."
            )
        # Only now: switching to WAL writes to the file, and a newer version's file must stay as it was.
        self._db.execute("PRAGMA journal_mode = WAL")
        for number in range(version + 1, SCHEMA_VERSION + 1):
            with self._transaction():
                for statement in MIGRATIONS[number - 1]:
                    self._db.execute(statement)
                self._db.execute(f"PRAGMA user_version = {number}")
            log.info("history %s migrated to schema %d", self.location, number)

    @contextmanager
    def _transaction(self) -> Iterator[None]:
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        self._db.execute("COMMIT")


def _explain(error: sqlite3.Error, path: Path) -> str:
    text = str(error)
    if "locked" in text or "busy" in text:
        return f"The history file {path} is in use by another program; close it and start relaxapp again."
    if "not a database" in text or "malformed" in text:
        return (
            f"The history file {path} is damaged and cannot be read ({text}). It has been left as it is; "
            "move it elsewhere to start a new history, or keep it for recovery."
        )
    if "readonly" in text or "unable to open" in text:
        return (
            f"The history file {path} could not be opened for writing ({text}). "
            "Check that the folder exists and that you may write to it."
        )
    return f"The history file {path} could not be opened ({text})."


def _stamp(moment: datetime) -> str:
    # One fixed shape, always UTC with milliseconds, so that text order is time order in SQL.
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def _row_of(record: SessionRecord) -> tuple[object, ...]:
    return (
        record.routine_id,
        record.routine_kind.value,
        record.routine_title,
        _stamp(record.started_at),
        record.planned_seconds,
        record.actual_seconds,
        int(record.completed),
    )


def _record_of(row: tuple[object, ...]) -> SessionRecord:
    session_id, routine_id, kind, title, started_at, planned, actual, completed = row
    return SessionRecord(
        routine_id=str(routine_id),
        routine_kind=RoutineKind(str(kind)),
        routine_title=str(title),
        started_at=datetime.fromisoformat(str(started_at)),
        planned_seconds=float(str(planned)),
        actual_seconds=float(str(actual)),
        completed=bool(completed),
        id=int(str(session_id)),
    )
