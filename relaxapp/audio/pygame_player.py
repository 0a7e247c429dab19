"""AudioPlayer on pygame's mixer (SDL), loaded only after the window is on screen."""

from __future__ import annotations

import array
import contextlib
import logging
import os
import sys
from collections import OrderedDict
from collections.abc import Collection, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from relaxapp.audio.player import AudioPlayer, SilentPlayer
from relaxapp.core.sound import SoundChannel

if TYPE_CHECKING:
    from pygame.mixer import Channel, Sound

log = logging.getLogger(__name__)

SAMPLE_RATE = 44100
# 512 frames at 44.1 kHz add about 12 ms: well inside the one-frame (17 ms) budget for a cue.
BUFFER_FRAMES = 512
# Reserved mixer channels, which Sound.play() never picks, so a burst of cues cannot cut off the voice or the
# ambience. Two for ambience: a new one fades in on one while the old fades out on the other.
VOICE_CHANNEL = 0
AMBIENCE_CHANNELS = (1, 2)
CUE_CHANNELS = 8  # after the reserved ones: more than enough for cues that overlap as they ring out
# A session speaks a prompt every few seconds at most; a handful kept decoded spares re-reading a repeated
# one (a pause, a step said again on resuming) without holding hundreds of prompts in memory.
VOICE_CACHE_SIZE = 8
# Each ambience file holds its loop with this much of the loop's wrap-around on either side, which the
# player cuts off: a lossy codec is least faithful at the very ends of a file, which would be the loop's seam.
AMBIENCE_MARGIN = 0.25  # seconds
SEAM_BLEND = 0.02  # seconds, well inside the margin

UNUSED_MODULES = ("pkg_resources", "pygame.font", "pygame.imageext")  # see _unused_modules_hidden
NO_DEVICE_NOTICE = "Sound is off: no audio device could be opened. Sessions still work, with on-screen cues."


