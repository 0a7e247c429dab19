"""What could not be written yet: when the app is ended by a signal, the new entries go into a file that
Import JSON brings back; edits and deletions of saved entries do not."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from relaxapp.core.journal import CheckIn, Episode, EpisodeDuration, Place, Side
from relaxapp.core.record import SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.logic.use_cases import UseCases
from relaxapp.storage.exchange import ExchangeError, import_json
from relaxapp.storage.history import HistoryStore, HistoryWriteError
from tests.helpers.history import write_locked
from tests.unit.logic.conftest import NOW


def session(minutes_ago: int) -> SessionRecord:
    started = NOW - timedelta(minutes=minutes_ago)
    return SessionRecord("box", RoutineKind.BREATHING, "Box breathing", started, 300, 120, False)


def twitch(note: str) -> Episode:
    return Episode(NOW, Side.LEFT, (Place.EYELID,), 4, EpisodeDuration.SECONDS, note)


@pytest.mark.allow_logged_errors
def test_new_entries_left_unsaved_are_rescued_into_a_file_an_import_brings_back(
    use_cases: UseCases, store: HistoryStore, tmp_path: Path
):
    saved = store.add_episode(twitch("saved before"))
    with write_locked(tmp_path / "history.sqlite3"):
        for write in (
            lambda: store.add_session(session(5)),
            lambda: store.add_episode(twitch("while busy")),
            lambda: store.save_check_in(CheckIn(date(2026, 11, 25), stress=3)),
            lambda: store.delete_episode(saved),  # a deletion: no file can carry it
        ):
            with pytest.raises(HistoryWriteError):
                write()
        assert use_cases.unsaved.count == 4
        rescued = use_cases.unsaved.rescue(tmp_path, NOW)
    assert rescued is not None and rescued.parent == tmp_path
    assert rescued.name == f"relaxapp-unsaved-{NOW.astimezone():%Y%m%d-%H%M%S}.json"
    fresh = HistoryStore.in_memory()
    report = import_json(fresh, rescued)
    assert (report.added.sessions, report.added.episodes, report.added.check_ins) == (1, 1, 1)
    assert [episode.note for episode in fresh.all_episodes()] == ["while busy"]


def test_nothing_unsaved_needs_no_file(use_cases: UseCases, tmp_path: Path):
    assert use_cases.unsaved.rescue(tmp_path, NOW) is None
    assert not list(tmp_path.glob("relaxapp-unsaved-*"))


@pytest.mark.allow_logged_errors
def test_a_rescue_that_cannot_be_written_says_so(use_cases: UseCases, store: HistoryStore, tmp_path: Path):
    with write_locked(tmp_path / "history.sqlite3"), pytest.raises(HistoryWriteError):
        store.add_session(session(5))
    with pytest.raises(ExchangeError, match="could not be written"):
        use_cases.unsaved.rescue(tmp_path / "no-such-folder", NOW)
