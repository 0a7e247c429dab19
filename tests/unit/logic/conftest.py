from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from relaxapp.core.catalog import Catalog
from relaxapp.logic.use_cases import UseCases
from relaxapp.storage.history import HistoryStore
from tests.helpers.history import QUICK_BUSY_TIMEOUT_MS
from tests.helpers.stubs import DictSettings, Heard

NOW = datetime(2026, 11, 25, 8, 30, tzinfo=UTC)
PROMPTS = {
    "eyes_closed_start": "Settle in and close your eyes.",
    "stopped": "We stop here.",
    "finished": "That is the end.",
}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    # A short busy timeout: the tests of failed writes hold the file's lock (write_locked).
    history = HistoryStore.open(tmp_path / "history.sqlite3", busy_timeout_ms=QUICK_BUSY_TIMEOUT_MS)
    yield history
    history.close()


@pytest.fixture
def settings() -> DictSettings:
    return DictSettings()


@pytest.fixture
def use_cases(store: HistoryStore, settings: DictSettings, shipped: Catalog, tmp_path: Path) -> UseCases:
    return UseCases.build(
        store,
        settings,
        shipped.routines,
        now=lambda: NOW,
        prompts=PROMPTS,
        patterns_dir=tmp_path / "routines",
    )


@pytest.fixture
def heard(use_cases: UseCases) -> Heard:
    return Heard().listen(use_cases.events)
