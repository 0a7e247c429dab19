"""The spasm journal's actions: log a twitch, check in for the day, and take either back."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from relaxapp.core.journal import CheckIn, Episode
from relaxapp.logic.events import Events
from relaxapp.logic.sessions import WallClock
from relaxapp.storage.history import HistoryStore, HistoryWriteError, TimelineFilter

ONLY_EPISODES = TimelineFilter(sessions=False)


@dataclass(frozen=True)
class Logged:
    """An entry the journal took: `undo` takes it back; None when it could not be written (it waits in
    memory and is tried again, so there is nothing to take back yet)."""

    episode: Episode | None
    undo: Callable[[], None] | None


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

    def log_episode(self, episode: Episode) -> Logged:
        try:
            saved = self._history.add_episode(episode)
        except HistoryWriteError as error:
            self._events.message.emit(str(error))
            self._events.history_changed.emit(None)
            return Logged(episode, None)
        self._events.history_changed.emit(None)
        return Logged(saved, lambda: self._change(lambda: self._history.delete_episode(saved)))

    def check_in(self, check_in: CheckIn) -> Logged:
        try:
            replaced = self._history.save_check_in(check_in)
        except HistoryWriteError as error:
            self._events.message.emit(str(error))
            self._events.history_changed.emit(None)
            return Logged(None, None)

        def undo() -> None:
            if replaced is not None:
                self._history.save_check_in(replaced)
            else:
                self._history.delete_check_in(check_in.day)

        self._events.history_changed.emit(None)
        return Logged(None, lambda: self._change(undo))

    def _change(self, change: Callable[[], object]) -> None:
        try:
            change()
        except HistoryWriteError as error:
            self._events.message.emit(str(error))
        self._events.history_changed.emit(None)
