"""What the history page, the calendar and the insights read: timeline pages, day facts, rating changes,
and everything at once for export. Every read skips an unreadable row (logged) rather than failing."""

from __future__ import annotations

import heapq
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING

from relaxapp.core.journal import CheckIn, Episode
from relaxapp.core.record import Scale, SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.storage.history.rows import (
    CHECK_IN_COLUMNS,
    EPISODE_COLUMNS,
    SESSION_COLUMNS,
    SHOWABLE,
    TimelineEntry,
    check_in_of,
    check_in_on,
    episode_of,
    read_all,
    readable,
    session_of,
    stamp,
)

if TYPE_CHECKING:
    from relaxapp.core.stats import DayFacts


@dataclass(frozen=True)
class TimelineFilter:
    """Which entries the timeline shows. Routine kinds limit sessions only; None means every kind."""

    sessions: bool = True
    episodes: bool = True
    routine_kinds: frozenset[RoutineKind] | None = None
    since: datetime | None = None  # inclusive
    until: datetime | None = None  # exclusive


EVERYTHING = TimelineFilter()


class HistoryReader:
    """The read side of HistoryStore: every query over its one connection, none of which writes."""

    _db: sqlite3.Connection

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
        page = self.timeline(limit, older_than, only=TimelineFilter(episodes=False))
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
        columns, moment = (SESSION_COLUMNS, "started_at") if sessions else (EPISODE_COLUMNS, "occurred_at")
        where, parameters = _where(table, only, cursor, newest_first)
        order = "DESC" if newest_first else "ASC"
        rows = self._db.execute(
            f"SELECT {columns} FROM {table}{where} ORDER BY {moment} {order}, id {order} LIMIT ?",
            [*parameters, limit],
        ).fetchall()
        entries: list[TimelineEntry] = []
        for row in rows:
            entry = readable(session_of, row) if sessions else readable(episode_of, row)
            if entry is not None:
                entries.append(entry)
        return entries

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
        )  # not SHOWABLE: its lengths are not in the covering index, and a rating is 0-10 on any row
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
        return read_all(
            self._db, f"SELECT {SESSION_COLUMNS} FROM sessions ORDER BY started_at, id", session_of
        )

    def all_episodes(self) -> Iterator[Episode]:
        return read_all(
            self._db, f"SELECT {EPISODE_COLUMNS} FROM episodes ORDER BY occurred_at, id", episode_of
        )

    def all_check_ins(self) -> Iterator[CheckIn]:
        return read_all(self._db, f"SELECT {CHECK_IN_COLUMNS} FROM check_ins ORDER BY day", check_in_of)


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
    clauses: list[str] = [SHOWABLE[table]]
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
    return " WHERE " + " AND ".join(clauses), parameters
