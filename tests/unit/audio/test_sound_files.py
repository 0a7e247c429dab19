"""The shipped sound files: present, audible, soft, and in step with the words they speak."""

from __future__ import annotations

import array
import itertools
import math
import operator
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pygame.mixer
import pytest

from relaxapp.audio.pygame_player import AMBIENCE_CHANNELS, start_player
from relaxapp.core import datafile, sound
from relaxapp.core.catalog import Catalog
from relaxapp.core.timeline import LEAD_IN_SECONDS
from relaxapp.storage import paths

RATE = 44100


@pytest.fixture
def mixer(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A stereo mixer at the player's rate, so decoded files come back as the player would hear them."""
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    pygame.mixer.quit()
    pygame.mixer.init(RATE, -16, 2)
    yield
    pygame.mixer.quit()


def decoded(path: Path) -> array.array[int]:
    """Interleaved stereo 16-bit samples."""
    return array.array("h", pygame.mixer.Sound(str(path)).get_raw())


def rms(samples: array.array[int]) -> float:
    return math.sqrt(sum(map(operator.mul, samples, samples)) / len(samples)) / 32768


def seconds(samples: array.array[int]) -> float:
    return len(samples) / 2 / RATE


def test_every_cue_sound_is_shipped():
    for cue_id in sound.CUE_IDS:
        assert (paths.audio_dir() / f"{cue_id}.ogg").is_file(), cue_id


@pytest.mark.parametrize("cue_id", sound.CUE_IDS)
def test_each_cue_is_audible_soft_and_starts_on_its_moment(mixer, cue_id: str):
    samples = decoded(paths.audio_dir() / f"{cue_id}.ogg")
    peak = max(abs(s) for s in samples) / 32768
    onset = next(i for i, s in enumerate(samples) if abs(s) > 0.05 * 32768) / 2 / RATE
    assert rms(samples) > 0.02, "too quiet to hear over a room"
    assert peak < 0.8, "a cue should be soft, never harsh or clipped"
    assert onset < 0.02, "the sound must begin at its moment, not after a silent lead-in"
    assert seconds(samples) < 7


@pytest.mark.parametrize("ambience_id", sound.AMBIENCE_IDS)
def test_each_ambience_is_a_soft_loop_without_a_seam(fresh_mixer, ambience_id: str):
    player, _notice = start_player(paths.audio_dir(), [])
    player.start_ambience(ambience_id, fade_seconds=0)
    channels = [pygame.mixer.Channel(number) for number in AMBIENCE_CHANNELS]
    loop = next(sound for channel in channels if (sound := channel.get_sound()))
    samples = array.array("h", loop.get_raw())  # the loop as the player plays it, margins cut off
    player.close()
    assert 30 <= seconds(samples) <= 60
    assert 0.02 < rms(samples) < 0.1, "a bed under the voice: heard, never in the way"
    assert max(abs(s) for s in samples) / 32768 < 0.5
    window = int(0.05 * RATE) * 2
    head, tail = rms(samples[:window]), rms(samples[-window:])
    assert abs(20 * math.log10(head / tail)) < 3, "the level must not jump where the loop starts again"
    for channel in (0, 1):
        # Across the seam a sample moves no further than from one sample to the next on either side of it.
        start, end = samples[channel:window:2], samples[channel - window :: 2]
        largest_step = max(abs(b - a) for side in (start, end) for a, b in itertools.pairwise(side))
        assert abs(start[0] - end[-1]) <= largest_step


def test_every_recording_is_listed_and_every_listed_one_is_there(voice_manifest: dict[str, dict[str, Any]]):
    folder = paths.audio_dir() / "voice"
    assert {path.stem for path in folder.glob("*.ogg")} == set(voice_manifest)
    for key, entry in voice_manifest.items():
        assert key == sound.prompt_key(entry["text"]), f"{key} is not the recording of {entry['text']!r}"


def test_each_recording_speaks_for_as_long_as_the_list_says(
    monkeypatch: pytest.MonkeyPatch, voice_manifest: dict[str, dict[str, Any]]
):
    # Mono at the files' own rate: hundreds of prompts decode in a few seconds.
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    pygame.mixer.quit()
    pygame.mixer.init(22050, -16, 1)
    try:
        for key, entry in voice_manifest.items():
            samples = array.array(
                "h", pygame.mixer.Sound(str(paths.audio_dir() / "voice" / f"{key}.ogg")).get_raw()
            )
            assert len(samples) / 22050 == pytest.approx(entry["seconds"], abs=0.1), key
            assert rms(samples) > 0.03, f"{key} ({entry['text']!r}) is nearly silent"
    finally:
        pygame.mixer.quit()


def test_every_sentence_the_app_speaks_has_a_recording(
    shipped: Catalog, voice_manifest: dict[str, dict[str, Any]]
):
    prompts = datafile.load(paths.content_dir() / "prompts.toml", sound.parse_prompts)
    texts = [*prompts.values(), *(text for routine in shipped.routines for text in routine.spoken_texts())]
    missing = [text for text in texts if sound.prompt_key(text) not in voice_manifest]
    assert not missing, f"run python tools/make_voice.py to record: {missing[:3]}"


def test_every_spoken_step_ends_before_its_step_does(
    shipped: Catalog, voice_manifest: dict[str, dict[str, Any]]
):
    too_long = [
        (routine.id, number, voice_manifest[sound.prompt_key(step.text)]["seconds"], step.seconds)
        for routine in shipped.routines
        for number, step in enumerate(routine.steps, start=1)
        if voice_manifest[sound.prompt_key(step.text)]["seconds"] >= step.seconds
    ]
    assert not too_long, f"(routine, step, spoken s, step s): {too_long}"


def test_the_eyes_closed_welcome_fits_before_the_first_step(voice_manifest: dict[str, dict[str, Any]]):
    prompts = datafile.load(paths.content_dir() / "prompts.toml", sound.parse_prompts)
    spoken = voice_manifest[sound.prompt_key(prompts["eyes_closed_start"])]["seconds"]
    assert spoken < LEAD_IN_SECONDS


def test_captions_are_the_words_that_were_recorded(
    shipped: Catalog, voice_manifest: dict[str, dict[str, Any]]
):
    # The caption on screen is the step's text; the recording must be of exactly those words.
    for routine in shipped.routines:
        for text in routine.spoken_texts():
            assert voice_manifest[sound.prompt_key(text)]["text"] == sound.spoken_form(text)
