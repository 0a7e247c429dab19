"""Each entry as a row of its table: the columns, the mapping both ways, and the statements that write one.

Moments are stored by stamp(): one fixed shape, so that text order is time order in SQL.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from typing import Generic, TypeVar

from relaxapp.core.bounds import (
    EARLIEST_DAY,
    EARLIEST_MOMENT,
    LATEST_DAY,
    LATEST_MOMENT,
    MAX_SESSION_SECONDS,
    day_problem,
    moment_problem,
)
from relaxapp.core.journal import (
    CheckIn,
    Episode,
    EpisodeDuration,
    Place,
    SafetyCheck,
    Side,
    Treatment,
    TreatmentKind,
    check_in_range_problems,
    episode_range_problems,
    in_place_order,
)
from relaxapp.core.record import SKIPPED, Ratings, Score, SessionRecord, session_range_problems
from relaxapp.core.routine import RoutineKind
from relaxapp.core.urgency import Urgency

# The package's logger, so that the log names the history as one, whichever of its modules speaks.
log = logging.getLogger(__package__)

_SKIP_BITS = {"tension_before": 1, "twitch_before": 2, "tension_after": 4, "twitch_after": 8}
_SESSION_FIELDS = (
    "routine_id, routine_kind, routine_title, started_at, planned_seconds, actual_seconds, completed,"
    " tension_before, twitch_before, tension_after, twitch_after, skipped_ratings"
)
SESSION_COLUMNS = f"id, {_SESSION_FIELDS}"
_EPISODE_FIELDS = "occurred_at, side, place, intensity, duration, note, places"
EPISODE_COLUMNS = f"id, {_EPISODE_FIELDS}"
_TREATMENT_FIELDS = "given_on, kind, name, side, places, dose, note"
TREATMENT_COLUMNS = f"id, {_TREATMENT_FIELDS}"
SAFETY_CHECK_COLUMNS = "id, checked_at, urgency, signs"
CHECK_IN_COLUMNS = (
    "day, sleep_hours, caffeine_drinks, stress, water_glasses, note, alcohol_drinks, screen_hours, dry_eyes"
)
_CHECK_IN_PLACES = ", ".join("?" * len(CHECK_IN_COLUMNS.split(",")))
# Columns a migration added where NULL means "not asked then" (schema 6) or "as before" (an episode's places,
# schema 7: its one place): a damaged file from before them, read to carry its entries over, gives them as
# NULL rather than failing its whole table.
ADDED_AS_NOT_ASKED = frozenset({"alcohol_drinks", "screen_hours", "dry_eyes", "places"})

Entry = SessionRecord | Episode | CheckIn | Treatment | SafetyCheck
E = TypeVar("E", SessionRecord, Episode, Treatment)  # an entry with an id of its own
TimelineEntry = SessionRecord | Episode | Treatment | CheckIn
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
        "treatments": f"given_on BETWEEN '{EARLIEST_DAY.isoformat()}' AND '{LATEST_DAY.isoformat()}'",
        "safety_checks": f"checked_at >= '{first}' AND checked_at < '{last}'",
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
        episode.places[0].value,  # the first place: the natural key, and what an older relaxapp reads
        episode.intensity,
        episode.duration.value,
        episode.note,
        places_text(episode.places),
    )


def places_text(places: tuple[Place, ...]) -> str:
    """Places as a column holds them: 'eyelid,cheek'."""
    return ",".join(place.value for place in places)


def places_of(stored: object) -> tuple[Place, ...]:
    """The places a column holds, in Place order; a value that is no place makes the row unreadable."""
    text = "" if stored is None else str(stored)
    places = [Place(name) for name in text.split(",")] if text else []
    ordered = in_place_order(places)
    if len(ordered) != len(places):
        raise ValueError(f"places {text!r} repeats a place")
    return ordered


def episode_of(row: Row) -> Episode:
    episode_id, occurred_at, side, place, intensity, duration, note, places = row
    return _in_range(
        Episode(
            occurred_at=_moment_of(occurred_at),
            side=Side(str(side)),
            # A row from before schema 7 (carried over from a damaged file) has its one place only.
            places=places_of(places) or (Place(str(place)),),
            intensity=int(str(intensity)),
            duration=EpisodeDuration(str(duration)),
            note=str(note),
            id=int(str(episode_id)),
        ),
        episode_range_problems,
    )


# -- treatments and warning-signs answers ----------------------------------------------------------------


def _treatment_values(treatment: Treatment) -> tuple[object, ...]:
    return (
        treatment.given_on.isoformat(),
        treatment.kind.value,
        treatment.name,
        None if treatment.side is None else treatment.side.value,
        places_text(treatment.places),
        treatment.dose,
        treatment.note,
    )


def treatment_of(row: Row) -> Treatment:
    treatment_id, given_on, kind, name, side, places, dose, note = row
    return _in_range(
        Treatment(
            given_on=date.fromisoformat(str(given_on)),
            kind=TreatmentKind(str(kind)),
            name=str(name),
            side=None if side is None else Side(str(side)),
            places=places_of(places),
            dose=str(dose),
            note=str(note),
            id=int(str(treatment_id)),
        ),
        _treatment_range_problems,
    )


def _treatment_range_problems(treatment: Treatment) -> list[str]:
    problem = day_problem("given_on", treatment.given_on)
    return [problem] if problem else []


def _safety_check_values(check: SafetyCheck) -> tuple[object, ...]:
    # The local day it was answered on: the one row that day holds.
    day = check.checked_at.astimezone().date().isoformat()
    return (day, stamp(check.checked_at), check.urgency.value, ",".join(check.signs))


def save_safety_check(db: sqlite3.Connection, check: SafetyCheck) -> SafetyCheck:
    """Keep `check` as its local day's answer, replacing an earlier one of that day (under the same id)."""
    values = _safety_check_values(check)
    db.execute(
        "INSERT INTO safety_checks (day, checked_at, urgency, signs) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (day) DO UPDATE SET checked_at = excluded.checked_at, urgency = excluded.urgency,"
        " signs = excluded.signs",
        values,
    )  # not RETURNING: SQLite has it from 3.35 only, and some systems' Python links an older one
    row = db.execute("SELECT id FROM safety_checks WHERE day = ?", (values[0],)).fetchone()
    return replace(check, id=int(row[0]))


