from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from contextlib import closing
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from relaxapp.core.journal import CheckIn, Episode, EpisodeDuration, Place, Side
from relaxapp.core.record import NOT_ASKED, SKIPPED, Ratings, Scale, SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.core.stats import DayFacts
from relaxapp.storage.backup import take_backup
from relaxapp.storage.history import (
    SCHEMA_VERSION,
    Counts,
    HistoryDamagedError,
    HistoryError,
    HistoryStore,
    HistoryWriteError,
    InvalidEntryError,
    MergeReport,
    TimelineFilter,
    open_history,
)
from tests.helpers.history import QUICK_BUSY_TIMEOUT_MS, write_locked

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures"


def session(minutes_ago: float = 0, actual: float = 176.0, completed: bool = True) -> SessionRecord:
    return SessionRecord(
        routine_id="box",
        routine_kind=RoutineKind.BREATHING,
        routine_title="Box breathing",
        started_at=datetime(2026, 11, 25, 9, 0, tzinfo=UTC) - timedelta(minutes=minutes_ago),
        planned_seconds=176.0,
        actual_seconds=actual,
        completed=completed,
    )


def test_a_session_survives_closing_and_reopening(tmp_path: Path):
    path = tmp_path / "history.sqlite3"
    store = HistoryStore.open(path)
    store.add_session(session(actual=61.5, completed=False))
    store.close()

    reopened = HistoryStore.open(path)
    [saved] = reopened.newest(10)
    assert saved.id is not None
    assert saved == SessionRecord(
        routine_id="box",
        routine_kind=RoutineKind.BREATHING,
        routine_title="Box breathing",
        started_at=datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
        planned_seconds=176.0,
        actual_seconds=61.5,
        completed=False,
        id=saved.id,
    )
    reopened.close()


def test_newest_pages_come_newest_first(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    for minutes_ago in (30, 10, 20, 0):
        store.add_session(session(minutes_ago))
    assert store.count() == 4
    first = store.newest(2)
    second = store.newest(2, older_than=first[-1])
    ages = [datetime(2026, 11, 25, 9, 0, tzinfo=UTC) - r.started_at for r in first + second]
    assert ages == [timedelta(minutes=m) for m in (0, 10, 20, 30)]


def test_pages_go_on_past_sessions_that_started_at_the_same_moment(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    for _ in range(5):
        store.add_session(session(minutes_ago=1))
    seen = []
    page = store.newest(2)
    while page:
        seen += page
        page = store.newest(2, older_than=page[-1])
    assert len({record.id for record in seen}) == 5


def test_an_unreadable_row_is_left_out_and_the_rest_shown(tmp_path: Path, caplog):
    path = tmp_path / "h.sqlite3"
    store = HistoryStore.open(path)
    store.add_session(session(minutes_ago=2))
    store.add_session(session(minutes_ago=0))
    with sqlite3.connect(path) as raw:
        raw.execute(
            "INSERT INTO sessions (routine_id, routine_kind, routine_title, started_at, planned_seconds,"
            " actual_seconds, completed)"
            " VALUES ('x', 'yodel', 'X', '2026-11-25T08:59:00.000+00:00', 60, 60, 1)"
        )
    assert [r.started_at.minute for r in store.newest(10)] == [0, 58]
    assert "unreadable" in caplog.text
    assert store.count() == 3  # nothing was deleted


def test_the_file_uses_wal_and_knows_its_schema_version(tmp_path: Path):
    path = tmp_path / "h.sqlite3"
    HistoryStore.open(path).close()
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert raw.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION


def test_a_file_from_schema_1_opens_after_migration(tmp_path: Path):
    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURES / "history_v1.sqlite3", path)
    store = HistoryStore.open(path)
    assert store.schema_version == SCHEMA_VERSION
    titles = [(r.routine_title, r.completed, r.actual_seconds) for r in store.newest(10)]
    assert titles == [("4-7-8 breathing", False, 41.5), ("Box breathing", True, 176.0)]
    store.add_session(session())
    assert store.count() == 3
    indexes = [row[1] for row in sqlite3.connect(path).execute("PRAGMA index_list(sessions)")]
    assert "sessions_by_start" in indexes


def test_a_file_from_a_newer_version_is_refused_and_left_alone(tmp_path: Path):
    path = tmp_path / "future.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute("CREATE TABLE something_new (x)")
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 5}")
    raw.commit()
    raw.close()
    before = path.read_bytes()
    with pytest.raises(HistoryError, match="newer version of relaxapp"):
        HistoryStore.open(path)
    assert path.read_bytes() == before


