"""The AudioPlayer port and its silent twin."""

from __future__ import annotations

from typing import Protocol

# Every cue a routine may ask for; each is assets/audio/<id>.ogg.
CUE_IDS = ("bell_start", "bell_end", "inhale", "hold", "exhale", "topup")


class AudioPlayer(Protocol):
    def play_cue(self, cue_id: str) -> None: ...
    def set_volume(self, level: float) -> None: ...  # 0..1
    def set_muted(self, muted: bool) -> None: ...
    def close(self) -> None: ...


class SilentPlayer:
    """Plays nothing: used when no audio device works, so everything else carries on unchanged."""

    def play_cue(self, cue_id: str) -> None:
        pass

    def set_volume(self, level: float) -> None:
        pass

    def set_muted(self, muted: bool) -> None:
        pass

    def close(self) -> None:
        pass
