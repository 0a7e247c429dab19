"""The spasm journal and the daily check-in: what the person logs besides their sessions."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from relaxapp.core.bounds import day_problem, moment_problem
from relaxapp.core.urgency import Urgency

INTENSITY_MIN = 1
INTENSITY_MAX = 10
STRESS_MAX = 10
SLEEP_HOURS_MAX = 24.0
SCREEN_HOURS_MAX = 24.0
# Beyond these a number is a typing slip rather than a day; the limits only guard the diary's sense.
CAFFEINE_DRINKS_MAX = 30
ALCOHOL_DRINKS_MAX = 30
WATER_GLASSES_MAX = 40
NOTE_MAX_CHARS = 2000
# A medicine's or product's name, or what an "other" treatment was, and a dose as the person writes it.
TREATMENT_NAME_MAX_CHARS = 200
DOSE_MAX_CHARS = 100


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"
    BOTH = "both"


class Place(StrEnum):
    """Where on the face or neck; the order is the one pages list them in (the commonest first)."""

    EYELID = "eyelid"
    BROW = "brow"
    CHEEK = "cheek"
    MOUTH = "mouth"  # the corner of the mouth
    CHIN = "chin"
    NECK = "neck"
    OTHER = "other"


def in_place_order(places: object) -> tuple[Place, ...]:
    """`places` without repeats, in the order of Place: how an entry keeps them."""
    chosen = set(places) if isinstance(places, tuple | list | set | frozenset) else set()
    return tuple(place for place in Place if place in chosen)


class EpisodeDuration(StrEnum):
    """Roughly how long an episode lasted: nobody times a twitch, one click has to do."""

    SECONDS = "seconds"  # a few seconds
    MINUTES = "minutes"  # a minute or several
    HOURS = "hours"  # on and off for an hour or more


@dataclass(frozen=True)
class Episode:
    """One spasm episode as the person logged it."""

    occurred_at: datetime  # timezone-aware, UTC
    side: Side
    places: tuple[Place, ...]  # at least one, no repeats, in Place order; older entries have one
    intensity: int  # 1 (barely) to 10 (worst)
    duration: EpisodeDuration
    note: str = ""
    id: int | None = None


@dataclass(frozen=True)
class CheckIn:
    """The day's factors the article names. An answer left as None was not given that day."""

    day: date  # the person's local date
    sleep_hours: float | None = None
    caffeine_drinks: int | None = None
    stress: int | None = None  # 0 (calm) to 10
    water_glasses: int | None = None
    note: str = ""
    # The eye triggers came later than the factors above: after the note, so that a check-in whose
    # fields are given in order, as before them, still means what it did.
    alcohol_drinks: int | None = None
    screen_hours: float | None = None
    dry_eyes: bool | None = None  # eyes dry or gritty that day


def episode_problems(episode: Episode) -> list[str]:
    """Everything that makes `episode` unfit for the journal, each naming the field; empty when fit."""
    problems = []
    if episode.occurred_at.tzinfo is None:
        problems.append(f"occurred_at: {episode.occurred_at.isoformat()} has no time zone")
    problems += episode_range_problems(episode)
    problems += _member_problems("side", episode.side, Side)
    problems += _places_problems(episode.places, needed=True)
    problems += _member_problems("duration", episode.duration, EpisodeDuration)
    problems += _whole_number_problems("intensity", episode.intensity, INTENSITY_MIN, INTENSITY_MAX)
    problems += _note_problems(episode.note)
    return problems


class TreatmentKind(StrEnum):
    INJECTION = "injection"  # botulinum toxin, the usual treatment, given every few months
    MEDICINE_STARTED = "medicine_started"
    MEDICINE_STOPPED = "medicine_stopped"
    OTHER = "other"  # anything else, said in its name (surgery, a new pair of tinted glasses …)


@dataclass(frozen=True)
class Treatment:
    """A treatment on a day: an injection (where, which side, how much), a medicine started or stopped."""

    given_on: date  # the person's local date
    kind: TreatmentKind
    name: str = ""  # the medicine or product, or what an OTHER treatment was
    side: Side | None = None
    places: tuple[Place, ...] = ()  # no repeats, in Place order
    dose: str = ""  # as the person writes it: "25 units", "2 mg twice a day"
    note: str = ""
    id: int | None = None


NAME_NEEDED = "is empty"  # a medicine's or other treatment's name, not yet given: see treatment_problems


def treatment_problems(treatment: Treatment) -> list[str]:
    """Everything that makes `treatment` unfit for the journal, each naming the field; empty when fit."""
    problems = []
    if not isinstance(treatment.given_on, date) or isinstance(treatment.given_on, datetime):
        problems.append(f"given_on: {treatment.given_on!r} is not a date")
    else:
        problem = day_problem("given_on", treatment.given_on)
        problems += [problem] if problem else []
    problems += _member_problems("kind", treatment.kind, TreatmentKind)
    problems += _text_problems("name", treatment.name, TREATMENT_NAME_MAX_CHARS)
    named = treatment.kind is not TreatmentKind.INJECTION  # a medicine, or what an OTHER was
    if named and isinstance(treatment.name, str) and not treatment.name.strip():
        what = "what it was" if treatment.kind is TreatmentKind.OTHER else "the medicine's name"
        problems.append(f"name: {NAME_NEEDED}; say {what}")
    if treatment.side is not None:
        problems += _member_problems("side", treatment.side, Side)
    problems += _places_problems(treatment.places, needed=False)
    problems += _text_problems("dose", treatment.dose, DOSE_MAX_CHARS)
    problems += _note_problems(treatment.note)
    return problems