def test_a_damaged_file_is_named_in_a_plain_message_and_kept(tmp_path: Path):
    path = tmp_path / "damaged.sqlite3"
    path.write_bytes(b"this is not a database at all" * 100)
    with pytest.raises(HistoryError, match=f"The history file {path} is damaged"):
        HistoryStore.open(path)
    assert path.read_bytes() == b"this is not a database at all" * 100


def test_a_folder_that_cannot_be_created_is_named(tmp_path: Path):
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("")
    with pytest.raises(HistoryError, match="could not be opened"):
        HistoryStore.open(blocker / "history.sqlite3")


@pytest.mark.allow_logged_errors
def test_a_failed_write_keeps_the_session_and_saves_it_with_the_next(tmp_path: Path):
    path = tmp_path / "h.sqlite3"
    store = HistoryStore.open(path, busy_timeout_ms=QUICK_BUSY_TIMEOUT_MS)
    # Another program holds the write lock: the kind of failure a full or busy disk gives.
    with write_locked(path):
        with pytest.raises(HistoryWriteError, match="It is kept and will be saved with your next change"):
            store.add_session(session(minutes_ago=5))
        assert len(store.unsaved) == 1
    store.add_session(session())
    assert store.unsaved == ()
    assert store.count() == 2


@pytest.mark.allow_logged_errors
def test_a_write_waits_only_the_busy_timeout_it_was_opened_with(tmp_path: Path):
    path = tmp_path / "h.sqlite3"
    store = HistoryStore.open(path, busy_timeout_ms=QUICK_BUSY_TIMEOUT_MS)
    with write_locked(path):
        started = time.monotonic()
        with pytest.raises(HistoryWriteError, match="could not be saved"):
            store.add_session(session())
        waited = time.monotonic() - started
    assert waited < 0.5  # the app's default would wait 3 s
    store.close()


def test_the_in_memory_fallback_works_like_the_file(tmp_path: Path):
    store = HistoryStore.in_memory()
    store.add_session(session())
    assert store.count() == 1
    assert store.location == "memory"


@pytest.mark.allow_logged_errors
def test_a_file_that_cannot_be_written_still_shows_past_sessions(tmp_path: Path):
    path = tmp_path / "h.sqlite3"
    store = HistoryStore.open(path)
    store.add_session(session(minutes_ago=5))
    store.close()
    (tmp_path / "h.sqlite3-shm").unlink(missing_ok=True)  # as a read-only folder would have it
    read_only = HistoryStore.open_read_only(path)
    assert [r.actual_seconds for r in read_only.newest(10)] == [176.0]
    assert not read_only.is_persistent
    with pytest.raises(HistoryWriteError, match="cannot be written"):
        read_only.add_session(session())
    assert len(read_only.unsaved) == 1
    assert HistoryStore.open(path).count() == 1  # nothing was written through it


def test_a_file_read_only_shows_what_a_running_app_keeps_in_its_wal(tmp_path: Path):
    # A report made while relaxapp is open: the app's latest entries are in the -wal until a checkpoint.
    path = tmp_path / "h.sqlite3"
    writer = HistoryStore.open(path)
    writer._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the tables are in the file itself
    writer._db.execute("PRAGMA wal_autocheckpoint = 0")
    for minutes in range(7):
        writer.add_episode(episode(minutes_ago=minutes))
    with closing(sqlite3.connect(f"{path.as_uri()}?immutable=1", uri=True)) as as_checkpointed:
        assert as_checkpointed.execute("SELECT count(*) FROM episodes").fetchone() == (0,)
    reader = HistoryStore.open_read_only(path)
    assert reader.count_timeline() == 7
    reader.close()
    writer.add_episode(episode(minutes_ago=30))  # the app goes on writing while and after it was read
    assert writer.count_timeline() == 8
    writer.close()


@pytest.mark.parametrize("version", range(1, SCHEMA_VERSION))
def test_a_file_of_an_earlier_schema_is_read_only_migrated_in_memory_and_left_as_it_was(
    tmp_path: Path, version: int
):
    path = tmp_path / "old.sqlite3"
    shutil.copy(FIXTURES / f"history_v{version}.sqlite3", path)
    before = path.read_bytes()
    read_only = HistoryStore.open_read_only(path)
    migrated = open_fixture(tmp_path, version)
    assert read_only.schema_version == SCHEMA_VERSION
    assert read_only.count_timeline() == migrated.count_timeline() > 0
    assert list(read_only.all_check_ins()) == list(migrated.all_check_ins())
    assert not read_only.is_persistent
    read_only.close()
    assert path.read_bytes() == before


def test_a_file_of_a_newer_schema_is_refused_read_only_as_newer(tmp_path: Path):
    path = tmp_path / "future.sqlite3"
    with closing(sqlite3.connect(path)) as raw:
        raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
        raw.commit()
    with pytest.raises(HistoryError, match="written by a newer version of relaxapp"):
        HistoryStore.open_read_only(path)


