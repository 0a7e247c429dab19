"""Settings as text (how QSettings stores them) to values the app can trust, and back.

A settings file can be edited by hand or damaged: every reading falls back to the default rather than
stop the app from starting.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from enum import StrEnum

from relaxapp.core.catalog import ROUTINE_ID
from relaxapp.core.datafile import IDENTIFIER
from relaxapp.core.reminders import ReminderPlan
from relaxapp.core.routine import STANDARD_MINUTES, Cycles, Minutes, Routine, SessionLength
from relaxapp.core.sound import SoundChannel

DEFAULT_VOLUME = 0.8
DEFAULT_AMBIENCE_VOLUME = 0.5  # under the voice, not over it
CAUTIONS_HIDDEN_KEY = "session/cautions_hidden"
REASON_KEY = "welcome/answer"


def volume_from_text(raw: object, default: float = DEFAULT_VOLUME) -> float:
    """A volume from 0 to 1; anything else (words, NaN, 7) gives the default."""
    try:
        volume = float(str(raw))
    except ValueError:
        return default
    return volume if math.isfinite(volume) and 0.0 <= volume <= 1.0 else default


def flag_from_text(raw: object, default: bool = False) -> bool:
    text = str(raw).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    return default


def length_to_text(length: SessionLength) -> str:
    unit = "cycles" if isinstance(length, Cycles) else "minutes"
    return f"{length.value:g} {unit}"


def length_from_text(raw: object) -> SessionLength | None:
    """'3 minutes' → Minutes(3), '4 cycles' → Cycles(4); None for anything else."""
    value, _, unit = str(raw).partition(" ")
    try:
        number = float(value)
    except ValueError:
        return None
    if not math.isfinite(number) or number <= 0:
        return None
    if unit == "cycles" and number.is_integer():
        return Cycles(int(number))
    return Minutes(number) if unit == "minutes" else None


def routine_ids_to_text(routine_ids: Iterable[str]) -> str:
    return ", ".join(sorted(routine_ids))


def routine_ids_from_text(raw: object) -> frozenset[str]:
    """'pmr_4, massage_full_face' → those ids. QSettings reads an unquoted list as a list of texts; a
    word that cannot be a routine's id, or a value of another type, is left out."""
    parts = raw if isinstance(raw, list | tuple) else [raw]
    words = (word for part in parts if isinstance(part, str) for word in re.split(r"[\s,]+", part))
    return frozenset(word for word in words if ROUTINE_ID.fullmatch(word))


class ThemeChoice(StrEnum):
    SYSTEM = "system"
    LIGHT = "light"
    DARK = "dark"


def theme_from_text(raw: object) -> ThemeChoice:
    try:
        return ThemeChoice(str(raw).strip().lower())
    except ValueError:
        return ThemeChoice.SYSTEM