@dataclass(frozen=True)
class SafetyCheck:
    """The answer a person got from the warning signs: kept, at most one a day (the day's latest)."""

    checked_at: datetime  # timezone-aware, UTC
    urgency: Urgency
    signs: tuple[str, ...]  # the ids of the questions ticked, in the checklist's order
    id: int | None = None


def safety_check_problems(check: SafetyCheck) -> list[str]:
    """Everything that makes `check` unfit for the journal, each naming the field; empty when fit."""
    problems = []
    if check.checked_at.tzinfo is None:
        problems.append(f"checked_at: {check.checked_at.isoformat()} has no time zone")
    else:
        problem = moment_problem("checked_at", check.checked_at)
        problems += [problem] if problem else []
    problems += _member_problems("urgency", check.urgency, Urgency)
    if not isinstance(check.signs, tuple) or not all(isinstance(sign, str) and sign for sign in check.signs):
        problems.append(f"signs: {check.signs!r} is not a list of question ids")
    elif len(set(check.signs)) != len(check.signs):
        problems.append(f"signs: {', '.join(check.signs)} names a sign twice")
    return problems


def episode_range_problems(episode: Episode) -> list[str]:
    """What would stop a page from showing `episode`: a moment outside the diary's span."""
    if episode.occurred_at.tzinfo is None:  # cannot be placed at all: episode_problems says so
        return []
    problem = moment_problem("occurred_at", episode.occurred_at)
    return [problem] if problem else []


def check_in_range_problems(check_in: CheckIn) -> list[str]:
    """What would stop a page from showing `check_in`: a day outside the diary's span."""
    problem = day_problem("day", check_in.day)
    return [problem] if problem else []


def check_in_problems(check_in: CheckIn) -> list[str]:
    """Everything that makes `check_in` unfit for the journal, each naming the field; empty when fit."""
    problems = check_in_range_problems(check_in)
    for field, hours, most in (
        ("sleep_hours", check_in.sleep_hours, SLEEP_HOURS_MAX),
        ("screen_hours", check_in.screen_hours, SCREEN_HOURS_MAX),
    ):
        if hours is not None:
            problems += _hours_problems(field, hours, most)
    for field, value, top in (
        ("caffeine_drinks", check_in.caffeine_drinks, CAFFEINE_DRINKS_MAX),
        ("stress", check_in.stress, STRESS_MAX),
        ("water_glasses", check_in.water_glasses, WATER_GLASSES_MAX),
        ("alcohol_drinks", check_in.alcohol_drinks, ALCOHOL_DRINKS_MAX),
    ):
        if value is not None:
            problems += _whole_number_problems(field, value, 0, top)
    if check_in.dry_eyes is not None and not isinstance(check_in.dry_eyes, bool):
        problems.append(f"dry_eyes: {check_in.dry_eyes!r} is not yes (true) or no (false)")
    problems += _note_problems(check_in.note)
    return problems


def _hours_problems(field: str, hours: object, most: float) -> list[str]:
    # bool is a number to Python, but True is not a number of hours a person typed.
    if (
        isinstance(hours, bool)
        or not isinstance(hours, int | float)
        or not math.isfinite(hours)
        or not 0 <= hours <= most
    ):
        return [f"{field}: {hours!r} is not a number of hours from 0 to {most:g}"]
    return []


def _whole_number_problems(field: str, value: object, low: int, high: int) -> list[str]:
    # bool is an int to Python, but True is not a number a person typed.
    if isinstance(value, bool) or not isinstance(value, int):
        return [f"{field}: {value!r} is not a whole number from {low} to {high}"]
    if not low <= value <= high:
        return [f"{field}: {value} is not from {low} to {high}"]
    return []


def _member_problems(field: str, value: object, choices: type[StrEnum]) -> list[str]:
    if isinstance(value, choices):
        return []
    names = ", ".join(member.value for member in choices)
    return [f"{field}: {value!r} is not one of {names}"]


def _places_problems(places: object, *, needed: bool) -> list[str]:
    names = ", ".join(member.value for member in Place)
    if not isinstance(places, tuple):
        return [f"places: {places!r} is not a list of places ({names})"]
    unknown = [place for place in places if not isinstance(place, Place)]
    if unknown:
        return [f"places: {', '.join(repr(place) for place in unknown)} is not one of {names}"]
    if needed and not places:
        return ["places: none chosen; choose at least one"]
    if places != in_place_order(places):
        return [f"places: {', '.join(places)} repeats a place or is not in the order {names}"]
    return []


def _note_problems(note: object) -> list[str]:
    return _text_problems("note", note, NOTE_MAX_CHARS)


def _text_problems(field: str, text: object, most: int) -> list[str]:
    if not isinstance(text, str):
        return [f"{field}: {text!r} is not text"]
    if len(text) > most:
        return [f"{field}: {len(text)} characters is longer than {most}"]
    return []
