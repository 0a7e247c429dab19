"""What the history page, the calendar, the insights and the visit report read: timeline pages, entries by
period, day facts, rating changes, and everything at once for export. Every read skips an unreadable row
(logged) rather than failing."""

from __future__ import annotations

import heapq
import logging
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, TypeVar

from relaxapp.core.journal import CheckIn, Episode, Place, SafetyCheck, Side, Treatment, TreatmentKind
from relaxapp.core.record import Scale, SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.storage.history import rows
from relaxapp.storage.history.rows import (
    CHECK_IN_COLUMNS,
    EPISODE_COLUMNS,
    SAFETY_CHECK_COLUMNS,
    SESSION_COLUMNS,
    SHOWABLE,
    TREATMENT_COLUMNS,
    Row,
    TimelineEntry,
    check_in_of,
    check_in_on,
    episode_of,
    places_of,
    read_all,
    readable,
    safety_check_of,
    session_of,
    stamp,
    treatment_of,
)

# The package's logger, so that the log names the history as one, whichever of its modules speaks.
log = logging.getLogger(__package__)
if TYPE_CHECKING:
    from relaxapp.core.stats import DayFacts


@dataclass(frozen=True)
class TimelineFilter:
    """Which entries the timeline shows. Routine kinds limit sessions only; None means every kind.

    Treatments and check-ins are dated, not timed: each stands at the start (local midnight) of its day.
    """

    sessions: bool = True
    episodes: bool = True
    routine_kinds: frozenset[RoutineKind] | None = None
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive
    treatments: bool = True
    check_ins: bool = True


EVERYTHING = TimelineFilter()
T = TypeVar("T")
# What each table is read by period with: its columns, the column that places it in time (a moment, or a
# local day: a warning-signs answer keeps its local day too) and its order.
_PERIODS = {
    "sessions": (SESSION_COLUMNS, "started_at", True, "started_at, id"),
    "episodes": (EPISODE_COLUMNS, "occurred_at", True, "occurred_at, id"),
    "check_ins": (CHECK_IN_COLUMNS, "day", False, "day"),
    "treatments": (TREATMENT_COLUMNS, "given_on", False, "given_on, id"),
    "safety_checks": (SAFETY_CHECK_COLUMNS, "day", False, "day"),
}
NOTHING = TimelineFilter(sessions=False, episodes=False, treatments=False, check_ins=False)
ONLY_SESSIONS = replace(NOTHING, sessions=True)
ONLY_EPISODES = replace(NOTHING, episodes=True)
ONLY_TREATMENTS = replace(NOTHING, treatments=True)
ONLY_CHECK_INS = replace(NOTHING, check_ins=True)


@dataclass(frozen=True)
class _Table:
    """A table the timeline reads: its columns, the column it is ordered by, and its rank at one moment."""

    name: str
    columns: str
    moment: str
    rank: int  # at the same moment: sessions 0, episodes 1, treatments 2, check-ins 3 (oldest first)
    read: Callable[[Row], TimelineEntry]
    dated: bool  # `moment` is a local day, not a UTC stamp
    wanted: Callable[[TimelineFilter], bool]


_TABLES = (
    _Table("sessions", SESSION_COLUMNS, "started_at", 0, session_of, False, lambda f: f.sessions),
    _Table("episodes", EPISODE_COLUMNS, "occurred_at", 1, episode_of, False, lambda f: f.episodes),
    _Table("treatments", TREATMENT_COLUMNS, "given_on", 2, treatment_of, True, lambda f: f.treatments),
    _Table("check_ins", CHECK_IN_COLUMNS, "day", 3, check_in_of, True, lambda f: f.check_ins),
)


