"""The person's diary in one SQLite file: sessions with their ratings, episodes, check-ins, treatments and
warning-signs answers.

How the file is versioned, migrated and kept durable: see schema.

The modules, each importing only those before it:
errors → schema (format, migrations, transactions) → files (connect, probe, move aside) → rows (entry ↔ row)
→ queries (HistoryReader) → merging (new entries added by their natural keys) → restoring (a backup put in
place, RestoreReport) → store (HistoryStore, its writes and retry queue) → recovery (open_history).
"""

import importlib
from typing import TYPE_CHECKING

from relaxapp.storage.history.errors import (
    HistoryDamagedError,
    HistoryError,
    HistoryWriteError,
    InvalidEntryError,
)
from relaxapp.storage.history.files import move_aside
from relaxapp.storage.history.queries import (
    EVERYTHING,
    ONLY_CHECK_INS,
    ONLY_EPISODES,
    ONLY_SESSIONS,
    ONLY_TREATMENTS,
    HistoryReader,
    TimelineFilter,
)
from relaxapp.storage.history.recovery import OpenResult, open_history
from relaxapp.storage.history.rows import Entry, TimelineEntry, stamp
from relaxapp.storage.history.schema import MIGRATIONS, SCHEMA_VERSION
from relaxapp.storage.history.store import HistoryStore

if TYPE_CHECKING:
    from relaxapp.storage.history.merging import Counts, MergeReport
    from relaxapp.storage.history.restoring import RestoreReport

# What only an import, an export or a restore needs loads with its first use, not with the first frame.
_LOADED_WHEN_FIRST_USED = {
    "Counts": "relaxapp.storage.history.merging",
    "MergeReport": "relaxapp.storage.history.merging",
    "RestoreReport": "relaxapp.storage.history.restoring",
}


def __getattr__(name: str) -> object:
    if name not in _LOADED_WHEN_FIRST_USED:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(importlib.import_module(_LOADED_WHEN_FIRST_USED[name]), name)


__all__ = [
    "EVERYTHING",
    "MIGRATIONS",
    "ONLY_CHECK_INS",
    "ONLY_EPISODES",
    "ONLY_SESSIONS",
    "ONLY_TREATMENTS",
    "SCHEMA_VERSION",
    "Counts",
    "Entry",
    "HistoryDamagedError",
    "HistoryError",
    "HistoryReader",
    "HistoryStore",
    "HistoryWriteError",
    "InvalidEntryError",
    "MergeReport",
    "OpenResult",
    "RestoreReport",
    "TimelineEntry",
    "TimelineFilter",
    "move_aside",
    "open_history",
    "stamp",
]
