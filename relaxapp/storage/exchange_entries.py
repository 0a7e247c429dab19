"""The entries of a JSON export, read field by field: every problem is noted under its entry and field
('episodes[12].intensity: 14 is not from 1 to 10') instead of stopping at the first, so that a refused
file can be mended in one go."""

from __future__ import annotations

import json
import math
import re
from collections.abc import Callable
from datetime import UTC, date, datetime
from enum import StrEnum
from typing import Any, NamedTuple, TypeVar

from relaxapp.core.bounds import EARLIEST_DAY, EARLIEST_MOMENT, SPAN_WORDS, day_problem, moment_problem
from relaxapp.core.journal import (
    CheckIn,
    Episode,
    EpisodeDuration,
    Place,
    SafetyCheck,
    Side,
    Treatment,
    TreatmentKind,
    check_in_problems,
    episode_problems,
    in_place_order,
    safety_check_problems,
    treatment_problems,
)
from relaxapp.core.record import SKIPPED, Ratings, Score, SessionRecord, session_problems
from relaxapp.core.routine import RoutineKind
from relaxapp.core.urgency import Urgency

_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# What a field at fault is read as, so that the rest of its entry can still be checked.
_PLACEHOLDER_MOMENT = EARLIEST_MOMENT
E = TypeVar("E", bound=StrEnum)
_T = TypeVar("_T")


SECTIONS = ("sessions", "episodes", "check_ins", "treatments", "safety_checks")


class Sections(NamedTuple):
    """The entries of an export, section by section."""

    sessions: list[SessionRecord]
    episodes: list[Episode]
    check_ins: list[CheckIn]
    treatments: list[Treatment]
    safety_checks: list[SafetyCheck]


def read_entries(
    document: dict[str, Any], problems: list[str], after_entry: Callable[[], None] | None = None
) -> Sections:
    """The entries of a decoded export; each problem found is added to `problems` and its entry left out.
    Each entry costs the same however many problems came before it. A file before version 3 has no
    treatments or warning-signs answers: those sections are then empty."""
    step = after_entry or (lambda: None)
    return Sections(
        _section(document, "sessions", _session_from, problems, step),
        _section(document, "episodes", _episode_from, problems, step),
        _section(document, "check_ins", _check_in_from, problems, step),
        _section(document, "treatments", _treatment_from, problems, step),
        _section(document, "safety_checks", _safety_check_from, problems, step),
    )