def delete_safety_check(db: sqlite3.Connection, day: date) -> SafetyCheck | None:
    """Delete the answer of local `day`; returns it, or None when the day had none (or an unreadable one)."""
    row = db.execute(f"SELECT {SAFETY_CHECK_COLUMNS} FROM safety_checks WHERE day = ?", (day.isoformat(),))
    found = row.fetchone()
    db.execute("DELETE FROM safety_checks WHERE day = ?", (day.isoformat(),))
    return None if found is None else readable(safety_check_of, found)


def insert_new_safety_checks(db: sqlite3.Connection, checks: Iterable[SafetyCheck]) -> int:
    """Keep each answer that is its day's latest; returns how many were kept.

    A day keeps one answer, the latest, as when the person answers twice: an answer of a day that has one
    replaces it only when it was given later (stamps sort as the moments they name); an earlier one, or
    the same moment again, is skipped. So a merge gives the same answer whichever side held which.
    """
    cursor = db.executemany(
        "INSERT INTO safety_checks (day, checked_at, urgency, signs) VALUES (?, ?, ?, ?)"
        " ON CONFLICT (day) DO UPDATE SET checked_at = excluded.checked_at, urgency = excluded.urgency,"
        " signs = excluded.signs WHERE excluded.checked_at > safety_checks.checked_at",
        map(_safety_check_values, checks),
    )
    return cursor.rowcount


def safety_check_of(row: Row) -> SafetyCheck:
    check_id, checked_at, urgency, signs = row
    text = str(signs)
    return _in_range(
        SafetyCheck(
            checked_at=_moment_of(checked_at),
            urgency=Urgency(str(urgency)),
            signs=tuple(text.split(",")) if text else (),
            id=int(str(check_id)),
        ),
        _safety_check_range_problems,
    )


def _safety_check_range_problems(check: SafetyCheck) -> list[str]:
    problem = moment_problem("checked_at", check.checked_at)
    return [problem] if problem else []


# -- the tables whose rows have an id: sessions, episodes, treatments ------------------------------------


@dataclass(frozen=True)
class Table(Generic[E]):
    """A table whose rows have an id: its columns, how an entry is written and read, and its natural key
    (the fields that say two entries are the same one: a merge adds an entry only when none has them)."""

    name: str
    fields: str  # every column but the id, in the order `values` gives them
    values: Callable[[E], tuple[object, ...]]
    read: Callable[[Row], E]
    key: tuple[str, ...]  # some of `fields`

    @property
    def columns(self) -> str:
        return f"id, {self.fields}"

    @property
    def names(self) -> list[str]:
        return [name.strip() for name in self.fields.split(",")]


def insert(db: sqlite3.Connection, table: Table[E], entry: E, keep_id: bool = False) -> E:
    """Insert `entry`; with keep_id under its own id when that is free (an undone delete)."""
    wanted = entry.id if keep_id and not _exists(db, table.name, entry.id) else None
    marks = ", ".join("?" * len(table.names))
    cursor = db.execute(
        f"INSERT INTO {table.name} ({table.columns}) VALUES (?, {marks})", (wanted, *table.values(entry))
    )
    return replace(entry, id=cursor.lastrowid)


def insert_new(db: sqlite3.Connection, table: Table[E], entries: Iterable[E]) -> int:
    """Insert the entries not saved yet (by the table's natural key); returns how many were. One statement
    for all: a merge of a big import spends its time in SQLite rather than in a call per row."""
    names = table.names
    at: list[int] = [names.index(name) for name in table.key]
    same = " AND ".join(f"{name} IS ?" for name in table.key)  # IS: a NULL (no side) is the same as NULL

    def with_key(values: tuple[object, ...]) -> tuple[object, ...]:
        return (*values, *(values[index] for index in at))

    cursor = db.executemany(
        f"INSERT INTO {table.name} ({table.fields}) SELECT {', '.join('?' * len(names))}"
        f" WHERE NOT EXISTS (SELECT 1 FROM {table.name} WHERE {same})",
        (with_key(table.values(entry)) for entry in entries),
    )
    return cursor.rowcount


def update(db: sqlite3.Connection, table: Table[E], entry: E, row_id: int) -> E | None:
    """Replace the row `row_id` with `entry`; returns the entry it held (to undo), or None."""
    row = db.execute(f"SELECT {table.columns} FROM {table.name} WHERE id = ?", (row_id,)).fetchone()
    assignments = ", ".join(f"{name} = ?" for name in table.names)
    db.execute(f"UPDATE {table.name} SET {assignments} WHERE id = ?", (*table.values(entry), row_id))
    return None if row is None else readable(table.read, row)


SESSIONS = Table("sessions", _SESSION_FIELDS, _session_values, session_of, ("started_at", "routine_id"))
# An episode is the same one by its moment, side and first place (the column `place`, kept since schema 4).
EPISODES = Table("episodes", _EPISODE_FIELDS, _episode_values, episode_of, ("occurred_at", "side", "place"))
# A treatment is the same one only when every field is: two injections of a day, in different places or
# doses, are two, and an injection's product (its name) is often left blank.
TREATMENTS = Table(
    "treatments",
    _TREATMENT_FIELDS,
    _treatment_values,
    treatment_of,
    tuple(name.strip() for name in _TREATMENT_FIELDS.split(",")),
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
