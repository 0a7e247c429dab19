"""Each entry as a row of its table: the columns, the mapping both ways, and the statements that write one.

Moments are stored by stamp(): one fixed shape, so that text order is time order in SQL.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import TypeVar

from relaxapp.core.bounds import EARLIEST_DAY, EARLIEST_MOMENT, LATEST_DAY, LATEST_MOMENT, MAX_SESSION_SECONDS
from relaxapp.core.journal import (
    CheckIn,
    Episode,
    EpisodeDuration,
    Place,
    Side,
    check_in_range_problems,
    episode_range_problems,
)
from relaxapp.core.record import SKIPPED, Ratings, Score, SessionRecord, session_range_problems
from relaxapp.core.routine import RoutineKind

# The package's logger, so that the log names the history as one, whichever of its modules speaks.
log = logging.getLogger(__package__)

_SKIP_BITS = {"tension_before": 1, "twitch_before": 2, "tension_after": 4, "twitch_after": 8}
_SESSION_FIELDS = (
    "routine_id, routine_kind, routine_title, started_at, planned_seconds, actual_seconds, completed,"
    " tension_before, twitch_before, tension_after, twitch_after, skipped_ratings"
)
SESSION_COLUMNS = f"id, {_SESSION_FIELDS}"
EPISODE_COLUMNS = "id, occurred_at, side, place, intensity, duration, note"
CHECK_IN_COLUMNS = (
    "day, sleep_hours, caffeine_drinks, stress, water_glasses, note, alcohol_drinks, screen_hours, dry_eyes"
)
_CHECK_IN_PLACES = ", ".join("?" * len(CHECK_IN_COLUMNS.split(",")))
# Columns a migration added where NULL means "not asked then" (schema 6): a damaged file from before them,
# read to carry its entries over, gives them as NULL rather than failing its whole table.
ADDED_AS_NOT_ASKED = frozenset({"alcohol_drinks", "screen_hours", "dry_eyes"})

Entry = SessionRecord | Episode | CheckIn
TimelineEntry = SessionRecord | Episode
Row = tuple[object, ...]
T = TypeVar("T")


def stamp(moment: datetime) -> str:
    # One fixed shape, always UTC with milliseconds, so that text order is time order in SQL.
    return moment.astimezone(UTC).isoformat(timespec="milliseconds")


def _showable() -> dict[str, str]:
    # Stamps sort as the moments they name, so SQL can leave out what a page could not show. Literal
    # constants rather than parameters: the planner sees the range, and every query gets them the same way.
    first, last = stamp(EARLIEST_MOMENT), stamp(LATEST_MOMENT)
    seconds = f"BETWEEN 0 AND {MAX_SESSION_SECONDS!r}"
    return {
        "sessions": f"started_at >= '{first}' AND started_at < '{last}' AND planned_seconds > 0"
        f" AND planned_seconds <= {MAX_SESSION_SECONDS!r} AND actual_seconds {seconds}",
        "episodes": f"occurred_at >= '{first}' AND occurred_at < '{last}'",
        "check_ins": f"day BETWEEN '{EARLIEST_DAY.isoformat()}' AND '{LATEST_DAY.isoformat()}'",
    }


# What each table's rows must hold to be shown (core.bounds), as SQL: the rows the sums, counts and pages
# of the history read. A row outside it, kept from before the span was checked, is left in the file.
SHOWABLE = _showable()


def readable(read: Callable[[Row], T], row: Row) -> T | None:
    try:
        return read(row)
    except (TypeError, ValueError, OverflowError) as error:
        # Kept in the file untouched, left out of the page: one odd row must not hide the rest.
        log.warning("history row %s is unreadable and is not shown: %s", row[0], error)
        return None


def read_all(db: sqlite3.Connection, query: str, read: Callable[[Row], T]) -> Iterator[T]:
    for row in db.execute(query):
        entry = readable(read, row)
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


def insert_session(db: sqlite3.Connection, record: SessionRecord, keep_id: bool = False) -> SessionRecord:
    wanted = record.id if keep_id and not _exists(db, "sessions", record.id) else None
    cursor = db.execute(
        f"INSERT INTO sessions (id, {_SESSION_FIELDS}) VALUES (?, {', '.join('?' * 12)})",
        (wanted, *_session_values(record)),
    )
    return replace(record, id=cursor.lastrowid)


def insert_new_sessions(db: sqlite3.Connection, records: Iterable[SessionRecord]) -> int:
    """Insert the sessions not saved yet (by start and routine); returns how many were. One statement for
    all: a merge of a big import spends its time in SQLite rather than in a call per row."""
    cursor = db.executemany(
        f"INSERT INTO sessions ({_SESSION_FIELDS}) SELECT {', '.join('?' * 12)}"
        " WHERE NOT EXISTS (SELECT 1 FROM sessions WHERE started_at = ? AND routine_id = ?)",
        ((*values, values[3], values[0]) for values in map(_session_values, records)),
    )
    return cursor.rowcount


def update_session(db: sqlite3.Connection, record: SessionRecord, row_id: int) -> SessionRecord | None:
    row = db.execute(f"SELECT {SESSION_COLUMNS} FROM sessions WHERE id = ?", (row_id,)).fetchone()
    assignments = ", ".join(f"{field.strip()} = ?" for field in _SESSION_FIELDS.split(","))
    db.execute(f"UPDATE sessions SET {assignments} WHERE id = ?", (*_session_values(record), row_id))
    return None if row is None else readable(session_of, row)


def session_of(row: Row) -> SessionRecord:
    session_id, routine_id, kind, title, started_at, planned, actual, completed, *scores, skipped = row
    mask = int(str(skipped))
    values = [
        _score_of(value, bool(mask & bit)) for value, bit in zip(scores, _SKIP_BITS.values(), strict=True)
    ]
    return _in_range(
        SessionRecord(
            routine_id=str(routine_id),
            routine_kind=RoutineKind(str(kind)),
            routine_title=str(title),
            started_at=_moment_of(started_at),
            planned_seconds=float(str(planned)),
            actual_seconds=float(str(actual)),
            completed=bool(completed),
            id=int(str(session_id)),
            ratings=Ratings(*values),
        ),
        session_range_problems,
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


def insert_episode(db: sqlite3.Connection, episode: Episode, keep_id: bool = False) -> Episode:
    wanted = episode.id if keep_id and not _exists(db, "episodes", episode.id) else None
    cursor = db.execute(
        "INSERT INTO episodes (id, occurred_at, side, place, intensity, duration, note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)",
        (wanted, *_episode_values(episode)),
    )
    return replace(episode, id=cursor.lastrowid)


def insert_new_episodes(db: sqlite3.Connection, episodes: Iterable[Episode]) -> int:
    """Insert the episodes not saved yet (by moment, side and place); returns how many were."""
    cursor = db.executemany(
        "INSERT INTO episodes (occurred_at, side, place, intensity, duration, note) SELECT ?, ?, ?, ?, ?, ?"
        " WHERE NOT EXISTS (SELECT 1 FROM episodes WHERE occurred_at = ? AND side = ? AND place = ?)",
        ((*values, *values[:3]) for values in map(_episode_values, episodes)),
    )
    return cursor.rowcount


def update_episode(db: sqlite3.Connection, episode: Episode, row_id: int) -> Episode | None:
    row = db.execute(f"SELECT {EPISODE_COLUMNS} FROM episodes WHERE id = ?", (row_id,)).fetchone()
    db.execute(
        "UPDATE episodes SET occurred_at = ?, side = ?, place = ?, intensity = ?, duration = ?, note = ?"
        " WHERE id = ?",
        (*_episode_values(episode), row_id),
    )
    return None if row is None else readable(episode_of, row)


def episode_of(row: Row) -> Episode:
    episode_id, occurred_at, side, place, intensity, duration, note = row
    return _in_range(
        Episode(
            occurred_at=_moment_of(occurred_at),
            side=Side(str(side)),
            place=Place(str(place)),
            intensity=int(str(intensity)),
            duration=EpisodeDuration(str(duration)),
            note=str(note),
            id=int(str(episode_id)),
        ),
        episode_range_problems,
    )


def delete(db: sqlite3.Connection, table: str, row_id: int) -> None:
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
        check_in.alcohol_drinks,
        check_in.screen_hours,
        None if check_in.dry_eyes is None else int(check_in.dry_eyes),
    )


def upsert_check_in(db: sqlite3.Connection, check_in: CheckIn) -> CheckIn | None:
    previous = check_in_on(db, check_in.day)
    db.execute(
        f"INSERT OR REPLACE INTO check_ins ({CHECK_IN_COLUMNS}) VALUES ({_CHECK_IN_PLACES})",
        _check_in_values(check_in),
    )
    return previous


def insert_new_check_ins(db: sqlite3.Connection, check_ins: Iterable[CheckIn]) -> int:
    """Insert the check-ins of days that have none yet; returns how many were."""
    cursor = db.executemany(
        f"INSERT OR IGNORE INTO check_ins ({CHECK_IN_COLUMNS}) VALUES ({_CHECK_IN_PLACES})",
        map(_check_in_values, check_ins),
    )
    return cursor.rowcount


def delete_check_in(db: sqlite3.Connection, day: date) -> CheckIn | None:
    previous = check_in_on(db, day)
    db.execute("DELETE FROM check_ins WHERE day = ?", (day.isoformat(),))
    return previous


def check_in_on(db: sqlite3.Connection, day: date) -> CheckIn | None:
    row = db.execute(f"SELECT {CHECK_IN_COLUMNS} FROM check_ins WHERE day = ?", (day.isoformat(),)).fetchone()
    return None if row is None else readable(check_in_of, row)


def check_in_of(row: Row) -> CheckIn:
    day, sleep_hours, caffeine, stress, water, note, alcohol, screen_hours, dry_eyes = row
    return _in_range(
        CheckIn(
            day=date.fromisoformat(str(day)),
            sleep_hours=None if sleep_hours is None else float(str(sleep_hours)),
            caffeine_drinks=None if caffeine is None else int(str(caffeine)),
            stress=None if stress is None else int(str(stress)),
            water_glasses=None if water is None else int(str(water)),
            note=str(note),
            alcohol_drinks=None if alcohol is None else int(str(alcohol)),
            screen_hours=None if screen_hours is None else float(str(screen_hours)),
            dry_eyes=None if dry_eyes is None else bool(int(str(dry_eyes))),
        ),
        check_in_range_problems,
    )


def _moment_of(stored: object) -> datetime:
    moment = datetime.fromisoformat(str(stored))
    if moment.tzinfo is None:  # every stamp names UTC; a row without it was not written by relaxapp
        raise ValueError(f"{stored} has no time zone")
    return moment


def _in_range(entry: T, problems: Callable[[T], list[str]]) -> T:
    """`entry`, unless a page could not show it: a row kept before the diary's span was checked (an import
    of year 9999, a length of 1e308) stays in the file, and is left out of what is read as unreadable."""
    found = problems(entry)
    if found:
        raise ValueError("; ".join(found))
    return entry
