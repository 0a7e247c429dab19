"""A session from the person's choice to its saved, rated record: one owner, one writer of its row."""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from enum import Enum

from relaxapp.core import timeline
from relaxapp.core.record import NOT_ASKED, Ratings, Score, SessionRecord, record_of
from relaxapp.core.routine import Routine, SessionLength
from relaxapp.core.session import SessionEngine, SessionOptions
from relaxapp.core.timeline import Timeline
from relaxapp.logic.events import Events
from relaxapp.logic.preferences import PreferenceStore
from relaxapp.storage.history import HistoryStore, HistoryWriteError

log = logging.getLogger(__name__)

WallClock = Callable[[], datetime]  # the time on the wall, timezone-aware (UTC in the app)

# The prompts (content/prompts.toml) that open and end an eyes-closed session.
EYES_CLOSED_WELCOME = "eyes_closed_start"
EYES_CLOSED_STOPPED = "stopped"
EYES_CLOSED_FINISHED = "finished"


class Kept(Enum):
    """What became of a session that has ended."""

    SAVED = "saved"  # in the history file
    WAITING = "waiting"  # the write failed (a full disk, a busy file): kept in memory, tried again
    UNTIL_CLOSE = "until close"  # the history is a fallback (in memory, read-only): gone when the app closes
    NOT_KEPT = "not kept"  # a false start, too short to be practice


@dataclass(frozen=True)
class Choice:
    """What the person chose to start: the routine, its length and how to run it."""

    routine: Routine
    length: SessionLength
    options: SessionOptions


@dataclass(frozen=True)
class EndedSession:
    record: SessionRecord
    kept: Kept
    at_bedtime: bool = False  # a bedtime script that ran to its end: the person may be falling asleep

    @property
    def is_practice(self) -> bool:
        """Long enough to count (kept in the history), not a false start."""
        return self.kept is not Kept.NOT_KEPT


class SessionFlow:
    """Plans a session, makes its one record when it ends, saves it, and rates that same record after.

    The record is saved here and only here; the after-ratings update its row (or the copy that waits to
    be saved), and every change is announced as "history changed".
    """

    def __init__(
        self,
        history: HistoryStore,
        now: WallClock,
        events: Events,
        preferences: PreferenceStore,
        prompts: Mapping[str, str],
    ) -> None:
        self._history = history
        self._now = now
        self._events = events
        self._preferences = preferences
        self.prompts = prompts  # the app's own sentences (content/prompts.toml), by id
        self._choice: Choice | None = None  # the session started last, for "Do it again"
        self._before: Ratings = NOT_ASKED
        self._started_at: datetime | None = None
        self._ended: EndedSession | None = None

    @property
    def last_choice(self) -> Choice | None:
        return self._choice

    def last_ended(self) -> EndedSession | None:
        """The session that ended last, as it stands now: one that waited to be written may have been
        saved by a retry since."""
        ended = self._ended
        if ended is not None and ended.kept is Kept.WAITING:
            saved = self._history.saved_session(ended.record)
            if saved is not None:
                self._ended = ended = replace(ended, record=saved, kept=Kept.SAVED)
        return ended

    def options_for(self, options: SessionOptions | None) -> SessionOptions:
        """The options a start from elsewhere than the home page gets: eyes closed as Settings say."""
        return options or SessionOptions(eyes_closed=self._preferences.current.eyes_closed)

    def plan(self, choice: Choice) -> Timeline:
        """The timeline of `choice`: optional steps only if wanted, and a spoken welcome with eyes closed.
        Raises TimelineError, naming the problem, for a length the routine cannot have."""
        routine = choice.routine if choice.options.with_optional else choice.routine.without_optional()
        lead_in = self.prompts.get(EYES_CLOSED_WELCOME) if choice.options.eyes_closed else None
        return timeline.build(routine, choice.length, lead_in)

    def last_words(self, plan: Timeline, *, stopped: bool, eyes_closed: bool) -> str | None:
        """What is said as a session ends, if anything.

        A routine with a closing says it when stopped early: imagery always comes back to the room, and
        a bedtime script settles softly instead. With eyes closed the app says that it stopped or
        finished, except at the end of a bedtime script, which leaves the person to fall asleep.
        """
        if stopped and plan.routine.closing:
            return plan.routine.closing
        if not eyes_closed or (not stopped and plan.routine.ends_in_sleep):
            return None
        return self.prompts.get(EYES_CLOSED_STOPPED if stopped else EYES_CLOSED_FINISHED)

    def start(self, choice: Choice, before: Ratings = NOT_ASKED) -> Timeline:
        """Begin a session: its plan, remembered as the choice to offer next time."""
        plan = self.plan(choice)
        self._choice = choice
        self._before = before
        self._started_at = self._now()
        self._ended = None
        self._preferences.remember_choice(choice.routine, choice.length)
        return plan

    def is_practice(self, engine: SessionEngine) -> bool:
        """Whether the session `engine` ran, now ended, is long enough to keep: not a false start."""
        return self._record_of(engine).worth_keeping()

    def finish(self, engine: SessionEngine) -> EndedSession:
        """The session run by `engine` has ended (finished or stopped): make its record and keep it."""
        record = self._record_of(engine)
        at_bedtime = record.completed and engine.timeline.routine.ends_in_sleep
        if not record.worth_keeping():
            log.info("session of %.1f s stopped early; not kept", record.actual_seconds)
            self._ended = EndedSession(record, Kept.NOT_KEPT, at_bedtime)
            return self._ended
        try:
            record = self._history.add_session(record)  # now with its id
            kept = Kept.SAVED if self._history.is_persistent else Kept.UNTIL_CLOSE
        except HistoryWriteError as error:
            self._events.message.emit(str(error))
            kept = Kept.WAITING
        self._ended = EndedSession(record, kept, at_bedtime)
        self._events.history_changed.emit(None)
        return self._ended

    def _record_of(self, engine: SessionEngine) -> SessionRecord:
        if self._started_at is None:
            raise RuntimeError("a session ended that was never started")
        # The summary always asks how it went: until answered, the after-questions count as skipped.
        return record_of(engine, self._started_at, self._before.asked_after(None, None))

    def rate_after(self, tension: Score, twitch: Score) -> SessionRecord | None:
        """The answers on the summary, onto the session that just ended; None if none was kept."""
        ended = self._ended
        if ended is None or not ended.is_practice:
            return None
        shown = ended.record
        rated = replace(shown, ratings=shown.ratings.asked_after(tension, twitch))
        if rated.id is None:
            # Its first save failed. Still waiting in memory: rate that copy. Saved since by a retry:
            # find it by its natural key, and rate the saved one.
            saved = self._history.saved_session(shown)
            rated = replace(rated, id=saved.id) if saved is not None else rated
        try:
            if rated.id is not None:
                self._history.update_session(rated)
            else:
                self._history.delete_session(shown)  # forgets the waiting copy, exactly that one
                rated = self._history.add_session(rated)  # saved now, with its id
        except HistoryWriteError as error:
            self._events.message.emit(str(error))
        self._ended = replace(ended, record=rated)
        self._events.history_changed.emit(None)
        return rated
