"""The person's preferences and remembered choices, read and written in one place."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from typing import Any, Protocol

from relaxapp.core.preferences import (
    CAUTIONS_HIDDEN_KEY,
    Preferences,
    flag_from_text,
    length_from_text,
    length_to_text,
    routine_ids_to_text,
)
from relaxapp.core.routine import Routine, SessionLength
from relaxapp.logic.events import Events

LAST_ROUTINE_KEY = "session/routine"
LAST_LENGTH_KEY = "session/length"
NOTICE_KEY = "notice/acknowledged"
WELCOME_ASKED_KEY = "welcome/asked"


class SettingsFile(Protocol):
    """Text by key, kept on disk (QSettings in the app, a dict in the tests)."""

    def value(self, key: str, /) -> object: ...

    def setValue(self, key: str, value: Any, /) -> None: ...  # noqa: N802 - QSettings' name

    def sync(self) -> None: ...


class SettingsInMemory:
    """Settings for this run only, when the settings file cannot be used (a folder in its place, say):
    the app starts with its defaults, and what the person changes lasts until it closes."""

    def __init__(self) -> None:
        self._values: dict[str, object] = {}

    def value(self, key: str, /) -> object:
        return self._values.get(key)

    def setValue(self, key: str, value: Any, /) -> None:  # noqa: N802 - QSettings' name
        self._values[key] = value

    def sync(self) -> None:
        """Nothing to write: there is no file to keep them in."""


class PreferenceStore:
    """Owns the settings file: what the settings dialog sets, the choice used last, the notice read and
    the cautions the person chose not to see before every start."""

    def __init__(self, settings: SettingsFile, events: Events) -> None:
        self._settings = settings
        self._events = events
        self.current = Preferences.from_settings(settings.value)

    def use(self, preferences: Preferences) -> None:
        """Keep `preferences` (from the settings dialog) and tell everyone who follows them."""
        self.current = preferences
        self._write()
        self._settings.sync()
        self._events.preferences_changed.emit(preferences)

    def set_sound(self, *, cue_volume: float | None = None, muted: bool | None = None) -> Preferences:
        """The sound bar's volume or mute: only its own keys are written (a hand-edited value elsewhere
        in the file stays as it is); saved to disk with the rest at close."""
        before = self.current.to_settings()
        self.current = replace(
            self.current,
            cue_volume=self.current.cue_volume if cue_volume is None else cue_volume,
            muted=self.current.muted if muted is None else muted,
        )
        for key, value in self.current.to_settings().items():
            if value != before[key]:
                self._settings.setValue(key, value)
        return self.current

    def starting_choice(self, known_routines: Collection[str]) -> tuple[str, SessionLength | None]:
        """The routine and length to show first: the defaults from Settings, or else the ones used last."""
        last_routine = str(self._settings.value(LAST_ROUTINE_KEY) or "")
        last_length = length_from_text(self._settings.value(LAST_LENGTH_KEY))
        return self.current.starting_choice(known_routines, last_routine, last_length)

    def remember_choice(self, routine: Routine, length: SessionLength) -> None:
        self._settings.setValue(LAST_ROUTINE_KEY, routine.id)
        self._settings.setValue(LAST_LENGTH_KEY, length_to_text(length))

    def start_on(self, routine_id: str) -> None:
        """Show `routine_id` first next time, as if it was the one used last (at its own length)."""
        self._settings.setValue(LAST_ROUTINE_KEY, routine_id)
        self._settings.setValue(LAST_LENGTH_KEY, "")

    def cautions_due(self, routine: Routine) -> bool:
        """Whether `routine`'s cautions are shown in full before it starts, wherever the start comes from."""
        return self.current.shows_cautions(routine)

    def cautions_read(self, routine: Routine, *, show_again: bool) -> None:
        """The person read `routine`'s cautions in full and chose to start. Without `show_again` its later
        starts go straight in, until the home page or Settings brings the cautions back."""
        if not show_again and self.cautions_due(routine):
            self._set_cautions_hidden(self.current.cautions_hidden | {routine.id})
            self._events.cautions_changed.emit(routine.id)

    def show_cautions_again(self, routine: Routine) -> None:
        """Show `routine`'s cautions before each start again."""
        if routine.id in self.current.cautions_hidden:
            self._set_cautions_hidden(self.current.cautions_hidden - {routine.id})
            self._events.cautions_changed.emit(routine.id)

    def _set_cautions_hidden(self, routine_ids: frozenset[str]) -> None:
        self.current = replace(self.current, cautions_hidden=routine_ids)
        self._settings.setValue(CAUTIONS_HIDDEN_KEY, routine_ids_to_text(routine_ids))
        self._settings.sync()  # a choice about safety text is kept at once, not only at a clean close

    @property
    def notice_read(self) -> bool:
        return self._done(NOTICE_KEY)

    def mark_notice_read(self) -> None:
        self._mark_done(NOTICE_KEY)

    @property
    def welcome_asked(self) -> bool:
        """Whether "What brings you here?" was asked (and answered or skipped)."""
        return self._done(WELCOME_ASKED_KEY)

    def mark_welcome_asked(self) -> None:
        self._mark_done(WELCOME_ASKED_KEY)

    def _done(self, key: str) -> bool:
        return flag_from_text(self._settings.value(key))

    def _mark_done(self, key: str) -> None:
        """Something shown once at first start is done with: kept at once, so it never comes back."""
        self._settings.setValue(key, "true")
        self._settings.sync()

    def save(self) -> None:
        """Everything to disk now (the app is closing)."""
        self._settings.sync()

    def _write(self) -> None:
        for key, value in self.current.to_settings().items():
            self._settings.setValue(key, value)
