"""Reading the app's data files (TOML): each failure names the file, the field and the fix.

A data file may come from anywhere (a person's routines folder, a damaged install), so it is read with
care: only a plain file is opened, it is checked before it is read so that nothing can block (a named
pipe waits for a writer forever) or never end (/dev/zero), its size is bounded, and every way the TOML
parser can fail comes back as one DataFileError instead of stopping the app.
"""

from __future__ import annotations

import codecs
import os
import re
import reprlib
import stat
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any, TypeVar

Parsed = TypeVar("Parsed")
IDENTIFIER = re.compile(r"[a-z0-9_]+")  # ids that other files and the code refer to
# The shipped tips file is 25 KB: forty times that is still a file a person wrote, and reads in well
# under a second even at its worst (a megabyte of tiny values).
MAX_DATA_FILE_BYTES = 1024 * 1024
# What one line of text (a title) may not hold: control characters, and the separators that Qt breaks
# a line at.
_NOT_ON_ONE_LINE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
# What a text of a data file may not hold: control characters, but for tab and line feed (TOML turns a
# file's CRLF line ends into line feeds, so a carriage return can only be a deliberate escape).
_CONTROL_IN_TEXT = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_MAX_SHOWN_FIELD = 80  # a field's name is made of the file's keys, which may be any length
_MAX_SHOWN_MESSAGE = 400  # a sentence or two, not a whole file quoted back
# Without blocking: a FIFO opened for reading waits for a writer, unless O_NONBLOCK (POSIX) says not to.
_OPEN_FLAGS = (
    os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_BINARY", 0)
)


class DataFileError(Exception):
    """A data file that cannot be used, with the file, the field (may be empty) and what is wrong."""

    def __init__(self, path: Path, field: str, message: str) -> None:
        super().__init__(describe(path, field, message))
        self.path = path
        self.field = field
        self.message = message


class FieldError(Exception):
    """One field of a data file is wrong; `field` is its dotted path, e.g. 'phases[2].seconds'."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def describe(path: Path, field: str, message: str) -> str:
    """'calm.toml, steps[2].seconds: must be a number', safe to print, log and show whatever the file held."""
    where = printable(path.name)
    if field:
        where += f", {_clipped(printable(field), _MAX_SHOWN_FIELD)}"
    return f"{where}: {_clipped(printable(message), _MAX_SHOWN_MESSAGE)}"


def printable(text: str) -> str:
    r"""`text` with what a terminal or a label would not show as itself written as an escape, as repr()
    does: control characters ('\x1b'), line breaks, the bytes of a file name that are not UTF-8 ('\udcff')."""
    if text.isprintable():
        return text
    return "".join(character if character.isprintable() else repr(character)[1:-1] for character in text)


class _Shown(reprlib.Repr):
    """Short reprs for messages; a whole number too long to write out in digits is described instead."""

    def repr_int(self, x: int, level: int) -> str:
        # repr() of a huge int is slow, and past 4,300 digits refused (hex in TOML has no such limit).
        if abs(x) >= 10**self.maxlong:
            return f"a number of more than {self.maxlong} digits"
        return repr(x)


_SHOWN = _Shown()
_SHOWN.maxstring = _SHOWN.maxother = 60
_SHOWN.maxlevel = 3


def shown(value: object) -> str:
    """A value from a file as a message quotes it: short, on one line, e.g. 'four' or [1, 2, ...]."""
    return _SHOWN.repr(value)


def _clipped(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _name(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def text(
    data: dict[str, Any], key: str, where: str = "", *, required: bool = True, one_line: bool = False
) -> str:
    """A non-empty string, stripped; "" when missing and not required.

    Control characters are refused (they would reach a terminal through --list-routines, or show as
    boxes); `one_line` text (a title) may not have line breaks either.
    """
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        problem = "is missing: it must be a non-empty text" if value is None else "must be a non-empty text"
        raise FieldError(_name(where, key), problem)
    value = value.strip()
    hidden = hidden_character(value, one_line=one_line)
    if hidden:
        raise FieldError(_name(where, key), f"has {hidden}, which cannot be shown here; remove it")
    return value


def identifier(data: dict[str, Any], where: str = "") -> str:
    """The entry's `id`: the name other files and the code refer to it by."""
    value = text(data, "id", where)
    if not IDENTIFIER.fullmatch(value):
        raise FieldError(_name(where, "id"), f"{shown(value)} may hold only lowercase letters, digits and _")
    return value


def hidden_character(value: str, *, one_line: bool) -> str | None:
    """The first character of `value` that text on screen may not hold, in words ('a control character
    (U+001B)'); None when there is none. A `one_line` text (a title) may not break its line either."""
    found = (_NOT_ON_ONE_LINE if one_line else _CONTROL_IN_TEXT).search(value)
    if found is None:
        return None
    kind = "a line break or tab" if found.group() in "\t\n\u2028\u2029" else "a control character"
    return f"{kind} (U+{ord(found.group()):04X})"


