"""The spasm journal's actions: log a twitch or a treatment, check in for the day, and take any of them
back; and keep the answer the warning signs gave."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from enum import Enum
from typing import Final, Literal, TypeVar

from relaxapp.core.journal import CheckIn, Episode, Place, SafetyCheck, Side, Treatment, TreatmentKind
from relaxapp.core.urgency import Urgency
from relaxapp.logic.events import Events
from relaxapp.logic.sessions import WallClock
from relaxapp.storage.history import ONLY_EPISODES, HistoryStore, HistoryWriteError

T = TypeVar("T")


class Unwritten(Enum):
    """A change the history could not write yet: it keeps it in memory and tries again."""

    NOT_WRITTEN = "not written"


NOT_WRITTEN: Final = Unwritten.NOT_WRITTEN


@dataclass(frozen=True)
class Logged:
    """An entry the journal took: `undo` takes it back; None when it could not be written (it waits in
    memory and is tried again, so there is nothing to take back yet)."""

    episode: Episode | None  # the twitch as saved, when a twitch was logged
    undo: Callable[[], object] | None
    treatment: Treatment | None = None  # the treatment as saved, when a treatment was logged


class Journal:
    """What the person logs besides sessions; every change is announced as "history changed"."""

    def __init__(self, history: HistoryStore, now: WallClock, events: Events) -> None:
        self._history = history
        self._now = now
        self._events = events

    def now(self) -> datetime:
        return self._now()

    def today(self) -> date:
        """The person's own date, where they are now."""
        return self._now().astimezone().date()

    def last_episode(self) -> Episode | None:
        latest = self._history.timeline(1, only=ONLY_EPISODES)
        return latest[0] if latest and isinstance(latest[0], Episode) else None

    def checked_in_today(self) -> bool:
        return self._history.check_in(self.today()) is not None

    def check_in_to_change(self) -> CheckIn | None:
        """Today's check-in to change, or else the latest one, whose answers are today's likely ones."""
        today = self.today()
        return self._history.check_in(today) or self._history.latest_check_in_before(today)

    def last_where(self) -> tuple[Side | None, tuple[Place, ...]]:
        """Where the last twitch was: a new one starts there, as twitches tend to come back to one place."""
        last = self.last_episode()
        return (last.side, last.places) if last else (None, ())

    def log_episode(self, episode: Episode) -> Logged:
        saved = self._write(lambda: self._history.add_episode(episode))
        if saved is NOT_WRITTEN:
            return Logged(episode, None)
        return Logged(saved, lambda: self._write(lambda: self._history.delete_episode(saved)))

    def last_injection(self) -> Treatment | None:
        """The latest injection: a new treatment starts from it, as the same injection comes back every
        few months (a medicine or another treatment is logged once)."""
        return self._history.latest_treatment(TreatmentKind.INJECTION)

    def log_treatment(self, treatment: Treatment) -> Logged:
        saved = self._write(lambda: self._history.add_treatment(treatment))
        if saved is NOT_WRITTEN:
            return Logged(None, None, treatment)
        return Logged(None, lambda: self._write(lambda: self._history.delete_treatment(saved)), saved)

    def keep_safety_answer(self, urgency: Urgency, signs: tuple[str, ...]) -> SafetyCheck | None:
        """Keep the answer the warning signs just gave, for the visit report; returns it as kept.

        An answer counts when the person is shown it (See what to do, or an emergency sign ticked). The
        day keeps its latest answer: the signs as they are now. One with no sign ticked tells a doctor
        nothing, and says the signs kept earlier that day are no longer so (a box ticked by mistake, then
        unticked): it takes that day's answer back, and nothing is kept (None). So is nothing while the
        history cannot be written: the person still has the answer on screen, and is told why.
        """
        if not signs:
            self._write(lambda: self._history.delete_safety_check(self.today()))
            return None
        kept = self._write(lambda: self._history.save_safety_check(SafetyCheck(self._now(), urgency, signs)))
        return None if kept is NOT_WRITTEN else kept

    def check_in(self, check_in: CheckIn) -> Logged:
        replaced = self._write(lambda: self._history.save_check_in(check_in))
        if replaced is NOT_WRITTEN:
            return Logged(None, None)

        def undo() -> None:
            if replaced is not None:
                self._history.save_check_in(replaced)
            else:
                self._history.delete_check_in(check_in.day)

        return Logged(None, lambda: self._write(undo))

    def _write(self, write: Callable[[], T]) -> T | Literal[Unwritten.NOT_WRITTEN]:
        """Make one change and announce it; a write the history must keep for later is told, not raised."""
        try:
            return write()
        except HistoryWriteError as error:
            self._events.message.emit(str(error))
            return NOT_WRITTEN
        finally:
            self._events.history_changed.emit(None)
