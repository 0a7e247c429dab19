"""Real history files in awkward states, for tests of what happens when a write fails."""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

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


def as_a_person(command: list[str]) -> list[str]:
    """`command` run with a person's file permissions: for root (a container, a CI runner), with its power
    to write any file dropped, so that a read-only file is read-only to the app too. Skips the test when
    that power cannot be dropped here."""
    if not hasattr(os, "geteuid") or os.geteuid() != 0:
        return command
    setpriv = shutil.which("setpriv")
    dropped = [setpriv or "setpriv", "--bounding-set=-dac_override,-dac_read_search", "--inh-caps=-all"]
    if setpriv is None or subprocess.run([*dropped, "true"], capture_output=True, check=False).returncode:
        pytest.skip("root writes read-only files, and setpriv cannot take that power away here")
    return [*dropped, *command]
