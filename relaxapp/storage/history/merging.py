"""Merging entries into the history (an import, a carried-over file): what is new by its natural key is
added in one transaction, all of it or none; what was there already is counted as skipped."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass

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
from relaxapp.storage.history.errors import HistoryWriteError, require
from relaxapp.storage.history.schema import transaction

# The package's logger, so that the log names the history as one, whichever of its modules speaks.
log = logging.getLogger(__package__)


@dataclass(frozen=True)
class Counts:
    sessions: int = 0
    episodes: int = 0
    check_ins: int = 0
    treatments: int = 0
    safety_checks: int = 0  # warning-signs answers

    @property
    def total(self) -> int:
        return self.sessions + self.episodes + self.check_ins + self.treatments + self.safety_checks


@dataclass(frozen=True)
class MergeReport:
    added: Counts  # new to the history, or a day's warning-signs answer that replaced an earlier one
    skipped: Counts  # already in the history (same natural key), or twice in what was merged


def merge_into(
    db: sqlite3.Connection,
    location: str,
    sessions: Iterable[SessionRecord],
    episodes: Iterable[Episode],
    check_ins: Iterable[CheckIn],
    *,
    treatments: Iterable[Treatment] = (),
    safety_checks: Iterable[SafetyCheck] = (),
    cancelled: Callable[[], bool],
) -> MergeReport | None:
    """Add to `db` what it does not hold yet (see HistoryStore.merge); None when the transaction was
    interrupted because `cancelled` said so, and nothing was added. Raises InvalidEntryError before writing
    anything, HistoryWriteError when the write fails."""
    sessions, episodes, check_ins = list(sessions), list(episodes), list(check_ins)
    treatments, safety_checks = list(treatments), list(safety_checks)
    problems = [
        *(p for s in sessions for p in session_problems(s)),
        *(p for e in episodes for p in episode_problems(e)),
        *(p for c in check_ins for p in check_in_problems(c)),
        *(p for t in treatments for p in treatment_problems(t)),
        *(p for a in safety_checks for p in safety_check_problems(a)),
    ]
    require(problems)
    try:
        with transaction(db):
            added = Counts(
                rows.insert_new(db, rows.SESSIONS, sessions),
                rows.insert_new(db, rows.EPISODES, episodes),
                rows.insert_new_check_ins(db, check_ins),
                rows.insert_new(db, rows.TREATMENTS, treatments),
                rows.insert_new_safety_checks(db, safety_checks),
            )
    except sqlite3.Error as error:
        if cancelled():
            log.info("a merge into %s was cancelled and rolled back", location)
            return None
        log.exception("could not merge into %s", location)
        raise HistoryWriteError(
            f"Nothing was added to {location} ({error}); check that the disk has space and the "
            "folder can be written, then try again."
        ) from error
    skipped = Counts(
        len(sessions) - added.sessions,
        len(episodes) - added.episodes,
        len(check_ins) - added.check_ins,
        len(treatments) - added.treatments,
        len(safety_checks) - added.safety_checks,
    )
    return MergeReport(added, skipped)
