"""Changes made to the history by hand: delete an entry, edit an episode, change a session's ratings;
each can be undone and redone."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Protocol, TypeVar

from relaxapp.core.history_wording import describe
from relaxapp.core.journal import CheckIn, Episode, Treatment
from relaxapp.core.record import Score, SessionRecord
from relaxapp.logic.events import EntryChange, Event, Events, How
from relaxapp.storage.history import HistoryStore, HistoryWriteError, TimelineEntry

T = TypeVar("T")


class Change(Protocol):
    """One change that can be taken back: `text` says what it did, for the undo note."""

    @property
    def text(self) -> str: ...

    def redo(self) -> None: ...

    def undo(self) -> None: ...


class UndoStack:
    """The changes made, to take back one by one (undo) and make again (redo) until a new one is made."""

    def __init__(self) -> None:
        self._done: list[Change] = []
        self._undone: list[Change] = []
        # Something can now be undone or redone that could not before, or the other way round.
        self.changed: Event[None] = Event("undo changed")

    def push(self, change: Change) -> None:
        """Make `change` and keep it to undo; what was undone before cannot be redone any more."""
        change.redo()
        self._done.append(change)
        self._undone.clear()
        self.changed.emit(None)

    def undo(self) -> None:
        self._move(self._done, self._undone, lambda change: change.undo())

    def redo(self) -> None:
        self._move(self._undone, self._done, lambda change: change.redo())

    def _move(self, source: list[Change], target: list[Change], run: Callable[[Change], None]) -> None:
        if source:
            change = source.pop()
            run(change)
            target.append(change)
            self.changed.emit(None)

    def clear(self) -> None:
        """Forget every change (the history they were made to was replaced)."""
        if self._done or self._undone:
            self._done.clear()
            self._undone.clear()
            self.changed.emit(None)

    @property
    def can_undo(self) -> bool:
        return bool(self._done)

    @property
    def can_redo(self) -> bool:
        return bool(self._undone)

    @property
    def undo_text(self) -> str:
        """What Undo would take back ('Deleted Box breathing (18 Mar 08:00)'), or empty."""
        return self._done[-1].text if self._done else ""

    @property
    def redo_text(self) -> str:
        return self._undone[-1].text if self._undone else ""


@dataclass
class _Writer:
    """The writes behind the changes. One that cannot be written yet (a full disk, a busy file) is kept by
    the history and written with the next change: the person is told, and the change stands as if written."""

    history: HistoryStore
    events: Events
    failed: Event[str]
    # A deleted entry brought back under a new id (its old one taken meanwhile): (kind, old id) → new id,
    # so an older change on the undo stack finds the entry it was made to, not the one now at the old id.
    moved: dict[tuple[type, int], int] = field(default_factory=dict)

    def current(self, entry: TimelineEntry) -> TimelineEntry:
        """`entry` under the id it has now (a check-in is known by its day, which never moves)."""
        if isinstance(entry, CheckIn):
            return entry
        entry_id = entry.id
        while entry_id is not None and (type(entry), entry_id) in self.moved:
            entry_id = self.moved[(type(entry), entry_id)]
        return entry if entry_id == entry.id else replace(entry, id=entry_id)

    def delete(self, entry: TimelineEntry) -> None:
        history = self.history
        if isinstance(entry, SessionRecord):
            self._write(lambda: history.delete_session(entry), None)
        elif isinstance(entry, Episode):
            self._write(lambda: history.delete_episode(entry), None)
        elif isinstance(entry, Treatment):
            self._write(lambda: history.delete_treatment(entry), None)
        else:
            self._write(lambda: history.delete_check_in(entry.day), None)
        self._announce(How.REMOVED, entry)

    def restore(self, entry: TimelineEntry) -> TimelineEntry:
        """Bring back a deleted entry; returns it as saved (its id may be new)."""
        history = self.history
        restored: TimelineEntry
        if isinstance(entry, SessionRecord):
            restored = self._write(lambda: history.restore_session(entry), entry)
        elif isinstance(entry, Episode):
            restored = self._write(lambda: history.restore_episode(entry), entry)
        elif isinstance(entry, Treatment):
            restored = self._write(lambda: history.restore_treatment(entry), entry)
        else:
            self._write(lambda: history.save_check_in(entry), None)
            restored = entry
        old_id, new_id = _id_of(entry), _id_of(restored)
        if old_id is not None and new_id is not None and new_id != old_id:
            self.moved[(type(entry), old_id)] = new_id
        self._announce(How.RESTORED, restored)
        return restored

    def put(self, entry: TimelineEntry) -> None:
        """Replace the saved entry of the same id (a check-in: of the same day) with `entry`."""
        entry = self.current(entry)
        history = self.history
        if isinstance(entry, SessionRecord):
            self._write(lambda: history.update_session(entry), None)
        elif isinstance(entry, Episode):
            self._write(lambda: history.update_episode(entry), None)
        elif isinstance(entry, Treatment):
            self._write(lambda: history.update_treatment(entry), None)
        else:
            self._write(lambda: history.save_check_in(entry), None)
        self._announce(How.EDITED, entry)

    def _write(self, write: Callable[[], T], unsaved: T) -> T:
        try:
            return write()
        except HistoryWriteError as error:
            self.failed.emit(str(error))
            return unsaved

    def _announce(self, how: How, entry: TimelineEntry) -> None:
        self.events.entry_changed.emit(EntryChange(how, entry))
        self.events.history_changed.emit(None)


def _id_of(entry: TimelineEntry) -> int | None:
    return None if isinstance(entry, CheckIn) else entry.id


@dataclass
class _Deletion:
    """Delete one entry; undo brings it back under its old id (when still free)."""

    text: str
    entry: TimelineEntry
    writer: _Writer

    def redo(self) -> None:
        self.writer.delete(self.writer.current(self.entry))

    def undo(self) -> None:
        self.entry = self.writer.restore(self.writer.current(self.entry))


@dataclass
class _Addition:
    """Add one entry; undo deletes it again, redo brings it back (under its id when still free)."""

    text: str
    entry: TimelineEntry
    writer: _Writer

    def redo(self) -> None:
        self.entry = self.writer.restore(self.writer.current(self.entry))

    def undo(self) -> None:
        self.writer.delete(self.writer.current(self.entry))


@dataclass(frozen=True)
class _Edit:
    """Replace an entry with an edited version of itself; undo puts the old version back."""

    text: str
    before: TimelineEntry
    after: TimelineEntry
    writer: _Writer

    def redo(self) -> None:
        self.writer.put(self.after)

    def undo(self) -> None:
        self.writer.put(self.before)


class HistoryEdits:
    """Deletes and edits of the timeline's entries (sessions, episodes, treatments, check-ins), with their
    undo stack.

    A write that fails is told as write_failed, never raised; every change is announced as "entry
    changed", then "history changed".
    """

    def __init__(self, history: HistoryStore, today: Callable[[], date], events: Events) -> None:
        # A change that could not be written yet, in words: the page that made it says so.
        self.write_failed: Event[str] = Event("edit not written")
        self._writer = _Writer(history, events, self.write_failed)
        self._today = today
        self.undo_stack = UndoStack()

    def delete(self, entry: TimelineEntry) -> None:
        """Delete a session, an episode, a treatment or a check-in."""
        self.undo_stack.push(_Deletion(f"Deleted {describe(entry, self._today())}", entry, self._writer))

    def add_treatment(self, treatment: Treatment) -> None:
        """Log a treatment from the history page, where Undo takes it back like any other change."""
        self.undo_stack.push(
            _Addition(f"Logged {describe(treatment, self._today())}", treatment, self._writer)
        )

    def edit_episode(self, before: Episode, after: Episode) -> None:
        """Replace an episode with its edited version (the same id); nothing when nothing changed."""
        self._edit(before, after)

    def edit_treatment(self, before: Treatment, after: Treatment) -> None:
        """Replace a treatment with its edited version (the same id); nothing when nothing changed."""
        self._edit(before, after)

    def edit_check_in(self, before: CheckIn, after: CheckIn) -> None:
        """Replace a day's check-in with its edited version (the same day); nothing when nothing changed."""
        self._edit(before, after)

    def change_ratings(self, record: SessionRecord, scores: Mapping[str, Score]) -> SessionRecord:
        """A session's ratings changed by hand, field by field (see Ratings.revised); returns the session
        as it now is."""
        revised = replace(record, ratings=record.ratings.revised(scores))
        self._edit(record, revised)
        return revised

    def _edit(self, before: TimelineEntry, after: TimelineEntry) -> None:
        if after != before:
            text = f"Edited {describe(before, self._today())}"
            self.undo_stack.push(_Edit(text, before, after, self._writer))
