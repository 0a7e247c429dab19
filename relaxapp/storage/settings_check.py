"""The settings file, checked before Qt reads it: a plain file, of a sane size, holding nothing that
could reach Qt's decoder of stored objects.

QSettings reads a value written as "@Variant(…)" (or "@ByteArray(…)", "@Rect(…)" …) by decoding binary
data with QDataStream; bytes crafted for it make Qt allocate without bound and abort the whole process
(std::bad_alloc), which no Python code can catch. relaxapp stores nothing but plain words and numbers,
and Qt writes a text that starts with "@" as "@@", so no line relaxapp wrote holds an "@" or a
backslash. A value can only reach the decoder through one of those two characters (a backslash escape
such as "\\x40" spells "@"), so a file with neither cannot trouble Qt, however its quotes and line ends
fall: lines holding either are taken out before Qt reads the file.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

from relaxapp.core.datafile import DataFileError, printable, read_file
from relaxapp.storage.whole_file import write_whole

log = logging.getLogger(__name__)

# What relaxapp writes is under 2 KB; a larger file was not written by it, and Qt reads it all at once.
MAX_SETTINGS_BYTES = 64 * 1024
_UNSAFE = (b"@", b"\\")
_MAX_NAMED = 3  # keys named in the banner; the log lists every line


@dataclass(frozen=True)
class SettingsCheck:
    """Whether Qt may open the settings file (it may not exist yet), and what the person should know."""

    usable: bool
    problem: str | None = None


@dataclass(frozen=True)
class UnsafeLine:
    number: int  # counted from 1, as an editor shows it
    key: str  # 'look/theme', as far as the line says; for the message
    text: bytes


def check_settings_file(path: Path) -> SettingsCheck:
    """Make `path` safe for QSettings to read, or say why it cannot be used; never blocks."""
    try:
        os.stat(path)
    except FileNotFoundError:  # the first start: Qt makes the file when there is something to keep
        return SettingsCheck(usable=True)
    except OSError as error:
        return _unusable(path, f"cannot be reached ({error.strerror or error})")
    try:
        content = read_file(path, MAX_SETTINGS_BYTES)
    except DataFileError as error:
        return _unusable(path, error.message)
    safe, unsafe = safe_settings_text(content)
    if not unsafe:
        return SettingsCheck(usable=True)
    for line in unsafe:
        log.warning(
            "settings file %s, line %d (%s) taken out: %r", path, line.number, line.key, line.text[:200]
        )
    try:
        write_whole(path.resolve(), safe)  # resolve: a settings file that is a link stays a link
    except OSError as error:
        return _unusable(
            path,
            f"holds lines relaxapp cannot read safely and could not be corrected ({error.strerror or error})",
        )
    keys = ", ".join(line.key for line in unsafe[:_MAX_NAMED]) + (", …" if len(unsafe) > _MAX_NAMED else "")
    return SettingsCheck(
        usable=True,
        problem=f"Your settings file {printable(str(path))} held values relaxapp did not write and cannot "
        f"read safely ({keys}); they were taken out, and those settings are back to their defaults.",
    )


def safe_settings_text(content: bytes) -> tuple[bytes, list[UnsafeLine]]:
    """The file without the lines that hold an "@" or a backslash, and those lines."""
    kept: list[bytes] = []
    unsafe: list[UnsafeLine] = []
    section = ""
    for number, line in enumerate(content.splitlines(keepends=True), start=1):  # Qt ends lines the same way
        if any(character in line for character in _UNSAFE):
            key = printable(line.partition(b"=")[0].strip().decode("utf-8", "replace"))[:40]
            unsafe.append(UnsafeLine(number, f"{section}/{key}" if section else key, line))
            continue
        stripped = line.strip()
        if stripped.startswith(b"[") and stripped.endswith(b"]"):
            name = stripped[1:-1].decode("utf-8", "replace")
            section = "" if name == "General" else printable(name)[:40]  # Qt's section for keys without one
        kept.append(line)
    return b"".join(kept), unsafe


def _unusable(path: Path, why: str) -> SettingsCheck:
    log.warning("settings file %s unusable: %s", path, why)
    return SettingsCheck(
        usable=False,
        problem=f"Your settings could not be used: {printable(str(path))} {why}. relaxapp starts with its "
        "usual settings, and what you change now lasts until it closes; nothing on the disk was changed.",
    )
