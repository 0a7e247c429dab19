"""Expands a routine and a length into timed segments and the cues that mark them."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from functools import cached_property

from relaxapp.core.routine import Phase, Routine, SessionLength, length_problem, pattern_problems

START_BELL = "bell_start"
END_BELL = "bell_end"


class TimelineError(ValueError):
    """A routine or length that cannot become a session; the message says why, for a person."""


@dataclass(frozen=True)
class Segment:
    """One phase placed in time: [start, end) seconds from the start of the session."""

    phase: Phase
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
    at: float
    cue: str


@dataclass(frozen=True)
class Timeline:
    routine: Routine
    length: SessionLength
    cycles: int
    segments: tuple[Segment, ...]
    cues: tuple[CueEvent, ...]

    @property
    def total_seconds(self) -> float:
        return self.segments[-1].end

    def segment_index_at(self, seconds: float) -> int:
        """The segment running at `seconds`; the last one at or after the end."""
        index = bisect.bisect_right(self._starts, seconds) - 1
        return min(max(index, 0), len(self.segments) - 1)

    @cached_property
    def _starts(self) -> list[float]:
        return [segment.start for segment in self.segments]


def build(routine: Routine, length: SessionLength) -> Timeline:
    """Lay out a session; raises TimelineError naming what is wrong with the routine or length."""
    problems = pattern_problems(routine.phases)
    if problems:
        raise TimelineError(f"{routine.title}: " + "; ".join(problems))
    problem = length_problem(routine, length)
    if problem:
        raise TimelineError(problem)

    cycles = routine.cycles_for(length)
    cycle_seconds = routine.cycle_seconds
    offsets: list[tuple[Phase, float]] = []
    offset = 0.0
    for phase in routine.phases:
        if phase.seconds > 0:
            offsets.append((phase, offset))
        offset += phase.seconds
    # Each start is a whole number of cycles plus an offset, never a running sum, so a long session
    # gathers no floating-point drift; each segment ends exactly where the next one starts.
    placed = [
        (cycle, phase, cycle * cycle_seconds + off) for cycle in range(cycles) for phase, off in offsets
    ]
    ends = [start for _, _, start in placed[1:]] + [cycles * cycle_seconds]
    segments: list[Segment] = []
    fill = 0.0
    for (cycle, phase, start), end in zip(placed, ends, strict=True):
        fill_after = phase.fill_after(fill)
        segments.append(Segment(phase, start, end, cycle, fill, fill_after))
        fill = fill_after

    cues = [CueEvent(0.0, START_BELL)]
    cues += [CueEvent(segment.start, segment.phase.cue_id) for segment in segments[1:]]
    cues.append(CueEvent(ends[-1], END_BELL))
    return Timeline(routine, length, cycles, tuple(segments), tuple(cues))