# -- schema versions ----------------------------------------------------------------------------------


def test_every_earlier_schema_has_a_fixture():
    assert sorted(p.name for p in FIXTURES.glob("history_v*.sqlite3")) == [
        f"history_v{n}.sqlite3" for n in range(1, SCHEMA_VERSION)
    ]


def open_fixture(tmp_path: Path, version: int) -> HistoryStore:
    path = tmp_path / f"v{version}.sqlite3"
    shutil.copy(FIXTURES / f"history_v{version}.sqlite3", path)
    store = HistoryStore.open(path)
    assert store.schema_version == SCHEMA_VERSION
    return store


def test_a_file_from_schema_2_keeps_its_sessions_as_never_asked_for_ratings(tmp_path: Path):
    store = open_fixture(tmp_path, 2)
    saved = store.newest(10)
    assert [(r.routine_id, r.routine_kind, r.actual_seconds, r.completed) for r in saved] == [
        ("face_massage", RoutineKind.MASSAGE, 300.0, True),
        ("pmr_short", RoutineKind.PMR, 312.5, False),
        ("box", RoutineKind.BREATHING, 176.0, True),
    ]
    assert {r.ratings for r in saved} == {NOT_ASKED}
    assert saved[1].started_at == datetime(2026, 11, 23, 20, 5, 30, 250000, tzinfo=UTC)
    store.add_episode(episode())
    store.save_check_in(CheckIn(date(2026, 11, 25), caffeine_drinks=2))
    assert store.count_timeline() == 5  # the check-in is in the timeline too


def test_a_file_from_schema_3_keeps_its_ratings_and_skips(tmp_path: Path):
    store = open_fixture(tmp_path, 3)
    rated, partly = store.newest(10)[::-1]
    assert rated.ratings == Ratings(tension_before=7, twitch_before=4, tension_after=3, twitch_after=2)
    assert partly.ratings == Ratings(SKIPPED, 5, SKIPPED, SKIPPED)
    assert store.timeline(10, only=TimelineFilter(sessions=False)) == []


def test_a_file_from_schema_4_keeps_its_episodes(tmp_path: Path):
    store = open_fixture(tmp_path, 4)
    episodes = store.timeline(10, only=TimelineFilter(sessions=False))
    assert [(e.places, e.intensity, e.note) for e in episodes if isinstance(e, Episode)] == [
        ((Place.CHEEK,), 8, "after a long call"),
        ((Place.EYELID,), 4, ""),
    ]
    assert store.check_in(date(2026, 12, 3)) is None
    store.save_check_in(CheckIn(date(2026, 12, 3), stress=3))
    assert store.check_in(date(2026, 12, 3)) == CheckIn(date(2026, 12, 3), stress=3)


def test_a_file_from_schema_5_keeps_every_row_and_leaves_the_eye_triggers_unasked(tmp_path: Path):
    store = open_fixture(tmp_path, 5)
    assert list(store.all_check_ins()) == [
        CheckIn(date(2026, 12, 1), 6.5, 3, 7, 5, "deadline week"),
        CheckIn(date(2026, 12, 2), caffeine_drinks=0),
        CheckIn(date(2026, 12, 3), sleep_hours=8.0, stress=2, water_glasses=8),
    ]
    # Not recorded is NULL in the file, never a 0 or a "no" nobody said.
    raw = store._db.execute("SELECT alcohol_drinks, screen_hours, dry_eyes FROM check_ins").fetchall()
    assert raw == [(None, None, None)] * 3
    assert len(store.newest(10)) == 2 and store.count_timeline() == 7  # with the 3 check-ins
    later = CheckIn(date(2026, 12, 4), alcohol_drinks=2, screen_hours=9.5, dry_eyes=True)
    store.save_check_in(later)
    assert store.check_in(date(2026, 12, 4)) == later


