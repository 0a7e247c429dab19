"""The app's vocabulary: routines made of timed steps, and how long a session should last."""

from __future__ import annotations

import dataclasses
import itertools
import math
from dataclasses import dataclass
from enum import StrEnum

# The slow movements an imagery scene may have: a light that drifts, water that shimmers, rain that falls.
MOTIONS = ("light", "water", "rain")


class RoutineKind(StrEnum):
    BREATHING = "breathing"
    PMR = "pmr"
    IMAGERY = "imagery"
    MASSAGE = "massage"


class StepKind(StrEnum):
    INHALE = "inhale"
    HOLD = "hold"
    EXHALE = "exhale"
    PREPARE = "prepare"
    TENSE = "tense"
    RELEASE = "release"
    RELAX = "relax"
    PASSAGE = "passage"
    COMPRESS = "compress"
    MASSAGE = "massage"
    REST = "rest"


class Stage(StrEnum):
    """The shape of a guided-imagery script, in the order it must follow.

    A script ends one of two ways: it comes back to the room (RETURN), or, at bedtime, it leaves the
    person drifting off to sleep (SLEEP), with no counting back up.
    """

    SETTLE = "settle"
    RELAX = "relax"
    SCENE = "scene"
    DEEPEN = "deepen"
    SUGGEST = "suggest"
    RETURN = "return"
    SLEEP = "sleep"

    @property
    def order(self) -> int:
        # The two endings share the last place: a script ends with one or the other.
        return min(list(Stage).index(self), list(Stage).index(Stage.RETURN))


ENDINGS = (Stage.RETURN, Stage.SLEEP)


STEP_KINDS = {
    RoutineKind.BREATHING: (StepKind.INHALE, StepKind.HOLD, StepKind.EXHALE),
    RoutineKind.PMR: (StepKind.PREPARE, StepKind.TENSE, StepKind.RELEASE, StepKind.RELAX),
    RoutineKind.IMAGERY: (StepKind.PASSAGE,),
    RoutineKind.MASSAGE: (StepKind.PREPARE, StepKind.COMPRESS, StepKind.MASSAGE, StepKind.REST),
}

NO_CUE = "none"
_DEFAULT_CUES = {
    StepKind.INHALE: "inhale",
    StepKind.HOLD: "hold",
    StepKind.EXHALE: "exhale",
    StepKind.TENSE: "tense",
    StepKind.RELEASE: "release",
    StepKind.PREPARE: "step",
    StepKind.COMPRESS: "step",
    StepKind.MASSAGE: "step",
}

# Where the lungs are at the end of a step, when the routine does not say otherwise.
_NATURAL_FILL = {StepKind.INHALE: 1.0, StepKind.EXHALE: 0.0}

MIN_BREATH_SECONDS = 2.0  # CONTENT.md: keep in- and out-breaths at 2 s or more
MAX_PHASE_SECONDS = 60.0
MAX_STEP_SECONDS = 600.0
TENSE_SECONDS = (3.0, 10.0)  # PMR tenses for 5-7 s; longer strains a muscle, shorter is no contrast
MAX_SESSION_MINUTES = 120
MAX_CYCLES = 1000


@dataclass(frozen=True)
class Step:
    """One stretch of a routine: breathe in for 4 s, tense the right hand for 6 s, stroke the brows..."""

    kind: StepKind
    seconds: float
    text: str  # shown as a caption and spoken when the step begins
    cue: str | None = None  # a sound id, NO_CUE, or None for the kind's own
    fill: float | None = None  # breathing: lung fill (0..1) at the end; None: the kind's natural one
    title: str = ""  # the muscle group, the area to massage...
    image: str = ""  # an illustration, e.g. "pmr/right-hand"
    stage: Stage | None = None  # imagery only
    optional: bool = False  # the person chooses before starting whether to include it

    @property
    def cue_id(self) -> str | None:
        if self.cue is None:
            return _DEFAULT_CUES.get(self.kind)
        return None if self.cue == NO_CUE else self.cue

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
ONCE = Cycles(1)  # the only length of a routine that runs its steps once


@dataclass(frozen=True)
class Routine:
    """A named routine. A breathing routine's steps are one breath, repeated to fill the session;
    every other kind runs its steps once."""

    id: str
    kind: RoutineKind
    title: str
    summary: str
    steps: tuple[Step, ...]
    default_length: SessionLength = ONCE
    guidance: str = ""
    read_first: bool = False  # the guidance holds cautions: show it before a session starts
    max_cycles: int | None = None
    ambience: str | None = None
    # How an imagery scene moves, slowly (MOTIONS): None keeps it still.
    motion: str | None = None
    # Said when the person stops early: imagery comes back to the room, or a bedtime script settles softly.
    closing: str = ""

    @property
    def repeats(self) -> bool:
        return self.kind is RoutineKind.BREATHING

    @property
    def ends_in_sleep(self) -> bool:
        """A bedtime script: it leaves the person drifting off, so nothing at its end wakes them (no
        counting back up, no closing bell, no 'open your eyes')."""
        return bool(self.steps) and self.steps[-1].stage is Stage.SLEEP

    @property
    def counted_in_breaths(self) -> bool:
        """Its usual length is a number of breaths (4-7-8: its advice is four breaths, not minutes)."""
        return self.repeats and isinstance(self.default_length, Cycles)

    @property
    def cycle_seconds(self) -> float:
        return sum(step.seconds for step in self.steps)

    def rhythm(self) -> str:
        """The pattern at a glance, e.g. '4 · 7 · 8'."""
        return " · ".join(f"{round(step.seconds, 1):g}" for step in self.steps if step.seconds > 0)

    def cycles_for(self, length: SessionLength) -> int:
        """Whole cycles that fit a length best: a session always ends on a completed breath."""
        if not self.repeats:
            return 1
        if isinstance(length, Cycles):
            return length.value
        return max(1, round(length.value * 60 / self.cycle_seconds))

    @property
    def optional_steps(self) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if step.optional)

    def without_optional(self) -> Routine:
        """The routine with its optional steps left out."""
        return dataclasses.replace(self, steps=tuple(step for step in self.steps if not step.optional))

    def spoken_texts(self) -> list[str]:
        """Every sentence a session of this routine may speak."""
        texts = [step.text for step in self.steps]
        if self.closing:
            texts.append(self.closing)
        return texts


def pattern_problems(steps: tuple[Step, ...]) -> list[str]:
    """What is wrong with a breathing cycle, in words a person can act on; empty when it is sound."""
    problems = []
    for number, step in enumerate(steps, start=1):
        if not math.isfinite(step.seconds) or step.seconds < 0:
            problems.append(f"step {number} ({step.kind}) lasts {step.seconds:g} s: it must be 0 s or more")
        elif step.seconds > MAX_PHASE_SECONDS:
            problems.append(
                f"step {number} ({step.kind}) lasts {step.seconds:g} s: at most {MAX_PHASE_SECONDS:g} s"
            )
        if step.fill is not None and not 0.0 <= step.fill <= 1.0:
            problems.append(f"step {number} ({step.kind}) has fill {step.fill:g}: it must be from 0 to 1")
    if problems:
        return problems
    breathing_in = sum(s.seconds for s in steps if s.kind is StepKind.INHALE)
    breathing_out = sum(s.seconds for s in steps if s.kind is StepKind.EXHALE)
    if sum(s.seconds for s in steps) == 0:
        problems.append("the cycle lasts 0 s: give at least the in- and out-breath a length")
    if breathing_in < MIN_BREATH_SECONDS:
        problems.append(f"breathing in takes {breathing_in:g} s: it needs {MIN_BREATH_SECONDS:g} s or more")
    if breathing_out < MIN_BREATH_SECONDS:
        problems.append(f"breathing out takes {breathing_out:g} s: it needs {MIN_BREATH_SECONDS:g} s or more")
    return problems