class HistoryReader:
    """The read side of HistoryStore: every query over its one connection, none of which writes."""

    _db: sqlite3.Connection
    location: str

    # -- sessions ------------------------------------------------------------------------------------

    def saved_session(self, record: SessionRecord) -> SessionRecord | None:
        """The saved session that `record` is (by its natural key: when it started and what it was), with
        its id; None while it is not saved (it may still wait in memory)."""
        row = self._db.execute(
            f"SELECT {SESSION_COLUMNS} FROM sessions WHERE started_at = ? AND routine_id = ? LIMIT 1",
            (stamp(record.started_at), record.routine_id),
        ).fetchone()
        return None if row is None else readable(session_of, row)

    def newest(self, limit: int, older_than: SessionRecord | None = None) -> list[SessionRecord]:
        """One page of sessions, newest first; the next page starts after the last record of this one.

        Pages follow (started_at, id) through the index rather than an OFFSET, so the thousandth page
        costs what the first does, and a row skipped as unreadable cannot shift the pages.
        """
        page = self.timeline(limit, older_than, only=ONLY_SESSIONS)
        return [entry for entry in page if isinstance(entry, SessionRecord)]

    def count(self) -> int:
        """How many sessions the history holds."""
        total: int = self._db.execute(
            f"SELECT count(*) FROM sessions WHERE {SHOWABLE['sessions']}"
        ).fetchone()[0]
        return total

    # -- check-ins -----------------------------------------------------------------------------------

    def check_in(self, day: date) -> CheckIn | None:
        """The check-in of `day`, or None."""
        return check_in_on(self._db, day)

    def latest_check_in_before(self, day: date) -> CheckIn | None:
        """The most recent check-in before `day`: its answers are the defaults of today's."""
        row = self._db.execute(
            f"SELECT {CHECK_IN_COLUMNS} FROM check_ins WHERE day < ? AND {SHOWABLE['check_ins']}"
            " ORDER BY day DESC LIMIT 1",
            (day.isoformat(),),
        ).fetchone()
        return None if row is None else readable(check_in_of, row)

    # -- the timeline --------------------------------------------------------------------------------

    def timeline(
        self,
        limit: int,
        after: TimelineEntry | None = None,
        *,
        newest_first: bool = True,
        only: TimelineFilter = EVERYTHING,
    ) -> list[TimelineEntry]:
        """One page of the timeline (sessions, episodes, treatments, check-ins) in time order; pass the
        page's last entry as `after` for the next one. Each table is read through its time index, `limit`
        rows at most, so a page costs the same at row 10 and at row 100,000. At the same moment check-ins
        come before treatments, episodes and sessions (newest first). Unreadable rows are logged and left
        out; nothing is deleted.
        """
        cursor = None if after is None else _key(after)
        pages = [
            self._page(table, limit, cursor, newest_first, only) for table in _TABLES if table.wanted(only)
        ]
        merged = heapq.merge(*pages, key=_key, reverse=newest_first)
        return [entry for _, entry in zip(range(limit), merged, strict=False)]

    def is_empty(self) -> bool:
        """Nothing kept at all: no session, episode, treatment or check-in."""
        return all(
            self._db.execute(f"SELECT 1 FROM {table} LIMIT 1").fetchone() is None
            for table in ("sessions", "episodes", "treatments", "check_ins")
        )

    def count_timeline(self, only: TimelineFilter = EVERYTHING) -> int:
        """How many entries the timeline holds under `only` (for a scroll bar; no row is read)."""
        total = 0
        for table in _TABLES:
            if table.wanted(only):
                where, parameters = _where(table, only, None, newest_first=True)
                row = self._db.execute(f"SELECT count(*) FROM {table.name}{where}", parameters).fetchone()
                total += int(row[0])
        return total

    def _page(
        self,
        table: _Table,
        limit: int,
        cursor: tuple[str, int, int] | None,
        newest_first: bool,
        only: TimelineFilter,
    ) -> list[TimelineEntry]:
        where, parameters = _where(table, only, cursor, newest_first)
        order = "DESC" if newest_first else "ASC"
        then = f", id {order}" if table.name != "check_ins" else ""  # one check-in a day: no id
        rows = self._db.execute(
            f"SELECT {table.columns} FROM {table.name}{where} ORDER BY {table.moment} {order}{then} LIMIT ?",
            [*parameters, limit],
        ).fetchall()
        return [entry for entry in (readable(table.read, row) for row in rows) if entry is not None]

    # -- by period: what a visit report, the calendar and the insights read -----------------------------

    def sessions_between(self, first: date, last: date) -> list[SessionRecord]:
        """The sessions started on local days `first` to `last` (inclusive), oldest first."""
        return self._between("sessions", first, last, session_of)

    def episodes_between(self, first: date, last: date) -> list[Episode]:
        """The episodes of local days `first` to `last` (inclusive), oldest first."""
        return self._between("episodes", first, last, episode_of)

    def check_ins_between(self, first: date, last: date) -> list[CheckIn]:
        """The check-ins of days `first` to `last` (inclusive), oldest first."""
        return self._between("check_ins", first, last, check_in_of)

    def treatments_between(self, first: date, last: date) -> list[Treatment]:
        """The treatments given on days `first` to `last` (inclusive), oldest first."""
        return self._between("treatments", first, last, treatment_of)

    def safety_checks_between(self, first: date, last: date) -> list[SafetyCheck]:
        """The warning-signs answers of local days `first` to `last` (inclusive; one a day), oldest first."""
        return self._between("safety_checks", first, last, safety_check_of)

    def _between(self, table: str, first: date, last: date, read: Callable[[Row], T]) -> list[T]:
        columns, when, timed, order = _PERIODS[table]
        # A moment is found through its index by the local midnights around the days; a day by its text.
        span = (
            _local_between(when, first, last)
            if timed
            else f"{when} BETWEEN '{first.isoformat()}' AND '{last.isoformat()}'"
        )
        query = f"SELECT {columns} FROM {table} WHERE {span} AND {SHOWABLE[table]} ORDER BY {order}"
        return list(read_all(self._db, query, read))

    def latest_treatment(
        self, kind: TreatmentKind | None = None, before: date | None = None
    ) -> Treatment | None:
        """The most recent treatment (of `kind`, when given; given before `before`, when given), or None."""
        clauses, parameters = [SHOWABLE["treatments"]], []
        if kind is not None:
            clauses.append("kind = ?")
            parameters.append(kind.value)
        if before is not None:
            clauses.append("given_on < ?")
            parameters.append(before.isoformat())
        for row in self._db.execute(
            f"SELECT {TREATMENT_COLUMNS} FROM treatments WHERE {' AND '.join(clauses)}"
            " ORDER BY given_on DESC, id DESC",
            parameters,
        ):
            treatment = readable(treatment_of, row)
            if treatment is not None:  # an unreadable row is passed over, not taken for "none"
                return treatment
        return None

    # -- calendar and insights -----------------------------------------------------------------------

    def minutes_by_day(self, first: date, last: date) -> dict[date, float]:
        """Minutes practised on each local day from `first` to `last` (inclusive); days without practice are
        left out. A session counts on the day it started."""
        rows = self._db.execute(
            "SELECT date(started_at, 'localtime'), sum(actual_seconds) / 60.0 FROM sessions"
            f" WHERE started_at >= ? AND started_at < ? AND {SHOWABLE['sessions']} GROUP BY 1",
            _local_range(first, last),
        )
        return {date.fromisoformat(day): minutes for day, minutes in rows}

    def practice_days(self) -> set[date]:
        """Every local day with at least one session: what streaks are counted from."""
        rows = self._db.execute(
            f"SELECT DISTINCT date(started_at, 'localtime') FROM sessions WHERE {SHOWABLE['sessions']}"
        )
        return {date.fromisoformat(day) for (day,) in rows if day is not None}

    def day_facts(self, first: date, last: date) -> list[DayFacts]:
        """Every local day from `first` to `last` (inclusive): minutes practised, episodes, check-in."""
        # The statistics load with the page that asks for them, not with the first frame.
        from relaxapp.core.stats import DayFacts  # noqa: PLC0415

        minutes = self.minutes_by_day(first, last)
        episodes = {
            date.fromisoformat(day): count
            for day, count in self._db.execute(
                "SELECT date(occurred_at, 'localtime'), count(*) FROM episodes"
                f" WHERE occurred_at >= ? AND occurred_at < ? AND {SHOWABLE['episodes']} GROUP BY 1",
                _local_range(first, last),
            )
        }
        check_ins: dict[date, CheckIn] = {}
        for row in self._db.execute(
            f"SELECT {CHECK_IN_COLUMNS} FROM check_ins WHERE day BETWEEN ? AND ?",
            (first.isoformat(), last.isoformat()),
        ):
            check_in = readable(check_in_of, row)
            if check_in is not None:
                check_ins[check_in.day] = check_in
        treatments: dict[date, list[Treatment]] = {}
        for treatment in self.treatments_between(first, last):
            treatments.setdefault(treatment.given_on, []).append(treatment)
        days = []
        day = first
        while day <= last:
            given = tuple(treatments.get(day, ()))
            days.append(DayFacts(day, minutes.get(day, 0.0), episodes.get(day, 0), check_ins.get(day), given))
            day += timedelta(days=1)
        return days

    def places_and_sides(self, first: date, last: date) -> list[tuple[tuple[Place, ...], Side, int]]:
        """(places, side, twitches) for the episodes of the local days `first` to `last`, alike ones counted
        together: a year holds a few dozen such pairs, not thousands of rows."""
        rows = self._db.execute(
            "SELECT places, place, side, count(*) FROM episodes"
            f" WHERE occurred_at >= ? AND occurred_at < ? AND {SHOWABLE['episodes']} GROUP BY 1, 2, 3",
            _local_range(first, last),
        )
        counted = []
        for places, place, side, count in rows:
            try:
                counted.append((places_of(places) or (Place(place),), Side(side), int(count)))
            except ValueError as error:  # as readable() does for a whole row: logged, left out
                log.warning("episodes with places %r are unreadable and are not counted: %s", places, error)
        return counted

    def rating_changes(
        self, scale: Scale, since: datetime | None = None
    ) -> list[tuple[RoutineKind, int, int, int]]:
        """(kind, before, after, sessions) for the sessions rated on `scale` at both ends, alike pairs counted
        together: what stats.average_change_by_kind takes."""
        before, after = f"{scale.value}_before", f"{scale.value}_after"
        query = (
            f"SELECT routine_kind, {before}, {after}, count(*) FROM sessions"
            f" WHERE {before} IS NOT NULL AND {after} IS NOT NULL"
        )  # not SHOWABLE: its lengths are not in the covering index, and a rating is 0-10 on any row
        parameters: tuple[str, ...] = ()
        if since is not None:
            query += " AND started_at >= ?"
            parameters = (stamp(since),)
        kinds = {kind.value: kind for kind in RoutineKind}
        rows = self._db.execute(query + " GROUP BY 1, 2, 3", parameters)
        return [(kinds[kind], b, a, count) for kind, b, a, count in rows if kind in kinds]

    def note_unshowable(self) -> None:
        """Log the rows no page shows (rows.SHOWABLE): a date outside 1970-2100 or a length beyond a day,
        kept from before such values were refused. They stay in the file, as every unreadable row does."""
        key = {"check_ins": "day"}
        for table, showable in rows.SHOWABLE.items():
            found = [
                str(row[0])
                for row in self._db.execute(
                    f"SELECT {key.get(table, 'id')} FROM {table} WHERE NOT ({showable}) LIMIT 11"
                )
            ]
            if found:
                listed = ", ".join(found[:10]) + (" and more" if len(found) > 10 else "")
                log.warning(
                    "history rows %s of %s in %s are unreadable (a date outside 1970-2100 or a length"
                    " beyond a day) and are not shown; they are kept in the file",
                    listed,
                    table,
                    self.location,
                )

    # -- everything, for export, import and restore --------------------------------------------------

    def all_sessions(self) -> Iterator[SessionRecord]:
        """Every readable session, oldest first, read as it is consumed."""
        return read_all(
            self._db, f"SELECT {SESSION_COLUMNS} FROM sessions ORDER BY started_at, id", session_of
        )

    def all_episodes(self) -> Iterator[Episode]:
        return read_all(
            self._db, f"SELECT {EPISODE_COLUMNS} FROM episodes ORDER BY occurred_at, id", episode_of
        )

    def all_check_ins(self) -> Iterator[CheckIn]:
        return read_all(self._db, f"SELECT {CHECK_IN_COLUMNS} FROM check_ins ORDER BY day", check_in_of)

    def all_treatments(self) -> Iterator[Treatment]:
        return read_all(
            self._db, f"SELECT {TREATMENT_COLUMNS} FROM treatments ORDER BY given_on, id", treatment_of
        )

    def all_safety_checks(self) -> Iterator[SafetyCheck]:
        return read_all(
            self._db, f"SELECT {SAFETY_CHECK_COLUMNS} FROM safety_checks ORDER BY day", safety_check_of
        )


