"""Small fakes that behave, shared by the tests (fakes over mocks)."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from relaxapp.core.clock import Clock
from relaxapp.core.sound import SoundChannel
from relaxapp.logic.events import Events


@dataclass
class RecordingPlayer:
    """An AudioPlayer that writes down what it is asked to play, and when.

    `voice_keys` are the prompts it has a recording of (none by default), so a test can run a session with
    the voice present or absent.
    """

    clock: Clock
    voice_keys: frozenset[str] = frozenset()
    played: list[tuple[float, str]] = field(default_factory=list)  # (clock reading, cue id)
    prepared: list[frozenset[str]] = field(default_factory=list)  # each prepare_cues call's cue ids
    voices: list[str] = field(default_factory=list)  # every play_voice key, recorded or not
    voice_stops: int = 0
    ambience: list[tuple[str, str, float]] = field(
        default_factory=list
    )  # ("start", id, fade) / ("stop", "", fade)
    volumes: dict[SoundChannel, float] = field(default_factory=lambda: dict.fromkeys(SoundChannel, 1.0))
    muted_channels: dict[SoundChannel, bool] = field(
        default_factory=lambda: dict.fromkeys(SoundChannel, False)
    )
    paused: bool = False
    closed: bool = False

    def prepare_cues(self, cue_ids: Collection[str]) -> None:
        self.prepared.append(frozenset(cue_ids))

    def play_cue(self, cue_id: str) -> None:
        self.played.append((self.clock.now(), cue_id))

    def play_voice(self, key: str) -> bool:
        self.voices.append(key)
        return key in self.voice_keys

    def has_voice(self, key: str) -> bool:
        return key in self.voice_keys

    def stop_voice(self) -> None:
        self.voice_stops += 1

    def start_ambience(self, ambience_id: str, fade_seconds: float) -> None:
        self.ambience.append(("start", ambience_id, fade_seconds))

    def stop_ambience(self, fade_seconds: float) -> None:
        self.ambience.append(("stop", "", fade_seconds))

    def pause(self) -> None:
        self.paused = True

    def resume(self) -> None:
        self.paused = False

    def set_volume(self, level: float, channel: SoundChannel = SoundChannel.CUES) -> None:
        self.volumes[channel] = level

    def set_muted(self, muted: bool, channel: SoundChannel = SoundChannel.CUES) -> None:
        self.muted_channels[channel] = muted

    def close(self) -> None:
        self.closed = True

    @property
    def cues(self) -> list[str]:
        return [cue for _, cue in self.played]

    @property
    def volume(self) -> float:
        return self.volumes[SoundChannel.CUES]

    @property
    def muted(self) -> bool:
        return self.muted_channels[SoundChannel.CUES]


class DictSettings:
    """A settings file in a dict: what QSettings does, without a file. `synced` counts the saves."""

    def __init__(self, values: dict[str, object] | None = None) -> None:
        self.values: dict[str, object] = dict(values or {})
        self.synced = 0

    def value(self, key: str, /) -> object:
        return self.values.get(key)

    def setValue(self, key: str, value: object, /) -> None:  # noqa: N802 - QSettings' name
        self.values[key] = value

    def sync(self) -> None:
        self.synced += 1


@dataclass
class Heard:
    """Listens to every event of the floor and writes down what it heard, in order."""

    said: list[tuple[str, object]] = field(default_factory=list)

    def listen(self, events: Events) -> Heard:
        names = (
            "history_changed",
            "message",
            "routine_saved",
            "routine_deleted",
            "preferences_changed",
            "cautions_changed",
        )
        for name in names:
            getattr(events, name).subscribe(lambda value, name=name: self.said.append((name, value)))
        return self

    def count(self, name: str) -> int:
        return sum(1 for heard, _ in self.said if heard == name)

    def values(self, name: str) -> list[object]:
        return [value for heard, value in self.said if heard == name]