class _Fields:
    """Reads one entry's fields, noting each problem under the entry's name instead of stopping at it."""

    def __init__(self, where: str, entry: dict[str, Any], known: set[str], problems: list[str]) -> None:
        self.where = where
        self.entry = entry
        self.problems = problems
        self.at_fault: set[str] = set()  # this entry's fields with a problem noted: one problem a field
        for key in entry:
            if key not in known:
                self.problem(key, "is not a field of this entry")

    def problem(self, field: str, text: str) -> None:
        self.at_fault.add(field)
        self.problems.append(f"{self.where}.{field}: {text}")

    def _get(self, field: str, required: bool) -> Any:
        if field not in self.entry and required:
            self.problem(field, "is missing")
        return self.entry.get(field)

    def text(self, field: str, required: bool = True) -> str:
        value = self._get(field, required)
        if value is None and not required:
            return ""
        if not isinstance(value, str):
            if field in self.entry:
                self.problem(field, f"{shown(value)} is not text")
            return ""
        if not is_unicode(value):
            # JSON may escape half of a surrogate pair ("\ud800"): no file, database or screen can hold it.
            self.problem(
                field, f"{shown(value)} is not text: it holds half of a character (a lone surrogate)"
            )
            return ""
        return value

    def moment(self, field: str) -> datetime:
        value = self._get(field, True)
        try:
            moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        except ValueError:
            moment = None
        if moment is None or moment.tzinfo is None:
            if field in self.entry:
                self.problem(field, f"{shown(value)} is not a date and time with its offset from UTC")
            return _PLACEHOLDER_MOMENT
        try:
            in_utc: datetime | None = moment.astimezone(UTC)
        except OverflowError:  # its offset takes it past year 1 or 9999: '0001-01-01T00:30:00+01:00'
            in_utc = None
        if in_utc is None or moment_problem(field, in_utc):
            self.problem(field, f"{shown(value)} is not a date and time {SPAN_WORDS}")
            return _PLACEHOLDER_MOMENT
        return in_utc

    def day(self, field: str) -> date:
        value = self._get(field, True)
        if isinstance(value, str) and _DAY.match(value):
            try:
                day = date.fromisoformat(value)
            except ValueError:
                pass
            else:
                if not day_problem(field, day):
                    return day
                self.problem(field, f"{shown(value)} is not a date {SPAN_WORDS}")
                return EARLIEST_DAY
        if field in self.entry:
            self.problem(field, f"{shown(value)} is not a date written YYYY-MM-DD")
        return EARLIEST_DAY

    def number(self, field: str, required: bool = True) -> float | None:
        value = self._get(field, required)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
            if field in self.entry:
                self.problem(field, f"{shown(value)} is not a number")
            return 0.0
        return float(value)

    def whole(self, field: str, required: bool = True) -> Any:
        # Ranges are core's to check, with the same words as everywhere; here only the kind of value.
        value = self._get(field, required)
        if value is None and not required:
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            if field in self.entry:
                self.problem(field, f"{shown(value)} is not a whole number")
            return 0
        return value

    def flag(self, field: str) -> bool:
        value = self._get(field, True)
        if not isinstance(value, bool):
            if field in self.entry:
                self.problem(field, f"{shown(value)} is not true or false")
            return False
        return value

    def answer(self, field: str) -> bool | None:
        """A yes/no question that may have gone unanswered (null or absent: not recorded)."""
        value = self.entry.get(field)
        if value is None or isinstance(value, bool):
            return value
        self.problem(field, f"{shown(value)} is not true, false or null")
        return None

    def choice(self, field: str, choices: type[E]) -> E:
        value = self._get(field, True)
        try:
            return choices(value)
        except ValueError:
            if field in self.entry:
                names = ", ".join(member.value for member in choices)
                self.problem(field, f"{shown(value)} is not one of {names}")
            return next(iter(choices))

    def places(self, field: str, *, needed: bool) -> tuple[Place, ...]:
        """A list of places (['eyelid', 'cheek']) in Place order; an empty one only when not `needed`."""
        value = self._get(field, needed)
        if value is None and not needed:
            return ()
        if not isinstance(value, list) or not all(isinstance(name, str) for name in value):
            if field in self.entry:
                self.problem(field, f"{shown(value)} is not a list of places")
            return ()
        try:
            places = [Place(name) for name in value]
        except ValueError:
            names = ", ".join(member.value for member in Place)
            self.problem(field, f"{shown(value)} names a place that is not one of {names}")
            return ()
        if len(set(places)) != len(places):
            self.problem(field, f"{shown(value)} names a place twice")
            return ()
        if needed and not places:
            self.problem(field, "is empty; an episode was in one place at least")
            return ()
        return in_place_order(places)

    def score(self, field: str) -> Score:
        value = self.entry.get(field)
        if value == SKIPPED.value:
            return SKIPPED
        if value is None or (isinstance(value, int) and not isinstance(value, bool)):
            return value
        self.problem(field, f'{shown(value)} is not a whole number from 0 to 10, "skipped" or null')
        return None

    def check(self, problems: list[str]) -> None:
        # core's messages name the field first; put the entry in front of it. A field already at fault
        # was read as a placeholder, which core would only blame again.
        for problem in problems:
            field, _, text = problem.partition(": ")
            if field not in self.at_fault:
                self.problem(field, text)


def _section(
    document: dict[str, Any],
    name: str,
    read: Callable[[_Fields], _T],
    problems: list[str],
    after_entry: Callable[[], None],
) -> list[_T]:
    entries = document.get(name, [])
    if not isinstance(entries, list):
        problems.append(f"{name}: is not a list")
        return []
    known = _FIELDS[name]
    read_entries = []
    for number, entry in enumerate(entries):
        where = f"{name}[{number}]"
        if isinstance(entry, dict):
            fields = _Fields(where, entry, known, problems)
            value = read(fields)
            if not fields.at_fault:
                read_entries.append(value)
        else:
            problems.append(f"{where}: {shown(entry)} is not an entry (an object with fields)")
        after_entry()
    return read_entries


