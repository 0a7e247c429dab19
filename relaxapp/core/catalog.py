"""Loads routine files (TOML) into Routines, and says exactly what is wrong with a bad one.

A bad file never hides the good ones: each file is checked on its own and its problems come back as
RoutineFileErrors, values that name the file, the field and what to change.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from relaxapp.core import datafile
from relaxapp.core.datafile import FieldError, no_unknown, text
from relaxapp.core.routine import (
    MAX_CYCLES,
    MAX_SESSION_MINUTES,
    Cycles,
    Minutes,
    Phase,
    PhaseKind,
    Routine,
    RoutineKind,
    SessionLength,
    pattern_problems,
)

SUPPORTED_KINDS = (RoutineKind.BREATHING,)
_KNOWN_KEYS = {
    "kind",
    "title",
    "summary",
    "guidance",
    "read_first",
    "default_minutes",
    "default_cycles",
    "max_cycles",
    "phases",
}
_KNOWN_PHASE_KEYS = {"kind", "seconds", "text", "cue", "fill"}


@dataclass(frozen=True)
class RoutineFileError:
    path: Path
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path.name}, {self.field}" if self.field else self.path.name
        return f"{where}: {self.message}"


@dataclass
class Catalog:
    routines: list[Routine] = field(default_factory=list)
    errors: list[RoutineFileError] = field(default_factory=list)

    def get(self, routine_id: str) -> Routine | None:
        return next((routine for routine in self.routines if routine.id == routine_id), None)


def load_catalog(folders: Iterable[Path]) -> Catalog:
    """Every *.toml file in the folders, in name order; a later file may not reuse an earlier id."""
    catalog = Catalog()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            result = load_routine_file(path)
            if isinstance(result, RoutineFileError):
                catalog.errors.append(result)
            elif catalog.get(result.id) is not None:
                catalog.errors.append(
                    RoutineFileError(
                        path, "", f"another routine is already called '{result.id}'; rename the file"
                    )
                )
            else:
                catalog.routines.append(result)
    return catalog


def load_routine_file(path: Path) -> Routine | RoutineFileError:
    try:
        return datafile.load(path, lambda data: parse_routine(path.stem, data))
    except datafile.DataFileError as error:
        return RoutineFileError(path, error.field, error.message)


def parse_routine(routine_id: str, data: dict[str, Any]) -> Routine:
    no_unknown(data, _KNOWN_KEYS, "")
    kind_name = text(data, "kind")
    try:
        kind = RoutineKind(kind_name)
    except ValueError:
        raise FieldError("kind", f"'{kind_name}' is not a kind of routine") from None
    if kind not in SUPPORTED_KINDS:
        raise FieldError("kind", f"'{kind}' routines are not supported by this version of relaxapp")

    phases = _phases(data.get("phases"))
    problems = pattern_problems(phases)
    if problems:
        raise FieldError("phases", "; ".join(problems))
    max_cycles = _optional_count(data, "max_cycles")
    routine = Routine(
        id=routine_id,
        kind=kind,
        title=text(data, "title"),
        summary=text(data, "summary"),
        phases=phases,
        default_length=_default_length(data),
        guidance=text(data, "guidance", required=False),
        read_first=_flag(data, "read_first"),
        max_cycles=max_cycles,
    )
    if max_cycles is not None and routine.cycles_for(routine.default_length) > max_cycles:
        raise FieldError("default_cycles", f"is longer than max_cycles ({max_cycles})")
    return routine


def _phases(raw: object) -> tuple[Phase, ...]:
    if not isinstance(raw, list) or not raw:
        raise FieldError("phases", "must be a list of [[phases]] tables, at least one")
    return tuple(_phase(index, item) for index, item in enumerate(raw, start=1))


def _phase(number: int, raw: object) -> Phase:
    where = f"phases[{number}]"
    if not isinstance(raw, dict):
        raise FieldError(where, "must be a table with kind, seconds and text")
    no_unknown(raw, _KNOWN_PHASE_KEYS, where)
    kind_name = text(raw, "kind", where)
    try:
        kind = PhaseKind(kind_name)
    except ValueError:
        known = ", ".join(k.value for k in PhaseKind)
        raise FieldError(f"{where}.kind", f"'{kind_name}' is not a phase kind (known: {known})") from None
    seconds = _number(raw, "seconds", where)
    fill = raw.get("fill")
    if fill is not None and (not _is_number(fill) or not 0 <= fill <= 1):
        raise FieldError(f"{where}.fill", f"must be a number from 0 to 1, not {fill!r}")
    cue = text(raw, "cue", where, required=False) or None
    return Phase(kind, seconds, text(raw, "text", where), cue, None if fill is None else float(fill))


def _default_length(data: dict[str, Any]) -> SessionLength:
    has_minutes, has_cycles = "default_minutes" in data, "default_cycles" in data
    if has_minutes == has_cycles:
        raise FieldError("default_minutes", "give exactly one of default_minutes or default_cycles")
    if has_minutes:
        minutes = _number(data, "default_minutes")
        if not 0 < minutes <= MAX_SESSION_MINUTES:
            raise FieldError("default_minutes", f"must be more than 0 and at most {MAX_SESSION_MINUTES}")
        return Minutes(minutes)
    cycles = _optional_count(data, "default_cycles")
    assert cycles is not None
    return Cycles(cycles)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _number(data: dict[str, Any], key: str, where: str = "") -> float:
    name = f"{where}.{key}" if where else key
    value = data.get(key)
    if value is None:
        raise FieldError(name, "is missing: it must be a number")
    if not _is_number(value):
        raise FieldError(name, f"must be a number, not {value!r}")
    return float(value)


def _optional_count(data: dict[str, Any], key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_CYCLES:
        raise FieldError(key, f"must be a whole number from 1 to {MAX_CYCLES}, not {value!r}")
    return value


def _flag(data: dict[str, Any], key: str) -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise FieldError(key, f"must be true or false, not {value!r}")
    return value
