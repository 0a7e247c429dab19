from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pygame.mixer
import pytest

from relaxapp.audio.player import SilentPlayer
from relaxapp.audio.pygame_player import (
    AMBIENCE_CHANNELS,
    NO_DEVICE_NOTICE,
    VOICE_CACHE_SIZE,
    VOICE_CHANNEL,
    PygamePlayer,
    start_player,
)
from relaxapp.core.sound import AMBIENCE_IDS, CUE_IDS, SoundChannel
from relaxapp.storage import paths

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def player(fresh_mixer: None) -> Iterator[PygamePlayer]:
    player, notice = start_player(paths.audio_dir(), CUE_IDS)
    assert notice is None
    assert isinstance(player, PygamePlayer)
    yield player
    player.close()


@pytest.fixture
def voice_keys(voice_manifest) -> list[str]:
    return sorted(voice_manifest)[:2]


def voice_sound() -> pygame.mixer.Sound | None:
    return pygame.mixer.Channel(VOICE_CHANNEL).get_sound()


def ambience_sounds() -> list[pygame.mixer.Sound]:
    channels = [pygame.mixer.Channel(number) for number in AMBIENCE_CHANNELS]
    return [sound for channel in channels if channel.get_busy() and (sound := channel.get_sound())]


def test_with_a_working_device_every_cue_loads_and_plays(player: PygamePlayer):
    frequency, _format, _channels = pygame.mixer.get_init()
    assert frequency == 44100
    for cue_id in CUE_IDS:
        player.play_cue(cue_id)
    player.set_volume(0.3)
    player.set_muted(True)
    player.play_cue("inhale")
    player.close()
    assert pygame.mixer.get_init() is None


def cue_playing() -> pygame.mixer.Sound | None:
    """The sound on the first busy cue channel (after the reserved voice and ambience ones)."""
    reserved = 1 + len(AMBIENCE_CHANNELS)
    channels = [pygame.mixer.Channel(n) for n in range(reserved, pygame.mixer.get_num_channels())]
    busy = (channel.get_sound() for channel in channels if channel.get_busy())
    return next((sound for sound in busy if sound is not None), None)


def test_cues_are_read_when_a_session_prepares_them_and_then_kept(fresh_mixer, tmp_path: Path):
    for cue_id in CUE_IDS:
        shutil.copy(paths.audio_dir() / f"{cue_id}.ogg", tmp_path)
    player, _notice = start_player(tmp_path, CUE_IDS)  # checks every file, keeps none decoded
    assert isinstance(player, PygamePlayer)
    bell = pygame.mixer.Sound(str(tmp_path / "bell_end.ogg")).get_length()
    shutil.copy(tmp_path / "bell_end.ogg", tmp_path / "inhale.ogg")  # after the start: read anew
    player.prepare_cues({"inhale"})
    (tmp_path / "inhale.ogg").unlink()  # prepared: kept, not read again
    player.play_cue("inhale")
    playing = cue_playing()
    assert playing is not None and playing.get_length() == pytest.approx(bell)
    player.close()


def test_a_cue_never_prepared_is_read_when_first_played(player: PygamePlayer):
    player.set_volume(0.4)
    player.play_cue("topup")
    playing = cue_playing()
    assert playing is not None and playing.get_volume() == pytest.approx(0.4, abs=0.01)


def test_a_burst_of_cues_never_takes_the_voice_or_ambience_channel(player: PygamePlayer, voice_keys):
    assert player.play_voice(voice_keys[0])
    player.start_ambience("rain", fade_seconds=0)
    for _ in range(3):
        for cue_id in CUE_IDS:
            player.play_cue(cue_id)
    assert player.speaking == voice_keys[0]  # still the prompt, not a cue
    assert len(ambience_sounds()) == 1


def test_voice_plays_and_a_new_prompt_cuts_off_the_one_before(player: PygamePlayer, voice_keys):
    first, second = voice_keys
    assert player.has_voice(first)
    assert player.speaking is None
    assert player.play_voice(first)
    assert player.speaking == first
    assert player.play_voice(second)
    assert player.speaking == second
    assert pygame.mixer.Channel(VOICE_CHANNEL).get_busy()
    player.stop_voice()
    assert not pygame.mixer.Channel(VOICE_CHANNEL).get_busy()
    assert player.speaking is None


def test_voice_prompts_are_read_when_first_spoken_and_few_are_kept(
    fresh_mixer, voice_manifest, tmp_path: Path
):
    keys = sorted(voice_manifest)[: VOICE_CACHE_SIZE + 3]
    voice_dir = tmp_path / "voice"
    voice_dir.mkdir()
    for key in keys:
        shutil.copy(paths.audio_dir() / "voice" / f"{key}.ogg", voice_dir)
    player, _notice = start_player(tmp_path, [])
    assert isinstance(player, PygamePlayer)
    # What is on disk when a prompt is first spoken is what plays: a file gone by then was never read.
    (voice_dir / f"{keys[0]}.ogg").unlink()
    assert not player.play_voice(keys[0])
    for key in keys[1:]:
        assert player.play_voice(key)
    for key in keys[2:]:
        (voice_dir / f"{key}.ogg").unlink()  # from now on only the prompts kept in memory can be spoken
    assert [key for key in keys[2:] if player.has_voice(key)] == keys[-VOICE_CACHE_SIZE:]
    assert player.play_voice(keys[1])  # forgotten, so read again from its file
    assert player.speaking == keys[1]
    player.close()


def test_a_prompt_without_a_recording_returns_false_and_logs(player: PygamePlayer, caplog):
    with caplog.at_level(logging.WARNING):
        assert not player.has_voice("0000000000000000")
        assert not player.play_voice("0000000000000000")
    assert "0000000000000000" in caplog.text
    assert voice_sound() is None


