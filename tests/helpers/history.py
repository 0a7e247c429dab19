"""Real history files in awkward states, for tests of what happens when a write fails."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def write_locked(path: Path) -> Iterator[None]:
    """Another program holds the history's write lock: writes fail as on a busy or full disk.

    The store waits its busy timeout (a few seconds) before it gives up; use this sparingly.
    """
    blocker = sqlite3.connect(path, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")
    try:
        yield
    finally:
        blocker.rollback()
        blocker.close()
