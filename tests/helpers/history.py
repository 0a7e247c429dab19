"""Real history files in awkward states, for tests of what happens when a write fails."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

# How long a test's store waits for another program's lock: long enough for SQLite, short enough that a
# test of a failed write does not wait the app's few seconds. Open with HistoryStore.open(path,
# busy_timeout_ms=QUICK_BUSY_TIMEOUT_MS).
QUICK_BUSY_TIMEOUT_MS = 50


@contextlib.contextmanager
def write_locked(path: Path) -> Iterator[None]:
    """Another program holds the history's write lock: writes fail as on a busy or full disk.

    The store waits its busy timeout before it gives up: open it with busy_timeout_ms=QUICK_BUSY_TIMEOUT_MS.
    """
    blocker = sqlite3.connect(path, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        blocker.rollback()
        blocker.close()