_RATING_FIELDS = ("tension_before", "twitch_before", "tension_after", "twitch_after")
# A check-in's fields in the order the exports write them.
CHECK_IN_FIELDS = (
    "day",
    "sleep_hours",
    "caffeine_drinks",
    "stress",
    "water_glasses",
    "alcohol_drinks",
    "screen_hours",
    "dry_eyes",
    "note",
)
_FIELDS = {
    "sessions": {
        "started_at",
        "routine_id",
        "routine_kind",
        "routine_title",
        "planned_seconds",
        "actual_seconds",
        "completed",
        *_RATING_FIELDS,
    },
    "episodes": {"occurred_at", "side", "place", "places", "intensity", "duration", "note"},
    # An export of version 1 has no alcohol_drinks, screen_hours or dry_eyes: they are read as not recorded.
    "check_ins": set(CHECK_IN_FIELDS),
    "treatments": {"given_on", "kind", "name", "side", "places", "dose", "note"},
    "safety_checks": {"checked_at", "urgency", "signs"},
}


def _session_from(fields: _Fields) -> SessionRecord:
    record = SessionRecord(
        routine_id=fields.text("routine_id"),
        routine_kind=fields.choice("routine_kind", RoutineKind),
        routine_title=fields.text("routine_title"),
        started_at=fields.moment("started_at"),
        planned_seconds=fields.number("planned_seconds") or 0.0,
        actual_seconds=fields.number("actual_seconds") or 0.0,
        completed=fields.flag("completed"),
        ratings=Ratings(*(fields.score(name) for name in _RATING_FIELDS)),
    )
    fields.check(session_problems(record))
    return record


def _episode_from(fields: _Fields) -> Episode:
    if "place" in fields.entry and "places" in fields.entry:
        fields.problem("place", "and places are both given; an export names places only")
    # An export before version 3 names one place; one of version 3 lists them.
    one_place = "place" in fields.entry
    places = (fields.choice("place", Place),) if one_place else fields.places("places", needed=True)
    episode = Episode(
        occurred_at=fields.moment("occurred_at"),
        side=fields.choice("side", Side),
        places=places,
        intensity=fields.whole("intensity"),
        duration=fields.choice("duration", EpisodeDuration),
        note=fields.text("note", required=False),
    )
    fields.check(episode_problems(episode))
    return episode


def _treatment_from(fields: _Fields) -> Treatment:
    side = None if fields.entry.get("side") is None else fields.choice("side", Side)
    treatment = Treatment(
        given_on=fields.day("given_on"),
        kind=fields.choice("kind", TreatmentKind),
        name=fields.text("name", required=False),
        side=side,
        places=fields.places("places", needed=False),
        dose=fields.text("dose", required=False),
        note=fields.text("note", required=False),
    )
    fields.check(treatment_problems(treatment))
    return treatment


def _safety_check_from(fields: _Fields) -> SafetyCheck:
    signs = fields.entry.get("signs", [])
    if not isinstance(signs, list) or not all(isinstance(sign, str) and is_unicode(sign) for sign in signs):
        fields.problem("signs", f"{shown(signs)} is not a list of question ids")
        signs = []
    check = SafetyCheck(
        checked_at=fields.moment("checked_at"),
        urgency=fields.choice("urgency", Urgency),
        signs=tuple(signs),
    )
    fields.check(safety_check_problems(check))
    return check


def _check_in_from(fields: _Fields) -> CheckIn:
    check_in = CheckIn(
        day=fields.day("day"),
        sleep_hours=fields.number("sleep_hours", required=False),
        caffeine_drinks=fields.whole("caffeine_drinks", required=False),
        stress=fields.whole("stress", required=False),
        water_glasses=fields.whole("water_glasses", required=False),
        note=fields.text("note", required=False),
        alcohol_drinks=fields.whole("alcohol_drinks", required=False),
        screen_hours=fields.number("screen_hours", required=False),
        dry_eyes=fields.answer("dry_eyes"),
    )
    fields.check(check_in_problems(check_in))
    return check_in


def is_unicode(text: str) -> bool:
    """False when `text` holds a lone surrogate, which UTF-8, SQLite and Qt all refuse."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(value: object) -> str:
    """A value of a file as a message quotes it: JSON's spelling, cut to 40 characters."""
    try:
        text = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else repr(value)
    except (RecursionError, ValueError):  # nested as deep as the reader allows, or a number too long
        text = f"a {type(value).__name__}"
    return text if len(text) <= 40 else text[:37] + "..."
