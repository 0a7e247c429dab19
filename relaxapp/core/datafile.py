"""Reading the app's data files (TOML): each failure names the file, the field and the fix."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

Parsed = TypeVar("Parsed")
IDENTIFIER = re.compile(r"[a-z0-9_]+")  # ids that other files and the code refer to


class DataFileError(Exception):
    """A data file that cannot be used, with the file, the field (may be empty) and what is wrong."""

    def __init__(self, path: Path, field: str, message: str) -> None:
        super().__init__(f"{path.name}, {field}: {message}" if field else f"{path.name}: {message}")
        self.path = path
        self.field = field
        self.message = message


class FieldError(Exception):
    """One field of a data file is wrong; `field` is its dotted path, e.g. 'phases[2].seconds'."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _name(where: str, key: str) -> str:
    return f"{where}.{key}" if where else key


def text(data: dict[str, Any], key: str, where: str = "", *, required: bool = True) -> str:
    """A non-empty string, stripped; "" when missing and not required."""
    value = data.get(key)
    if value is None and not required:
        return ""
    if not isinstance(value, str) or not value.strip():
        problem = "is missing: it must be a non-empty text" if value is None else "must be a non-empty text"
        raise FieldError(_name(where, key), problem)
    return value.strip()


def no_unknown(data: dict[str, Any], known: set[str], where: str) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        known_list = ", ".join(sorted(known))
        raise FieldError(_name(where, unknown[0]), f"is not a known field (known: {known_list})")


def tables(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    """An array of tables ([[key]] in TOML), at least one."""
    value = data.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(item, dict) for item in value):
        raise FieldError(key, f"must be a list of [[{key}]] tables, at least one")
    return value


def load(path: Path, parse: Callable[[dict[str, Any]], Parsed]) -> Parsed:
    """Read a TOML file and hand it to `parse`; any problem comes back as one DataFileError."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as error:
        raise DataFileError(path, "", f"cannot be read ({error})") from error
    except tomllib.TOMLDecodeError as error:
        raise DataFileError(path, "", f"is not valid TOML ({error})") from error
    try:
        return parse(data)
    except FieldError as error:
        raise DataFileError(path, error.field, error.message) from None
    except (TypeError, ValueError) as error:
        # A value of a type no check foresaw (a list where a name belongs, say): still the file's fault.
        raise DataFileError(path, "", f"has a value of the wrong kind ({error})") from error


def paragraphs(text: str) -> list[str]:
    """Paragraphs split at blank lines, each folded onto one line."""
    return [" ".join(part.split()) for part in text.split("\n\n") if part.strip()]
