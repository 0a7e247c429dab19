"""HistoryStore: the person's diary in one SQLite file: sessions with their ratings, episodes, check-ins.

The schema version lives in the file itself (PRAGMA user_version). MIGRATIONS is only ever appended
to; a file is brought up to date step by step, each step in its own transaction, and a file written
by a newer relaxapp is refused rather than altered.

Durability: WAL with synchronous=NORMAL. A commit is in the WAL file before add_session() returns, so a
crash or kill of relaxapp loses nothing; only a power cut in the moment after a commit could roll back
that last change, never damage the file (https://www.sqlite.org/wal.html#durability). FULL would add an
fsync per entry, tens of milliseconds on a slow disk, for that one case.
"""

from __future__ import annotations

import contextlib
import functools
import heapq
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any, Generic, TypeVar, cast

from relaxapp.core.journal import (
    CheckIn,
    Episode,
    EpisodeDuration,
    Place,
    Side,
    check_in_problems,
    episode_problems,
)
from relaxapp.core.record import SKIPPED, Ratings, Scale, Score, SessionRecord, session_problems
from relaxapp.core.routine import RoutineKind
from relaxapp.core.stats import DayFacts
from relaxapp.storage.backup import Backup, list_backups

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
    # 3: before/after ratings. A number is 0-10; NULL with its bit in skipped_ratings (1 tension_before,
    # 2 twitch_before, 4 tension_after, 8 twitch_after) was asked and skipped; NULL without it was never
    # asked, as for every row written before this version. Kind + start serve the filter by routine kind;
    # the partial covering indexes let the average change by kind read only rated sessions, in group order.
    (
        "ALTER TABLE sessions ADD COLUMN tension_before INTEGER CHECK (tension_before BETWEEN 0 AND 10)",
        "ALTER TABLE sessions ADD COLUMN twitch_before INTEGER CHECK (twitch_before BETWEEN 0 AND 10)",
        "ALTER TABLE sessions ADD COLUMN tension_after INTEGER CHECK (tension_after BETWEEN 0 AND 10)",
        "ALTER TABLE sessions ADD COLUMN twitch_after INTEGER CHECK (twitch_after BETWEEN 0 AND 10)",
        "ALTER TABLE sessions ADD COLUMN skipped_ratings INTEGER NOT NULL DEFAULT 0"
        " CHECK (skipped_ratings BETWEEN 0 AND 15)",
        "CREATE INDEX sessions_by_kind ON sessions (routine_kind, started_at)",
        "CREATE INDEX sessions_tension_rated ON sessions"
        " (routine_kind, tension_before, tension_after, started_at)"
        " WHERE tension_before IS NOT NULL AND tension_after IS NOT NULL",
        "CREATE INDEX sessions_twitch_rated ON sessions"
        " (routine_kind, twitch_before, twitch_after, started_at)"
        " WHERE twitch_before IS NOT NULL AND twitch_after IS NOT NULL",
    ),
    # 4: the spasm journal. Choices (side, place, duration) are checked by the code, like routine_kind,
    # so that a later version may add one without rebuilding the table.
    (
        """CREATE TABLE episodes (
            id INTEGER PRIMARY KEY,
            occurred_at TEXT NOT NULL,
            side TEXT NOT NULL,
            place TEXT NOT NULL,
            intensity INTEGER NOT NULL CHECK (intensity BETWEEN 1 AND 10),
            duration TEXT NOT NULL,
            note TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX episodes_by_time ON episodes (occurred_at)",
    ),
    # 5: one check-in per local date (YYYY-MM-DD); a NULL factor was left blank that day
    (
        """CREATE TABLE check_ins (
            day TEXT PRIMARY KEY CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
            sleep_hours REAL CHECK (sleep_hours BETWEEN 0 AND 24),
            caffeine_drinks INTEGER CHECK (caffeine_drinks >= 0),
            stress INTEGER CHECK (stress BETWEEN 0 AND 10),
            water_glasses INTEGER CHECK (water_glasses >= 0),
            note TEXT NOT NULL DEFAULT ''
        ) WITHOUT ROWID""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
_BUSY_TIMEOUT_MS = 3000
_SKIP_BITS = {"tension_before": 1, "twitch_before": 2, "tension_after": 4, "twitch_after": 8}
_SESSION_FIELDS = (
    "routine_id, routine_kind, routine_title, started_at, planned_seconds, actual_seconds, completed,"
    " tension_before, twitch_before, tension_after, twitch_after, skipped_ratings"
)
_SESSION_COLUMNS = f"id, {_SESSION_FIELDS}"
_EPISODE_COLUMNS = "id, occurred_at, side, place, intensity, duration, note"
_CHECK_IN_COLUMNS = "day, sleep_hours, caffeine_drinks, stress, water_glasses, note"

Entry = SessionRecord | Episode | CheckIn
TimelineEntry = SessionRecord | Episode
T = TypeVar("T")


class HistoryError(Exception):
    """The history cannot be used; the message says so in plain words and names the file."""


class HistoryDamagedError(HistoryError):
    """The file is not a database, or SQLite's quick_check found damage in it."""


class HistoryWriteError(HistoryError):
    """A change could not be saved yet; it is kept in memory and saved with the next write or a retry."""


class InvalidEntryError(ValueError):
    """An entry the history refuses to keep; `problems` name each field and its value."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = tuple(problems)


@dataclass(frozen=True)
class TimelineFilter:
    """Which entries the timeline shows. Routine kinds limit sessions only; None means every kind."""

    sessions: bool = True
    episodes: bool = True
    routine_kinds: frozenset[RoutineKind] | None = None
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive


EVERYTHING = TimelineFilter()


@dataclass(frozen=True)
class Counts:
    sessions: int = 0
    episodes: int = 0
    check_ins: int = 0

    @property
    def total(self) -> int:
        return self.sessions + self.episodes + self.check_ins


@dataclass(frozen=True)
class MergeReport:
    added: Counts
    skipped: Counts  # already in the history (same natural key), or twice in what was merged


@dataclass(frozen=True)
class RestoreReport:
    moved_aside: Path  # the file that was in use, kept beside the history
    carried_over: MergeReport | None  # entries of that file added to the backup's; None when not asked
    problem: str | None  # set when carrying over failed; the entries are still in `moved_aside`


@dataclass
class _Write(Generic[T]):
    entry: Entry
    noun: str  # "session", "episode", "check-in", "change"
    run: Callable[[sqlite3.Connection], T]


class HistoryStore:
    """The diary on disk. One connection, owned here; every change is one transaction.

    A change that cannot be written (full disk, read-only folder, another program holding the file) is
    kept in memory, in order, and written before the next change or by retry_unsaved().
    """

    def __init__(self, connection: sqlite3.Connection, location: str, path: Path | None = None) -> None:
        self._db = connection
        self.location = location
        self.path = path  # None for the in-memory fallback
        self._pending: list[_Write[Any]] = []
        self._read_only = False

    # -- opening -------------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> HistoryStore:
        """Open (creating if needed), check and migrate the history at `path`.

        Raises HistoryDamagedError for a file that is not a database or fails quick_check (left untouched),
        HistoryError for everything else (newer version, locked, unwritable folder).
        """
        if path.exists():
            _probe(path)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = _connect(path)
        except (OSError, sqlite3.Error) as error:
            raise HistoryError(f"The history file {path} could not be opened: {error}.") from error
        store = cls(connection, str(path), path)
        try:
            store._prepare()
        except sqlite3.DatabaseError as error:
            connection.close()
            raise _error_of(error, path) from error
        except HistoryError:
            connection.close()
            raise
        return store

    @classmethod
    def open_read_only(cls, path: Path) -> HistoryStore:
        """Past entries from a file that cannot be written (a read-only folder or disk); raises HistoryError.

        'immutable' lets SQLite read a WAL file without creating its -shm beside it, which a read-only
        folder would refuse; nothing is ever written through this connection.
        """
        try:
            connection = sqlite3.connect(
                f"{path.resolve().as_uri()}?immutable=1", uri=True, isolation_level=None
            )
        except sqlite3.Error as error:
            raise _error_of(error, path) from error
        store = cls(connection, f"{path} (read-only)", path)
        try:
            version = store.schema_version
            if version != SCHEMA_VERSION:
                raise HistoryError(f"The history file {path} cannot be updated to this version of relaxapp.")
            _require_intact(connection, store.location)
        except HistoryError:
            connection.close()
            raise
        except sqlite3.Error as error:
            connection.close()
            raise _error_of(error, path) from error
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
    def is_persistent(self) -> bool:
        """False for the fallbacks (in memory, read-only file): new entries end with the app."""
        return self.path is not None and not self._read_only

    def close(self) -> None:
        self._db.close()

    # -- what could not be written yet ---------------------------------------------------------------

    @property
    def unsaved(self) -> tuple[Entry, ...]:
        """Entries whose change (add, edit, delete, restore, check-in) waits to be written, oldest first."""
        return tuple(write.entry for write in self._pending)

    def retry_unsaved(self) -> bool:
        """Try once more to write what failed before; True when nothing is left over."""
        if self._pending:
            try:
                self._flush("change")
            except HistoryWriteError:
                return False
        return True

    # -- sessions ------------------------------------------------------------------------------------

    def add_session(self, record: SessionRecord) -> SessionRecord:
        """Save a session (and anything unsaved before it); returns it with its id.

        Raises InvalidEntryError for a record that breaks a rule (nothing kept), HistoryWriteError when the
        write failed (the record is kept in `unsaved` and written with the next change).
        """
        _require(session_problems(record))
        return self._write(_Write(record, "session", functools.partial(_insert_session, record=record)))

    def update_session(self, record: SessionRecord) -> SessionRecord | None:
        """Replace the saved session with record.id; returns the version replaced (to undo), or None."""
        _require(session_problems(record))
        record_id = _saved_id(record)
        return self._write(
            _Write(record, "change", functools.partial(_update_session, record=record, row_id=record_id))
        )

    def delete_session(self, record: SessionRecord) -> None:
        """Delete a session; restore_session(record) undoes it. An unsaved one is simply forgotten."""
        if record.id is None:
            self._forget(record)
            return
        self._write(_Write(record, "change", functools.partial(_delete, table="sessions", row_id=record.id)))

    def restore_session(self, record: SessionRecord) -> SessionRecord:
        """Bring back a deleted session, under its old id when that is still free; returns it as saved."""
        _require(session_problems(record))
        return self._write(
            _Write(record, "session", functools.partial(_insert_session, record=record, keep_id=True))
        )

    def saved_session(self, record: SessionRecord) -> SessionRecord | None:
        """The saved session that `record` is (by its natural key: when it started and what it was), with
        its id; None while it is not saved (it may still wait in memory)."""
        row = self._db.execute(
            f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE started_at = ? AND routine_id = ? LIMIT 1",
            (stamp(record.started_at), record.routine_id),
        ).fetchone()
        return None if row is None else _readable(_session_of, row)

    def newest(self, limit: int, older_than: SessionRecord | None = None) -> list[SessionRecord]:
        """One page of sessions, newest first; the next page starts after the last record of this one.

        Pages follow (started_at, id) through the index rather than an OFFSET, so the thousandth page
        costs what the first does, and a row skipped as unreadable cannot shift the pages.
        """
        page = self.timeline(limit, older_than, only=TimelineFilter(episodes=False))
        return [entry for entry in page if isinstance(entry, SessionRecord)]

    def count(self) -> int:
        """How many sessions the history holds."""
        total: int = self._db.execute("SELECT count(*) FROM sessions").fetchone()[0]
        return total

    # -- episodes ------------------------------------------------------------------------------------

    def add_episode(self, episode: Episode) -> Episode:
        """Save a spasm episode; returns it with its id. Raises as add_session does."""
        _require(episode_problems(episode))
        return self._write(_Write(episode, "episode", functools.partial(_insert_episode, episode=episode)))

    def update_episode(self, episode: Episode) -> Episode | None:
        """Replace the saved episode with episode.id; returns the version replaced (to undo), or None."""
        _require(episode_problems(episode))
        episode_id = _saved_id(episode)
        return self._write(
            _Write(episode, "change", functools.partial(_update_episode, episode=episode, row_id=episode_id))
        )

    def delete_episode(self, episode: Episode) -> None:
        """Delete an episode; restore_episode(episode) undoes it. An unsaved one is simply forgotten."""
        if episode.id is None:
            self._forget(episode)
            return
        self._write(
            _Write(episode, "change", functools.partial(_delete, table="episodes", row_id=episode.id))
        )

    def restore_episode(self, episode: Episode) -> Episode:
        """Bring back a deleted episode, under its old id when that is still free; returns it as saved."""
        _require(episode_problems(episode))
        return self._write(
            _Write(episode, "episode", functools.partial(_insert_episode, episode=episode, keep_id=True))
        )

    # -- check-ins -----------------------------------------------------------------------------------

    def save_check_in(self, check_in: CheckIn) -> CheckIn | None:
        """Save the day's check-in, replacing that day's earlier one; returns the one replaced (to undo)."""
        _require(check_in_problems(check_in))
        return self._write(
            _Write(check_in, "check-in", functools.partial(_upsert_check_in, check_in=check_in))
        )

    def delete_check_in(self, day: date) -> CheckIn | None:
        """Delete the check-in of `day`; returns it (undo: save_check_in), or None if there was none."""
        return self._write(_Write(CheckIn(day), "change", functools.partial(_delete_check_in, day=day)))

    def check_in(self, day: date) -> CheckIn | None:
        return _check_in_on(self._db, day)

    def latest_check_in_before(self, day: date) -> CheckIn | None:
        """The most recent check-in before `day`: its answers are the defaults of today's."""
        row = self._db.execute(
            f"SELECT {_CHECK_IN_COLUMNS} FROM check_ins WHERE day < ? ORDER BY day DESC LIMIT 1",
            (day.isoformat(),),
        ).fetchone()
        return None if row is None else _readable(_check_in_of, row)

    # -- the timeline --------------------------------------------------------------------------------

    def timeline(
        self,
        limit: int,
        after: TimelineEntry | None = None,
        *,
        newest_first: bool = True,
        only: TimelineFilter = EVERYTHING,
    ) -> list[TimelineEntry]:
        """One page of sessions and episodes together, in time order; pass the page's last entry as `after`
        for the next one. Each table is read through its time index, `limit` rows at most, so a page costs
        the same at row 10 and at row 100,000. At the same moment episodes come before sessions (newest
        first). Unreadable rows are logged and left out; nothing is deleted.
        """
        cursor = None if after is None else _key(after)
        pages: list[list[TimelineEntry]] = []
        if only.sessions:
            pages.append(self._page("sessions", limit, cursor, newest_first, only))
        if only.episodes:
            pages.append(self._page("episodes", limit, cursor, newest_first, only))
        merged = heapq.merge(*pages, key=_key, reverse=newest_first)
        return [entry for _, entry in zip(range(limit), merged, strict=False)]

    def is_empty(self) -> bool:
        """Nothing kept at all: no session, episode or check-in."""
        return all(
            self._db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is None
            for table in ("sessions", "episodes", "check_ins")
        )

    def count_timeline(self, only: TimelineFilter = EVERYTHING) -> int:
        """How many entries the timeline holds under `only` (for a scroll bar; no row is read)."""
        total = 0
        for table, wanted in (("sessions", only.sessions), ("episodes", only.episodes)):
            if wanted:
                where, parameters = _where(table, only, None, newest_first=True)
                row = self._db.execute(f"SELECT count(*) FROM {table}{where}", parameters).fetchone()
                total += int(row[0])
        return total

    def _page(
        self,
        table: str,
        limit: int,
        cursor: tuple[str, int, int] | None,
        newest_first: bool,
        only: TimelineFilter,
    ) -> list[TimelineEntry]:
        sessions = table == "sessions"
        columns, moment = (_SESSION_COLUMNS, "started_at") if sessions else (_EPISODE_COLUMNS, "occurred_at")
        where, parameters = _where(table, only, cursor, newest_first)
        order = "DESC" if newest_first else "ASC"
        rows = self._db.execute(
            f"SELECT {columns} FROM {table}{where} ORDER BY {moment} {order}, id {order} LIMIT ?",
            [*parameters, limit],
        ).fetchall()
        entries: list[TimelineEntry] = []
        for row in rows:
            entry = _readable(_session_of, row) if sessions else _readable(_episode_of, row)
            if entry is not None:
                entries.append(entry)
        return entries

    # -- calendar and insights -----------------------------------------------------------------------

    def minutes_by_day(self, first: date, last: date) -> dict[date, float]:
        """Minutes practised on each local day from `first` to `last` (inclusive); days without practice are
        left out. A session counts on the day it started."""
        rows = self._db.execute(
            "SELECT date(started_at, 'localtime'), sum(actual_seconds) / 60.0 FROM sessions"
            " WHERE started_at >= ? AND started_at < ? GROUP BY 1",
            _local_range(first, last),
        )
        return {date.fromisoformat(day): minutes for day, minutes in rows}

    def practice_days(self) -> set[date]:
        """Every local day with at least one session: what streaks are counted from."""
        rows = self._db.execute("SELECT DISTINCT date(started_at, 'localtime') FROM sessions")
        return {date.fromisoformat(day) for (day,) in rows if day is not None}

    def day_facts(self, first: date, last: date) -> list[DayFacts]:
        """Every local day from `first` to `last` (inclusive): minutes practised, episodes, check-in."""
        minutes = self.minutes_by_day(first, last)
        episodes = {
            date.fromisoformat(day): count
            for day, count in self._db.execute(
                "SELECT date(occurred_at, 'localtime'), count(*) FROM episodes"
                " WHERE occurred_at >= ? AND occurred_at < ? GROUP BY 1",
                _local_range(first, last),
            )
        }
        check_ins: dict[date, CheckIn] = {}
        for row in self._db.execute(
            f"SELECT {_CHECK_IN_COLUMNS} FROM check_ins WHERE day BETWEEN ? AND ?",
            (first.isoformat(), last.isoformat()),
        ):
            check_in = _readable(_check_in_of, row)
            if check_in is not None:
                check_ins[check_in.day] = check_in
        days = []
        day = first
        while day <= last:
            days.append(DayFacts(day, minutes.get(day, 0.0), episodes.get(day, 0), check_ins.get(day)))
            day += timedelta(days=1)
        return days

    def rating_changes(
        self, scale: Scale, since: datetime | None = None
    ) -> list[tuple[RoutineKind, int, int, int]]:
        """(kind, before, after, sessions) for the sessions rated on `scale` at both ends, alike pairs counted
        together: what stats.average_change_by_kind takes."""
        before, after = f"{scale.value}_before", f"{scale.value}_after"
        query = (
            f"SELECT routine_kind, {before}, {after}, count(*) FROM sessions"
            f" WHERE {before} IS NOT NULL AND {after} IS NOT NULL"
        )
        parameters: tuple[str, ...] = ()
        if since is not None:
            query += " AND started_at >= ?"
            parameters = (stamp(since),)
        kinds = {kind.value: kind for kind in RoutineKind}
        rows = self._db.execute(query + " GROUP BY 1, 2, 3", parameters)
        return [(kinds[kind], b, a, count) for kind, b, a, count in rows if kind in kinds]

    # -- everything, for export, import and restore --------------------------------------------------

    def all_sessions(self) -> Iterator[SessionRecord]:
        """Every readable session, oldest first, read as it is consumed."""
        return _all(self._db, f"SELECT {_SESSION_COLUMNS} FROM sessions ORDER BY started_at, id", _session_of)

    def all_episodes(self) -> Iterator[Episode]:
        return _all(
            self._db, f"SELECT {_EPISODE_COLUMNS} FROM episodes ORDER BY occurred_at, id", _episode_of
        )

    def all_check_ins(self) -> Iterator[CheckIn]:
        return _all(self._db, f"SELECT {_CHECK_IN_COLUMNS} FROM check_ins ORDER BY day", _check_in_of)

    def merge(
        self, sessions: Iterable[SessionRecord], episodes: Iterable[Episode], check_ins: Iterable[CheckIn]
    ) -> MergeReport:
        """Add what the history does not hold yet, all in one transaction: all of it or, on failure, none.

        Natural keys decide what is already there: a session by (started_at, routine_id), an episode by
        (occurred_at, side, place), a check-in by its day (the one in the history is kept). Ids are ignored.
        Raises InvalidEntryError before writing anything, HistoryWriteError when the write fails (nothing is
        kept: the source still holds it all).
        """
        sessions, episodes, check_ins = list(sessions), list(episodes), list(check_ins)
        problems = [
            *(p for s in sessions for p in session_problems(s)),
            *(p for e in episodes for p in episode_problems(e)),
            *(p for c in check_ins for p in check_in_problems(c)),
        ]
        _require(problems)
        if self._read_only:
            raise HistoryWriteError(f"The history file {self.location} cannot be written; nothing was added.")
        try:
            with self._transaction():
                added = Counts(
                    sum(_insert_new_session(self._db, s) for s in sessions),
                    sum(_insert_new_episode(self._db, e) for e in episodes),
                    sum(_insert_new_check_in(self._db, c) for c in check_ins),
                )
        except sqlite3.Error as error:
            log.exception("could not merge into %s", self.location)
            raise HistoryWriteError(
                f"Nothing was added to {self.location} ({error}); check that the disk has space and the "
                "folder can be written, then try again."
            ) from error
        skipped = Counts(
            len(sessions) - added.sessions, len(episodes) - added.episodes, len(check_ins) - added.check_ins
        )
        return MergeReport(added, skipped)

    # -- backups -------------------------------------------------------------------------------------

    def restore_backup(self, backup: Path, now: datetime, keep_current: bool = True) -> RestoreReport:
        """Put `backup` in place of the file in use, which is moved aside beside it first, never deleted.

        With keep_current the entries of the file in use are merged into the restored history, so what was
        entered since the backup (or since a damaged file was set aside) stays. The store goes on with the
        restored file. Raises HistoryError, with the current file still in use, when the backup cannot be
        used or the files cannot be moved.
        """
        if self.path is None or self._read_only:
            raise HistoryError(
                "Only a history kept in a file that can be written can be restored from a backup."
            )
        path = self.path
        _check_backup(backup)
        self.retry_unsaved()  # what stays unsaved is written into the restored file later
        temporary = path.with_name(f"{path.name}.restoring")
        try:
            shutil.copyfile(backup, temporary)
            with open(temporary, "rb") as copied:
                os.fsync(copied.fileno())
        except OSError as error:
            temporary.unlink(missing_ok=True)
            raise HistoryError(
                f"The backup {backup} could not be copied ({error}); nothing was changed."
            ) from error
        self._db.close()
        try:
            aside = move_aside(path, "replaced", now)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            self._reconnect()
            raise HistoryError(
                f"The history file {path} could not be moved aside ({error}); nothing was changed."
            ) from error
        try:
            temporary.replace(path)
        except OSError as error:
            temporary.unlink(missing_ok=True)
            _put_back(aside, path)
            self._reconnect()
            raise HistoryError(
                f"The backup could not be put in place of {path} ({error}); nothing was changed."
            ) from error
        try:
            self._reconnect()
        except (sqlite3.Error, HistoryError) as error:
            # The copy of the backup cannot be used as a history (an old schema that will not migrate,
            # say): it goes, the backup itself stays in its folder, and the file that was in use comes back.
            log.exception("the backup %s could not be opened as a history", backup)
            with contextlib.suppress(sqlite3.Error):
                self._db.close()
            for tail in ("-wal", "-shm", ""):
                Path(f"{path}{tail}").unlink(missing_ok=True)
            _put_back(aside, path)
            self._reconnect()
            raise HistoryError(
                f"The backup {backup.name} could not be opened as a history ({error}); your history is as "
                "it was."
            ) from error
        if not keep_current:
            return RestoreReport(aside, None, None)
        try:
            with closing(HistoryStore.open_read_only(aside)) as previous:
                carried = self.merge(
                    previous.all_sessions(), previous.all_episodes(), previous.all_check_ins()
                )
        except (HistoryError, InvalidEntryError, sqlite3.Error) as error:
            log.exception("could not carry entries over from %s", aside)
            return RestoreReport(
                aside,
                None,
                f"The backup is back, but the entries made since could not be added to it ({error}). "
                f"They are kept in {aside}.",
            )
        return RestoreReport(aside, carried, None)

    # -- inside --------------------------------------------------------------------------------------

    def _write(self, write: _Write[T]) -> T:
        self._pending.append(write)
        return cast(T, self._flush(write.noun)[-1])

    def _flush(self, noun: str) -> list[object]:
        """Write every pending change, oldest first, in one transaction; their results in the same order."""
        if self._read_only:
            raise HistoryWriteError(
                f"The history file {self.location} cannot be written, so this {noun} is kept only until you "
                "close relaxapp."
            )
        try:
            with self._transaction():
                results = [write.run(self._db) for write in self._pending]
        except sqlite3.Error as error:
            log.exception("could not write %d change(s) to %s", len(self._pending), self.location)
            raise HistoryWriteError(
                f"Your {noun} could not be saved to {self.location} ({error}). It is kept and will be saved "
                "with your next change; check that the disk has space and the folder can be written."
            ) from error
        self._pending.clear()
        return results

    def _reconnect(self) -> None:
        assert self.path is not None  # only a store on a file reconnects
        self._db = _connect(self.path)
        self._prepare()

    def _forget(self, entry: Entry) -> None:
        for write in self._pending:
            if write.entry == entry:
                self._pending.remove(write)
                return

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
        self._db.execute("PRAGMA synchronous = NORMAL")  # see the module's docstring
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
            self._db.execute("COMMIT")
        except BaseException:
            # A failed COMMIT (a full disk) leaves the transaction open; SQLite may also have ended it.
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise


@dataclass(frozen=True)
class OpenResult:
    """What start-up gets: always a usable store, and a message for the person when something was wrong."""

    store: HistoryStore
    problem: str | None = None  # a plain message to show; None when all is well
    moved_aside: Path | None = None  # where a damaged file was put
    backup: Backup | None = None  # the newest backup, offered for restore_backup when the file was damaged


def open_history(path: Path, backups_dir: Path, now: datetime) -> OpenResult:
    """Open the history at start-up; never raises.

    A damaged file (not a database, or failing quick_check) is moved aside with its -wal and -shm, never
    deleted, and a new empty history is started in its place; the newest backup is offered. A file from a
    newer relaxapp, or one another program holds, is left alone: its entries are shown read-only when they
    can be, and new ones are kept in memory. A file that cannot be written is shown read-only.
    """
    try:
        return OpenResult(HistoryStore.open(path))
    except HistoryDamagedError as error:
        log.exception("history damaged")
        return _start_afresh(path, backups_dir, now, error)
    except HistoryError as error:
        log.exception("history unavailable")
        failure = error
    if path.exists():
        try:
            store = HistoryStore.open_read_only(path)
        except HistoryError:
            log.exception("history not readable either")
        else:
            return OpenResult(
                store, f"{failure} Your past entries are shown; new ones are kept until you close relaxapp."
            )
    return OpenResult(
        HistoryStore.in_memory(), f"{failure} Entries from now on are kept only until you close relaxapp."
    )


def _start_afresh(path: Path, backups_dir: Path, now: datetime, error: HistoryDamagedError) -> OpenResult:
    backups = list_backups(backups_dir)
    backup = backups[0] if backups else None
    try:
        aside = move_aside(path, "damaged", now)
        store = HistoryStore.open(path)
    except (OSError, HistoryError) as failure:
        log.exception("could not start a new history beside the damaged one")
        return OpenResult(
            HistoryStore.in_memory(),
            f"Your history file {path} is damaged and could not be set aside ({failure}). Nothing was "
            "deleted. Entries from now on are kept only until you close relaxapp.",
            backup=backup,
        )
    log.error("history set aside as %s: %s", aside, error)
    carried = _carry_over(aside, store)
    started = (
        f"started a new history with the {carried} entries it could still read"
        if carried
        else "started a new, empty history"
    )
    offer = (
        f" Your latest backup, from {backup.taken_at.astimezone():%A %d %B %Y at %H:%M}, can bring back "
        "what you had entered up to then (History, Export and restore)."
        if backup
        else " There is no backup to bring back; keep the damaged file in case it can be recovered."
    )
    return OpenResult(
        store,
        f"Your history file was damaged, so relaxapp set it aside as {aside.name} (nothing was deleted) "
        f"and {started}.{offer}",
        moved_aside=aside,
        backup=backup,
    )


def _carry_over(damaged: Path, store: HistoryStore) -> int:
    """Copy into `store` every entry of a damaged file that can still be read; returns how many.

    Table by table, each without its index (an index is as likely to be damaged as a table): a table
    that fails part way keeps what it gave before.
    """
    tables: tuple[list[Any], list[Any], list[Any]] = ([], [], [])
    reads: tuple[tuple[str, Callable[[_Row], Any]], ...] = (
        (f"SELECT {_SESSION_COLUMNS} FROM sessions", _session_of),
        (f"SELECT {_EPISODE_COLUMNS} FROM episodes", _episode_of),
        (f"SELECT {_CHECK_IN_COLUMNS} FROM check_ins", _check_in_of),
    )
    try:
        db = sqlite3.connect(f"{damaged.resolve().as_uri()}?immutable=1", uri=True, isolation_level=None)
    except sqlite3.Error:
        log.exception("nothing could be read from %s", damaged)
        return 0
    with closing(db):
        for entries, (query, read) in zip(tables, reads, strict=True):
            try:
                for row in db.execute(query):
                    entry = _readable(read, row)
                    if entry is not None:
                        entries.append(entry)
            except sqlite3.Error:
                log.warning("only part of a table of %s could be read", damaged, exc_info=True)
    try:
        report = store.merge(*tables)
    except (InvalidEntryError, HistoryWriteError):
        log.exception("the entries read from %s could not be carried over", damaged)
        return 0
    return report.added.total


def move_aside(path: Path, why: str, now: datetime) -> Path:
    """Rename `path` (and its -wal and -shm, which belong to it) to a fresh name beside it; returns the new
    path. Never overwrites: a name already taken gets a number. Raises OSError."""
    stamp = now.astimezone().strftime("%Y%m%d-%H%M%S")
    number = 1
    while True:
        suffix = "" if number == 1 else f"-{number}"
        target = path.with_name(f"{path.stem}.{why}-{stamp}{suffix}{path.suffix}")
        companions = [Path(f"{target}{tail}") for tail in ("", "-wal", "-shm")]
        if not any(candidate.exists() for candidate in companions):
            break
        number += 1
    for tail in ("-wal", "-shm"):
        companion = Path(f"{path}{tail}")
        if companion.exists():
            companion.rename(f"{target}{tail}")
    path.rename(target)
    return target


def _put_back(aside: Path, path: Path) -> None:
    for tail in ("-wal", "-shm", ""):
        moved = Path(f"{aside}{tail}")
        if moved.exists():
            moved.rename(f"{path}{tail}")


def _probe(path: Path) -> None:
    """Refuse a damaged file before any connection that could write to it is opened.

    A read-write connection, once closed, checkpoints a WAL into the main file and deletes it: on a damaged
    file that would alter the very thing to be kept for recovery. A read-only one leaves both as they are.
    """
    try:
        with closing(
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=_BUSY_TIMEOUT_MS / 1000)
        ) as db:
            _require_intact(db, str(path))
    except sqlite3.Error as error:
        raise _error_of(error, path) from error