def _local_range(first: date, last: date) -> tuple[str, str]:
    # Local midnights as UTC stamps: the index finds the rows, SQLite's 'localtime' then names their days.
    # Both use the C library's idea of local time, so they agree, DST included.
    start = datetime.combine(first, time()).astimezone()
    end = datetime.combine(last + timedelta(days=1), time()).astimezone()
    return stamp(start), stamp(end)


def _local_between(column: str, first: date, last: date) -> str:
    # Literal stamps (no user text): the index finds the rows of these local days.
    start, end = _local_range(first, last)
    return f"{column} >= '{start}' AND {column} < '{end}'"


def _midnight(day: date) -> str:
    """The stamp of `day`'s local midnight: where a dated entry stands in the timeline."""
    return stamp(datetime.combine(day, time()).astimezone())


def _first_day_from(stamped: str) -> date:
    """The first local day whose midnight is at or after the moment `stamped`."""
    day = datetime.fromisoformat(stamped).astimezone().date()
    return day if _midnight(day) >= stamped else day + timedelta(days=1)


def _key(entry: TimelineEntry) -> tuple[str, int, int]:
    # The timeline's order: moment, then rank (see _Table), then id; ids differ within a table only.
    if isinstance(entry, SessionRecord):
        return (stamp(entry.started_at), 0, entry.id or 0)
    if isinstance(entry, Episode):
        return (stamp(entry.occurred_at), 1, entry.id or 0)
    if isinstance(entry, Treatment):
        return (_midnight(entry.given_on), 2, entry.id or 0)
    return (_midnight(entry.day), 3, 0)


