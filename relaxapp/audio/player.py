"""The AudioPlayer port and its silent twin."""

from __future__ import annotations

from collections.abc import Collection
from typing import Protocol

from relaxapp.core.sound import SoundChannel


class AudioPlayer(Protocol):
    """Cues ring over each other; one voice speaks at a time; one ambience loops under both."""

    def prepare_cues(self, cue_ids: Collection[str]) -> None:
        """Make these cues ready to ring at once (a session calls it before it starts); any other cue is
        made ready when first played."""
        ...

    def play_cue(self, cue_id: str) -> None: ...

    def play_voice(self, key: str) -> bool:
        """Speak prompt `key` (core.sound.prompt_key), cutting off any voice still speaking.

        False when there is no recording of it: the caption is then the only way the words reach the person.
        """
        ...

    def has_voice(self, key: str) -> bool: ...
    def stop_voice(self) -> None: ...

    def start_ambience(self, ambience_id: str, fade_seconds: float) -> None:
        """Loop `ambience_id` until stopped, fading in; any ambience already playing fades out."""
        ...

    def stop_ambience(self, fade_seconds: float) -> None: ...

    def pause(self) -> None:
        """Hold voice and ambience where they are, for a paused session; cues already ringing die away."""
        ...

    def resume(self) -> None: ...
    def set_volume(self, level: float, channel: SoundChannel = SoundChannel.CUES) -> None: ...  # 0..1
    def set_muted(self, muted: bool, channel: SoundChannel = SoundChannel.CUES) -> None: ...
    def close(self) -> None: ...


class SilentPlayer:
    """Plays nothing: used when no audio device works, so everything else carries on unchanged."""

    def prepare_cues(self, cue_ids: Collection[str]) -> None:
        pass

    def play_cue(self, cue_id: str) -> None:
        pass

    def play_voice(self, key: str) -> bool:
        return False

    def has_voice(self, key: str) -> bool:
        return False

    def stop_voice(self) -> None:
        pass

    def start_ambience(self, ambience_id: str, fade_seconds: float) -> None:
        pass

    def stop_ambience(self, fade_seconds: float) -> None:
        pass

    def pause(self) -> None:
        pass

    def resume(self) -> None:
        pass

    def set_volume(self, level: float, channel: SoundChannel = SoundChannel.CUES) -> None:
        pass

    def set_muted(self, muted: bool, channel: SoundChannel = SoundChannel.CUES) -> None:
        pass

    def close(self) -> None:
        pass