def _require_intact(db: sqlite3.Connection, location: str) -> None:
    # quick_check reads every page but skips the index-content cross-check of integrity_check: it finds
    # damaged pages in a fraction of the time, which is what a start-up can afford.
    problems = [str(row[0]).replace("\n", " ") for row in db.execute("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        raise HistoryDamagedError(
            f"The history file {location} is damaged ({problems[0]}). It has been left as it is."
        )


def _check_backup(backup: Path) -> None:
    try:
        with closing(
            sqlite3.connect(f"{backup.resolve().as_uri()}?immutable=1", uri=True, isolation_level=None)
        ) as db:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            verdict = str(db.execute("PRAGMA quick_check(1)").fetchone()[0]).replace("\n", " ")
    except sqlite3.Error as error:
        raise HistoryError(f"The backup {backup} cannot be read ({error}); nothing was changed.") from error
    if verdict != "ok":
        raise HistoryError(f"The backup {backup} is damaged ({verdict}); nothing was changed.")
    if version > SCHEMA_VERSION:
        raise HistoryError(
            f"The backup {backup} was written by a newer version of relaxapp; nothing was changed."
        )


def _connect(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None, timeout=_BUSY_TIMEOUT_MS / 1000)


def _error_of(error: sqlite3.Error, path: Path) -> HistoryError:
    text = str(error)
    if "locked" in text or "busy" in text:
        return HistoryError(
            f"The history file {path} is in use by another program; close it and start relaxapp again."
        )
    if "not a database" in text or "malformed" in text:
        return HistoryDamagedError(
            f"The history file {path} is damaged and cannot be read ({text}). It has been left as it is."
        )
    if "readonly" in text or "unable to open" in text:
        return HistoryError(
            f"The history file {path} could not be opened for writing ({text}). "
            "Check that the folder exists and that you may write to it."
        )
    return HistoryError(f"The history file {path} could not be opened ({text}).")


def _require(problems: list[str]) -> None:
    if problems:
        raise InvalidEntryError(problems)


def _saved_id(entry: SessionRecord | Episode) -> int:
    if entry.id is None:
        raise ValueError("only a saved entry (one with an id) can be edited")
    return entry.id


def stamp(moment: datetime) -> str:
    # One fixed shape, always UTC with milliseconds, so that text order is time order in SQL.
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def _local_range(first: date, last: date) -> tuple[str, str]:
    # Local midnights as UTC stamps: the index finds the rows, SQLite's 'localtime' then names their days.
    # Both use the C library's idea of local time, so they agree, DST included.
    start = datetime.combine(first, time()).astimezone()
    end = datetime.combine(last + timedelta(days=1), time()).astimezone()
    return stamp(start), stamp(end)


def _key(entry: TimelineEntry) -> tuple[str, int, int]:
    # The timeline's order: moment, then episodes after sessions, then id; ids differ within a table only.
    if isinstance(entry, SessionRecord):
        return (stamp(entry.started_at), 0, entry.id or 0)
    return (stamp(entry.occurred_at), 1, entry.id or 0)


def _where(
    table: str, only: TimelineFilter, cursor: tuple[str, int, int] | None, newest_first: bool
) -> tuple[str, list[object]]:
    moment, rank = ("started_at", 0) if table == "sessions" else ("occurred_at", 1)
    clauses: list[str] = []
    parameters: list[object] = []
    if table == "sessions" and only.routine_kinds is not None:
        kinds = sorted(kind.value for kind in only.routine_kinds)
        clauses.append(f"routine_kind IN ({', '.join('?' * len(kinds))})")
        parameters += kinds
    if only.since is not None:
        clauses.append(f"{moment} >= ?")
        parameters.append(stamp(only.since))
    if only.until is not None:
        clauses.append(f"{moment} < ?")
        parameters.append(stamp(only.until))
    if cursor is not None:
        at, cursor_rank, cursor_id = cursor
        beyond = "<" if newest_first else ">"
        if rank == cursor_rank:
            clauses.append(f"({moment}, id) {beyond} (?, ?)")
            parameters += [at, cursor_id]
        else:
            # The other table's rows at the cursor's very moment come wholly before or after it.
            same_moment_follows = rank < cursor_rank if newest_first else rank > cursor_rank
            clauses.append(f"{moment} {beyond}{'=' if same_moment_follows else ''} ?")
            parameters.append(at)
    return (" WHERE " + " AND ".join(clauses) if clauses else ""), parameters


_Row = tuple[object, ...]


def _readable(read: Callable[[_Row], T], row: _Row) -> T | None:
    try:
        return read(row)
    except (TypeError, ValueError) as error:
        # Kept in the file untouched, left out of the page: one odd row must not hide the rest.
        log.warning("history row %s is unreadable and is not shown: %s", row[0], error)
        return None


def _all(db: sqlite3.Connection, query: str, read: Callable[[_Row], T]) -> Iterator[T]:
    for row in db.execute(query):
        entry = _readable(read, row)
        if entry is not None:
            yield entry


def _session_values(record: SessionRecord) -> tuple[object, ...]:
    scores = record.ratings.scores()
    skipped = sum(bit for name, bit in _SKIP_BITS.items() if scores[name] is SKIPPED)
    return (
        record.routine_id,
        record.routine_kind.value,
        record.routine_title,
        stamp(record.started_at),
        record.planned_seconds,
        record.actual_seconds,
        int(record.completed),
        *(score if isinstance(score, int) else None for score in scores.values()),
        skipped,
    )


def _insert_session(db: sqlite3.Connection, record: SessionRecord, keep_id: bool = False) -> SessionRecord:
    wanted = record.id if keep_id and not _exists(db, "sessions", record.id) else None
    cursor = db.execute(
        f"INSERT INTO sessions (id, {_SESSION_FIELDS}) VALUES (?, {', '.join('?' * 12)})",
        (wanted, *_session_values(record)),
    )
    return replace(record, id=cursor.lastrowid)


def _insert_new_session(db: sqlite3.Connection, record: SessionRecord) -> int:
    values = _session_values(record)
    cursor = db.execute(
        f"INSERT INTO sessions ({_SESSION_FIELDS}) SELECT {', '.join('?' * 12)}"
        " WHERE NOT EXISTS (SELECT 1 FROM sessions WHERE started_at = ? AND routine_id = ?)",
        (*values, values[3], values[0]),
    )
    return cursor.rowcount


def _update_session(db: sqlite3.Connection, record: SessionRecord, row_id: int) -> SessionRecord | None:
    row = db.execute(f"SELECT {_SESSION_COLUMNS} FROM sessions WHERE id = ?", (row_id,)).fetchone()
    assignments = ", ".join(f"{field.strip()} = ?" for field in _SESSION_FIELDS.split(","))
    db.execute(f"UPDATE sessions SET {assignments} WHERE id = ?", (*_session_values(record), row_id))
    return None if row is None else _readable(_session_of, row)


def _session_of(row: _Row) -> SessionRecord:
    session_id, routine_id, kind, title, started_at, planned, actual, completed, *scores, skipped = row
    mask = int(str(skipped))
    values = [
        _score_of(value, bool(mask & bit)) for value, bit in zip(scores, _SKIP_BITS.values(), strict=True)
    ]
    return SessionRecord(
        routine_id=str(routine_id),
        routine_kind=RoutineKind(str(kind)),
        routine_title=str(title),
        started_at=datetime.fromisoformat(str(started_at)),
        planned_seconds=float(str(planned)),
        actual_seconds=float(str(actual)),
        completed=bool(completed),
        id=int(str(session_id)),
        ratings=Ratings(*values),
    )


def _score_of(value: object, skipped: bool) -> Score:
    if value is not None:
        return int(str(value))
    return SKIPPED if skipped else None


def _episode_values(episode: Episode) -> tuple[object, ...]:
    return (
        stamp(episode.occurred_at),
        episode.side.value,
        episode.place.value,
        episode.intensity,
        episode.duration.value,
        episode.note,
    )


def _insert_episode(db: sqlite3.Connection, episode: Episode, keep_id: bool = False) -> Episode:
    wanted = episode.id if keep_id and not _exists(db, "episodes", episode.id) else None
    cursor = db.execute(
        "INSERT INTO episodes (id, occurred_at, side, place, intensity, duration, note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (wanted, *_episode_values(episode)),
    )
    return replace(episode, id=cursor.lastrowid)


def _insert_new_episode(db: sqlite3.Connection, episode: Episode) -> int:
    values = _episode_values(episode)
    cursor = db.execute(
        "INSERT INTO episodes (occurred_at, side, place, intensity, duration, note) SELECT ?, ?, ?, ?, ?, ?"
        " WHERE NOT EXISTS (SELECT 1 FROM episodes WHERE occurred_at = ? AND side = ? AND place = ?)",
        (*values, *values[:3]),
    )
    return cursor.rowcount


def _update_episode(db: sqlite3.Connection, episode: Episode, row_id: int) -> Episode | None:
    row = db.execute(f"SELECT {_EPISODE_COLUMNS} FROM episodes WHERE id = ?", (row_id,)).fetchone()
    db.execute(
        "UPDATE episodes SET occurred_at = ?, side = ?, place = ?, intensity = ?, duration = ?, note = ?"
        " WHERE id = ?",
        (*_episode_values(episode), row_id),
    )
    return None if row is None else _readable(_episode_of, row)


def _episode_of(row: _Row) -> Episode:
    episode_id, occurred_at, side, place, intensity, duration, note = row
    return Episode(
        occurred_at=datetime.fromisoformat(str(occurred_at)),
        side=Side(str(side)),
        place=Place(str(place)),
        intensity=int(str(intensity)),
        duration=EpisodeDuration(str(duration)),
        note=str(note),
        id=int(str(episode_id)),
    )


def _delete(db: sqlite3.Connection, table: str, row_id: int) -> None:
    db.execute(f"DELETE FROM {table} WHERE id = ?", (row_id,))


def _exists(db: sqlite3.Connection, table: str, row_id: int | None) -> bool:
    return (
        row_id is None or db.execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone() is not None
    )


def _check_in_values(check_in: CheckIn) -> tuple[object, ...]:
    return (
        check_in.day.isoformat(),
        check_in.sleep_hours,
        check_in.caffeine_drinks,
        check_in.stress,
        check_in.water_glasses,
        check_in.note,
    )


def _upsert_check_in(db: sqlite3.Connection, check_in: CheckIn) -> CheckIn | None:
    previous = _check_in_on(db, check_in.day)
    db.execute(
        f"INSERT OR REPLACE INTO check_ins ({_CHECK_IN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
        _check_in_values(check_in),
    )
    return previous


def _insert_new_check_in(db: sqlite3.Connection, check_in: CheckIn) -> int:
    cursor = db.execute(
        f"INSERT OR IGNORE INTO check_ins ({_CHECK_IN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
        _check_in_values(check_in),
    )
    return cursor.rowcount


def _delete_check_in(db: sqlite3.Connection, day: date) -> CheckIn | None:
    previous = _check_in_on(db, day)
    db.execute("DELETE FROM check_ins WHERE day = ?", (day.isoformat(),))
    return previous


def _check_in_on(db: sqlite3.Connection, day: date) -> CheckIn | None:
    row = db.execute(
        f"SELECT {_CHECK_IN_COLUMNS} FROM check_ins WHERE day = ?", (day.isoformat(),)
    ).fetchone()
    return None if row is None else _readable(_check_in_of, row)


def _check_in_of(row: _Row) -> CheckIn:
    day, sleep_hours, caffeine, stress, water, note = row
    return CheckIn(
        day=date.fromisoformat(str(day)),
        sleep_hours=None if sleep_hours is None else float(str(sleep_hours)),
        caffeine_drinks=None if caffeine is None else int(str(caffeine)),
        stress=None if stress is None else int(str(stress)),
        water_glasses=None if water is None else int(str(water)),
        note=str(note),
    )
