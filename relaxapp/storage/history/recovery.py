"""Start-up's way in: open_history always gives a usable store, and sets a damaged file aside, carrying
over what can still be read from it, rather than failing or deleting anything."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from relaxapp.storage.backup import Backup, list_backups
from relaxapp.storage.history.errors import (
    HistoryDamagedError,
    HistoryError,
    HistoryWriteError,
    InvalidEntryError,
)
from relaxapp.storage.history.files import connect_read_only, move_aside
from relaxapp.storage.history.rows import (
    ADDED_AS_NOT_ASKED,
    CHECK_IN_COLUMNS,
    EPISODE_COLUMNS,
    SAFETY_CHECK_COLUMNS,
    SESSION_COLUMNS,
    TREATMENT_COLUMNS,
    Row,
    check_in_of,
    episode_of,
    readable,
    safety_check_of,
    session_of,
    treatment_of,
)
from relaxapp.storage.history.schema import tables_of
from relaxapp.storage.history.store import HistoryStore

# The package's logger, so that the log names the history as one, whichever of its modules speaks.
log = logging.getLogger(__package__)


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
    tables: tuple[list[Any], ...] = ([], [], [], [], [])
    reads: tuple[tuple[str, str, Callable[[Row], Any]], ...] = (
        ("sessions", SESSION_COLUMNS, session_of),
        ("episodes", EPISODE_COLUMNS, episode_of),
        ("check_ins", CHECK_IN_COLUMNS, check_in_of),
        ("treatments", TREATMENT_COLUMNS, treatment_of),
        ("safety_checks", SAFETY_CHECK_COLUMNS, safety_check_of),
    )
    try:
        # With its -wal, set aside beside it: what relaxapp wrote last before it stopped may be there only.
        db = connect_read_only(damaged)
    except sqlite3.Error:
        log.exception("nothing could be read from %s", damaged)
        return 0
    with closing(db):
        for entries, (table, columns, read) in zip(tables, reads, strict=True):
            try:
                if table not in tables_of(db):  # a file from before schema 7 has no treatments yet
                    continue
                for row in db.execute(f"SELECT {_columns_of(db, table, columns)} FROM {table}"):
                    entry = readable(read, row)
                    if entry is not None:
                        entries.append(entry)
            except sqlite3.Error:
                log.warning("only part of a table of %s could be read", damaged, exc_info=True)
    try:
        sessions, episodes, check_ins, treatments, safety_checks = tables
        report = store.merge(
            sessions, episodes, check_ins, treatments=treatments, safety_checks=safety_checks
        )
    except (InvalidEntryError, HistoryWriteError):
        log.exception("the entries read from %s could not be carried over", damaged)
        return 0
    return report.added.total


def _columns_of(db: sqlite3.Connection, table: str, columns: str) -> str:
    """`columns` as `table` of a file from an earlier schema has them: one a later migration added as
    "not asked" (NULL) is read as NULL when the file has not got it yet."""
    present = tables_of(db).get(table, frozenset())
    return ", ".join(
        "NULL" if name in ADDED_AS_NOT_ASKED and name not in present else name
        for name in (column.strip() for column in columns.split(","))
    )