def step_problems(kind: RoutineKind, steps: tuple[Step, ...]) -> list[str]:
    """What is wrong with the steps of a routine of `kind`; empty when they can run."""
    if not steps:
        return ["there are no steps"]
    allowed = STEP_KINDS[kind]
    wrong_kind = [
        f"step {number} is a '{step.kind}' step, which a {kind} routine cannot have "
        f"(it may have: {', '.join(allowed)})"
        for number, step in enumerate(steps, start=1)
        if step.kind not in allowed
    ]
    if wrong_kind:
        return wrong_kind
    if kind is RoutineKind.BREATHING:
        return pattern_problems(steps)
    problems = [
        problem
        for number, step in enumerate(steps, start=1)
        for problem in _timed_step_problems(number, step)
    ]
    if kind is RoutineKind.IMAGERY:
        problems += _stage_problems(steps)
    if not problems and all(step.optional for step in steps):
        problems.append("every step is optional: at least one step must always run")
    if not problems and sum(step.seconds for step in steps) > MAX_SESSION_MINUTES * 60:
        problems.append(f"the steps last more than {MAX_SESSION_MINUTES} minutes together")
    return problems


def _timed_step_problems(number: int, step: Step) -> list[str]:
    where = f"step {number} ({step.kind})"
    low, high = TENSE_SECONDS if step.kind is StepKind.TENSE else (1.0, MAX_STEP_SECONDS)
    problems = []
    if not math.isfinite(step.seconds) or not low <= step.seconds <= high:
        why = " (tense to a firm hold, never to strain)" if step.kind is StepKind.TENSE else ""
        problems.append(f"{where} lasts {step.seconds:g} s: it must be from {low:g} to {high:g} s{why}")
    if step.fill is not None:
        problems.append(f"{where} has a fill, which only breathing steps can have")
    return problems


def _stage_problems(steps: tuple[Step, ...]) -> list[str]:
    missing = [number for number, step in enumerate(steps, start=1) if step.stage is None]
    if missing:
        return [f"step {missing[0]} has no stage: every passage needs one"]
    stages = [step.stage for step in steps if step.stage is not None]
    for number, (before, after) in enumerate(itertools.pairwise(stages), start=2):
        if after.order < before.order:
            return [
                f"step {number} goes back to '{after}' after '{before}': stages run from settle to return"
            ]
    problems = []
    if stages[0] is not Stage.SETTLE:
        problems.append(f"the first passage is '{stages[0]}': a script starts by settling ('settle')")
    if stages[-1] not in ENDINGS:
        problems.append(
            f"the last passage is '{stages[-1]}': a script always ends with 'return' "
            "(or with 'sleep', to drift off at bedtime)"
        )
    elif len({stage for stage in stages if stage in ENDINGS}) > 1:
        problems.append(
            "a script ends either by coming back ('return') or by drifting off ('sleep'), not both"
        )
    return problems


def length_problem(routine: Routine, length: SessionLength) -> str | None:
    """Why a session of this length cannot be run, or None when it can."""
    if not routine.repeats:
        return None if length == ONCE else f"{routine.title} always runs its steps once"
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


def chosen_or_default(routine: Routine, length: SessionLength | None) -> SessionLength:
    """`length` when the routine can run for it and is offered in its unit; otherwise the usual length."""
    if length is None or length_problem(routine, length) is not None:
        return routine.default_length
    if routine.counted_in_breaths and not isinstance(length, Cycles):
        return routine.default_length
    return length


def length_choices(routine: Routine) -> list[SessionLength]:
    """The standard lengths offered for a routine, leaving out those it should not run for; none for a
    routine that runs once, nor for one counted in breaths, which is offered as a number of breaths."""
    if not routine.repeats or routine.counted_in_breaths:
        return []
    choices: list[SessionLength] = [Minutes(m) for m in STANDARD_MINUTES]
    return [length for length in choices if length_problem(routine, length) is None]
