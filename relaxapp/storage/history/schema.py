"""The history file's format: the schema, its migrations, and the pragmas every connection is given.

The schema version lives in the file itself (PRAGMA user_version). MIGRATIONS is only ever appended
to; a file is brought up to date step by step, each step in its own transaction, and a file written
by a newer relaxapp is refused rather than altered.

Durability: WAL with synchronous=NORMAL. A commit is in the WAL file before add_session() returns, so a
crash or kill of relaxapp loses nothing; only a power cut in the moment after a commit could roll back
that last change, never damage the file (https://www.sqlite.org/wal.html#durability). FULL would add an
fsync per entry, tens of milliseconds on a slow disk, for that one case.
"""

from __future__ import annotations

import functools
import logging
import sqlite3
from collections.abc import Iterator
from contextlib import closing, contextmanager

from relaxapp.storage.history.errors import HistoryError

# The package's logger, so that the log names the history as one, whichever of its modules speaks.
log = logging.getLogger(__package__)

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
    # 6: the eye triggers in the check-in. Every day checked in before this version gets NULL: not asked,
    # which the insights leave out, rather than a 0 or a "no" the person never said.
    (
        "ALTER TABLE check_ins ADD COLUMN alcohol_drinks INTEGER CHECK (alcohol_drinks >= 0)",
        "ALTER TABLE check_ins ADD COLUMN screen_hours REAL CHECK (screen_hours BETWEEN 0 AND 24)",
        "ALTER TABLE check_ins ADD COLUMN dry_eyes INTEGER CHECK (dry_eyes IN (0, 1))",
    ),
    # 7: issue 14. An episode names every place it was in: `places` lists them comma-separated in Place
    # order, and `place` keeps the first, so that the natural key and every older reader still hold
    # (an older row's places are its one place). Treatments are dated, not timed, like check-ins. A
    # warning-signs answer is kept once a local day (`day`): the day's latest answer replaces the earlier.
    (
        "ALTER TABLE episodes ADD COLUMN places TEXT NOT NULL DEFAULT ''",
        "UPDATE episodes SET places = place",
        """CREATE TABLE treatments (
            id INTEGER PRIMARY KEY,
            given_on TEXT NOT NULL CHECK (given_on GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
            kind TEXT NOT NULL,
            name TEXT NOT NULL DEFAULT '',
            side TEXT,
            places TEXT NOT NULL DEFAULT '',
            dose TEXT NOT NULL DEFAULT '',
            note TEXT NOT NULL DEFAULT ''
        )""",
        "CREATE INDEX treatments_by_day ON treatments (given_on, id)",
        """CREATE TABLE safety_checks (
            id INTEGER PRIMARY KEY,
            day TEXT NOT NULL UNIQUE CHECK (day GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]'),
            checked_at TEXT NOT NULL,
            urgency TEXT NOT NULL,
            signs TEXT NOT NULL DEFAULT ''
        )""",
    ),
)
SCHEMA_VERSION = len(MIGRATIONS)
BUSY_TIMEOUT_MS = 3000


def tables_of(db: sqlite3.Connection) -> dict[str, frozenset[str]]:
    """The file's own tables (not SQLite's) and the names of their columns."""
    names = [
        str(row[0])
        for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    ]
    return {
        name: frozenset(str(row[1]) for row in db.execute(f"PRAGMA table_info({_quoted(name)})"))
        for name in names
    }


def _quoted(name: str) -> str:
    # Another program's table may be called anything, quotes included.
    return '"' + name.replace('"', '""') + '"'


@functools.cache
def tables_at(version: int) -> dict[str, frozenset[str]]:
    """The tables and columns MIGRATIONS make up to `version`: what a file at that version must hold."""
    with closing(sqlite3.connect(":memory:")) as db:
        for statements in MIGRATIONS[:version]:
            for statement in statements:
                db.execute(statement)
        return tables_of(db)


def schema_problems(db: sqlite3.Connection, version: int) -> list[str]:
    """How the tables of a file at `version` (up to SCHEMA_VERSION) differ from what that version makes.

    Tables of its own beside them are allowed: they are no part of the history and are never touched.
    """
    found = tables_of(db)
    problems = []
    for table, columns in tables_at(version).items():
        if table not in found:
            problems.append(f"it has no {table} table")
            continue
        missing, unknown = sorted(columns - found[table]), sorted(found[table] - columns)
        if missing:
            problems.append(f"its {table} table lacks {', '.join(missing)}")
        if unknown:
            problems.append(f"its {table} table has {', '.join(unknown)}, which schema {version} has not")
    return problems


def _version_of(db: sqlite3.Connection) -> int:
    """The schema version written in the file (0 for a new one)."""
    version: int = db.execute("PRAGMA user_version").fetchone()[0]
    return version


def prepare(db: sqlite3.Connection, location: str, busy_timeout_ms: int = BUSY_TIMEOUT_MS) -> None:
    """Set the connection's pragmas and migrate the file to SCHEMA_VERSION; raises HistoryError for a file
    from a newer relaxapp, which is left as it was. A write waits up to `busy_timeout_ms` for another lock."""
    db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")
    db.execute("PRAGMA foreign_keys = ON")
    version = _version_of(db)
    if version > SCHEMA_VERSION:
        raise HistoryError(
            f"The history file {location} was written by a newer version of relaxapp "
            f"(schema {version}; this version knows up to {SCHEMA_VERSION}). It has been left untouched."
        )
    _require_writable(db, location, version, busy_timeout_ms)
    # Only now: switching to WAL writes to the file, and a newer version's file must stay as it was.
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = NORMAL")  # see the module's docstring
    for number in range(version + 1, SCHEMA_VERSION + 1):
        with transaction(db):
            for statement in MIGRATIONS[number - 1]:
                db.execute(statement)
            db.execute(f"PRAGMA user_version = {number}")
        log.info("history %s migrated to schema %d", location, number)


def _require_writable(db: sqlite3.Connection, location: str, version: int, busy_timeout_ms: int) -> None:
    """Raise HistoryError for a file SQLite opened read-only (its permissions, a read-only disk), now at
    start rather than at the first entry that cannot be kept.

    Writing the version it already has, in a transaction rolled back, changes nothing in the file. A lock
    held by another program says nothing about this, so the probe does not wait for it.
    """
    db.execute("PRAGMA busy_timeout = 0")
    try:
        db.execute("BEGIN IMMEDIATE")
        db.execute(f"PRAGMA user_version = {version}")
    except sqlite3.Error as error:
        if error.sqlite_errorcode & 0xFF == sqlite3.SQLITE_READONLY:
            raise HistoryError(
                f"The history file {location} is read-only, so relaxapp cannot keep anything new in it. "
                "Make the file writable for your user (or move your data folder to a disk that can be "
                "written), then start relaxapp again."
            ) from error
        log.info("could not check that %s can be written (%s); going on", location, error)
    finally:
        if db.in_transaction:
            db.execute("ROLLBACK")
        db.execute(f"PRAGMA busy_timeout = {int(busy_timeout_ms)}")


@contextmanager
def transaction(db: sqlite3.Connection) -> Iterator[None]:
    """One write transaction: committed when the block ends, rolled back when it raises."""
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
        db.execute("COMMIT")
    except BaseException:
        # A failed COMMIT (a full disk) leaves the transaction open; SQLite may also have ended it.
        if db.in_transaction:
            db.execute("ROLLBACK")
        raise
