"""The sound as the person set it: the sound bar, the Test buttons in Settings, and the player in use."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QObject, QTimer

from relaxapp.audio.player import AudioPlayer
from relaxapp.core.sound import SoundChannel
from relaxapp.logic.preferences import PreferenceStore
from relaxapp.ui.audio_bar import AudioBar
from relaxapp.ui.session_runner import SessionRunner

SAMPLE_WORDS = "Breathe in"  # a sentence every copy of relaxapp has recorded
SAMPLE_AMBIENCE_MS = 4000
NO_VOICE = "There is no recorded voice to play (or no sound device); captions still show."


class SoundControl(QObject):
    def __init__(
        self,
        runner: SessionRunner,
        preferences: PreferenceStore,
        bar: AudioBar,
        tell: Callable[[str], None],
    ) -> None:
        super().__init__(bar)
        self._runner = runner
        self._preferences = preferences
        self._bar = bar
        self._tell = tell
        bar.volume_changed.connect(lambda level: self._set(cue_volume=level))
        bar.muted_changed.connect(lambda muted: self._set(muted=muted))
        bar.test_clicked.connect(lambda: runner.player.play_cue("inhale"))
        self.apply()

    def apply(self) -> None:
        """Every channel's volume and mute, as the preferences say, on the player in use."""
        preferences, player = self._preferences.current, self._runner.player
        for channel in SoundChannel:
            # The voice goes through the runner: it knows when the voice must speak anyway, and tells a
            # screen reader what the voice will not say.
            if channel is not SoundChannel.VOICE:
                player.set_volume(preferences.volume(channel), channel)
                player.set_muted(preferences.channel_muted(channel), channel)
        self._runner.set_voice_volume(preferences.volume(SoundChannel.VOICE))
        self._runner.set_voice_muted(preferences.channel_muted(SoundChannel.VOICE))
        self._bar.show_levels(preferences.cue_volume, preferences.muted)

    def use_player(self, player: AudioPlayer, notice: str | None) -> None:
        """Swap in the real player once it has loaded (after the window is already on screen)."""
        self._runner.player = player
        self.apply()
        if notice:
            self._bar.show_notice(notice)

    def play_sample(self, channel: SoundChannel) -> None:
        """The Test button beside each volume in Settings."""
        runner, player = self._runner, self._runner.player
        if channel is SoundChannel.CUES:
            player.play_cue("inhale")
        elif channel is SoundChannel.VOICE:
            if not runner.say(SAMPLE_WORDS):
                self._tell(NO_VOICE)
        elif not runner.is_active:
            player.start_ambience("waves", 0.5)
            # Not past a session started meanwhile: its own background sound must go on.
            QTimer.singleShot(
                SAMPLE_AMBIENCE_MS, lambda: None if runner.is_active else player.stop_ambience(1.0)
            )

    def _set(self, *, cue_volume: float | None = None, muted: bool | None = None) -> None:
        self._preferences.set_sound(cue_volume=cue_volume, muted=muted)
        self.apply()
