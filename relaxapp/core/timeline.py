"""Expands a routine and a length into timed segments and the cues and words that mark them."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property

from relaxapp.core.routine import (
    NO_CUE,
    Routine,
    SessionLength,
    Step,
    StepKind,
    length_problem,
    step_problems,
)

START_BELL = "bell_start"
END_BELL = "bell_end"
LEAD_IN_SECONDS = 14.0  # time to say the eyes-closed welcome before the first step
# Going back within this long of a section's start goes to the section before, as a music player does.
BACK_GRACE_SECONDS = 3.0


class TimelineError(ValueError):
    """A routine or length that cannot become a session; the message says why, for a person."""


@dataclass(frozen=True)
class Segment:
    """One step placed in time: [start, end) seconds from the start of the session."""

    step: Step
    start: float
    end: float
    cycle: int
    fill_start: float
    fill_end: float

    @property
    def seconds(self) -> float:
        return self.end - self.start


@dataclass(frozen=True)
class CueEvent:
    """What is heard at `at`: a sound (None: none) and the words of a step beginning (None: none)."""

    at: float
    cue: str | None
    words: str | None = None


@dataclass(frozen=True)
class Timeline:
    routine: Routine
    length: SessionLength
    cycles: int
    segments: tuple[Segment, ...]
    cues: tuple[CueEvent, ...]
    has_lead_in: bool = False

    @property
    def total_seconds(self) -> float:
        return self.segments[-1].end

    @property
    def end_bell(self) -> str | None:
        """The bell that closes the session (the last cue); none after a bedtime script."""
        return self.cues[-1].cue

    def segment_index_at(self, seconds: float) -> int:
        """The segment running at `seconds`; the last one at or after the end."""
        index = bisect.bisect_right(self._starts, seconds) - 1
        return min(max(index, 0), len(self.segments) - 1)

    @property
    def can_skip(self) -> bool:
        """Steps can be skipped or repeated; a breath cannot, it only repeats."""
        return not self.routine.repeats

    def next_section_start(self, seconds: float) -> float | None:
        """Where the section after the one running at `seconds` begins; None in the last one."""
        index = bisect.bisect_right(self._section_starts, seconds)
        return self._section_starts[index] if index < len(self._section_starts) else None

    def previous_section_start(self, seconds: float) -> float:
        """The start of the running section, or of the one before when this one has only just begun."""
        index = max(bisect.bisect_right(self._section_starts, seconds) - 1, 0)
        # The welcome is heard once: going back from the routine stops at its first part.
        first = 1 if self.has_lead_in and index >= 1 else 0
        if seconds - self._section_starts[index] < BACK_GRACE_SECONDS and index > first:
            index -= 1
        return self._section_starts[index]

    @property
    def section_count(self) -> int:
        """The routine's own sections: a spoken welcome before them is not one of them."""
        return len(self._section_starts) - int(self.has_lead_in)

    def section_index_at(self, seconds: float) -> int:
        """Which of the routine's sections runs at `seconds`, from 0 (the welcome counts as the first)."""
        return max(bisect.bisect_right(self._section_starts, seconds) - 1 - int(self.has_lead_in), 0)

    @cached_property
    def _starts(self) -> list[float]:
        return [segment.start for segment in self.segments]

    @cached_property
    def _section_starts(self) -> list[float]:
        # A section is a run of steps under one title (a muscle group: prepare, tense, release, relax);
        # an untitled step is a section of its own.
        starts = []
        previous_title = None
        for segment in self.segments:
            title = segment.step.title
            if not title or title != previous_title:
                starts.append(segment.start)
            previous_title = title
        return starts


def build(routine: Routine, length: SessionLength, lead_in: str | None = None) -> Timeline:
    """Lay out a session, after `lead_in` words if given; raises TimelineError naming what is wrong."""
    problems = step_problems(routine.kind, routine.steps)
    if problems:
        raise TimelineError(f"{routine.title}: " + "; ".join(problems))
    problem = length_problem(routine, length)
    if problem:
        raise TimelineError(problem)

    cycles = routine.cycles_for(length)
    cycle_seconds = routine.cycle_seconds
    before = 0.0
    placed: list[tuple[int, Step, float]] = []
    if lead_in:
        placed.append((0, Step(StepKind.PREPARE, LEAD_IN_SECONDS, lead_in, cue=NO_CUE), 0.0))
        before = LEAD_IN_SECONDS
    offsets: list[tuple[Step, float]] = []
    offset = 0.0
    for step in routine.steps:
        if step.seconds > 0:
            offsets.append((step, offset))
        offset += step.seconds
    # Each start is a whole number of cycles plus an offset, never a running sum, so a long session
    # gathers no floating-point drift; each segment ends exactly where the next one starts.
    placed += [
        (cycle, step, before + cycle * cycle_seconds + off)
        for cycle in range(cycles)
        for step, off in offsets
    ]
    ends = [start for _, _, start in placed[1:]] + [before + cycles * cycle_seconds]
    segments: list[Segment] = []
    fill = 0.0
    for (cycle, step, start), end in zip(placed, ends, strict=True):
        fill_after = step.fill_after(fill)
        segments.append(Segment(step, start, end, cycle, fill, fill_after))
        fill = fill_after

    cues = [CueEvent(0.0, START_BELL, segments[0].step.text)]
    cues += [CueEvent(segment.start, segment.step.cue_id, segment.step.text) for segment in segments[1:]]
    # A bedtime script leaves the person drifting off: no bell. The end keeps its moment all the same,
    # as the runner aims its timer at the next cue to end on time.
    cues.append(CueEvent(ends[-1], None if routine.ends_in_sleep else END_BELL))
    return Timeline(routine, length, cycles, tuple(segments), tuple(cues), has_lead_in=bool(lead_in))
