"""Loads routine files (TOML) into Routines, and says exactly what is wrong with a bad one.

A bad file never hides the good ones: each file is checked on its own and its problems come back as
RoutineFileErrors, values that name the file, the field and what to change.
"""

from __future__ import annotations

import dataclasses
import math
import os
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from relaxapp.core import datafile
from relaxapp.core.datafile import FieldError, no_unknown, shown, text
from relaxapp.core.routine import (
    MAX_CYCLES,
    MAX_SESSION_MINUTES,
    MOTIONS,
    NO_CUE,
    ONCE,
    STEP_KINDS,
    Cycles,
    Minutes,
    Routine,
    RoutineKind,
    SessionLength,
    Stage,
    Step,
    StepKind,
    step_problems,
)
from relaxapp.core.sound import AMBIENCE_IDS, CUE_IDS

_KNOWN_KEYS = {
    "kind",
    "title",
    "summary",
    "guidance",
    "read_first",
    "default_minutes",
    "default_cycles",
    "max_cycles",
    "ambience",
    "closing",
    "motion",
    "steps",
}
_LENGTH_KEYS = ("default_minutes", "default_cycles", "max_cycles")
ROUTINE_ID = re.compile(r"[a-z0-9_-]+")
# The bells open and close every session on their own; a step chooses among the others.
STEP_CUES = tuple(cue for cue in CUE_IDS if not cue.startswith("bell_"))
_KNOWN_STEP_KEYS = {"kind", "seconds", "text", "cue", "fill", "title", "image", "stage", "optional"}
ROUTINE_SUFFIX = ".toml"
# The longest shipped routine (sixteen muscle groups) is 12 KB; a file twenty times that is no routine a
# person wrote, and reading it would only delay the first frame.
MAX_ROUTINE_FILE_BYTES = 256 * 1024
# Each routine is a card on the home page: past a few hundred, a folder is a mistake (or a copy of
# something else), and reading it all would keep the window from showing for many seconds.
MAX_ROUTINE_FILES = 200


@dataclass(frozen=True)
class RoutineFileError:
    path: Path
    field: str
    message: str

    def __str__(self) -> str:
        return datafile.describe(self.path, self.field, self.message)


@dataclass
class Catalog:
    routines: list[Routine] = field(default_factory=list)
    errors: list[RoutineFileError] = field(default_factory=list)

    def get(self, routine_id: str) -> Routine | None:
        return next((routine for routine in self.routines if routine.id == routine_id), None)


def load_catalog(folders: Iterable[Path], known_images: Collection[str] | None = None) -> Catalog:
    """Every *.toml file in the folders, in name order; a later file may not reuse an earlier id.

    `known_images` are the illustrations a step may show ("pmr/right-hand"); None checks none.
    """
    catalog = Catalog()
    taken: set[str] = set()  # a set, not catalog.get(): the check stays linear in the number of files
    for folder in folders:
        for entry in routine_files(folder):
            result = entry if isinstance(entry, RoutineFileError) else load_routine_file(entry, known_images)
            if isinstance(result, Routine) and result.id in taken:
                message = f"another routine is already called '{result.id}'; rename the file"
                result = RoutineFileError(folder / f"{result.id}{ROUTINE_SUFFIX}", "", message)
            if isinstance(result, RoutineFileError):
                catalog.errors.append(result)
            else:
                taken.add(result.id)
                catalog.routines.append(result)
    return catalog


def routine_files(folder: Path) -> list[Path | RoutineFileError]:
    """The routine files of `folder` in name order, with a problem in the place of a name that looks
    meant for a routine file but is not one ('calm.TOML', 'calm.toml '), and one for the files past
    the limit."""
    try:
        names = sorted(os.listdir(folder))  # names only, nothing opened: a FIFO here cannot block
    except (FileNotFoundError, NotADirectoryError):
        return []  # the person has no routines folder (yet)
    except OSError as error:
        return [RoutineFileError(folder, "", f"is a folder relaxapp cannot read ({error.strerror or error})")]
    entries: list[Path | RoutineFileError] = []
    read = 0
    beyond: list[str] = []
    for name in names:
        if problem := _misnamed(name):
            entries.append(RoutineFileError(folder / name, "", problem))
        elif name.endswith(ROUTINE_SUFFIX):
            if read < MAX_ROUTINE_FILES:
                read += 1
                entries.append(folder / name)
            else:
                beyond.append(name)
    if beyond:
        message = (
            f"was not read, nor the {len(beyond) - 1} routine files after it: this folder holds "
            f"{read + len(beyond)}, and relaxapp reads at most {MAX_ROUTINE_FILES} from one folder"
        )
        entries.append(RoutineFileError(folder / beyond[0], "", message))
    return entries


