"""What the history keeps of one session, and the quick before/after ratings that come with it."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum, StrEnum
from typing import Final, Literal

from relaxapp.core.bounds import moment_problem, seconds_problem
from relaxapp.core.routine import RoutineKind
from relaxapp.core.session import SessionEngine, Status

# A session stopped within its first seconds was a false start, not practice worth a history row.
MIN_KEPT_SECONDS = 10.0
RATING_MIN = 0
RATING_MAX = 10


class Skipped(Enum):
    """The person was asked for a rating and chose not to give one."""

    SKIPPED = "skipped"


SKIPPED: Final = Skipped.SKIPPED
# A rating is a number from 0 to 10, SKIPPED when the person passed on the question, or None when it was
# never asked (every session saved before ratings existed, or one the app did not ask about).
Score = int | Literal[Skipped.SKIPPED] | None


class Scale(StrEnum):
    """The two quick questions asked before and after a session."""

    TENSION = "tension"  # "How tense or stressed do you feel?"
    TWITCH = "twitch"  # "How much is your face twitching right now?"


@dataclass(frozen=True)
class Ratings:
    """Before/after answers on both scales, 0 (none) to 10 (worst)."""

    tension_before: Score = None
    twitch_before: Score = None
    tension_after: Score = None
    twitch_after: Score = None

    def change(self, scale: Scale) -> int | None:
        """After minus before (negative: it went down), or None unless both were answered."""
        before, after = (
            (self.tension_before, self.tension_after)
            if scale is Scale.TENSION
            else (self.twitch_before, self.twitch_after)
        )
        if isinstance(before, int) and isinstance(after, int):
            return after - before
        return None

    def asked_before(self, tension: Score, twitch: Score) -> Ratings:
        """These ratings with the answers given before a session; a question left alone counts as skipped."""
        return replace(self, tension_before=answered(tension), twitch_before=answered(twitch))

    def asked_after(self, tension: Score, twitch: Score) -> Ratings:
        """These ratings with the answers given after a session; a question left alone counts as skipped."""
        return replace(self, tension_after=answered(tension), twitch_after=answered(twitch))

    def revised(self, scores: Mapping[str, Score]) -> Ratings:
        """These ratings changed by hand, field by field: an answer taken back was asked and is now
        skipped, while a question never asked stays never asked until it is given a number."""
        old = self.scores()
        return replace(
            self, **{name: score if old[name] is None else answered(score) for name, score in scores.items()}
        )

    def scores(self) -> dict[str, Score]:
        """The four answers by field name, in the order they are asked."""
        return {
            "tension_before": self.tension_before,
            "twitch_before": self.twitch_before,
            "tension_after": self.tension_after,
            "twitch_after": self.twitch_after,
        }


NOT_ASKED: Final = Ratings()


def answered(score: Score) -> Score:
    """A question that was asked and left unanswered counts as skipped: None is kept for "never asked"."""
    return SKIPPED if score is None else score


def score_problem(field: str, value: object) -> str | None:
    """Why `value` is not a rating, naming the field; None when it is one."""
    if value is None or value is SKIPPED:
        return None
    # bool is an int to Python, but True is not a rating a person gave.
    if isinstance(value, bool) or not isinstance(value, int):
        return f"{field}: {value!r} is not a whole number from {RATING_MIN} to {RATING_MAX}"
    if not RATING_MIN <= value <= RATING_MAX:
        return f"{field}: {value} is not from {RATING_MIN} to {RATING_MAX}"
    return None


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
    ratings: Ratings = NOT_ASKED

    def worth_keeping(self) -> bool:
        return self.completed or self.actual_seconds >= MIN_KEPT_SECONDS


def session_problems(record: SessionRecord) -> list[str]:
    """Everything that makes `record` unfit for the history, each naming the field; empty when it is fit."""
    problems = []
    if not record.routine_id:
        problems.append("routine_id: must not be empty")
    if record.started_at.tzinfo is None:
        problems.append(f"started_at: {record.started_at.isoformat()} has no time zone")
    problems += session_range_problems(record)
    for field, score in record.ratings.scores().items():
        problem = score_problem(field, score)
        if problem:
            problems.append(problem)
    return problems


def session_range_problems(record: SessionRecord) -> list[str]:
    """What would stop a page from showing `record`: a start outside the diary's span, a length that is
    not a number of seconds up to a day. Checked on every write, and on every read of a row kept before."""
    checks = [
        seconds_problem("planned_seconds", record.planned_seconds, above_zero=True),
        seconds_problem("actual_seconds", record.actual_seconds, above_zero=False),
    ]
    if record.started_at.tzinfo is not None:  # a naive moment cannot be placed: session_problems says so
        checks.insert(0, moment_problem("started_at", record.started_at))
    return [problem for problem in checks if problem]


def asks_before_stopping(elapsed: float) -> bool:
    """Stopping a false start needs no question; stopping real practice is confirmed first."""
    return elapsed >= MIN_KEPT_SECONDS


def record_of(engine: SessionEngine, started_at: datetime, ratings: Ratings = NOT_ASKED) -> SessionRecord:
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
        actual_seconds=engine.practised(),
        completed=status is Status.FINISHED,
        ratings=ratings,
    )
