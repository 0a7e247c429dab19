"""The names of every sound a routine may ask for, and how a spoken sentence finds its recording.

Cues are assets/audio/<id>.ogg, ambience loops assets/audio/ambience/<id>.ogg and voice prompts
assets/audio/voice/<key>.ogg, where the key is taken from the words themselves: change a sentence and it
needs a new recording, so a caption can never drift from what is spoken.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from relaxapp.core.datafile import no_unknown, text


class SoundChannel(StrEnum):
    CUES = "cues"
    VOICE = "voice"
    AMBIENCE = "ambience"


CUE_IDS = (
    "bell_start",
    "bell_end",
    "inhale",
    "hold",
    "exhale",
    "topup",
    "tense",  # PMR: squeeze now
    "release",  # PMR: let go
    "step",  # the next step of a massage or a new passage
)
AMBIENCE_IDS = ("waves", "rain", "wind")


def spoken_form(text: str) -> str:
    """The words as they are read aloud: runs of white space (line breaks in a file) are one space."""
    return " ".join(text.split())


def prompt_key(text: str) -> str:
    """The file name (without .ogg) of the recording of `text`."""
    import hashlib  # noqa: PLC0415 - its OpenSSL half costs 2 ms at start-up; a voice is asked for later

    return hashlib.sha1(spoken_form(text).encode("utf-8"), usedforsecurity=False).hexdigest()[:16]


PROMPT_IDS = ("eyes_closed_start", "paused", "finished", "stopped")


def parse_prompts(data: dict[str, Any]) -> dict[str, str]:
    """The app's own spoken sentences (content/prompts.toml), by id; every id must be there."""
    no_unknown(data, set(PROMPT_IDS), "")
    return {prompt_id: spoken_form(text(data, prompt_id)) for prompt_id in PROMPT_IDS}
