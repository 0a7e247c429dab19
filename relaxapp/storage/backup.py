"""Rotating backups of the history file, taken while the app runs.

A backup is copied with SQLite's online backup API through a connection of its own: in WAL mode it reads
one consistent snapshot while the app goes on writing. The copy is made under a temporary name and only
renamed into place once complete and synced, so a full disk or a crash leaves no half backup behind.
"""

from __future__ import annotations

import logging
import os
import re
import sqlite3
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

log = logging.getLogger(__name__)

BACKUP_KEEP = 7
BACKUP_EVERY = timedelta(days=1)
_NAME = re.compile(r"^history-(\d{8}T\d{6}Z)\.sqlite3$")
_STAMP = "%Y%m%dT%H%M%SZ"


class BackupError(Exception):
    """A backup could not be taken; the message says why in plain words. No partial file is left."""


@dataclass(frozen=True)
class Backup:
    path: Path
    taken_at: datetime  # UTC, from the file's name


def take_backup(database: Path, backups_dir: Path, now: datetime, keep: int = BACKUP_KEEP) -> Backup:
    """Copy `database` to backups_dir/history-<UTC time>.sqlite3, then keep only the newest `keep` backups.

    Safe to call while the app writes to `database`, and from a worker thread (the connections are its own).
    Raises BackupError.
    """
    taken_at = now.astimezone(UTC).replace(microsecond=0)
    target = backups_dir / f"history-{taken_at.strftime(_STAMP)}.sqlite3"
    partial = target.with_name(target.name + ".partial")
    try:
        backups_dir.mkdir(parents=True, exist_ok=True)
        partial.unlink(missing_ok=True)  # left by a crash mid-backup
        source = sqlite3.connect(f"{database.resolve().as_uri()}?mode=ro", uri=True)
        with closing(source), closing(sqlite3.connect(partial, isolation_level=None)) as copy:
            source.backup(copy)
            # A backup is one self-contained file: no -wal beside it to lose when it is copied elsewhere.
            copy.execute("PRAGMA journal_mode = DELETE")
        with open(partial, "rb") as written:
            os.fsync(written.fileno())
        partial.replace(target)
    except (OSError, sqlite3.Error) as error:
        partial.unlink(missing_ok=True)
        Path(f"{partial}-journal").unlink(missing_ok=True)
        log.exception("backup of %s failed", database)
        raise BackupError(
            f"The backup of your history could not be made in {backups_dir} ({error}). Your history itself "
            "is unharmed; check that the disk has space."
        ) from error
    for old in list_backups(backups_dir)[keep:]:
        try:
            old.path.unlink()
        except OSError:
            log.warning("could not remove the old backup %s", old.path, exc_info=True)
    return Backup(target, taken_at)


def list_backups(backups_dir: Path) -> list[Backup]:
    """The backups in `backups_dir`, newest first; files of other names are not backups and are ignored."""
    try:
        names = os.listdir(backups_dir)
    except OSError:
        return []
    backups = []
    for name in names:
        match = _NAME.match(name)
        if match:
            taken_at = datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)
            backups.append(Backup(backups_dir / name, taken_at))
    return sorted(backups, key=lambda backup: backup.taken_at, reverse=True)


def backup_due(now: datetime, last: datetime | None, every: timedelta = BACKUP_EVERY) -> bool:
    """Whether the next automatic backup is due: when there is none yet or the last is `every` old.

    A last backup in the future (the clock was set back) counts as due, or none would be taken for a while.
    """
    return last is None or not timedelta(0) <= now - last < every
