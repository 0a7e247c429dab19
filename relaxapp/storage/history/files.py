"""The history's files on disk: connecting, checking a file before it is written to, checking a backup,
and moving a file aside with the -wal and -shm that belong to it."""

from __future__ import annotations

import logging
import sqlite3
from contextlib import closing
from datetime import datetime
from pathlib import Path

from relaxapp.storage.history.errors import HistoryDamagedError, HistoryError, error_of
from relaxapp.storage.history.schema import BUSY_TIMEOUT_MS, SCHEMA_VERSION, schema_problems, tables_of

# The package's logger, so that the log names the history as one, whichever of its modules speaks.
log = logging.getLogger(__package__)


def connect(path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A read-write connection to `path`, committing only when told (the store runs its transactions);
    it waits up to `busy_timeout_ms` for another program's lock."""
    return sqlite3.connect(path, isolation_level=None, timeout=busy_timeout_ms / 1000)


def connect_read_only(path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> sqlite3.Connection:
    """A connection that only reads `path`, and sees what relaxapp, running meanwhile, has written.

    'mode=ro' reads the -wal beside the file, where a running app keeps its latest changes until a
    checkpoint. It needs the -shm, which a read-only folder or disk may not let it create: only then is the
    file read as 'immutable', as it was last checkpointed (an app that cannot write there wrote nothing new).
    """
    uri = path.resolve().as_uri()
    db = sqlite3.connect(f"{uri}?mode=ro", uri=True, isolation_level=None, timeout=busy_timeout_ms / 1000)
    try:
        db.execute("PRAGMA user_version").fetchone()  # the first read opens the -wal and its -shm
    except sqlite3.Error as error:
        db.close()
        if error.sqlite_errorcode & 0xFF not in (sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_READONLY):
            raise
        log.info("%s read as it was last checkpointed: %s", path, error)
        return sqlite3.connect(f"{uri}?immutable=1", uri=True, isolation_level=None)
    return db


def probe(path: Path, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    """Refuse a damaged file before any connection that could write to it is opened.

    A read-write connection, once closed, checkpoints a WAL into the main file and deletes it: on a damaged
    file that would alter the very thing to be kept for recovery. A read-only one leaves both as they are.
    """
    try:
        with closing(
            sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, timeout=busy_timeout_ms / 1000)
        ) as db:
            require_intact(db, str(path))
            require_claims(db, path)
    except sqlite3.Error as error:
        raise error_of(error, path) from error


def require_claims(db: sqlite3.Connection, path: Path) -> None:
    """Refuse a file that is not what it claims, read through `db` without writing to it.

    A file at schema 0 with tables is another program's database: HistoryError, and it must stay untouched
    (no WAL, no tables of ours, no version). A file whose tables and columns are not those of its schema
    version (a table dropped, the version changed by hand): HistoryDamagedError, set aside like damage.
    A newer relaxapp's file is refused later, as newer.
    """
    version = int(db.execute("PRAGMA user_version").fetchone()[0])
    if version > SCHEMA_VERSION:
        return
    problems = _claim_problems(db, version)
    if problems and version == 0:
        raise HistoryError(
            f"The file {path} is not a relaxapp history: {problems[0]}. It has been left untouched; move "
            "it out of relaxapp's data folder, or start relaxapp with another --data-dir."
        )
    if problems:
        raise HistoryDamagedError(
            f"The history file {path} does not hold what its schema version {version} says: "
            f"{'; '.join(problems)}. It has been left as it is."
        )


def _claim_problems(db: sqlite3.Connection, version: int) -> list[str]:
    if version == 0:  # a new file has no tables yet; one with tables is another program's
        foreign = sorted(tables_of(db))
        more = ", …" if len(foreign) > 5 else ""
        return [f"it holds another program's tables ({', '.join(foreign[:5])}{more})"] if foreign else []
    return schema_problems(db, version)


def require_intact(db: sqlite3.Connection, location: str) -> None:
    """Raise HistoryDamagedError when SQLite's quick_check finds damage."""
    # quick_check reads every page but skips the index-content cross-check of integrity_check: it finds
    # damaged pages in a fraction of the time, which is what a start-up can afford.
    problems = [str(row[0]).replace("\n", " ") for row in db.execute("PRAGMA quick_check(5)")]
    if problems != ["ok"]:
        raise HistoryDamagedError(
            f"The history file {location} is damaged ({problems[0]}). It has been left as it is."
        )


def check_backup(backup: Path) -> None:
    """Raise HistoryError when `backup` cannot be read, is damaged, or comes from a newer relaxapp."""
    try:
        with closing(
            sqlite3.connect(f"{backup.resolve().as_uri()}?immutable=1", uri=True, isolation_level=None)
        ) as db:
            version = int(db.execute("PRAGMA user_version").fetchone()[0])
            verdict = str(db.execute("PRAGMA quick_check(1)").fetchone()[0]).replace("\n", " ")
            if verdict == "ok" and version <= SCHEMA_VERSION:
                verdict = "; ".join(_claim_problems(db, version)) or verdict
    except sqlite3.Error as error:
        raise HistoryError(f"The backup {backup} cannot be read ({error}); nothing was changed.") from error
    if verdict != "ok":
        raise HistoryError(f"The backup {backup} is damaged ({verdict}); nothing was changed.")
    if version > SCHEMA_VERSION:
        raise HistoryError(
            f"The backup {backup} was written by a newer version of relaxapp; nothing was changed."
        )


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


def put_back(aside: Path, path: Path) -> None:
    """Undo move_aside: rename the file moved to `aside` (and its -wal and -shm) back to `path`."""
    for tail in ("-wal", "-shm", ""):
        moved = Path(f"{aside}{tail}")
        if moved.exists():
            moved.rename(f"{path}{tail}")