def _misnamed(name: str) -> str | None:
    """What is wrong with a name meant for a routine file ('calm.TOML'); None for a routine file's name
    and for other files (a README, an editor's backup 'calm.toml~')."""
    meant = name.strip()
    if name.endswith(ROUTINE_SUFFIX) and meant == name:
        return None  # a routine file
    if not meant.lower().endswith(ROUTINE_SUFFIX):
        return None  # not meant as one
    if meant != name:
        return f"its name starts or ends with a space, so it is not read; rename it to '{meant}'"
    stem = meant[: -len(ROUTINE_SUFFIX)]
    return (
        f"a routine file's name ends in '{ROUTINE_SUFFIX}', in lower case, so it is not read; "
        f"rename it to '{stem}{ROUTINE_SUFFIX}'"
    )


def load_routine_file(path: Path, known_images: Collection[str] | None = None) -> Routine | RoutineFileError:
    if not ROUTINE_ID.fullmatch(path.stem):
        return RoutineFileError(
            path, "", "the file name is the routine's id: use only lower-case letters, digits, _ and -"
        )
    try:
        return datafile.load(
            path, lambda data: parse_routine(path.stem, data, known_images), max_bytes=MAX_ROUTINE_FILE_BYTES
        )
    except datafile.DataFileError as error:
        return RoutineFileError(path, error.field, error.message)


def parse_routine(
    routine_id: str, data: dict[str, Any], known_images: Collection[str] | None = None
) -> Routine:
    no_unknown(data, _KNOWN_KEYS, "")
    kind_name = text(data, "kind")
    try:
        kind = RoutineKind(kind_name)
    except ValueError:
        known = ", ".join(RoutineKind)
        raise FieldError("kind", f"{shown(kind_name)} is not a kind of routine (known: {known})") from None

    steps = _steps(kind, data.get("steps"), known_images)
    problems = step_problems(kind, steps)
    if problems:
        raise FieldError("steps", "; ".join(problems))
    closing = text(data, "closing", required=kind is RoutineKind.IMAGERY)
    motion = _choice(data, "motion", MOTIONS, "", "a movement of a scene") or None
    if motion is not None and kind is not RoutineKind.IMAGERY:
        raise FieldError("motion", "only an imagery routine has a scene that moves")
    max_cycles = _optional_count(data, "max_cycles")
    routine = Routine(
        id=routine_id,
        kind=kind,
        title=text(data, "title", one_line=True),
        summary=text(data, "summary"),
        steps=steps,
        default_length=_default_length(kind, data),
        guidance=text(data, "guidance", required=False),
        read_first=_flag(data, "read_first"),
        max_cycles=max_cycles,
        ambience=_choice(data, "ambience", AMBIENCE_IDS, "", "a background sound") or None,
        closing=closing,
        motion=motion,
    )
    if max_cycles is not None and routine.cycles_for(routine.default_length) > max_cycles:
        raise FieldError("default_cycles", f"is longer than max_cycles ({max_cycles})")
    return routine


def _steps(kind: RoutineKind, raw: object, known_images: Collection[str] | None) -> tuple[Step, ...]:
    if not isinstance(raw, list) or not raw:
        raise FieldError("steps", "must be a list of [[steps]] tables, at least one")
    steps: list[Step] = []
    title = image = ""
    for number, item in enumerate(raw, start=1):
        step = _step(kind, number, item, known_images)
        # A title or image is a heading: it carries on to the steps after it until another replaces it.
        title, image = step.title or title, step.image or image
        steps.append(dataclasses.replace(step, title=title, image=image))
    return tuple(steps)


