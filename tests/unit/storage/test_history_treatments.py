"""Schema 7: several places a twitch, treatments and warning-signs answers, from the file to an export."""

from __future__ import annotations

import json
import shutil
import sqlite3
from contextlib import closing
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest

from relaxapp.core.journal import (
    CheckIn,
    Episode,
    EpisodeDuration,
    Place,
    SafetyCheck,
    Side,
    Treatment,
    TreatmentKind,
)
from relaxapp.core.urgency import Urgency
from relaxapp.storage.backup import take_backup
from relaxapp.storage.exchange import export_json, import_json
from relaxapp.storage.history import (
    ONLY_CHECK_INS,
    ONLY_TREATMENTS,
    SCHEMA_VERSION,
    HistoryStore,
    HistoryWriteError,
    InvalidEntryError,
    OpenResult,
    TimelineFilter,
    open_history,
)
from tests.helpers.history import QUICK_BUSY_TIMEOUT_MS, write_locked

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"
DAY = date(2026, 11, 25)
INJECTION = Treatment(
    DAY, TreatmentKind.INJECTION, "Botox", Side.BOTH, (Place.EYELID, Place.BROW), "25 units"
)


def local(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour)).astimezone(UTC)


def test_a_file_from_schema_6_gets_places_treatments_and_answers(tmp_path: Path):
    path = tmp_path / "v6.sqlite3"
    shutil.copy(FIXTURES / "history_v6.sqlite3", path)
    store = HistoryStore.open(path)
    assert store.schema_version == SCHEMA_VERSION == 7
    # Every older episode reads as its one place, and its eye triggers are as they were.
    assert [(e.places, e.note) for e in store.all_episodes()] == [
        ((Place.EYELID,), ""),
        ((Place.CHEEK,), "after a long call"),
    ]
    assert store.check_in(date(2026, 11, 27)) == CheckIn(
        date(2026, 11, 27), 6.0, 2, 5, 4, "long day at the screen", 1, 9.5, True
    )
    assert store.treatments_between(date(1970, 1, 1), date(2100, 12, 31)) == []
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("SELECT DISTINCT places = place FROM episodes").fetchall() == [(1,)]
    saved = store.add_episode(
        Episode(local(DAY, 9), Side.LEFT, (Place.EYELID, Place.CHEEK), 5, EpisodeDuration.SECONDS)
    )
    assert store.episodes_between(DAY, DAY) == [saved]


def test_a_treatment_is_saved_edited_read_by_period_and_deleted():
    store = HistoryStore.in_memory()
    first = store.add_treatment(INJECTION)
    later = store.add_treatment(
        Treatment(DAY + timedelta(days=90), TreatmentKind.INJECTION, "Botox", Side.LEFT, (Place.EYELID,))
    )
    pill = store.add_treatment(
        Treatment(DAY + timedelta(days=10), TreatmentKind.MEDICINE_STARTED, "Clonazepam")
    )
    assert first.id is not None and store.treatments_between(DAY, DAY + timedelta(days=30)) == [first, pill]
    assert store.latest_treatment() == later
    assert store.latest_treatment(TreatmentKind.INJECTION, before=DAY + timedelta(days=90)) == first
    assert store.latest_treatment(TreatmentKind.MEDICINE_STOPPED) is None
    edited = Treatment(
        DAY, TreatmentKind.INJECTION, "Xeomin", Side.BOTH, (Place.EYELID,), "20 units", id=first.id
    )
    assert store.update_treatment(edited) == first
    store.delete_treatment(pill)
    assert store.treatments_between(DAY, DAY + timedelta(days=90)) == [edited, later]
    assert store.restore_treatment(pill) == pill
    with pytest.raises(InvalidEntryError, match="name: is empty"):
        store.add_treatment(Treatment(DAY, TreatmentKind.OTHER))


