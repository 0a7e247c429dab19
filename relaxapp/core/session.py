"""SessionEngine: where a session is, computed from the clock, so it cannot drift."""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from relaxapp.core.clock import Clock
from relaxapp.core.timeline import CueEvent, Segment, Timeline


class Status(StrEnum):
    IDLE = "idle"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


@dataclass(frozen=True)
class SessionOptions:
    """How a person chose to run a routine, on the home page."""

    eyes_closed: bool = False  # every step spoken, after a spoken welcome; the screen is optional
    with_optional: bool = True  # include optional steps (a warm compress)
    ambience: bool = True  # the routine's background sound, if it has one


class SessionStateError(RuntimeError):
    """A control used in a state where it means nothing (e.g. resume a session that is running)."""


@dataclass(frozen=True)
class SessionState:
    """What a view needs to draw one frame."""

    status: Status
    elapsed: float
    total: float
    cycles: int
    segment: Segment
    segment_index: int
    step_progress: float  # 0..1 through the current phase

    @property
    def remaining(self) -> float:
        return self.total - self.elapsed

    @property
    def step_seconds_left(self) -> float:
        return self.segment.end - self.elapsed

    @property
    def is_still(self) -> bool:
        """Nothing on screen moves in this phase (a hold): only the counters change, once a second."""
        return self.segment.fill_start == self.segment.fill_end

    def seconds_until_counters_change(self) -> float:
        """Time until a displayed whole second (of the phase or of the session) next ticks over."""
        return min(_until_next_whole(self.step_seconds_left), _until_next_whole(self.remaining))

    @property
    def lung_fill(self) -> float:
        """How full the lungs are (0..1), easing in and out the way a calm breath does."""
        segment = self.segment
        eased = (1 - math.cos(math.pi * self.step_progress)) / 2
        return segment.fill_start + (segment.fill_end - segment.fill_start) * eased


def _until_next_whole(seconds_left: float) -> float:
    # 3.2 s left shows "4" until it reaches 3.0; exactly 3.0 left shows "3" for one more second.
    return max(seconds_left - math.floor(seconds_left - 1e-9), 0.0)


class SessionEngine:
    """idle → running ⇄ paused → finished | stopped.

    The position is always (clock now - start - time spent paused), never a count of ticks, so a
    late or missed frame changes nothing and a 20-minute session ends on the exact second.
    """

    def __init__(self, timeline: Timeline, clock: Clock) -> None:
        self.timeline = timeline
        self._clock = clock
        self._status = Status.IDLE
        self._started_at = 0.0
        self._paused_total = 0.0
        self._paused_at: float | None = None
        self._ended_elapsed: float | None = None
        self._ended_practised: float | None = None
        self._skipped = 0.0  # seconds jumped over (negative when a step was gone back to)
        self._next_cue = 0

    @property
    def status(self) -> Status:
        self._finish_if_due()
        return self._status

    def start(self) -> None:
        self._require(Status.IDLE, "start")
        self._started_at = self._clock.now()
        self._status = Status.RUNNING

    def pause(self) -> None:
        self._require(Status.RUNNING, "pause")
        self._paused_at = self._clock.now()
        self._status = Status.PAUSED

    def resume(self) -> None:
        self._require(Status.PAUSED, "resume")
        assert self._paused_at is not None
        self._paused_total += self._clock.now() - self._paused_at
        self._paused_at = None
        self._status = Status.RUNNING

    def toggle_pause(self) -> None:
        if self.status is Status.PAUSED:
            self.resume()
        else:
            self.pause()

    def stop(self) -> None:
        """End early; the time breathed so far is kept as the actual length."""
        if self.status not in (Status.RUNNING, Status.PAUSED):
            raise SessionStateError(f"cannot stop a session that is {self._status}")
        self._ended_elapsed = self._elapsed_now()
        self._ended_practised = self._practised_now()
        self._status = Status.STOPPED

    def skip_forward(self) -> bool:
        """Jump to the start of the next section (a muscle group, a massage step); False in the last."""
        target = self.timeline.next_section_start(self.elapsed()) if self.timeline.can_skip else None
        if target is None:
            return False
        self._seek(target)
        return True

    def skip_back(self) -> bool:
        """Go back to the start of this section, or the one before when it has only just begun."""
        if not self.timeline.can_skip:
            return False
        self._seek(self.timeline.previous_section_start(self.elapsed()))
        return True

    def practised(self) -> float:
        """Seconds actually spent in the session, running: what the history records."""
        self._finish_if_due()
        if self._ended_practised is not None:
            return self._ended_practised
        return 0.0 if self._status is Status.IDLE else self._practised_now()

    def elapsed(self) -> float:
        self._finish_if_due()
        if self._ended_elapsed is not None:
            return self._ended_elapsed
        if self._status is Status.IDLE:
            return 0.0
        return self._elapsed_now()

    def clock_time_at(self, elapsed: float) -> float:
        """The clock reading at which the session reaches `elapsed`, if it is not paused again."""
        if self._status is Status.IDLE:
            raise SessionStateError("an idle session has no place on the clock yet")
        paused_now = self._clock.now() - self._paused_at if self._paused_at is not None else 0.0
        return self._started_at + self._paused_total + paused_now + elapsed - self._skipped

    def state_at_now(self) -> SessionState:
        elapsed = self.elapsed()
        timeline = self.timeline
        index = timeline.segment_index_at(elapsed)
        segment = timeline.segments[index]
        progress = min(max((elapsed - segment.start) / segment.seconds, 0.0), 1.0)
        return SessionState(
            self._status, elapsed, timeline.total_seconds, timeline.cycles, segment, index, progress
        )

    def take_due_cues(self) -> list[CueEvent]:
        """Cues whose time has come and that were not handed out yet; none once stopped."""
        if self.status is Status.STOPPED:
            return []
        elapsed = self.elapsed()
        cues = self.timeline.cues
        start = self._next_cue
        while self._next_cue < len(cues) and cues[self._next_cue].at <= elapsed:
            self._next_cue += 1
        return list(cues[start : self._next_cue])

    def seconds_to_next_cue(self) -> float | None:
        """How long until the next cue is due while running; None when paused, ended or out of cues."""
        if self.status is not Status.RUNNING or self._next_cue >= len(self.timeline.cues):
            return None
        return max(self.timeline.cues[self._next_cue].at - self.elapsed(), 0.0)

    def _seek(self, target: float) -> None:
        if self.status not in (Status.RUNNING, Status.PAUSED):
            raise SessionStateError(f"cannot move within a session that is {self._status}")
        self._skipped += target - self._elapsed_now()
        # The cue of the step jumped to is due again; those of the steps jumped over never are.
        cues = self.timeline.cues
        self._next_cue = next((i for i, cue in enumerate(cues) if cue.at >= target), len(cues))

    def _practised_now(self) -> float:
        now = self._paused_at if self._paused_at is not None else self._clock.now()
        return now - self._started_at - self._paused_total

    def _elapsed_now(self) -> float:
        return self._practised_now() + self._skipped

    def _finish_if_due(self) -> None:
        if self._status is Status.RUNNING and self._elapsed_now() >= self.timeline.total_seconds:
            self._ended_elapsed = self.timeline.total_seconds
            self._ended_practised = self.timeline.total_seconds - self._skipped
            self._status = Status.FINISHED

    def _require(self, expected: Status, action: str) -> None:
        if self.status is not expected:
            raise SessionStateError(f"cannot {action} a session that is {self._status}")