@dataclass(frozen=True)
class Preferences:
    """Everything the settings dialog sets; each field falls back to its default when unreadable."""

    theme: ThemeChoice = ThemeChoice.SYSTEM
    larger_text: bool = False
    reduced_motion: bool = False
    default_routine: str = ""  # "" means: the one used last
    default_length: SessionLength | None = None  # None means: the one used last
    cue_volume: float = DEFAULT_VOLUME
    muted: bool = False  # every sound, whatever the channels say
    voice_volume: float = DEFAULT_VOLUME
    ambience_volume: float = DEFAULT_AMBIENCE_VOLUME
    cues_muted: bool = False
    voice_muted: bool = False
    ambience_muted: bool = False
    eyes_closed: bool = False  # start sessions in eyes-closed mode
    reminders: ReminderPlan = field(default_factory=ReminderPlan)
    # Routines whose cautions the person read in full and chose not to see before every start.
    cautions_hidden: frozenset[str] = frozenset()
    # The answer to "What brings you here?" (content/welcome.toml): "" while none is given.
    reason: str = ""

    def shows_cautions(self, routine: Routine) -> bool:
        """Whether `routine`'s cautions come before it starts: a routine that has some shows them in
        full, every time, until the person chooses not to see them again for that routine."""
        return routine.read_first and routine.id not in self.cautions_hidden

    def volume(self, channel: SoundChannel) -> float:
        return {
            SoundChannel.CUES: self.cue_volume,
            SoundChannel.VOICE: self.voice_volume,
            SoundChannel.AMBIENCE: self.ambience_volume,
        }[channel]

    def channel_muted(self, channel: SoundChannel) -> bool:
        """Silent because of its own switch or because everything is muted."""
        own = {
            SoundChannel.CUES: self.cues_muted,
            SoundChannel.VOICE: self.voice_muted,
            SoundChannel.AMBIENCE: self.ambience_muted,
        }[channel]
        return self.muted or own

    def starting_choice(
        self, known_routines: Collection[str], last_routine: str, last_length: SessionLength | None
    ) -> tuple[str, SessionLength | None]:
        """The routine and length the home page starts on: the chosen defaults while they still make
        sense (a routine that exists, a standard length), otherwise the ones used last."""
        routine = self.default_routine if self.default_routine in known_routines else last_routine
        standard = [Minutes(minutes) for minutes in STANDARD_MINUTES]
        length = self.default_length if self.default_length in standard else last_length
        return routine, length

    def to_settings(self) -> dict[str, str]:
        """Key → text, as stored in the settings file."""
        return {
            "look/theme": self.theme.value,
            "look/larger_text": _flag_text(self.larger_text),
            "look/reduced_motion": _flag_text(self.reduced_motion),
            "session/default_routine": self.default_routine,
            "session/default_length": length_to_text(self.default_length) if self.default_length else "",
            "audio/volume": f"{self.cue_volume:g}",
            "audio/muted": _flag_text(self.muted),
            "audio/voice_volume": f"{self.voice_volume:g}",
            "audio/ambience_volume": f"{self.ambience_volume:g}",
            "audio/cues_muted": _flag_text(self.cues_muted),
            "audio/voice_muted": _flag_text(self.voice_muted),
            "audio/ambience_muted": _flag_text(self.ambience_muted),
            "session/eyes_closed": _flag_text(self.eyes_closed),
            "reminders/enabled": _flag_text(self.reminders.enabled),
            "reminders/every_minutes": str(self.reminders.every_minutes),
            "reminders/from_hour": str(self.reminders.from_hour),
            "reminders/until_hour": str(self.reminders.until_hour),
            CAUTIONS_HIDDEN_KEY: routine_ids_to_text(self.cautions_hidden),
            REASON_KEY: self.reason,
        }

    @classmethod
    def from_settings(cls, read: Callable[[str], object]) -> Preferences:
        """`read(key)` gives the stored text or None; damaged values fall back one by one."""
        default = cls()
        plan = ReminderPlan(
            enabled=flag_from_text(read("reminders/enabled"), default.reminders.enabled),
            every_minutes=_int_from_text(read("reminders/every_minutes"), default.reminders.every_minutes),
            from_hour=_int_from_text(read("reminders/from_hour"), default.reminders.from_hour),
            until_hour=_int_from_text(read("reminders/until_hour"), default.reminders.until_hour),
        )
        return cls(
            theme=theme_from_text(read("look/theme")),
            larger_text=flag_from_text(read("look/larger_text")),
            reduced_motion=flag_from_text(read("look/reduced_motion")),
            default_routine=str(read("session/default_routine") or ""),
            default_length=length_from_text(read("session/default_length")),
            cue_volume=volume_from_text(read("audio/volume")),
            muted=flag_from_text(read("audio/muted")),
            voice_volume=volume_from_text(read("audio/voice_volume")),
            ambience_volume=volume_from_text(read("audio/ambience_volume"), DEFAULT_AMBIENCE_VOLUME),
            cues_muted=flag_from_text(read("audio/cues_muted")),
            voice_muted=flag_from_text(read("audio/voice_muted")),
            ambience_muted=flag_from_text(read("audio/ambience_muted")),
            eyes_closed=flag_from_text(read("session/eyes_closed")),
            reminders=plan if plan.problem() is None else default.reminders,
            cautions_hidden=routine_ids_from_text(read(CAUTIONS_HIDDEN_KEY)),
            reason=_identifier_from_text(read(REASON_KEY)),
        )


def _flag_text(value: bool) -> str:
    return "true" if value else "false"


def _identifier_from_text(raw: object) -> str:
    """An id as a data file has them ('eyelid'); "" for anything else."""
    text = str(raw or "").strip()
    return text if IDENTIFIER.fullmatch(text) else ""


def _int_from_text(raw: object, default: int) -> int:
    try:
        return int(str(raw))
    except ValueError:
        return default
