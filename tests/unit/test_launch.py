from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

import relaxapp.app
from relaxapp import launch


@pytest.fixture
def collector_as_it_was() -> Iterator[None]:
    yield
    gc.unfreeze()  # the test process's own objects go back to the collector
    gc.enable()


@pytest.mark.usefixtures("collector_as_it_was")
def test_the_app_runs_with_the_collector_on_and_what_loading_made_set_aside(monkeypatch: pytest.MonkeyPatch):
    seen: dict[str, object] = {}

    def run_app() -> None:
        seen["collecting"] = gc.isenabled()
        seen["set aside"] = gc.get_freeze_count()

    monkeypatch.setattr(relaxapp.app, "main", run_app)
    launch.main()
    assert seen["collecting"] is True  # paused only while the modules load
    assert isinstance(seen["set aside"], int)
    assert seen["set aside"] > 10_000