def _where(
    table: _Table, only: TimelineFilter, cursor: tuple[str, int, int] | None, newest_first: bool
) -> tuple[str, list[object]]:
    moment = table.moment
    clauses: list[str] = [SHOWABLE[table.name]]
    parameters: list[object] = []
    if table.name == "sessions" and only.routine_kinds is not None:
        kinds = sorted(kind.value for kind in only.routine_kinds)
        clauses.append(f"routine_kind IN ({', '.join('?' * len(kinds))})")
        parameters += kinds
    # A dated table is compared by day: the days whose midnight is in the span.
    bound: Callable[[datetime], object] = (
        (lambda moment: _first_day_from(stamp(moment)).isoformat()) if table.dated else stamp
    )
    if only.since is not None:
        clauses.append(f"{moment} >= ?")
        parameters.append(bound(only.since))
    if only.until is not None:
        clauses.append(f"{moment} < ?")
        parameters.append(bound(only.until))
    if cursor is not None:
        clause, values = (_dated_after if table.dated else _timed_after)(table, cursor, newest_first)
        clauses.append(clause)
        parameters += values
    return " WHERE " + " AND ".join(clauses), parameters


def _timed_after(table: _Table, cursor: tuple[str, int, int], newest_first: bool) -> tuple[str, list[object]]:
    """The rows of a timed table beyond the cursor in the timeline's order."""
    at, cursor_rank, cursor_id = cursor
    beyond = "<" if newest_first else ">"
    if table.rank == cursor_rank:
        return f"({table.moment}, id) {beyond} (?, ?)", [at, cursor_id]
    # The other table's rows at the cursor's very moment come wholly before or after it.
    same_moment_follows = table.rank < cursor_rank if newest_first else table.rank > cursor_rank
    return f"{table.moment} {beyond}{'=' if same_moment_follows else ''} ?", [at]


def _dated_after(table: _Table, cursor: tuple[str, int, int], newest_first: bool) -> tuple[str, list[object]]:
    """The rows of a dated table beyond the cursor: by day, and on the cursor's own day, when the cursor
    stands at that day's midnight (a dated entry), by rank and id."""
    at, cursor_rank, cursor_id = cursor
    day = datetime.fromisoformat(at).astimezone().date()
    beyond = "<" if newest_first else ">"
    if _midnight(day) != at:  # the cursor is later in its day than this table's rows of that day
        return (f"{table.moment} <= ?" if newest_first else f"{table.moment} > ?"), [day.isoformat()]
    if table.rank == cursor_rank and table.name != "check_ins":
        return f"({table.moment}, id) {beyond} (?, ?)", [day.isoformat(), cursor_id]
    same_day_follows = table.rank < cursor_rank if newest_first else table.rank > cursor_rank
    return f"{table.moment} {beyond}{'=' if same_day_follows else ''} ?", [day.isoformat()]