def _step(kind: RoutineKind, number: int, raw: object, known_images: Collection[str] | None) -> Step:
    where = f"steps[{number}]"
    if not isinstance(raw, dict):
        raise FieldError(where, "must be a table with kind, seconds and text")
    no_unknown(raw, _KNOWN_STEP_KEYS, where)
    kind_name = text(raw, "kind", where)
    allowed = STEP_KINDS[kind]
    if kind_name not in allowed:
        raise FieldError(
            f"{where}.kind",
            f"{shown(kind_name)} is not a step a {kind} routine can have (known: {', '.join(allowed)})",
        )
    fill = raw.get("fill")
    if fill is not None and (not _is_number(fill) or not 0 <= fill <= 1):
        raise FieldError(f"{where}.fill", f"must be a number from 0 to 1, not {shown(fill)}")
    stage = _choice(raw, "stage", tuple(Stage), where, "a stage")
    if kind is RoutineKind.IMAGERY and not stage:
        raise FieldError(f"{where}.stage", f"is missing: it must be one of {', '.join(Stage)}")
    if kind is not RoutineKind.IMAGERY and stage:
        raise FieldError(f"{where}.stage", "only guided imagery passages have a stage")
    image = text(raw, "image", where, required=False)
    if image and known_images is not None and image not in known_images:
        raise FieldError(
            f"{where}.image", f"{shown(image)} is not an illustration relaxapp has (in assets/images)"
        )
    optional = _flag(raw, "optional", where)
    if optional and kind is RoutineKind.BREATHING:
        raise FieldError(f"{where}.optional", "a step of a breath cannot be optional")
    return Step(
        kind=StepKind(kind_name),
        seconds=_number(raw, "seconds", where),
        text=text(raw, "text", where),
        cue=_choice(raw, "cue", (*STEP_CUES, NO_CUE), where, "a cue sound") or None,
        fill=None if fill is None else float(fill),
        title=text(raw, "title", where, required=False, one_line=True),
        image=image,
        stage=Stage(stage) if stage else None,
        optional=optional,
    )


def _default_length(kind: RoutineKind, data: dict[str, Any]) -> SessionLength:
    has_minutes, has_cycles = "default_minutes" in data, "default_cycles" in data
    if kind is not RoutineKind.BREATHING:
        given = next((key for key in _LENGTH_KEYS if key in data), None)
        if given:
            raise FieldError(
                given, f"only breathing routines repeat; a {kind} routine lasts as long as its steps"
            )
        return ONCE
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


def _choice(data: dict[str, Any], key: str, known: Iterable[str], where: str, what: str) -> str:
    """One of the known names, or "" when the key is absent."""
    value = text(data, key, where, required=False)
    names = [str(name) for name in known]
    if value and value not in names:
        name = f"{where}.{key}" if where else key
        raise FieldError(name, f"{shown(value)} is not {what} relaxapp knows (known: {', '.join(names)})")
    return value


def _is_number(value: object) -> bool:
    if isinstance(value, bool):
        return False
    # An int is always finite; math.isfinite would first make it a float, which overflows past 1e308.
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


def _number(data: dict[str, Any], key: str, where: str = "") -> float:
    name = f"{where}.{key}" if where else key
    value = data.get(key)
    if value is None:
        raise FieldError(name, "is missing: it must be a number")
    if not _is_number(value):
        raise FieldError(name, f"must be a number, not {shown(value)}")
    try:
        return float(value)
    except OverflowError:  # a whole number of 309 digits or more
        raise FieldError(name, f"is far too large ({shown(value)})") from None


def _optional_count(data: dict[str, Any], key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= MAX_CYCLES:
        raise FieldError(key, f"must be a whole number from 1 to {MAX_CYCLES}, not {shown(value)}")
    return value


def _flag(data: dict[str, Any], key: str, where: str = "") -> bool:
    value = data.get(key, False)
    if not isinstance(value, bool):
        raise FieldError(f"{where}.{key}" if where else key, f"must be true or false, not {shown(value)}")
    return value
