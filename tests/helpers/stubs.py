"""Small fakes that behave, shared by the tests (fakes over mocks)."""

from __future__ import annotations

from dataclasses import dataclass, field

from relaxapp.core.clock import Clock


@dataclass
class RecordingPlayer:
    """An AudioPlayer that writes down each cue and the clock reading at which it was asked for."""

    clock: Clock
    played: list[tuple[float, str]] = field(default_factory=list)
    volume: float = 1.0
    muted: bool = False
    closed: bool = False

    def play_cue(self, cue_id: str) -> None:
        self.played.append((self.clock.now(), cue_id))

    def set_volume(self, level: float) -> None:
        self.volume = level

    def set_muted(self, muted: bool) -> None:
        self.muted = muted

    def close(self) -> None:
        self.closed = True

    @property
    def cues(self) -> list[str]:
        return [cue for _, cue in self.played]
