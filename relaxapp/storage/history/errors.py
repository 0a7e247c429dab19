"""What goes wrong with the history, as exceptions whose messages speak to a person and name the file."""

from __future__ import annotations

import sqlite3
from pathlib import Path


class HistoryError(Exception):
    """The history cannot be used; the message says so in plain words and names the file."""


class HistoryDamagedError(HistoryError):
    """The file is not a database, or SQLite's quick_check found damage in it."""


class HistoryWriteError(HistoryError):
    """A change could not be saved yet; it is kept in memory and saved with the next write or a retry."""


class InvalidEntryError(ValueError):
    """An entry the history refuses to keep; `problems` name each field and its value."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = tuple(problems)


def error_of(error: sqlite3.Error, path: Path) -> HistoryError:
    """The HistoryError that says, in plain words, why SQLite could not open or read `path`."""
    text = str(error)
    if "locked" in text or "busy" in text:
        return HistoryError(
            f"The history file {path} is in use by another program; close it and start relaxapp again."
        )
    if "not a database" in text or "malformed" in text:
        return HistoryDamagedError(
            f"The history file {path} is damaged and cannot be read ({text}). It has been left as it is."
        )
    if "readonly" in text or "unable to open" in text:
        return HistoryError(
            f"The history file {path} could not be opened for writing ({text}). "
            "Check that the folder exists and that you may write to it."
        )
    return HistoryError(f"The history file {path} could not be opened ({text}).")


def require(problems: list[str]) -> None:
    """Raise InvalidEntryError when core found problems with an entry."""
    if problems:
        raise InvalidEntryError(problems)
