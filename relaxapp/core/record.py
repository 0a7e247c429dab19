"""What the history keeps of one session."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from relaxapp.core.routine import RoutineKind
from relaxapp.core.session import SessionEngine, Status

# A session stopped within its first seconds was a false start, not practice worth a history row.
MIN_KEPT_SECONDS = 10.0


@dataclass(frozen=True)
class SessionRecord:
    routine_id: str
    routine_kind: RoutineKind
    routine_title: str
    started_at: datetime  # timezone-aware, UTC
    planned_seconds: float
    actual_seconds: float
    completed: bool
    id: int | None = None

    def worth_keeping(self) -> bool:
        return self.completed or self.actual_seconds >= MIN_KEPT_SECONDS


def asks_before_stopping(elapsed: float) -> bool:
    """Stopping a false start needs no question; stopping real practice is confirmed first."""
    return elapsed >= MIN_KEPT_SECONDS


def record_of(engine: SessionEngine, started_at: datetime) -> SessionRecord:
    """The record of a session that has ended."""
    status = engine.status
    if status not in (Status.FINISHED, Status.STOPPED):
        raise ValueError(f"a session that is {status} has no record yet")
    routine = engine.timeline.routine
    return SessionRecord(
        routine_id=routine.id,
        routine_kind=routine.kind,
        routine_title=routine.title,
        started_at=started_at,
        planned_seconds=engine.timeline.total_seconds,
        actual_seconds=engine.elapsed(),
        completed=status is Status.FINISHED,
    )