def test_a_damaged_voice_file_returns_false(fresh_mixer, tmp_path: Path):
    (tmp_path / "voice").mkdir()
    (tmp_path / "voice" / "badbadbadbadbad0.ogg").write_bytes(b"not an ogg file")
    player, _notice = start_player(tmp_path, [])
    assert player.has_voice("badbadbadbadbad0")
    assert not player.play_voice("badbadbadbadbad0")
    player.close()


def test_ambience_loops_fades_and_a_new_one_replaces_it(player: PygamePlayer):
    player.start_ambience("waves", fade_seconds=2.0)
    assert len(ambience_sounds()) == 1
    player.start_ambience("rain", fade_seconds=0)
    assert len(ambience_sounds()) == 1  # without a fade the old one stops at once
    player.start_ambience("wind", fade_seconds=1.5)
    assert len(ambience_sounds()) == 2  # rain fading out while wind fades in
    player.stop_ambience(fade_seconds=0)
    assert ambience_sounds() == []


def test_a_missing_ambience_plays_nothing_and_keeps_the_current_one(player: PygamePlayer, caplog):
    player.start_ambience("waves", fade_seconds=0)
    with caplog.at_level(logging.WARNING):
        player.start_ambience("traffic", fade_seconds=1.0)
    assert "traffic" in caplog.text
    assert len(ambience_sounds()) == 1


def test_pause_holds_voice_and_ambience_and_resume_carries_on(player: PygamePlayer, voice_keys):
    player.play_voice(voice_keys[0])
    player.start_ambience("wind", fade_seconds=1.0)
    player.pause()
    player.play_cue("bell_end")  # cues still ring during a pause (the closing bell of a stopped session)
    player.resume()
    assert pygame.mixer.Channel(VOICE_CHANNEL).get_busy()
    assert len(ambience_sounds()) == 1


def test_each_channel_has_its_own_volume_and_mute(player: PygamePlayer, voice_keys):
    player.set_volume(0.25, SoundChannel.VOICE)
    player.set_volume(0.5, SoundChannel.AMBIENCE)
    player.set_volume(0.75)  # the cues, as callers that predate channels ask
    player.play_voice(voice_keys[0])
    player.start_ambience("rain", fade_seconds=0)
    voice, ambience = voice_sound(), ambience_sounds()[0]
    assert player.speaking == voice_keys[0]
    assert voice.get_volume() == pytest.approx(0.25, abs=0.01)
    assert ambience.get_volume() == pytest.approx(0.5, abs=0.01)
    player.play_cue("inhale")
    cue = cue_playing()
    assert cue is not None and cue.get_volume() == pytest.approx(0.75, abs=0.01)

    player.set_muted(True, SoundChannel.AMBIENCE)
    assert ambience.get_volume() == 0
    assert voice.get_volume() == pytest.approx(0.25, abs=0.01)
    player.set_muted(False, SoundChannel.AMBIENCE)
    assert ambience.get_volume() == pytest.approx(0.5, abs=0.01)  # back where it was, still looping
    player.set_muted(True)
    assert cue.get_volume() == 0  # the cue already decoded, muted with the rest
    assert voice.get_volume() == pytest.approx(0.25, abs=0.01)


def test_when_the_mixer_cannot_start_the_silent_player_and_a_notice_come_back(fresh_mixer, monkeypatch):
    monkeypatch.setenv("SDL_AUDIODRIVER", "no_such_audio_driver")
    player, notice = start_player(paths.audio_dir(), CUE_IDS)
    assert isinstance(player, SilentPlayer)
    assert notice == NO_DEVICE_NOTICE
    player.play_cue("inhale")  # still usable
    assert not player.play_voice("anything")
    assert not player.has_voice("anything")
    player.start_ambience(AMBIENCE_IDS[0], 1.0)
    player.pause()
    player.resume()
    player.set_volume(0.5, SoundChannel.VOICE)
    player.set_muted(True, SoundChannel.AMBIENCE)
    player.stop_ambience(1.0)
    player.close()


def test_a_missing_sound_file_is_named_and_the_rest_still_play(fresh_mixer, tmp_path: Path):
    for cue_id in CUE_IDS:
        if cue_id != "hold":
            shutil.copy(paths.audio_dir() / f"{cue_id}.ogg", tmp_path)
    (tmp_path / "exhale.ogg").write_bytes(b"not an ogg file")
    player, notice = start_player(tmp_path, CUE_IDS)
    assert isinstance(player, PygamePlayer)
    assert notice == "Some cue sounds are missing or damaged (hold.ogg, exhale.ogg); those cues stay silent."
    player.play_cue("hold")  # a missing cue is silent, not an error
    player.play_cue("inhale")
    player.close()


def test_starting_the_player_leaves_what_relaxapp_never_uses_unloaded():
    # pygame would load them (some 11 MB kept for the whole run) only to offer fonts, images and files
    # relaxapp never asks for.
    check = (
        "import sys\n"
        "from relaxapp.audio.pygame_player import UNUSED_MODULES, PygamePlayer, start_player\n"
        "from relaxapp.core.sound import CUE_IDS\n"
        "from relaxapp.storage import paths\n"
        "player, notice = start_player(paths.audio_dir(), CUE_IDS)\n"
        "assert isinstance(player, PygamePlayer) and notice is None, notice\n"
        "player.play_cue('inhale')\n"
        # Neither loaded nor left hidden: a None entry would break a later import of it.
        "print(' '.join(name for name in UNUSED_MODULES if name in sys.modules))\n"
    )
    env = {**os.environ, "SDL_AUDIODRIVER": "dummy", "PYTHONPATH": str(ROOT), "PYTHONWARNINGS": "error"}
    result = subprocess.run(
        [sys.executable, "-c", check], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == []
