from __future__ import annotations

import logging
import os
from pathlib import Path

import pytest

# Set before Qt or SDL load anywhere in the run.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from relaxapp.core.catalog import Catalog, load_catalog
from relaxapp.core.clock import FakeClock
from relaxapp.core.routine import Routine
from relaxapp.storage import paths


@pytest.fixture
def fake_clock() -> FakeClock:
    return FakeClock()


@pytest.fixture(scope="session")
def shipped() -> Catalog:
    return load_catalog([paths.content_dir() / "routines"], known_images=paths.image_ids())


@pytest.fixture
def box(shipped: Catalog) -> Routine:
    routine = shipped.get("box")
    assert routine is not None
    return routine


@pytest.fixture(autouse=True)
def _fail_on_logged_errors(caplog: pytest.LogCaptureFixture, request: pytest.FixtureRequest):
    """An error the app logs fails the test, unless the test says it expects one (as qutebrowser does)."""
    yield
    if request.node.get_closest_marker("allow_logged_errors"):
        return
    errors = [r for r in caplog.get_records("call") if r.levelno >= logging.ERROR]
    assert not errors, f"unexpected errors logged: {[r.getMessage() for r in errors]}"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "allow_logged_errors: the test expects the app to log errors")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder
