"""HistoryStore: the person's diary in one SQLite file: sessions with their ratings, episodes, check-ins,
treatments and warning-signs answers.

The store owns the one connection; every change is one transaction (see schema for durability). What it
reads is HistoryReader's (queries); the file's format and migrations are schema's.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
from collections.abc import Callable, Iterable
from contextlib import closing
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar, cast

from relaxapp.core.datafile import not_a_file
from relaxapp.core.journal import (
    CheckIn,
    Episode,
    SafetyCheck,
    Treatment,
    check_in_problems,
    episode_problems,
    safety_check_problems,
    treatment_problems,
)
from relaxapp.core.record import SessionRecord, session_problems
from relaxapp.storage.history import rows
from relaxapp.storage.history.errors import (
    HistoryError,
    HistoryWriteError,
    error_of,
    require,
)
from relaxapp.storage.history.files import (
    check_backup,
    connect,
    connect_read_only,
    probe,
    require_claims,
    require_intact,
)
from relaxapp.storage.history.queries import HistoryReader
from relaxapp.storage.history.rows import E, Entry, Table
from relaxapp.storage.history.schema import BUSY_TIMEOUT_MS, prepare, transaction

if TYPE_CHECKING:  # merging and restoring load when first used: opening the history needs neither
    from relaxapp.storage.history.merging import MergeReport
    from relaxapp.storage.history.restoring import RestoreReport

# The package's logger, so that the log names the history as one, whichever of its modules speaks.
log = logging.getLogger(__package__)

T = TypeVar("T")


@dataclass
class _Write(Generic[T]):
    entry: Entry
    noun: str  # "session", "episode", "check-in", "treatment", "answer", "change"
    run: Callable[[sqlite3.Connection], T]


class HistoryStore(HistoryReader):
    """The diary on disk. One connection, owned here; every change is one transaction.

    A change that cannot be written (full disk, read-only folder, another program holding the file) is
    kept in memory, in order, and written before the next change or by retry_unsaved().
    """

    def __init__(
        self,
        connection: sqlite3.Connection,
        location: str,
        path: Path | None = None,
        *,
        busy_timeout_ms: int = BUSY_TIMEOUT_MS,
    ) -> None:
        self._db = connection
        self.location = location
        self.path = path  # None for the in-memory fallback
        self._busy_timeout_ms = busy_timeout_ms  # how long a write waits for another program's lock
        self._pending: list[_Write[Any]] = []
        self._read_only = False

    # -- opening -------------------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path, *, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> HistoryStore:
        """Open (creating if needed), check and migrate the history at `path`.

        A write waits up to `busy_timeout_ms` for another program's lock before it fails (and is kept).
        Raises HistoryDamagedError for a file that is not a database or fails quick_check (left untouched),
        HistoryError for everything else (newer version, locked, unwritable folder).
        """
        if path.exists():
            _refuse_if_not_a_file(path)
            probe(path, busy_timeout_ms)
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            connection = connect(path, busy_timeout_ms)
        except (OSError, sqlite3.Error) as error:
            raise HistoryError(f"The history file {path} could not be opened: {error}.") from error
        store = cls(connection, str(path), path, busy_timeout_ms=busy_timeout_ms)
        try:
            store._prepare()
        except sqlite3.DatabaseError as error:
            connection.close()
            raise error_of(error, path) from error
        except HistoryError:
            connection.close()
            raise
        store.note_unshowable()
        return store

    @classmethod
    def open_read_only(cls, path: Path) -> HistoryStore:
        """Past entries from a file that is not to be written (a read-only folder or disk, a report made
        while relaxapp runs); raises HistoryError.

        The file is copied into memory and read there: what the running app keeps in its -wal is in the
        copy (see connect_read_only), and a file of an earlier schema is migrated in the copy, never on
        disk. Only a newer relaxapp's file is refused. Nothing is ever written to the file.
        """
        _refuse_if_not_a_file(path)
        copy = sqlite3.connect(":memory:", isolation_level=None)
        try:
            with closing(connect_read_only(path)) as source:
                require_intact(source, str(path))
                require_claims(source, path)
                source.backup(copy)
            prepare(copy, str(path))  # refuses a newer relaxapp's file
        except HistoryError:
            copy.close()
            raise
        except sqlite3.Error as error:
            copy.close()
            raise error_of(error, path) from error
        store = cls(copy, f"{path} (read-only)", path)
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

    @property
    def unsaved_additions(self) -> tuple[Entry, ...]:
        """The unsaved entries that are new to the history (added, brought back, a day's check-in), not edits
        or deletions of saved ones: what an export of them can carry and an import bring back."""
        return tuple(write.entry for write in self._pending if write.noun != "change")

    def retry_unsaved(self) -> bool:
        """Try once more to write what failed before; True when nothing is left over."""
        if self._pending:
            try:
                self._flush("change")
            except HistoryWriteError:
                return False
        return True

    # -- sessions, episodes and treatments: entries with an id -----------------------------------------

    def add_session(self, record: SessionRecord) -> SessionRecord:
        """Save a session (and anything unsaved before it); returns it with its id.

        Raises InvalidEntryError for a record that breaks a rule (nothing kept), HistoryWriteError when the
        write failed (the record is kept in `unsaved` and written with the next change).
        """
        return self._add(rows.SESSIONS, record, session_problems(record), "session")

    def update_session(self, record: SessionRecord) -> SessionRecord | None:
        """Replace the saved session with record.id; returns the version replaced (to undo), or None."""
        return self._update(rows.SESSIONS, record, session_problems(record))

    def delete_session(self, record: SessionRecord) -> None:
        """Delete a session; restore_session(record) undoes it. An unsaved one is simply forgotten."""
        self._delete(rows.SESSIONS, record)

    def restore_session(self, record: SessionRecord) -> SessionRecord:
        """Bring back a deleted session, under its old id when that is still free; returns it as saved."""
        return self._add(rows.SESSIONS, record, session_problems(record), "session", keep_id=True)

    def add_episode(self, episode: Episode) -> Episode:
        """Save a spasm episode; returns it with its id. Raises as add_session does."""
        return self._add(rows.EPISODES, episode, episode_problems(episode), "episode")

    def update_episode(self, episode: Episode) -> Episode | None:
        """Replace the saved episode with episode.id; returns the version replaced (to undo), or None."""
        return self._update(rows.EPISODES, episode, episode_problems(episode))

    def delete_episode(self, episode: Episode) -> None:
        """Delete an episode; restore_episode(episode) undoes it. An unsaved one is simply forgotten."""
        self._delete(rows.EPISODES, episode)

    def restore_episode(self, episode: Episode) -> Episode:
        """Bring back a deleted episode, under its old id when that is still free; returns it as saved."""
        return self._add(rows.EPISODES, episode, episode_problems(episode), "episode", keep_id=True)

    def add_treatment(self, treatment: Treatment) -> Treatment:
        """Save a treatment; returns it with its id. Raises as add_session does."""
        return self._add(rows.TREATMENTS, treatment, treatment_problems(treatment), "treatment")

    def update_treatment(self, treatment: Treatment) -> Treatment | None:
        """Replace the saved treatment with treatment.id; returns the version replaced (to undo), or None."""
        return self._update(rows.TREATMENTS, treatment, treatment_problems(treatment))

    def delete_treatment(self, treatment: Treatment) -> None:
        """Delete a treatment; restore_treatment(treatment) undoes it. An unsaved one is simply forgotten."""
        self._delete(rows.TREATMENTS, treatment)

    def restore_treatment(self, treatment: Treatment) -> Treatment:
        """Bring back a deleted treatment, under its old id when that is still free; returns it as saved."""
        return self._add(rows.TREATMENTS, treatment, treatment_problems(treatment), "treatment", keep_id=True)

    def _add(self, table: Table[E], entry: E, problems: list[str], noun: str, keep_id: bool = False) -> E:
        require(problems)
        return self._write(_Write(entry, noun, lambda db: rows.insert(db, table, entry, keep_id)))

    def _update(self, table: Table[E], entry: E, problems: list[str]) -> E | None:
        require(problems)
        row_id = _saved_id(entry)
        return self._write(_Write(entry, "change", lambda db: rows.update(db, table, entry, row_id)))

    def _delete(self, table: Table[E], entry: E) -> None:
        row_id = entry.id
        if row_id is None:
            self._forget(entry)
            return
        self._write(_Write(entry, "change", lambda db: rows.delete(db, table.name, row_id)))

    # -- check-ins -----------------------------------------------------------------------------------

    def save_check_in(self, check_in: CheckIn) -> CheckIn | None:
        """Save the day's check-in, replacing that day's earlier one; returns the one replaced (to undo)."""
        require(check_in_problems(check_in))
        return self._write(
            _Write(check_in, "check-in", functools.partial(rows.upsert_check_in, check_in=check_in))
        )

    def delete_check_in(self, day: date) -> CheckIn | None:
        """Delete the check-in of `day`; returns it (undo: save_check_in), or None if there was none."""
        return self._write(_Write(CheckIn(day), "change", functools.partial(rows.delete_check_in, day=day)))

    # -- warning-signs answers ------------------------------------------------------------------------

    def save_safety_check(self, check: SafetyCheck) -> SafetyCheck:
        """Keep a warning-signs answer as its local day's, replacing that day's earlier one."""
        require(safety_check_problems(check))
        return self._write(_Write(check, "answer", functools.partial(rows.save_safety_check, check=check)))

    def delete_safety_check(self, day: date) -> SafetyCheck | None:
        """Take back the warning-signs answer kept for local `day`; returns it, or None when there was none.

        An answer of that day still waiting to be written is forgotten, so that it never comes back.
        """
        waiting = [
            write.entry
            for write in self._pending
            if isinstance(write.entry, SafetyCheck) and write.entry.checked_at.astimezone().date() == day
        ]
        for entry in waiting:
            self._forget(entry)
        kept = self.safety_checks_between(day, day)
        if not kept:
            return waiting[-1] if waiting else None
        return self._write(_Write(kept[0], "change", functools.partial(rows.delete_safety_check, day=day)))

    # -- everything, for export, import and restore --------------------------------------------------

    def merge(
        self,
        sessions: Iterable[SessionRecord],
        episodes: Iterable[Episode],
        check_ins: Iterable[CheckIn],
        *,
        treatments: Iterable[Treatment] = (),
        safety_checks: Iterable[SafetyCheck] = (),
    ) -> MergeReport:
        """Add what the history does not hold yet, all in one transaction: all of it or, on failure, none.

        Natural keys decide what is already there: a session by (started_at, routine_id), an episode by
        (occurred_at, side, first place), a check-in by its day (the one in the history is kept), a
        treatment by all its fields. A day keeps its latest warning-signs answer, whichever side held it
        (one that replaces the history's counts as added). Ids are ignored. Raises InvalidEntryError
        before writing anything, HistoryWriteError when the write fails (nothing is kept: the source
        still holds it all).
        """
        from relaxapp.storage.history.merging import merge_into  # noqa: PLC0415 - see the imports

        self._require_writable()
        report = merge_into(
            self._db,
            self.location,
            sessions,
            episodes,
            check_ins,
            treatments=treatments,
            safety_checks=safety_checks,
            cancelled=lambda: False,
        )
        assert report is not None  # only a cancel gives None
        return report

    @property
    def merges_apart(self) -> bool:
        """Whether merge_apart may be used: the history is a file that can be written."""
        return self.is_persistent

    def merge_apart(
        self,
        sessions: Iterable[SessionRecord],
        episodes: Iterable[Episode],
        check_ins: Iterable[CheckIn],
        cancelled: Callable[[], bool],
        *,
        treatments: Iterable[Treatment] = (),
        safety_checks: Iterable[SafetyCheck] = (),
    ) -> MergeReport | None:
        """merge() through a connection of its own, opened and closed here, so that it may run on another
        thread (a connection belongs to the thread that opened it) and a big import leaves the window free.

        SQLite lets one connection write at a time: a change the app makes meanwhile waits for the merge,
        up to the busy timeout, or is kept and written later. Returns None, with nothing added, once
        `cancelled` says so. Only when merges_apart; raises as merge() does.
        """
        from relaxapp.storage.history.merging import merge_into  # noqa: PLC0415 - see the imports

        self._require_writable()
        if self.path is None:
            raise HistoryWriteError(f"The history {self.location} cannot be merged into from another thread.")
        connection = connect(self.path, self._busy_timeout_ms)
        try:
            connection.execute("PRAGMA foreign_keys = ON")
            # Asked every few thousand steps of SQLite's: a cancel interrupts the merge, rolled back whole.
            connection.set_progress_handler(lambda: int(cancelled()), 10_000)
            return merge_into(
                connection,
                self.location,
                sessions,
                episodes,
                check_ins,
                treatments=treatments,
                safety_checks=safety_checks,
                cancelled=cancelled,
            )
        finally:
            connection.close()

    # -- backups -------------------------------------------------------------------------------------

    def restore_backup(self, backup: Path, now: datetime, keep_current: bool = True) -> RestoreReport:
        """Put `backup` in place of the file in use, which is moved aside beside it first, never deleted.

        With keep_current the entries of the file in use are merged into the restored history, so what was
        entered since the backup (or since a damaged file was set aside) stays. The store goes on with the
        restored file. Raises HistoryError, with the current file still in use, when the backup cannot be
        used or the files cannot be moved.
        """
        from relaxapp.storage.history.restoring import (  # noqa: PLC0415 - see the imports
            RestoreReport,
            carry_over,
            put_in_place,
        )

        if self.path is None or self._read_only:
            raise HistoryError(
                "Only a history kept in a file that can be written can be restored from a backup."
            )
        check_backup(backup)
        self.retry_unsaved()  # what stays unsaved is written into the restored file later
        aside = put_in_place(backup, self.path, now, close=self.close, reconnect=self._reconnect)
        if not keep_current:
            return RestoreReport(aside, None, None)
        return carry_over(aside, lambda moved: closing(HistoryStore.open_read_only(moved)), self.merge)

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
            with transaction(self._db):
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
        self._db = connect(self.path, self._busy_timeout_ms)
        self._prepare()

    def _forget(self, entry: Entry) -> None:
        for write in self._pending:
            if write.entry == entry:
                self._pending.remove(write)
                return

    def _prepare(self) -> None:
        prepare(self._db, self.location, self._busy_timeout_ms)

    def _require_writable(self) -> None:
        if self._read_only:
            raise HistoryWriteError(f"The history file {self.location} cannot be written; nothing was added.")


def _saved_id(entry: SessionRecord | Episode | Treatment) -> int:
    if entry.id is None:
        raise ValueError("only a saved entry (one with an id) can be edited")
    return entry.id


def _refuse_if_not_a_file(path: Path) -> None:
    """SQLite would wait for ever to open a named pipe, and a device or folder is nobody's history."""
    try:
        kind = not_a_file(path.stat().st_mode)
    except OSError as error:
        raise HistoryError(
            f"The history file {path} could not be opened: {error.strerror or error}."
        ) from error
    if kind is not None:
        raise HistoryError(f"The history file {path} is {kind}, not a file, so it was not opened.")
