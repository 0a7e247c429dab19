"""The app's vocabulary: routines made of timed phases, and how long a session should last."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum


class RoutineKind(StrEnum):
    BREATHING = "breathing"
    PMR = "pmr"
    IMAGERY = "imagery"
    MASSAGE = "massage"


class PhaseKind(StrEnum):
    INHALE = "inhale"
    HOLD = "hold"
    EXHALE = "exhale"


# Where the lungs are at the end of a phase, when the routine does not say otherwise.
_NATURAL_FILL = {PhaseKind.INHALE: 1.0, PhaseKind.EXHALE: 0.0}

MIN_BREATH_SECONDS = 2.0  # CONTENT.md: keep in- and out-breaths at 2 s or more
MAX_PHASE_SECONDS = 60.0
MAX_SESSION_MINUTES = 120
MAX_CYCLES = 1000


@dataclass(frozen=True)
class Phase:
    """One stretch of a routine: breathe in for 4 s, hold for 7 s, ..."""

    kind: PhaseKind
    seconds: float
    text: str
    cue: str | None = None
    fill: float | None = None  # lung fill (0..1) at the end; None: the kind's natural one

    @property
    def cue_id(self) -> str:
        return self.cue if self.cue is not None else self.kind.value

    def fill_after(self, fill_before: float) -> float:
        if self.fill is not None:
            return self.fill
        return _NATURAL_FILL.get(self.kind, fill_before)


@dataclass(frozen=True)
class Minutes:
    value: float

    def label(self) -> str:
        return f"{self.value:g} min"


@dataclass(frozen=True)
class Cycles:
    value: int

    def label(self) -> str:
        return f"{self.value} breath" if self.value == 1 else f"{self.value} breaths"


SessionLength = Minutes | Cycles

STANDARD_MINUTES = (1, 3, 5, 10, 20)


@dataclass(frozen=True)
class Routine:
    """A named routine; for breathing, `phases` is one cycle that repeats to fill the session."""

    id: str
    kind: RoutineKind
    title: str
    summary: str
    phases: tuple[Phase, ...]
    default_length: SessionLength
    guidance: str = ""
    read_first: bool = False  # the guidance holds cautions: show it before a session starts from elsewhere
    max_cycles: int | None = None

    @property
    def cycle_seconds(self) -> float:
        return sum(phase.seconds for phase in self.phases)

    def rhythm(self) -> str:
        """The pattern at a glance, e.g. '4 · 7 · 8'."""
        return " · ".join(f"{phase.seconds:g}" for phase in self.phases if phase.seconds > 0)

    def cycles_for(self, length: SessionLength) -> int:
        """Whole cycles that fit a length best: a session always ends on a completed breath."""
        if isinstance(length, Cycles):
            return length.value
        return max(1, round(length.value * 60 / self.cycle_seconds))


def pattern_problems(phases: tuple[Phase, ...]) -> list[str]:
    """What is wrong with a breathing cycle, in words a person can act on; empty when it is sound."""
    problems = []
    for number, phase in enumerate(phases, start=1):
        if not math.isfinite(phase.seconds) or phase.seconds < 0:
            problems.append(
                f"phase {number} ({phase.kind}) lasts {phase.seconds:g} s: it must be 0 s or more"
            )
        elif phase.seconds > MAX_PHASE_SECONDS:
            problems.append(
                f"phase {number} ({phase.kind}) lasts {phase.seconds:g} s: at most {MAX_PHASE_SECONDS:g} s"
            )
        if phase.fill is not None and not 0.0 <= phase.fill <= 1.0:
            problems.append(f"phase {number} ({phase.kind}) has fill {phase.fill:g}: it must be from 0 to 1")
    if problems:
        return problems
    breathing_in = sum(p.seconds for p in phases if p.kind is PhaseKind.INHALE)
    breathing_out = sum(p.seconds for p in phases if p.kind is PhaseKind.EXHALE)
    if sum(p.seconds for p in phases) == 0:
        problems.append("the cycle lasts 0 s: give at least the in- and out-breath a length")
    if breathing_in < MIN_BREATH_SECONDS:
        problems.append(f"breathing in takes {breathing_in:g} s: it needs {MIN_BREATH_SECONDS:g} s or more")
    if breathing_out < MIN_BREATH_SECONDS:
        problems.append(f"breathing out takes {breathing_out:g} s: it needs {MIN_BREATH_SECONDS:g} s or more")
    return problems


def length_problem(routine: Routine, length: SessionLength) -> str | None:
    """Why a session of this length cannot be run, or None when it can."""
    if isinstance(length, Minutes):
        problem = _minutes_problem(routine, length.value)
        if problem:
            return problem
    elif not 1 <= length.value <= MAX_CYCLES:
        return f"{length.value} breaths is not possible: choose from 1 to {MAX_CYCLES}"
    if routine.max_cycles is not None and routine.cycles_for(length) > routine.max_cycles:
        return f"{routine.title} is best kept to {routine.max_cycles} breaths or fewer at a time"
    if routine.cycles_for(length) * routine.cycle_seconds > MAX_SESSION_MINUTES * 60:
        return f"That many breaths would take more than {MAX_SESSION_MINUTES} minutes: choose fewer"
    return None


def _minutes_problem(routine: Routine, minutes: float) -> str | None:
    if not math.isfinite(minutes):
        return f"'{minutes}' is not a number of minutes"
    if minutes <= 0:
        return f"A session of {minutes:g} minutes is not possible: choose more than 0"
    if minutes > MAX_SESSION_MINUTES:
        return f"A session of {minutes:g} minutes is too long: at most {MAX_SESSION_MINUTES} minutes"
    if minutes * 60 < routine.cycle_seconds / 2:
        return f"{minutes:g} minutes is too short for one breath of {routine.title}"
    return None


def length_choices(routine: Routine) -> list[SessionLength]:
    """The standard lengths offered for a routine, leaving out those it should not run for."""
    choices: list[SessionLength] = [Minutes(m) for m in STANDARD_MINUTES]
    return [length for length in choices if length_problem(routine, length) is None]
