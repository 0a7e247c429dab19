"""AudioPlayer on pygame's mixer (SDL), loaded only after the window is on screen."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from relaxapp.audio.player import AudioPlayer, SilentPlayer

log = logging.getLogger(__name__)

SAMPLE_RATE = 44100
# 512 frames at 44.1 kHz add about 12 ms: well inside the one-frame (17 ms) budget for a cue.
BUFFER_FRAMES = 512

NO_DEVICE_NOTICE = "Sound is off: no audio device could be opened. Sessions still work, with on-screen cues."


class PygamePlayer:
    def __init__(self, mixer: Any, sounds: dict[str, Any]) -> None:
        self._mixer = mixer
        self._sounds = sounds
        self._volume = 0.8
        self._muted = False
        self._apply_volume()

    def play_cue(self, cue_id: str) -> None:
        sound = self._sounds.get(cue_id)
        if sound is not None and not self._muted:
            sound.play()

    def set_volume(self, level: float) -> None:
        self._volume = min(max(level, 0.0), 1.0)
        self._apply_volume()

    def set_muted(self, muted: bool) -> None:
        self._muted = muted
        if muted:
            self._mixer.stop()

    def close(self) -> None:
        self._mixer.quit()

    def _apply_volume(self) -> None:
        for sound in self._sounds.values():
            sound.set_volume(self._volume)


def start_player(audio_dir: Path, cue_ids: Sequence[str]) -> tuple[AudioPlayer, str | None]:
    """A working player and None, or the silent one and a calm sentence saying why there is no sound."""
    # SDL installs its own SIGINT/SIGTERM handlers at init and swallows the signals; the app has its own.
    os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        with _stderr_silenced():
            from pygame import mixer  # noqa: PLC0415 - costs ~100 ms, so it waits until the window is up

            mixer.pre_init(SAMPLE_RATE, -16, 2, BUFFER_FRAMES)
            mixer.init()
    except (ImportError, Exception) as error:  # pygame.error is a plain Exception subclass
        log.warning("audio unavailable, running silently: %s", error)
        return SilentPlayer(), NO_DEVICE_NOTICE

    sounds: dict[str, Any] = {}
    missing = []
    for cue_id in cue_ids:
        path = audio_dir / f"{cue_id}.ogg"
        try:
            sounds[cue_id] = mixer.Sound(str(path))
        except (FileNotFoundError, Exception) as error:
            log.warning("cue sound %s could not be loaded: %s", path, error)
            missing.append(path.name)
    notice = None
    if missing:
        notice = f"Some cue sounds are missing or damaged ({', '.join(missing)}); those cues stay silent."
    return PygamePlayer(mixer, sounds), notice


@contextlib.contextmanager
def _stderr_silenced() -> Iterator[None]:
    """ALSA and SDL print to the C-level stderr when there is no sound card; the app says it better."""
    try:
        saved = os.dup(2)
    except OSError:
        yield
        return
    try:
        with open(os.devnull, "w") as devnull:
            os.dup2(devnull.fileno(), 2)
            yield
    finally:
        os.dup2(saved, 2)
        os.close(saved)
