"""Plain change notifications: the floor announces, pages listen, and neither knows the other."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import TYPE_CHECKING, Generic, TypeVar

if TYPE_CHECKING:
    from relaxapp.core.journal import CheckIn, Episode, Treatment
    from relaxapp.core.preferences import Preferences
    from relaxapp.core.record import SessionRecord
    from relaxapp.core.routine import Routine

T = TypeVar("T")

log = logging.getLogger(__name__)


class Event(Generic[T]):
    """One kind of change; every listener is called with its value, in the order they subscribed."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._listeners: list[Callable[[T], object]] = []

    def subscribe(self, listener: Callable[[T], object]) -> Callable[[], None]:
        """Call `listener` on every change; returns the call that stops it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    def emit(self, value: T) -> None:
        # A copy: a listener may unsubscribe (a page closing) while it is being told.
        for listener in list(self._listeners):
            try:
                listener(value)
            except Exception:
                # One page that fails to show a change must not stop the others, nor the change itself
                # (a session would be left half ended): logged with its traceback, and the rest go on.
                log.exception("a listener of %r failed", self.name)


class How(Enum):
    """What became of one entry of the timeline."""

    REMOVED = "removed"
    RESTORED = "restored"  # a removed entry brought back (an undo), perhaps under a new id
    EDITED = "edited"


@dataclass(frozen=True)
class EntryChange:
    """One timeline entry changed by an edit of the history: enough for a list that shows it to
    change that row alone, instead of reading everything again."""

    how: How
    entry: SessionRecord | Episode | Treatment | CheckIn  # as it now is; a removed one as it was


@dataclass(frozen=True)
class Events:
    """What the floor announces. Pages subscribe instead of being refreshed by hand."""

    # Sessions, twitches or check-ins were added, changed or removed; or the whole history was replaced.
    history_changed: Event[None] = field(default_factory=lambda: Event("history changed"))
    # Told just before the "history changed" of an edit of the history (a delete, an edit, their undo
    # and redo): which entry, and how, so the timeline can keep its rows and its place.
    entry_changed: Event[EntryChange] = field(default_factory=lambda: Event("entry changed"))
    # A sentence for the banner above the pages: a write that failed, or one that worked on a retry.
    message: Event[str] = field(default_factory=lambda: Event("message"))
    # One of the person's own breathing patterns was saved (new or changed): the routine as it now is.
    routine_saved: Event[Routine] = field(default_factory=lambda: Event("routine saved"))
    # One of the person's own breathing patterns was deleted: its id.
    routine_deleted: Event[str] = field(default_factory=lambda: Event("routine deleted"))
    # The settings dialog's choices were applied.
    preferences_changed: Event[Preferences] = field(default_factory=lambda: Event("preferences changed"))
    # Whether one routine's cautions come before it starts changed: the routine's id.
    cautions_changed: Event[str] = field(default_factory=lambda: Event("cautions changed"))