class PygamePlayer:
    """Cues decoded ahead of the session that rings them (or when first played), then kept; voice prompts
    and ambience loops read from disk when first asked for. An app that only waits (in the tray, for a
    reminder) holds no decoded sound: the cues alone are 3.5 MB of samples."""

    def __init__(self, mixer: Any, cue_ids: Collection[str], audio_dir: Path) -> None:
        self._mixer = mixer
        self._cue_ids = set(cue_ids)  # the cues whose files were found and could be decoded
        self._cue_dir = audio_dir
        self._cues: dict[str, Sound] = {}
        self._voice_dir = audio_dir / "voice"
        self._ambience_dir = audio_dir / "ambience"
        self._voices: OrderedDict[str, Sound] = OrderedDict()
        self._ambiences: dict[str, Sound] = {}
        self._voice: Channel = mixer.Channel(VOICE_CHANNEL)
        self._ambience_channels: tuple[Channel, ...] = tuple(mixer.Channel(i) for i in AMBIENCE_CHANNELS)
        self._ambience = 0  # index of the ambience channel playing (or last played) the current loop
        self._volume = dict.fromkeys(SoundChannel, 0.8)
        self._muted = dict.fromkeys(SoundChannel, False)
        for channel in SoundChannel:
            self._apply_volume(channel)

    def prepare_cues(self, cue_ids: Collection[str]) -> None:
        for cue_id in cue_ids:
            self._cue(cue_id)

    def play_cue(self, cue_id: str) -> None:
        if self._muted[SoundChannel.CUES]:
            return
        sound = self._cue(cue_id)
        if sound is not None:
            sound.play()

    @property
    def speaking(self) -> str | None:
        """The key of the voice prompt playing now (a paused one too); None when the voice is quiet."""
        sound = self._voice.get_sound()  # None once the channel is idle
        return next((key for key, kept in self._voices.items() if kept is sound), None)

    def has_voice(self, key: str) -> bool:
        return key in self._voices or self._voice_path(key).is_file()

    def play_voice(self, key: str) -> bool:
        sound = self._voices.get(key)
        if sound is None:
            sound = self._load(self._voice_path(key), "voice prompt")
            if sound is None:
                return False
            self._voices[key] = sound
            if len(self._voices) > VOICE_CACHE_SIZE:
                self._voices.popitem(last=False)
        self._voices.move_to_end(key)
        sound.set_volume(self._level(SoundChannel.VOICE))
        self._voice.play(sound)  # a channel plays one sound: this cuts off the prompt before
        return True

    def stop_voice(self) -> None:
        self._voice.stop()

    def start_ambience(self, ambience_id: str, fade_seconds: float) -> None:
        sound = self._ambiences.get(ambience_id)
        if sound is None:
            sound = self._load_loop(self._ambience_dir / f"{ambience_id}.ogg")
            if sound is None:
                return
            self._ambiences[ambience_id] = sound
        self.stop_ambience(fade_seconds)
        sound.set_volume(self._level(SoundChannel.AMBIENCE))
        self._ambience = (self._ambience + 1) % len(self._ambience_channels)
        self._ambience_channels[self._ambience].play(sound, loops=-1, fade_ms=_ms(fade_seconds))

    def stop_ambience(self, fade_seconds: float) -> None:
        for channel in self._ambience_channels:
            if fade_seconds > 0 and channel.get_busy():
                channel.fadeout(_ms(fade_seconds))
            else:
                channel.stop()

    def pause(self) -> None:
        for channel in (self._voice, *self._ambience_channels):
            channel.pause()

    def resume(self) -> None:
        for channel in (self._voice, *self._ambience_channels):
            channel.unpause()

    def set_volume(self, level: float, channel: SoundChannel = SoundChannel.CUES) -> None:
        self._volume[channel] = min(max(level, 0.0), 1.0)
        self._apply_volume(channel)

    def set_muted(self, muted: bool, channel: SoundChannel = SoundChannel.CUES) -> None:
        # Muted voice and ambience play on at volume 0, so unmuting brings them back mid-sentence, mid-loop.
        self._muted[channel] = muted
        self._apply_volume(channel)

    def close(self) -> None:
        self._cues.clear()
        self._voices.clear()
        self._ambiences.clear()
        self._mixer.quit()

    def _level(self, channel: SoundChannel) -> float:
        return 0.0 if self._muted[channel] else self._volume[channel]

    def _apply_volume(self, channel: SoundChannel) -> None:
        # The level is set on each Sound, not on channels: Sound.play() sets the channel it picks to full
        # volume (pygame's snd_play), and SDL's fades drive the channel volume.
        sounds = {
            SoundChannel.CUES: self._cues,
            SoundChannel.VOICE: self._voices,
            SoundChannel.AMBIENCE: self._ambiences,
        }[channel]
        for sound in sounds.values():
            sound.set_volume(self._level(channel))

    def _cue(self, cue_id: str) -> Sound | None:
        sound = self._cues.get(cue_id)
        if sound is None and cue_id in self._cue_ids:
            sound = self._load(self._cue_dir / f"{cue_id}.ogg", "cue sound")
            if sound is None:
                self._cue_ids.discard(cue_id)  # changed since it was checked: not tried again
                return None
            sound.set_volume(self._level(SoundChannel.CUES))
            self._cues[cue_id] = sound
        return sound

    def _voice_path(self, key: str) -> Path:
        return self._voice_dir / f"{key}.ogg"

    def _load(self, path: Path, what: str) -> Sound | None:
        try:
            sound: Sound = self._mixer.Sound(str(path))
        except (FileNotFoundError, Exception) as error:  # a damaged file raises pygame.error
            log.warning("%s %s could not be loaded: %s", what, path, error)
            return None
        return sound

    def _load_loop(self, path: Path) -> Sound | None:
        whole = self._load(path, "ambience")
        if whole is None:
            return None
        frequency, _size, channels = self._mixer.get_init()
        samples = array.array("h", whole.get_raw())  # 16-bit, as start_player asks of the mixer
        margin = round(AMBIENCE_MARGIN * frequency) * channels
        blend = round(SEAM_BLEND * frequency) * channels
        if len(samples) <= 2 * margin:
            log.warning("ambience %s is too short to loop", path)
            return None
        loop = samples[margin:-margin]
        # The codec's error differs from one place in the file to another, so the loop's last sample and its
        # first do not quite meet. Ease the end into the decoded copy of the same stretch that, in the file,
        # leads into the loop's first sample.
        lead_in = samples[margin - blend : margin]
        for index in range(blend):
            weight = (index // channels + 1) / (blend // channels)
            loop[index - blend] = round(loop[index - blend] * (1 - weight) + lead_in[index] * weight)
        sound: Sound = self._mixer.Sound(buffer=loop)
        return sound


def _ms(seconds: float) -> int:
    return max(round(seconds * 1000), 0)


def start_player(audio_dir: Path, cue_ids: Sequence[str]) -> tuple[AudioPlayer, str | None]:
    """A working player and None, or the silent one and a calm sentence saying why there is no sound."""
    # SDL installs its own SIGINT/SIGTERM handlers at init and swallows the signals; the app has its own.
    os.environ.setdefault("SDL_NO_SIGNAL_HANDLERS", "1")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    try:
        with _stderr_silenced(), _unused_modules_hidden():
            from pygame import mixer  # noqa: PLC0415 - costs ~100 ms, so it waits until the window is up

            mixer.pre_init(SAMPLE_RATE, -16, 2, BUFFER_FRAMES)
            mixer.init()
    except (ImportError, Exception) as error:  # pygame.error is a plain Exception subclass
        log.warning("audio unavailable, running silently: %s", error)
        return SilentPlayer(), NO_DEVICE_NOTICE

    reserved = 1 + len(AMBIENCE_CHANNELS)
    mixer.set_num_channels(reserved + CUE_CHANNELS)
    mixer.set_reserved(reserved)
    usable = []
    missing = []
    for cue_id in cue_ids:
        path = audio_dir / f"{cue_id}.ogg"
        try:
            mixer.Sound(str(path))  # decoded to check it, and let go: decoded again when a session needs it
        except (FileNotFoundError, Exception) as error:
            log.warning("cue sound %s could not be loaded: %s", path, error)
            missing.append(path.name)
        else:
            usable.append(cue_id)
    notice = None
    if missing:
        notice = f"Some cue sounds are missing or damaged ({', '.join(missing)}); those cues stay silent."
    return PygamePlayer(mixer, usable, audio_dir), notice


@contextlib.contextmanager
def _unused_modules_hidden() -> Iterator[None]:
    """pygame's package loads all of its modules, and relaxapp needs only the mixer. The ones pygame itself
    treats as optional (a missing one only reads as "not available" if used) are hidden while it loads:
    pkg_resources, which pygame.pkgdata imports (when setuptools is installed) to find a default font and
    icon (the bundle leaves it out too); pygame.font (SDL_ttf, FreeType and HarfBuzz, and the subprocess
    module for its font list); pygame.imageext (SDL_image with its PNG, JPEG, TIFF and WebP libraries).
    Together some 11 MB kept for as long as the app runs, and some 70 ms after the first frame."""
    hidden = [name for name in UNUSED_MODULES if name not in sys.modules]  # one already loaded is paid for
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment] # an import of it raises ImportError
    try:
        yield
    finally:
        for name in hidden:
            if sys.modules.get(name, ...) is None:
                del sys.modules[name]


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