def test_foreign_keys_are_on_and_synchronous_is_normal(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    assert store._db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    assert store._db.execute("PRAGMA synchronous").fetchone()[0] == 1  # NORMAL


# -- ratings, episodes and check-ins ------------------------------------------------------------------


def episode(minutes_ago: float = 0, **changes: object) -> Episode:
    fields: dict[str, object] = {
        "occurred_at": datetime(2026, 11, 25, 9, 0, tzinfo=UTC) - timedelta(minutes=minutes_ago),
        "side": Side.LEFT,
        "places": (Place.EYELID,),
        "intensity": 4,
        "duration": EpisodeDuration.SECONDS,
    }
    fields.update(changes)
    return Episode(**fields)  # type: ignore[arg-type]


def test_ratings_come_back_as_given_skipped_apart_from_never_asked(tmp_path: Path):
    path = tmp_path / "h.sqlite3"
    store = HistoryStore.open(path)
    given = [
        Ratings(7, 3, 2, 1),
        Ratings(SKIPPED, 0, 10, None),
        NOT_ASKED,
        Ratings(None, SKIPPED, None, SKIPPED),
    ]
    for n, ratings in enumerate(given):
        store.add_session(replace(session(minutes_ago=10 - n), ratings=ratings))
    store.close()
    assert [r.ratings for r in HistoryStore.open(path).newest(10)][::-1] == given


def test_an_invalid_entry_is_refused_and_not_kept(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    with pytest.raises(InvalidEntryError, match=r"intensity: 14 is not from 1 to 10"):
        store.add_episode(episode(intensity=14))
    with pytest.raises(InvalidEntryError, match=r"tension_after: 11 is not from 0 to 10"):
        store.add_session(replace(session(), ratings=Ratings(tension_after=11)))
    assert store.unsaved == ()
    assert store.count_timeline() == 0


def test_an_episode_is_edited_and_the_edit_undone(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    saved = store.add_episode(episode(note="first"))
    assert saved.id is not None
    edited = replace(saved, intensity=9, side=Side.BOTH)
    previous = store.update_episode(edited)
    assert previous == saved
    assert store.timeline(10) == [edited]
    store.update_episode(previous)
    assert store.timeline(10) == [saved]
    with pytest.raises(ValueError, match="only a saved entry"):
        store.update_episode(episode())


def test_a_deleted_entry_comes_back_with_its_id(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    kept = store.add_session(session(minutes_ago=20))
    gone_session = store.add_session(session(minutes_ago=10))
    gone_episode = store.add_episode(episode(minutes_ago=5))
    store.delete_session(gone_session)
    store.delete_episode(gone_episode)
    assert store.timeline(10) == [kept]
    assert store.restore_session(gone_session) == gone_session
    assert store.restore_episode(gone_episode) == gone_episode
    assert store.timeline(10) == [gone_episode, gone_session, kept]


def test_a_restored_entry_whose_id_was_taken_gets_a_new_one(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    gone = store.add_episode(episode(minutes_ago=5))
    store.delete_episode(gone)
    newcomer = store.add_episode(episode(minutes_ago=1))  # SQLite hands out the freed id again
    assert newcomer.id == gone.id
    back = store.restore_episode(gone)
    assert back.id != gone.id and back == replace(gone, id=back.id)
    assert len(store.timeline(10)) == 2


def test_the_check_in_of_a_day_is_replaced_and_yesterdays_gives_the_defaults(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    monday = CheckIn(
        date(2026, 11, 23), sleep_hours=6.5, caffeine_drinks=3, stress=7, water_glasses=5, note="busy"
    )
    assert store.save_check_in(monday) is None
    tuesday = CheckIn(
        date(2026, 11, 24),
        sleep_hours=7.0,
        caffeine_drinks=1,
        alcohol_drinks=0,
        screen_hours=11.5,
        dry_eyes=True,
    )
    store.save_check_in(tuesday)
    again = replace(tuesday, stress=2, dry_eyes=False)
    assert store.save_check_in(again) == tuesday
    assert store.check_in(date(2026, 11, 24)) == again
    assert store.latest_check_in_before(date(2026, 11, 25)) == again
    assert store.latest_check_in_before(date(2026, 11, 24)) == monday
    assert store.latest_check_in_before(date(2026, 11, 23)) is None
    assert store.delete_check_in(date(2026, 11, 24)) == again
    assert store.check_in(date(2026, 11, 24)) is None


# -- the timeline -------------------------------------------------------------------------------------


def all_pages(store: HistoryStore, size: int, **options: object) -> list[object]:
    seen: list[object] = []
    page = store.timeline(size, **options)  # type: ignore[arg-type]
    while page:
        seen += page
        page = store.timeline(size, page[-1], **options)  # type: ignore[arg-type]
    return seen


def test_the_timeline_pages_sessions_and_episodes_together(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    entries = []
    for minutes_ago in (50, 40, 30, 20, 10, 0):
        entries.append(store.add_session(session(minutes_ago)))
        entries.append(store.add_episode(episode(minutes_ago + 5)))
    # Three at one moment, of both kinds: the cursor must neither repeat nor skip them.
    entries.append(store.add_session(session(minutes_ago=25)))
    entries.append(store.add_episode(episode(minutes_ago=25)))
    entries.append(store.add_episode(episode(minutes_ago=25, places=(Place.MOUTH,))))
    newest_first = all_pages(store, 2)
    assert len(newest_first) == len(entries) == 15
    moments = [e.started_at if isinstance(e, SessionRecord) else e.occurred_at for e in newest_first]
    assert moments == sorted(moments, reverse=True)
    oldest_first = all_pages(store, 4, newest_first=False)
    assert oldest_first == newest_first[::-1]
    assert store.count_timeline() == 15


def test_the_timeline_filters_by_kind_and_dates(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    box = store.add_session(session(minutes_ago=60))
    pmr = store.add_session(replace(session(minutes_ago=30), routine_kind=RoutineKind.PMR, routine_id="pmr"))
    twitch = store.add_episode(episode(minutes_ago=45))
    assert store.timeline(
        10, only=TimelineFilter(routine_kinds=frozenset({RoutineKind.PMR}), episodes=False)
    ) == [pmr]
    assert store.timeline(10, only=TimelineFilter(sessions=False)) == [twitch]
    window = TimelineFilter(
        since=datetime(2026, 11, 25, 8, 15, tzinfo=UTC), until=datetime(2026, 11, 25, 8, 30, tzinfo=UTC)
    )
    assert store.timeline(10, only=window) == [twitch]
    assert store.timeline(10, only=replace(window, until=None)) == [pmr, twitch]
    assert store.count_timeline(TimelineFilter(routine_kinds=frozenset({RoutineKind.BREATHING}))) == 2
    assert box in store.timeline(10)


def test_a_page_of_the_timeline_reads_no_more_rows_than_it_shows(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    for n in range(300):
        store.add_session(session(minutes_ago=n))
    plan = store._db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM sessions WHERE (started_at, id) < (?, ?)"
        " ORDER BY started_at DESC, id DESC LIMIT 20",
        ("2026-11-25", 5),
    ).fetchall()
    assert "USING INDEX sessions_by_start" in str(plan) or "USING COVERING INDEX" in str(plan)
    assert "TEMP B-TREE" not in str(plan)  # no sort of every row


# -- calendar and insights ----------------------------------------------------------------------------


@pytest.fixture
def berlin(monkeypatch: pytest.MonkeyPatch):
    """Local time is Europe/Berlin for the C library (SQLite's 'localtime') and Python alike."""
    monkeypatch.setenv("TZ", "Europe/Berlin")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def test_minutes_by_day_count_on_the_local_day_across_the_clock_change(tmp_path: Path, berlin):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    # 28 March 23:30 UTC is already 29 March in Berlin (00:30 CET); that day clocks went forward at 02:00.
    for started, seconds in [
        (datetime(2026, 3, 28, 22, 30, tzinfo=UTC), 600),  # 23:30 on the 28th, local
        (datetime(2026, 3, 28, 23, 30, tzinfo=UTC), 300),  # 00:30 on the 29th
        (datetime(2026, 3, 29, 21, 59, tzinfo=UTC), 120),  # 23:59 CEST on the 29th
        (datetime(2026, 3, 29, 22, 0, tzinfo=UTC), 60),  # 00:00 on the 30th
    ]:
        store.add_session(replace(session(), started_at=started, actual_seconds=seconds))
    assert store.minutes_by_day(date(2026, 3, 28), date(2026, 3, 30)) == {
        date(2026, 3, 28): 10.0,
        date(2026, 3, 29): 7.0,
        date(2026, 3, 30): 1.0,
    }
    assert store.minutes_by_day(date(2026, 3, 29), date(2026, 3, 29)) == {date(2026, 3, 29): 7.0}
    assert store.practice_days() == {date(2026, 3, 28), date(2026, 3, 29), date(2026, 3, 30)}


def test_day_facts_hold_every_day_of_the_range(tmp_path: Path, berlin):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    store.add_session(
        replace(session(), started_at=datetime(2026, 11, 24, 8, 0, tzinfo=UTC), actual_seconds=900)
    )
    for minutes_ago in (0, 60):
        store.add_episode(
            replace(
                episode(),
                occurred_at=datetime(2026, 11, 24, 12, 0, tzinfo=UTC) - timedelta(minutes=minutes_ago),
            )
        )
    check_in = CheckIn(date(2026, 11, 24), caffeine_drinks=4)
    store.save_check_in(check_in)
    assert store.day_facts(date(2026, 11, 23), date(2026, 11, 25)) == [
        DayFacts(date(2026, 11, 23), 0.0, 0, None),
        DayFacts(date(2026, 11, 24), 15.0, 2, check_in),
        DayFacts(date(2026, 11, 25), 0.0, 0, None),
    ]


def test_rating_changes_come_only_from_sessions_rated_at_both_ends(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    store.add_session(replace(session(minutes_ago=4), ratings=Ratings(7, 5, 3, 5)))
    store.add_session(replace(session(minutes_ago=3), ratings=Ratings(7, 1, 3, 2)))
    store.add_session(replace(session(minutes_ago=2), ratings=Ratings(6, SKIPPED, SKIPPED, 2)))
    store.add_session(
        replace(session(minutes_ago=1), routine_kind=RoutineKind.PMR, ratings=Ratings(8, 4, 2, 1))
    )
    assert sorted(store.rating_changes(Scale.TENSION)) == [
        (RoutineKind.BREATHING, 7, 3, 2),
        (RoutineKind.PMR, 8, 2, 1),
    ]
    assert sorted(store.rating_changes(Scale.TWITCH)) == [
        (RoutineKind.BREATHING, 1, 2, 1),
        (RoutineKind.BREATHING, 5, 5, 1),
        (RoutineKind.PMR, 4, 1, 1),
    ]
    since = datetime(2026, 11, 25, 8, 59, tzinfo=UTC)
    assert store.rating_changes(Scale.TENSION, since=since) == [(RoutineKind.PMR, 8, 2, 1)]


# -- nothing entered is lost --------------------------------------------------------------------------


@pytest.mark.allow_logged_errors
def test_every_kind_of_entry_is_kept_in_order_while_the_file_is_busy(tmp_path: Path):
    path = tmp_path / "h.sqlite3"
    store = HistoryStore.open(path, busy_timeout_ms=QUICK_BUSY_TIMEOUT_MS)
    old = store.add_episode(episode(minutes_ago=30))
    twitch = episode(minutes_ago=1, note="kept")
    check_in = CheckIn(date(2026, 11, 25), stress=6)
    with write_locked(path):
        with pytest.raises(HistoryWriteError, match="Your episode could not be saved"):
            store.add_episode(twitch)
        with pytest.raises(HistoryWriteError, match="Your check-in could not be saved"):
            store.save_check_in(check_in)
        with pytest.raises(HistoryWriteError, match="Your change could not be saved"):
            store.delete_episode(old)
        assert store.unsaved == (twitch, check_in, old)
        assert not store.retry_unsaved()
    assert store.retry_unsaved()
    assert store.unsaved == ()
    assert [e.note for e in store.timeline(10) if isinstance(e, Episode)] == ["kept"]
    assert store.check_in(date(2026, 11, 25)) == check_in


@pytest.mark.allow_logged_errors
def test_an_unsaved_entry_deleted_before_it_was_written_is_forgotten(tmp_path: Path):
    path = tmp_path / "h.sqlite3"
    store = HistoryStore.open(path, busy_timeout_ms=QUICK_BUSY_TIMEOUT_MS)
    twitch = episode()
    with write_locked(path):
        with pytest.raises(HistoryWriteError):
            store.add_episode(twitch)
        store.delete_episode(twitch)
        assert store.unsaved == ()


FULL_DISK = """
import resource, signal, sys
from datetime import UTC, datetime
from pathlib import Path
from relaxapp.core.journal import Episode, EpisodeDuration, Place, Side
from relaxapp.storage.history import HistoryStore, HistoryWriteError
# Past the limit a write fails with EFBIG, as on a full disk, once the signal that kills is ignored.
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
store = HistoryStore.open(Path(sys.argv[1]))
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, hard))
notes = []
for n in range(1000):
    twitch = Episode(datetime(2026, 11, 25, 9, 0, n % 60, tzinfo=UTC), Side.LEFT, (Place.CHEEK,), 5,
                     EpisodeDuration.MINUTES, note=f"{n} " + "x" * 1900)
    try:
        store.add_episode(twitch)
    except HistoryWriteError as error:
        print("failed at", n, "|", error)
        break
kept = len(store.unsaved)
resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))  # space is freed
print("kept", kept, "retried", store.retry_unsaved(), "saved", store.count_timeline(), "tried", n + 1)
"""


@pytest.mark.skipif(not hasattr(os, "fork"), reason="file size limits are a POSIX feature")
def test_a_full_disk_keeps_the_entry_and_saves_it_once_there_is_room(tmp_path: Path):
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(tmp_path / "h.sqlite3")],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    failed, summary = result.stdout.strip().splitlines()
    assert "could not be saved" in failed and "It is kept" in failed
    assert "database or disk is full" in failed or "disk I/O error" in failed
    kept, tried = int(summary.split()[1]), int(summary.split()[-1])
    assert kept == 1
    assert summary == f"kept 1 retried True saved {tried} tried {tried}"


# -- start-up: damaged files and backups --------------------------------------------------------------

NOW = datetime(2026, 11, 25, 21, 0, tzinfo=UTC)


def filled_history(path: Path, sessions: int = 400) -> None:
    store = HistoryStore.open(path)
    store.merge(
        [session(minutes_ago=n) for n in range(sessions)], [episode(minutes_ago=n) for n in range(50)], []
    )
    store.close()


def damage_pages(path: Path) -> None:
    """Write garbage over pages in the middle of a real database, as a failing disk would."""
    page_size = 4096
    data = bytearray(path.read_bytes())
    assert len(data) > 8 * page_size
    for page in (3, 5, 6):
        data[page * page_size : page * page_size + 600] = bytes(range(200)) * 3
    path.write_bytes(bytes(data))


def test_quick_check_finds_damaged_pages_and_open_refuses_the_file(tmp_path: Path):
    path = tmp_path / "history.sqlite3"
    filled_history(path)
    damage_pages(path)
    before = path.read_bytes()
    with pytest.raises(HistoryDamagedError, match="is damaged"):
        HistoryStore.open(path)
    assert path.read_bytes() == before


@pytest.mark.allow_logged_errors
def test_a_damaged_file_is_moved_aside_and_a_new_history_started_with_the_backup_offered(tmp_path: Path):
    path = tmp_path / "history.sqlite3"
    filled_history(path)
    backup = take_backup(path, tmp_path / "backups", NOW - timedelta(days=1))
    damage_pages(path)
    damaged = path.read_bytes()
    result = open_history(path, tmp_path / "backups", NOW)
    assert result.moved_aside is not None
    assert result.moved_aside.parent == tmp_path
    assert result.moved_aside.name.startswith("history.damaged-") and result.moved_aside.suffix == ".sqlite3"
    assert result.moved_aside.read_bytes() == damaged  # kept as it was, for recovery
    # What could still be read was carried over; the damaged pages' entries wait in the backup.
    carried = result.store.count_timeline()
    assert 0 < carried < 450 and result.store.is_persistent
    assert result.backup == backup
    assert result.problem is not None
    assert "was damaged" in result.problem and result.moved_aside.name in result.problem
    assert f"with the {carried} entries it could still read" in result.problem
    assert "Your latest backup, from" in result.problem and "nothing was deleted" in result.problem
    # The app keeps working: a new entry, then the backup brought back with that entry kept.
    result.store.add_episode(episode(minutes_ago=-60, note="after the damage"))
    report = result.store.restore_backup(backup.path, NOW + timedelta(minutes=5))
    assert report.carried_over is not None and report.carried_over.added.episodes == 1
    assert report.moved_aside.name.startswith("history.replaced-")
    assert result.store.count() == 400
    assert result.store.count_timeline() == 451
    assert result.store.timeline(1)[0] == replace(episode(minutes_ago=-60, note="after the damage"), id=51)
    result.store.close()
    assert HistoryStore.open(path).count_timeline() == 451


@pytest.mark.allow_logged_errors
def test_a_damaged_file_from_before_the_eye_triggers_still_gives_its_check_ins(tmp_path: Path):
    path = tmp_path / "history.sqlite3"
    shutil.copy(FIXTURES / "history_v5.sqlite3", path)
    damage_pages(path)  # two indexes and the episodes; the sessions and check-ins are still whole
    result = open_history(path, tmp_path / "backups", NOW)
    assert result.moved_aside is not None
    assert [c.day for c in result.store.all_check_ins()] == [date(2026, 12, d) for d in (1, 2, 3)]
    assert {(c.alcohol_drinks, c.screen_hours, c.dry_eyes) for c in result.store.all_check_ins()} == {
        (None, None, None)
    }


@pytest.mark.allow_logged_errors
def test_a_file_that_is_not_a_database_is_moved_aside_without_overwriting_another(tmp_path: Path):
    path = tmp_path / "history.sqlite3"
    # Another set-aside file of the same second already exists: it must not be overwritten.
    taken = tmp_path / f"history.damaged-{NOW.astimezone():%Y%m%d-%H%M%S}.sqlite3"
    taken.write_bytes(b"an earlier one")
    path.write_bytes(b"this is not a database at all" * 100)
    Path(f"{path}-wal").write_bytes(b"its wal")
    result = open_history(path, tmp_path / "no-backups", NOW)
    assert result.moved_aside == taken.with_name(taken.stem + "-2.sqlite3")
    assert result.moved_aside.read_bytes() == b"this is not a database at all" * 100
    assert Path(f"{result.moved_aside}-wal").read_bytes() == b"its wal"
    assert taken.read_bytes() == b"an earlier one"
    assert result.backup is None
    assert result.problem is not None and "There is no backup to bring back" in result.problem
    result.store.add_session(session())
    assert result.store.count() == 1


@pytest.mark.allow_logged_errors
def test_open_history_leaves_a_newer_file_alone_and_keeps_entries_in_memory(tmp_path: Path):
    path = tmp_path / "future.sqlite3"
    raw = sqlite3.connect(path)
    raw.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    raw.close()
    before = path.read_bytes()
    result = open_history(path, tmp_path / "backups", NOW)
    assert result.store.location == "memory"
    assert result.problem is not None and "newer version of relaxapp" in result.problem
    assert result.moved_aside is None
    assert path.read_bytes() == before


def test_open_history_of_a_healthy_file_says_nothing(tmp_path: Path):
    result = open_history(tmp_path / "history.sqlite3", tmp_path / "backups", NOW)
    assert (result.problem, result.moved_aside, result.backup) == (None, None, None)
    assert result.store.is_persistent


def test_restoring_without_keeping_the_current_entries_gives_the_backup_alone(tmp_path: Path):
    path = tmp_path / "history.sqlite3"
    filled_history(path, sessions=10)
    backup = take_backup(path, tmp_path / "backups", NOW)
    store = HistoryStore.open(path)
    store.add_session(session(minutes_ago=-5))
    report = store.restore_backup(backup.path, NOW, keep_current=False)
    assert report.carried_over is None
    assert store.count() == 10
    assert HistoryStore.open(report.moved_aside).count() == 11  # the replaced file, whole


def test_a_damaged_backup_is_not_restored(tmp_path: Path):
    path = tmp_path / "history.sqlite3"
    filled_history(path)
    bad = tmp_path / "bad.sqlite3"
    shutil.copy(path, bad)
    damage_pages(bad)
    store = HistoryStore.open(path)
    with pytest.raises(HistoryError, match=r"is damaged.*nothing was changed"):
        store.restore_backup(bad, NOW)
    assert store.count() == 400
    assert sorted(p.name for p in tmp_path.iterdir() if "replaced" in p.name) == []


# -- merging ------------------------------------------------------------------------------------------


def test_merge_adds_only_what_is_new(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    store.add_session(session(minutes_ago=10))
    store.save_check_in(CheckIn(date(2026, 11, 24), stress=5))
    report = store.merge(
        [session(minutes_ago=10), session(minutes_ago=5), session(minutes_ago=5)],
        [episode(), episode(places=(Place.MOUTH,)), episode()],
        [CheckIn(date(2026, 11, 24), stress=9), CheckIn(date(2026, 11, 25))],
    )
    assert report == MergeReport(added=Counts(1, 2, 1), skipped=Counts(2, 1, 1))
    assert store.check_in(date(2026, 11, 24)) == CheckIn(
        date(2026, 11, 24), stress=5
    )  # the history's is kept
    assert store.count_timeline() == 6  # 2 sessions, 2 episodes and the 2 days' check-ins


def test_the_average_change_reads_a_covering_index_not_every_session(tmp_path: Path):
    store = open_fixture(tmp_path, 2)
    for scale in Scale:
        plan = str(
            store._db.execute(
                f"EXPLAIN QUERY PLAN SELECT routine_kind, {scale}_before, {scale}_after, count(*)"
                " FROM sessions"
                f" WHERE {scale}_before IS NOT NULL AND {scale}_after IS NOT NULL GROUP BY 1, 2, 3"
            ).fetchall()
        )
        assert f"USING COVERING INDEX sessions_{scale}_rated" in plan and "TEMP B-TREE" not in plan


def test_a_session_is_found_by_when_it_started_and_what_it_was(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    waiting = session(minutes_ago=3)
    assert store.saved_session(waiting) is None
    saved = store.add_session(waiting)
    assert store.saved_session(waiting) == saved and saved.id is not None
    assert store.saved_session(session(minutes_ago=4)) is None
    store.close()


def test_a_merge_apart_runs_on_another_thread_and_a_cancel_adds_nothing(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "h.sqlite3")
    store.add_session(session(minutes_ago=1))
    sessions = [session(minutes_ago=n) for n in range(1, 3001)]
    results: list[MergeReport | None] = []

    def merge(cancelled: bool) -> None:
        results.append(store.merge_apart(sessions, [], [], lambda: cancelled))

    for cancelled in (True, False):
        worker = threading.Thread(target=merge, args=(cancelled,))  # the store's own connection stays here
        worker.start()
        worker.join()
    assert results == [None, MergeReport(Counts(2999, 0, 0), Counts(1, 0, 0))]
    assert store.count() == 3000  # seen at once through the store's own connection
    store.add_session(session(minutes_ago=-1))
    assert store.count() == 3001
    store.close()


def test_only_a_history_on_a_writable_file_merges_apart(tmp_path: Path):
    assert HistoryStore.open(tmp_path / "h.sqlite3").merges_apart
    assert not HistoryStore.in_memory().merges_apart
