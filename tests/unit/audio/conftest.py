from __future__ import annotations

import tomllib
from collections.abc import Iterator
from typing import Any

import pygame.mixer
import pytest

from relaxapp.storage import paths


@pytest.fixture(scope="session")
def voice_manifest() -> dict[str, dict[str, Any]]:
    """assets/audio/voice/prompts.toml: each recording's key → its text and length in seconds."""
    with (paths.audio_dir() / "voice" / "prompts.toml").open("rb") as file:
        return tomllib.load(file)


@pytest.fixture
def fresh_mixer(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """No mixer running before the test, none left after it."""
    monkeypatch.setenv("SDL_AUDIODRIVER", "dummy")
    pygame.mixer.quit()
    yield
    pygame.mixer.quit()