def no_unknown(data: dict[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        known_list = ", ".join(sorted(known))
        raise FieldError(_name(where, unknown[0]), f"is not a known field (known: {known_list})")


def unique_ids(ids: Iterable[str], key: str, what: str) -> None:
    """Each id once among the [[key]] tables; the second use is named, e.g. 'tips[7].id'."""
    seen: set[str] = set()  # a set: a list's index() for each id would be quadratic in a long file
    for number, item_id in enumerate(ids, start=1):
        if item_id in seen:
            raise FieldError(f"{key}[{number}].id", f"'{item_id}' is used by another {what}")
        seen.add(item_id)


def tables(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """An array of tables ([[key]] in TOML), at least one."""
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(item, dict) for item in value):
        raise FieldError(key, f"must be a list of [[{key}]] tables, at least one")
    return value


def load(
    path: Path, parse: Callable[[dict[str, Any]], Parsed], *, max_bytes: int = MAX_DATA_FILE_BYTES
) -> Parsed:
    """Read a TOML file of at most `max_bytes` and hand it to `parse`; any problem comes back as one
    DataFileError."""
    data = _toml(path, read_file(path, max_bytes))
    try:
        return parse(data)
    except FieldError as error:
        raise DataFileError(path, error.field, error.message) from None
    except (TypeError, ValueError) as error:
        # A value of a type no check foresaw (a list where a name belongs, say): still the file's fault.
        raise DataFileError(path, "", f"has a value of the wrong kind ({error})") from error
    except OverflowError as error:
        raise DataFileError(path, "", f"has a number too large to use ({error})") from error


def read_file(path: Path, max_bytes: int) -> bytes:
    """The bytes of `path`, a plain file of at most `max_bytes`; anything else is a DataFileError.

    The kind of file is checked before it is opened (opening a device may do something) and again once
    it is open (it may have been swapped meanwhile), and the open itself never waits.
    """
    try:
        _refuse_if_not_a_file(path, os.stat(path).st_mode)
        descriptor = os.open(path, _OPEN_FLAGS)
    except OSError as error:
        raise DataFileError(path, "", f"cannot be read ({error.strerror or error})") from error
    with open(descriptor, "rb") as file:
        try:
            info = os.fstat(descriptor)
            _refuse_if_not_a_file(path, info.st_mode)
            _refuse_if_too_large(path, info.st_size, max_bytes)
            content = file.read(max_bytes + 1)  # one byte more tells a file that grew since fstat
        except OSError as error:
            raise DataFileError(path, "", f"cannot be read ({error.strerror or error})") from error
    _refuse_if_too_large(path, len(content), max_bytes)
    return content


_NOT_FILES = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe (FIFO)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
)


def not_a_file(mode: int) -> str | None:
    """What a file system entry is in words ("a named pipe (FIFO)"), when it is not a plain file."""
    if stat.S_ISREG(mode):
        return None
    return next((words for test, words in _NOT_FILES if test(mode)), "not an ordinary file")


def _refuse_if_not_a_file(path: Path, mode: int) -> None:
    kind = not_a_file(mode)
    if kind is not None:
        raise DataFileError(path, "", f"is {kind}, not a file, so it was not read")


def _refuse_if_too_large(path: Path, size: int, max_bytes: int) -> None:
    if size > max_bytes:
        raise DataFileError(
            path,
            "",
            f"is {size_text(size)}, more than the {size_text(max_bytes)} such a file may be, "
            "so it was not read",
        )


def size_text(size: int) -> str:
    """2.5 MB, 256 KB, 12 bytes."""
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.1f} MB"
    if size >= 1024:
        return f"{size // 1024} KB"
    return f"{size} bytes"


def _toml(path: Path, content: bytes) -> dict[str, Any]:
    import tomllib  # noqa: PLC0415 - 3 ms that a start whose routines come from their cache never needs

    body = content.removeprefix(codecs.BOM_UTF8)  # a byte order mark (Notepad writes one) is not text
    try:
        source = body.decode("utf-8")
    except UnicodeDecodeError as error:
        at = error.start + len(content) - len(body)
        problem = f"it is not UTF-8 text (byte {at + 1} is {content[at]:#04x})"
        raise DataFileError(path, "", f"cannot be read: {problem}") from error
    try:
        return tomllib.loads(source)
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(path, "", f"is not valid TOML ({error})") from error
    except RecursionError as error:
        # tomllib reads nested lists and inline tables by recursion: a few hundred levels exhaust it.
        raise DataFileError(path, "", "cannot be read: its lists or tables are nested too deeply") from error
    except ValueError as error:
        # Python refuses to turn more than 4,300 decimal digits into a number (a guard against slow input).
        raise DataFileError(path, "", "has a number with thousands of digits, too long to read") from error


def paragraphs(text: str) -> list[str]:
    """Paragraphs split at blank lines, each folded onto one line."""
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]
