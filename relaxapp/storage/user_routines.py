"""Saves and deletes the breathing patterns a person makes, as routine files in their routines folder.

The files are ordinary routine files (docs/routines.md), so the catalog loads them like any other and a
person may edit them by hand. Each is written whole or not at all (storage/whole_file).
"""

from __future__ import annotations

import errno
from pathlib import Path

import tomli_w

from relaxapp.core.datafile import IDENTIFIER
from relaxapp.core.patterns import CUSTOM_PREFIX, CustomPattern
from relaxapp.core.routine import Minutes, Routine
from relaxapp.storage.whole_file import write_whole

_HEADER = "# A breathing pattern saved by relaxapp. You may edit it by hand: docs/routines.md says how.\n"
_QUOTA_EXCEEDED = getattr(errno, "EDQUOT", errno.ENOSPC)  # a full share of the disk; not on every system


class UserRoutineError(Exception):
    """A pattern file that could not be written or deleted; the message names the file and the cause."""

    def __init__(self, path: Path, message: str) -> None:
        super().__init__(message)
        self.path = path
        self.message = message


def save_pattern(folder: Path, routine_id: str, pattern: CustomPattern) -> Path:
    """Write `pattern` as `<folder>/<routine_id>.toml`, replacing an earlier version; returns the path.

    Raises ValueError for an id the app does not give patterns or a pattern with problems (the dialog
    prevents both), and UserRoutineError when the disk refuses.
    """
    path = _pattern_file(folder, routine_id)
    routine = pattern.to_routine(routine_id)  # ValueError, naming the problems
    content = _file_text(routine).encode("utf-8")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        write_whole(path, content)
    except OSError as error:
        raise UserRoutineError(path, f"Could not save your pattern as {path}: {_reason(error)}.") from error
    return path


def delete_pattern(folder: Path, routine_id: str) -> None:
    """Delete a pattern saved with save_pattern; a file already gone is no error."""
    path = _pattern_file(folder, routine_id)
    try:
        path.unlink(missing_ok=True)
    except OSError as error:
        raise UserRoutineError(path, f"Could not delete {path}: {_reason(error)}.") from error


def _pattern_file(folder: Path, routine_id: str) -> Path:
    # Only the app's own files: a routine the person wrote by hand, or one shipped with the app, is never
    # touched, and an id can never reach outside the folder ("../x").
    if not routine_id.startswith(CUSTOM_PREFIX) or not IDENTIFIER.fullmatch(routine_id):
        raise ValueError(f"'{routine_id}' is not the id of a pattern saved by relaxapp")
    return folder / f"{routine_id}.toml"


def _file_text(routine: Routine) -> str:
    """The routine in the layout of docs/routines.md and the shipped files: one [[steps]] table each."""
    assert isinstance(routine.default_length, Minutes)
    head = {
        "kind": str(routine.kind),
        "title": routine.title,
        "summary": routine.summary,
        "default_minutes": _number(routine.default_length.value),
    }
    if routine.guidance:
        head["guidance"] = routine.guidance
    # tomli_w would write short steps as one inline list; written one by one they read like the docs.
    steps = [
        "\n[[steps]]\n"
        + tomli_w.dumps({"kind": str(step.kind), "seconds": _number(step.seconds), "text": step.text})
        for step in routine.steps
    ]
    return _HEADER + tomli_w.dumps(head) + "".join(steps)


def _number(value: float) -> int | float:
    """4 rather than 4.0 in the file, as a person would write it; 5.5 stays 5.5."""
    return int(value) if float(value).is_integer() else value


def _reason(error: OSError) -> str:
    """What went wrong, in words a person can act on."""
    if error.errno in (errno.ENOSPC, _QUOTA_EXCEEDED):
        return "the disk is full. Free some space and try again"
    if error.errno == errno.EROFS:
        return "the disk is read-only"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "relaxapp may not write in that folder (it is read-only or belongs to someone else)"
    if error.errno in (errno.ENOTDIR, errno.EEXIST):
        return "a file is in the way where the routines folder should be"
    if error.errno == errno.EISDIR:
        return "it is a folder, not a pattern file"
    return f"the system said “{error.strerror or error}”"
