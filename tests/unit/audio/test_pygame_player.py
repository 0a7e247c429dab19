from __future__ import annotations

import array
import math
import shutil
from collections.abc import Iterator
from pathlib import Path

import pygame.mixer
import pytest

from relaxapp.audio.player import CUE_IDS, SilentPlayer
from relaxapp.audio.pygame_player import NO_DEVICE_NOTICE, PygamePlayer, start_player
from relaxapp.storage import paths


@pytest.fixture
def fresh_mixer() -> Iterator[None]:
    pygame.mixer.quit()
    yield
    pygame.mixer.quit()


def test_every_cue_sound_is_shipped():
    for cue_id in CUE_IDS:
        assert (paths.audio_dir() / f"{cue_id}.ogg").is_file(), cue_id


def test_with_a_working_device_every_cue_loads_and_plays(fresh_mixer, monkeypatch):
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    player, notice = start_player(paths.audio_dir(), CUE_IDS)
    assert notice is None
    assert isinstance(player, PygamePlayer)
    frequency, _format, _channels = pygame.mixer.get_init()
    assert frequency == 44100
    for cue_id in CUE_IDS:
        player.play_cue(cue_id)
    player.set_volume(0.3)
    player.set_muted(True)
    player.play_cue("inhale")
    player.close()
    assert pygame.mixer.get_init() is None


def test_when_the_mixer_cannot_start_the_silent_player_and_a_notice_come_back(fresh_mixer, monkeypatch):
    monkeypatch.setenv("SDL_AUDIODRIVER", "no_such_audio_driver")
    player, notice = start_player(paths.audio_dir(), CUE_IDS)
    assert isinstance(player, SilentPlayer)
    assert notice == NO_DEVICE_NOTICE
    player.play_cue("inhale")  # still usable


def test_a_missing_sound_file_is_named_and_the_rest_still_play(fresh_mixer, monkeypatch, tmp_path: Path):
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    for cue_id in CUE_IDS:
        if cue_id != "hold":
            shutil.copy(paths.audio_dir() / f"{cue_id}.ogg", tmp_path)
    (tmp_path / "exhale.ogg").write_bytes(b"not an ogg file")
    player, notice = start_player(tmp_path, CUE_IDS)
    assert isinstance(player, PygamePlayer)
    assert notice is not None
    assert "exhale.ogg" in notice and "hold.ogg" in notice
    assert "inhale.ogg" not in notice
    player.play_cue("hold")  # a missing cue is silent, not an error
    player.play_cue("inhale")


@pytest.mark.parametrize("cue_id", CUE_IDS)
def test_each_cue_is_audible_soft_and_starts_on_its_moment(fresh_mixer, monkeypatch, cue_id: str):
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    pygame.mixer.init(44100, -16, 2)
    samples = array.array("h", pygame.mixer.Sound(str(paths.audio_dir() / f"{cue_id}.ogg")).get_raw())
    peak = max(abs(s) for s in samples) / 32768
    rms = math.sqrt(sum(s * s for s in samples) / len(samples)) / 32768
    onset = next(i for i, s in enumerate(samples) if abs(s) > 0.05 * 32768) / 2 / 44100
    assert rms > 0.02, "too quiet to hear over a room"
    assert peak < 0.8, "a cue should be soft, never harsh or clipped"
    assert onset < 0.02, "the sound must begin at its moment, not after a silent lead-in"
    assert len(samples) / 2 / 44100 < 7