def test_one_warning_signs_answer_is_kept_a_day_the_latest():
    store = HistoryStore.in_memory()
    morning = store.save_safety_check(SafetyCheck(local(DAY, 8), Urgency.SOON, ("spreading",)))
    evening = store.save_safety_check(SafetyCheck(local(DAY, 20), Urgency.SELF_CARE, ()))
    next_day = store.save_safety_check(
        SafetyCheck(local(DAY + timedelta(days=1), 9), Urgency.TODAY, ("a", "b"))
    )
    assert evening.id == morning.id  # the same day's row, replaced
    assert store.safety_checks_between(DAY, DAY + timedelta(days=1)) == [evening, next_day]
    assert store.safety_checks_between(DAY + timedelta(days=2), DAY + timedelta(days=3)) == []


def test_treatments_and_check_ins_stand_at_the_start_of_their_day_in_the_timeline():
    store = HistoryStore.in_memory()
    twitch = store.add_episode(Episode(local(DAY, 9), Side.LEFT, (Place.EYELID,), 4, EpisodeDuration.SECONDS))
    injection = store.add_treatment(INJECTION)
    check_in = CheckIn(DAY, stress=3, water_glasses=6)
    store.save_check_in(check_in)
    older = store.add_treatment(
        Treatment(DAY - timedelta(days=1), TreatmentKind.MEDICINE_STOPPED, "Baclofen")
    )
    everything = store.timeline(10)
    assert everything == [twitch, check_in, injection, older]
    # A page at a time, each page starting after the last entry of the one before, gives the same.
    paged = [entry for after in [None, *everything[:-1]] for entry in store.timeline(1, after)]
    assert paged == everything
    assert [e for a in [None, *everything[::-1][:-1]] for e in store.timeline(1, a, newest_first=False)] == (
        everything[::-1]
    )
    assert store.timeline(10, only=ONLY_TREATMENTS) == [injection, older]
    assert store.timeline(10, only=ONLY_CHECK_INS) == [check_in]
    assert store.count_timeline() == 4 and store.count_timeline(ONLY_TREATMENTS) == 2
    on_the_day = TimelineFilter(since=local(DAY, 0), until=local(DAY + timedelta(days=1), 0))
    assert store.timeline(10, only=on_the_day) == [twitch, check_in, injection]
    [facts] = store.day_facts(DAY, DAY)
    assert facts.treatments == (injection,) and facts.check_in == check_in


def test_an_export_carries_treatments_answers_and_places_and_imports_whole(tmp_path: Path):
    now = datetime(2026, 12, 1, tzinfo=UTC)
    source = HistoryStore.in_memory()
    source.add_episode(
        Episode(local(DAY, 9), Side.BOTH, (Place.EYELID, Place.MOUTH), 6, EpisodeDuration.MINUTES)
    )
    source.add_treatment(INJECTION)
    source.save_safety_check(SafetyCheck(local(DAY, 8), Urgency.SOON, ("spreading",)))
    report = export_json(source, tmp_path / "out.json", now)
    assert (report.episodes, report.treatments, report.safety_checks) == (1, 1, 1)
    document = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    assert document["treatments"][0]["places"] == ["eyelid", "brow"]
    assert document["episodes"][0]["places"] == ["eyelid", "mouth"]
    target = HistoryStore.in_memory()
    merged = import_json(target, tmp_path / "out.json")
    assert (merged.added.episodes, merged.added.treatments, merged.added.safety_checks) == (1, 1, 1)
    assert import_json(target, tmp_path / "out.json").added.total == 0  # nothing twice
    assert list(target.all_treatments()) == [replace(INJECTION, id=1)]
    assert [a.signs for a in target.all_safety_checks()] == [("spreading",)]
    assert [e.places for e in target.all_episodes()] == [(Place.EYELID, Place.MOUTH)]


def test_a_version_2_export_still_imports_its_one_place(tmp_path: Path):
    old = {
        "format": "relaxapp-history",
        "version": 2,
        "episodes": [
            {"occurred_at": "2026-11-25T09:00:00.000+00:00", "side": "left", "place": "cheek", "intensity": 4,
             "duration": "seconds", "note": ""}
        ],
    }  # fmt: skip
    (tmp_path / "old.json").write_text(json.dumps(old), encoding="utf-8")
    store = HistoryStore.in_memory()
    import_json(store, tmp_path / "old.json")
    assert [e.places for e in store.all_episodes()] == [(Place.CHEEK,)]


def reopened_damaged(store: HistoryStore, path: Path) -> OpenResult:
    """`store` closed, its file made to claim schema 6 while it holds schema 7 (damage), and opened again."""
    store.close()
    with closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA user_version = 6")
        db.commit()
    result = open_history(path, path.parent / "backups", datetime(2026, 12, 1, tzinfo=UTC))
    assert result.moved_aside is not None
    return result


@pytest.mark.allow_logged_errors
def test_a_damaged_file_carries_over_its_treatments_answers_and_places(tmp_path: Path):
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    store.add_episode(
        Episode(local(DAY, 9), Side.LEFT, (Place.EYELID, Place.CHEEK), 5, EpisodeDuration.SECONDS)
    )
    store.add_treatment(INJECTION)
    store.save_safety_check(SafetyCheck(local(DAY, 8), Urgency.SOON, ("spreading",)))
    result = reopened_damaged(store, path)
    assert result.problem is not None and "with the 3 entries it could still read" in result.problem
    assert [t.name for t in result.store.all_treatments()] == ["Botox"]
    assert [a.signs for a in result.store.all_safety_checks()] == [("spreading",)]
    assert [e.places for e in result.store.all_episodes()] == [(Place.EYELID, Place.CHEEK)]


# Two injections the same day, told apart only by where and how much: neither has a product named.
LEFT_EYELID = Treatment(
    DAY, TreatmentKind.INJECTION, side=Side.LEFT, places=(Place.EYELID,), dose="12.5 units"
)
RIGHT_CHEEK = Treatment(DAY, TreatmentKind.INJECTION, side=Side.RIGHT, places=(Place.CHEEK,), dose="10 units")
NO_SIDE = Treatment(DAY, TreatmentKind.MEDICINE_STARTED, "Clonazepam", dose="0.5 mg")


def without_ids(treatments: object) -> list[Treatment]:
    return [replace(treatment, id=None) for treatment in treatments]  # type: ignore[attr-defined]


def test_two_injections_of_one_day_are_both_imported_and_none_twice(tmp_path: Path):
    source = HistoryStore.in_memory()
    for treatment in (LEFT_EYELID, RIGHT_CHEEK, NO_SIDE):
        source.add_treatment(treatment)
    export_json(source, tmp_path / "out.json", datetime(2026, 12, 1, tzinfo=UTC))
    target = HistoryStore.in_memory()
    merged = import_json(target, tmp_path / "out.json")
    assert (merged.added.treatments, merged.skipped.treatments) == (3, 0)
    again = import_json(target, tmp_path / "out.json")  # a treatment without a side is the same one too
    assert (again.added.treatments, again.skipped.treatments) == (0, 3)
    assert without_ids(target.all_treatments()) == [LEFT_EYELID, RIGHT_CHEEK, NO_SIDE]


def test_a_restore_keeping_the_current_entries_keeps_both_injections_of_a_day(tmp_path: Path):
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    store.add_treatment(NO_SIDE)
    backup = take_backup(path, tmp_path / "backups", datetime(2026, 11, 24, tzinfo=UTC))
    store.add_treatment(LEFT_EYELID)
    store.add_treatment(RIGHT_CHEEK)
    report = store.restore_backup(backup.path, datetime(2026, 12, 1, tzinfo=UTC), keep_current=True)
    assert report.carried_over is not None
    assert (report.carried_over.added.treatments, report.carried_over.skipped.treatments) == (2, 1)
    assert without_ids(store.all_treatments()) == [NO_SIDE, LEFT_EYELID, RIGHT_CHEEK]
    store.close()


@pytest.mark.allow_logged_errors
def test_a_damaged_file_carries_over_both_injections_of_a_day_and_its_answer(tmp_path: Path):
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    store.add_treatment(LEFT_EYELID)
    store.add_treatment(RIGHT_CHEEK)
    store.save_safety_check(SafetyCheck(local(DAY, 8), Urgency.SOON, ("spreading",)))
    result = reopened_damaged(store, path)
    assert without_ids(result.store.all_treatments()) == [LEFT_EYELID, RIGHT_CHEEK]
    assert [a.signs for a in result.store.all_safety_checks()] == [("spreading",)]


def test_a_merge_keeps_the_later_warning_signs_answer_of_a_day():
    morning = SafetyCheck(local(DAY, 8), Urgency.SOON, ("spreading",))
    evening = SafetyCheck(local(DAY, 20), Urgency.TODAY, ("spreading", "droop"))
    earlier_in_history = HistoryStore.in_memory()
    earlier_in_history.save_safety_check(morning)
    merged = earlier_in_history.merge([], [], [], safety_checks=[evening])
    assert (merged.added.safety_checks, merged.skipped.safety_checks) == (1, 0)
    assert [replace(a, id=None) for a in earlier_in_history.all_safety_checks()] == [evening]
    later_in_history = HistoryStore.in_memory()
    later_in_history.save_safety_check(evening)
    merged = later_in_history.merge([], [], [], safety_checks=[morning])
    assert (merged.added.safety_checks, merged.skipped.safety_checks) == (0, 1)
    assert [replace(a, id=None) for a in later_in_history.all_safety_checks()] == [evening]
    both_merged = HistoryStore.in_memory()
    both_merged.merge([], [], [], safety_checks=[evening, morning])
    assert [replace(a, id=None) for a in both_merged.all_safety_checks()] == [evening]


def test_a_days_warning_signs_answer_is_taken_back_and_only_that_days(tmp_path: Path):
    store = HistoryStore.in_memory()
    today = store.save_safety_check(SafetyCheck(local(DAY, 8), Urgency.SOON, ("spreading",)))
    next_day = store.save_safety_check(SafetyCheck(local(DAY + timedelta(days=1), 9), Urgency.TODAY, ("a",)))
    assert store.delete_safety_check(DAY) == today
    assert store.delete_safety_check(DAY) is None
    assert list(store.all_safety_checks()) == [next_day]


@pytest.mark.allow_logged_errors
def test_an_answer_still_waiting_to_be_written_is_taken_back_too(tmp_path: Path):
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path, busy_timeout_ms=QUICK_BUSY_TIMEOUT_MS)
    answer = SafetyCheck(local(DAY, 8), Urgency.SOON, ("spreading",))
    with write_locked(path), pytest.raises(HistoryWriteError):
        store.save_safety_check(answer)
    assert store.unsaved == (answer,)
    assert store.delete_safety_check(DAY) == answer
    assert store.unsaved == ()
    assert store.retry_unsaved() and list(store.all_safety_checks()) == []
    store.close()


@pytest.mark.allow_logged_errors
def test_a_damaged_file_carries_over_what_its_wal_held_when_relaxapp_stopped(tmp_path: Path):
    running = tmp_path / "running.sqlite3"
    store = HistoryStore.open(running)
    store._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store._db.execute("PRAGMA wal_autocheckpoint = 0")
    store.add_treatment(LEFT_EYELID)
    store.add_treatment(RIGHT_CHEEK)
    store._db.execute("PRAGMA user_version = 6")  # holds schema 7 but claims 6: damaged, in the WAL too
    path = tmp_path / "history.sqlite3"
    for tail in ("", "-wal"):  # the files as a crash leaves them: the latest changes only in the WAL
        shutil.copyfile(f"{running}{tail}", f"{path}{tail}")
    store.close()
    result = open_history(path, tmp_path / "backups", datetime(2026, 12, 1, tzinfo=UTC))
    assert result.moved_aside is not None
    assert without_ids(result.store.all_treatments()) == [LEFT_EYELID, RIGHT_CHEEK]
