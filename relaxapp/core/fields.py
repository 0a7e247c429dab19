"""Checks shared by the loaders of the app's data files: each failure names the field and the fix."""

from __future__ import annotations

from typing import Any


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
