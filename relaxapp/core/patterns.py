"""The breathing library: paced breathing at a chosen number of breaths a minute, and the patterns a
person makes and names (in, hold, out, hold) and keeps as routine files of their own."""

from __future__ import annotations

import math
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass

from relaxapp.core.datafile import hidden_character
from relaxapp.core.routine import (
    MIN_BREATH_SECONDS,
    Minutes,
    Routine,
    RoutineKind,
    Step,
    StepKind,
    pattern_problems,
)

PACED_ID = "paced"
MIN_BREATHS_PER_MINUTE = 4.0
MAX_BREATHS_PER_MINUTE = 10.0
DEFAULT_BREATHS_PER_MINUTE = 6.0  # the resonance pace most studies of slow breathing use
# A longer out-breath than in-breath is what calms (the exhale slows the heart); 40:60 keeps both easy.
INHALE_SHARE = 0.4

CUSTOM_PREFIX = "my_"  # the ids of the patterns a person saves; nothing shipped starts with it
MAX_NAME_LENGTH = 40  # fits on a routine card without being cut
MAX_ID_STEM = 30  # keeps file names short on every file system

# The words of each step. They must stay exactly these: they have recorded voice prompts.
BREATHE_IN = "Breathe in"
HOLD_FULL = "Hold, lungs full"
BREATHE_OUT = "Breathe out"
REST_EMPTY = "Rest, lungs empty"

# Shown beside a pattern that holds the breath, as beside box breathing and 4-7-8.
HOLD_NOTE = (
    "Hold your breath gently, without straining. If you are pregnant, have a heart or lung condition, or "
    "have panic attacks, ask your doctor before you hold your breath, or set both holds to 0. If you feel "
    "dizzy, stop and breathe normally."
)

# The four counts of a pattern, as a person reads them (the dialog's labels and the words under them).
COUNT_NAMES = ("in", "hold", "out", "rest")
_COUNT_LABELS = ("the in-breath", "the hold with lungs full", "the out-breath", "the rest with lungs empty")


def paced_routine(breaths_per_minute: float) -> Routine:
    """Even breathing at `breaths_per_minute` (4 to 10): each breath 40 % in, 60 % out."""
    if not math.isfinite(breaths_per_minute) or not (
        MIN_BREATHS_PER_MINUTE <= breaths_per_minute <= MAX_BREATHS_PER_MINUTE
    ):
        raise ValueError(
            f"{breaths_per_minute:g} breaths a minute is not a pace relaxapp offers: "
            f"choose from {MIN_BREATHS_PER_MINUTE:g} to {MAX_BREATHS_PER_MINUTE:g}"
        )
    breath = 60.0 / breaths_per_minute
    # Exact seconds, not rounded ones: rounding 60/7 s to tenths would drift a 20-minute session by breaths.
    inhale = breath * INHALE_SHARE
    exhale = breath - inhale
    assert min(inhale, exhale) >= MIN_BREATH_SECONDS  # 10 a minute gives 2.4 s in: the bounds keep it so
    pace = f"{breaths_per_minute:g}"
    return Routine(
        id=PACED_ID,
        kind=RoutineKind.BREATHING,
        title=f"Paced breathing, {pace} a minute",
        summary=(
            f"Slow, even breaths, {pace} a minute: in for {_tenths(inhale)} s, out for {_tenths(exhale)} s. "
            "The longer out-breath helps you slow down."
        ),
        steps=(Step(StepKind.INHALE, inhale, BREATHE_IN), Step(StepKind.EXHALE, exhale, BREATHE_OUT)),
        default_length=Minutes(5),
    )


def _tenths(seconds: float) -> str:
    return f"{round(seconds, 1):g}"


def pace_words(breath_seconds: float) -> str:
    """How long one breath lasts and how many that makes a minute: 'One breath: 12 s, 5 a minute'."""
    if not math.isfinite(breath_seconds) or breath_seconds <= 0:
        return "One breath: 0 s"
    per_minute = round(60 / breath_seconds, 1)
    return f"One breath: {breath_seconds:g} s, {per_minute:g} a minute"


@dataclass(frozen=True)
class CustomPattern:
    """A breathing pattern a person made: seconds in, held full, out, resting empty (a 0 s hold is none)."""

    name: str
    inhale: float
    hold_in: float
    exhale: float
    hold_out: float

    @property
    def counts(self) -> tuple[float, float, float, float]:
        return (self.inhale, self.hold_in, self.exhale, self.hold_out)

    @property
    def breath_seconds(self) -> float:
        return sum(self.counts)

    def _all_steps(self) -> tuple[Step, ...]:
        return (
            Step(StepKind.INHALE, self.inhale, BREATHE_IN),
            Step(StepKind.HOLD, self.hold_in, HOLD_FULL),
            Step(StepKind.EXHALE, self.exhale, BREATHE_OUT),
            Step(StepKind.HOLD, self.hold_out, REST_EMPTY),
        )

    def problems(self) -> list[str]:
        """What keeps the pattern from being saved, as sentences a person can act on; empty when none."""
        problems = []
        name = self.name.strip()
        if not name:
            problems.append("Give the pattern a name")
        elif len(name) > MAX_NAME_LENGTH:
            problems.append(f"The name has {len(name)} letters: keep it to {MAX_NAME_LENGTH} or fewer")
        elif hidden := hidden_character(name, one_line=True):  # as a routine file's title: it must load back
            problems.append(f"The name has {hidden}, which cannot be shown: remove it")
        # The same rules as a breathing routine file, so a saved pattern always loads back. Every count is
        # checked, zero holds too, so that "step 2" is always the hold after breathing in.
        steps = self._all_steps()
        for found in pattern_problems(steps):
            # pattern_problems counts steps ("step 2 (hold)"); a person thinks of the count by its name.
            problem = found
            for number, (step, label) in enumerate(zip(steps, _COUNT_LABELS, strict=True), start=1):
                problem = problem.replace(f"step {number} ({step.kind})", label)
            problems.append(_sentence(problem))
        return problems

    def to_routine(self, routine_id: str) -> Routine:
        """The pattern as a breathing routine; zero-second holds are left out. Raises ValueError when the
        pattern has problems."""
        problems = self.problems()
        if problems:
            raise ValueError("; ".join(problems))
        return Routine(
            id=routine_id,
            kind=RoutineKind.BREATHING,
            title=self.name.strip(),
            summary=f"Your pattern: {self.rhythm()}",
            steps=tuple(step for step in self._all_steps() if step.seconds > 0),
            default_length=Minutes(3),
            guidance=HOLD_NOTE if self.hold_in or self.hold_out else "",
        )

    def rhythm(self) -> str:
        """The pattern at a glance, as the routine cards show it: '4 · 2 · 6' (zero holds left out)."""
        return " · ".join(f"{seconds:g}" for seconds in self.counts if seconds > 0)

    def in_words(self) -> str:
        """'In 4 s · hold 2 s · out 6 s': the rhythm with what each number is (zero holds left out)."""
        parts = [
            f"{name} {seconds:g} s"
            for name, seconds in zip(COUNT_NAMES, self.counts, strict=True)
            if seconds > 0
        ]
        return " · ".join(parts).capitalize() if parts else ""


def _sentence(problem: str) -> str:
    return problem[:1].upper() + problem[1:]


def is_custom(routine: Routine) -> bool:
    """A pattern the person saved in the app (and so may edit or delete there)."""
    return routine.id.startswith(CUSTOM_PREFIX) and pattern_of(routine) is not None


def routine_id_for(name: str, taken: Collection[str]) -> str:
    """A new id (and file name) for a pattern called `name`: 'Evening calm' → 'my_evening_calm', or
    'my_evening_calm_2' when that is taken. Only a-z, 0-9 and '_', safe on every file system."""
    # Letters with accents keep their base letter (Ruhe für… → ruhe_fur); others become separators.
    plain = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii").lower()
    stem = re.sub(r"[^a-z0-9]+", "_", plain).strip("_")[:MAX_ID_STEM].rstrip("_") or "pattern"
    # Compared without case: on Windows and macOS 'My_Evening.toml' and 'my_evening.toml' are one file.
    used = {routine_id.lower() for routine_id in taken}
    base = CUSTOM_PREFIX + stem
    candidate, number = base, 1
    while candidate in used:
        number += 1
        candidate = f"{base}_{number}"
    return candidate


_SHAPE = re.compile(r"i(h)?e(h)?")  # inhale, maybe a hold, exhale, maybe a hold
_LETTERS = {StepKind.INHALE: "i", StepKind.HOLD: "h", StepKind.EXHALE: "e"}


def pattern_of(routine: Routine) -> CustomPattern | None:
    """The routine as a pattern to edit, when it is a plain in / hold / out / hold breath; None otherwise
    (not breathing, two in-breaths, steps with their own fill or cue...)."""
    if routine.kind is not RoutineKind.BREATHING:
        return None
    shape = "".join(_LETTERS.get(step.kind, "?") for step in routine.steps)
    match = _SHAPE.fullmatch(shape)
    if match is None or any(step.fill is not None or step.cue is not None for step in routine.steps):
        return None
    seconds = iter(step.seconds for step in routine.steps)
    inhale = next(seconds)
    hold_in = next(seconds) if match.group(1) else 0.0
    exhale = next(seconds)
    hold_out = next(seconds) if match.group(2) else 0.0
    return CustomPattern(routine.title, inhale, hold_in, exhale, hold_out)
