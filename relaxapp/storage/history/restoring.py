"""Putting a backup in place of the history file in use, and carrying that file's entries over into it.

HistoryStore.restore_backup drives these with its own connection's close and reconnect, and its merge: this
module knows files and readers, never the store, so that store may import it and not the other way round.
"""

from __future__ import annotations

import contextlib
import logging
import os
import shutil
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from relaxapp.storage.history.errors import HistoryError, InvalidEntryError
from relaxapp.storage.history.files import move_aside, put_back
from relaxapp.storage.history.merging import MergeReport
from relaxapp.storage.history.queries import HistoryReader

# The package's logger, so that the log names the history as one, whichever of its modules speaks.
log = logging.getLogger(__package__)


@dataclass(frozen=True)
class RestoreReport:
    moved_aside: Path  # the file that was in use, kept beside the history
    carried_over: MergeReport | None  # entries of that file added to the backup's; None when not asked
    problem: str | None  # set when carrying over failed; the entries are still in `moved_aside`


def put_in_place(
    backup: Path, path: Path, now: datetime, *, close: Callable[[], None], reconnect: Callable[[], None]
) -> Path:
    """Copy `backup` in place of the history file `path`, which is moved aside first; returns where it went.

    `close` closes the store's connection to `path`, `reconnect` opens and prepares it again. Raises
    HistoryError, with the file that was in use back in place and reconnected, when the backup cannot be
    copied or used as a history, or the files cannot be moved.
    """
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
    close()
    try:
        aside = move_aside(path, "replaced", now)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        reconnect()
        raise HistoryError(
            f"The history file {path} could not be moved aside ({error}); nothing was changed."
        ) from error
    try:
        temporary.replace(path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        put_back(aside, path)
        reconnect()
        raise HistoryError(
            f"The backup could not be put in place of {path} ({error}); nothing was changed."
        ) from error
    try:
        reconnect()
    except (sqlite3.Error, HistoryError) as error:
        # The copy of the backup cannot be used as a history (an old schema that will not migrate,
        # say): it goes, the backup itself stays in its folder, and the file that was in use comes back.
        log.exception("the backup %s could not be opened as a history", backup)
        with contextlib.suppress(sqlite3.Error):
            close()
        for tail in ("-wal", "-shm", ""):
            Path(f"{path}{tail}").unlink(missing_ok=True)
        put_back(aside, path)
        reconnect()
        raise HistoryError(
            f"The backup {backup.name} could not be opened as a history ({error}); your history is as it was."
        ) from error
    return aside


def carry_over(
    aside: Path,
    open_aside: Callable[[Path], AbstractContextManager[HistoryReader]],
    merge: Callable[..., MergeReport],
) -> RestoreReport:
    """Merge the entries of the file moved `aside` (read through `open_aside`) into the restored history;
    a failure is told in the report, never raised: the entries are still in `aside`."""
    try:
        with open_aside(aside) as previous:
            carried = merge(
                previous.all_sessions(),
                previous.all_episodes(),
                previous.all_check_ins(),
                treatments=previous.all_treatments(),
                safety_checks=previous.all_safety_checks(),
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
