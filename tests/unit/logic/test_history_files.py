"""Export, import and restore through the application floor, on real files."""

from __future__ import annotations

import json
import re
import threading
from datetime import timedelta
from pathlib import Path

import pytest

from relaxapp.core.catalog import Catalog
from relaxapp.core.journal import CheckIn, Episode, EpisodeDuration, Place, Side
from relaxapp.core.record import SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.logic.use_cases import UseCases
from relaxapp.storage.backup import take_backup
from relaxapp.storage.exchange import ExchangeError, ImportRefusedError
from relaxapp.storage.exchange_csv import CSV_NAMES
from relaxapp.storage.history import HistoryError, HistoryStore, MergeReport
from tests.helpers.stubs import DictSettings, Heard
from tests.unit.logic.conftest import NOW


def session(days_ago: int) -> SessionRecord:
    started = NOW - timedelta(days=days_ago)
    return SessionRecord("box", RoutineKind.BREATHING, "Box breathing", started, 300, 300, True)


def twitch(note: str = "", hours_ago: int = 3) -> Episode:
    return Episode(
        NOW - timedelta(hours=hours_ago), Side.LEFT, (Place.EYELID,), 4, EpisodeDuration.SECONDS, note
    )


@pytest.fixture
def floor(store: HistoryStore, shipped: Catalog, tmp_path: Path) -> UseCases:
    return UseCases.build(
        store, DictSettings(), shipped.routines, now=lambda: NOW, backups_dir=tmp_path / "backups"
    )


@pytest.fixture
def filled(store: HistoryStore) -> HistoryStore:
    store.merge([session(0), session(1)], [twitch("after coffee")], [CheckIn(NOW.date(), sleep_hours=6.5)])
    return store


def test_json_exported_then_imported_into_a_fresh_history_adds_nothing_twice(
    floor: UseCases, filled: HistoryStore, shipped: Catalog, tmp_path: Path
):
    exported = floor.history_files.export_json(tmp_path / "out.json")
    assert (exported.sessions, exported.episodes, exported.check_ins) == (2, 1, 1)

    fresh = HistoryStore.open(tmp_path / "fresh.sqlite3")
    try:
        other = UseCases.build(fresh, DictSettings(), shipped.routines, now=lambda: NOW)
        heard = Heard().listen(other.events)
        other.history_edits.delete(fresh.add_episode(twitch("mine")))
        assert other.history_edits.undo_stack.can_undo
        report = other.history_files.import_json(tmp_path / "out.json")
        assert (report.added.sessions, report.added.episodes, report.added.check_ins) == (2, 1, 1)
        assert [episode.note for episode in fresh.all_episodes()] == ["after coffee"]
        assert not other.history_edits.undo_stack.can_undo  # an undone delete could bring back a twin
        assert heard.count("history_changed") == 2
        again = other.history_files.import_json(tmp_path / "out.json")
        assert again.added.total == 0 and again.skipped.total == 4
        assert heard.count("history_changed") == 2  # nothing changed
    finally:
        fresh.close()


def test_an_import_read_on_one_thread_is_merged_on_another_and_announced_on_the_history_s(
    floor: UseCases, filled: HistoryStore, shipped: Catalog, tmp_path: Path
):
    floor.history_files.export_json(tmp_path / "out.json")
    fresh = HistoryStore.open(tmp_path / "fresh.sqlite3")
    try:
        other = UseCases.build(fresh, DictSettings(), shipped.routines, now=lambda: NOW)
        heard = Heard().listen(other.events)
        files = other.history_files
        results: list[object] = []

        def apart() -> None:  # what the page's worker thread does
            entries = files.read_import(tmp_path / "out.json", lambda _done: None, lambda: False)
            results.append(files.merge_import_apart(entries, lambda: False))

        worker = threading.Thread(target=apart)
        worker.start()
        worker.join()
        [report] = results
        assert isinstance(report, MergeReport) and report.added.total == 4
        assert heard.count("history_changed") == 0  # not from that thread: the listeners are the window's
        files.announce_import(report)
        assert heard.count("history_changed") == 1 and fresh.count_timeline() == 4
    finally:
        fresh.close()


def test_csv_export_writes_three_spreadsheets(floor: UseCases, filled: HistoryStore, tmp_path: Path):
    report = floor.history_files.export_csv(tmp_path)
    assert report.sessions == 2 and all((tmp_path / name).exists() for name in CSV_NAMES)


def test_a_bad_import_names_the_field_and_changes_nothing(
    floor: UseCases, filled: HistoryStore, tmp_path: Path
):
    bad = tmp_path / "bad.json"
    episode = {"occurred_at": "2026-03-01T10:00:00+00:00", "side": "left", "place": "eyelid",
               "intensity": 14, "duration": "seconds", "note": ""}  # fmt: skip
    bad.write_text(json.dumps({"format": "relaxapp-history", "version": 1, "episodes": [episode]}))
    with pytest.raises(ImportRefusedError) as refused:
        floor.history_files.import_json(bad)
    assert "episodes[0].intensity" in str(refused.value)
    assert len(list(filled.all_episodes())) == 1


def test_an_unreadable_file_or_folder_is_a_clear_error(floor: UseCases, tmp_path: Path):
    with pytest.raises(ExchangeError, match="could not be read"):
        floor.history_files.import_json(tmp_path / "missing.json")
    with pytest.raises(ExchangeError, match="could not be written"):
        floor.history_files.export_json(tmp_path / "missing" / "out.json")


def test_a_backup_is_restored_and_what_came_since_is_kept(
    floor: UseCases, filled: HistoryStore, tmp_path: Path
):
    assert floor.history_files.can_restore and floor.history_files.backups() == []
    assert filled.path is not None
    taken = take_backup(filled.path, tmp_path / "backups", NOW)
    assert floor.history_files.backups() == [taken]
    floor.history_edits.delete(next(filled.all_sessions()))
    filled.add_episode(twitch("after the backup", hours_ago=1))
    heard = Heard().listen(floor.events)

    report = floor.history_files.restore_backup(taken.path)
    assert report.problem is None and report.moved_aside.exists()
    assert filled.count() == 2  # the deleted one is back
    assert [episode.note for episode in filled.all_episodes()].count("after the backup") == 1
    assert not floor.history_edits.undo_stack.can_undo
    assert heard.count("history_changed") == 1


def test_a_backup_that_cannot_be_used_leaves_the_history_as_it_was(
    floor: UseCases, filled: HistoryStore, tmp_path: Path
):
    broken = tmp_path / "backups" / "history-20261125T080000Z.sqlite3"
    broken.parent.mkdir()
    broken.write_bytes(b"not a database" * 100)
    with pytest.raises(
        HistoryError,
        match=re.escape(f"The backup {broken} cannot be read (file is not a database); nothing was changed."),
    ):
        floor.history_files.restore_backup(broken)
    assert filled.count() == 2


def test_a_history_in_memory_keeps_no_backups(shipped: Catalog, tmp_path: Path):
    store = HistoryStore.in_memory()
    floor = UseCases.build(store, DictSettings(), shipped.routines, now=lambda: NOW, backups_dir=tmp_path)
    assert not floor.history_files.can_restore
    with pytest.raises(
        HistoryError, match="Only a history kept in a file that can be written can be restored"
    ):
        floor.history_files.restore_backup(tmp_path / "history-20261125T080000Z.sqlite3")
