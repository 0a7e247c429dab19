from __future__ import annotations

import csv
import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from relaxapp.core.journal import CheckIn, Episode, EpisodeDuration, Place, Side
from relaxapp.core.record import SKIPPED, Ratings, SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.storage.exchange import (
    CSV_NAMES,
    ExchangeError,
    ImportRefusedError,
    export_csv,
    export_json,
    import_json,
)
from relaxapp.storage.history import Counts, HistoryStore, MergeReport

NOW = datetime(2026, 11, 25, 21, 0, tzinfo=UTC)


def filled(path: Path) -> HistoryStore:
    store = HistoryStore.open(path)
    start = datetime(2026, 11, 20, 7, 0, tzinfo=UTC)
    store.add_session(
        SessionRecord(
            "box",
            RoutineKind.BREATHING,
            "Box breathing",
            start,
            176.0,
            176.0,
            True,
            ratings=Ratings(7, 3, 2, 1),
        )
    )
    store.add_session(
        SessionRecord(
            "pmr",
            RoutineKind.PMR,
            "Muscle relaxation",
            start + timedelta(days=1, milliseconds=250),
            600.0,
            312.5,
            False,
            ratings=Ratings(SKIPPED, None, 4, SKIPPED),
        )
    )
    store.add_episode(
        Episode(start + timedelta(hours=3), Side.LEFT, Place.EYELID, 4, EpisodeDuration.SECONDS)
    )
    store.add_episode(
        Episode(
            start + timedelta(hours=30),
            Side.BOTH,
            Place.OTHER,
            9,
            EpisodeDuration.HOURS,
            note='=1+2, "jaw"\nä',
        )
    )
    store.save_check_in(CheckIn(date(2026, 11, 20), 6.5, 3, 7, 5, "long day"))
    store.save_check_in(CheckIn(date(2026, 11, 21), caffeine_drinks=0))
    return store


def everything(store: HistoryStore) -> tuple[list[object], list[object], list[object]]:
    def without_id(entry: object) -> object:
        return {**vars(entry), "id": None} if hasattr(entry, "id") else entry

    return (
        [without_id(s) for s in store.all_sessions()],
        [without_id(e) for e in store.all_episodes()],
        list(store.all_check_ins()),
    )


def test_json_round_trip_gives_an_identical_history(tmp_path: Path):
    source = filled(tmp_path / "a.sqlite3")
    report = export_json(source, tmp_path / "export.json", NOW)
    assert (report.sessions, report.episodes, report.check_ins) == (2, 2, 2)
    document = json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == ("relaxapp-history", 1)
    assert document["sessions"][1]["tension_before"] == "skipped"
    assert document["sessions"][1]["twitch_before"] is None

    target = HistoryStore.open(tmp_path / "b.sqlite3")
    assert import_json(target, tmp_path / "export.json") == MergeReport(Counts(2, 2, 2), Counts(0, 0, 0))
    assert everything(target) == everything(source)


def test_importing_the_same_file_twice_adds_nothing_the_second_time(tmp_path: Path):
    store = filled(tmp_path / "a.sqlite3")
    export_json(store, tmp_path / "export.json", NOW)
    assert import_json(store, tmp_path / "export.json") == MergeReport(Counts(0, 0, 0), Counts(2, 2, 2))
    assert store.count_timeline() == 4


def write(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document), encoding="utf-8")
    return path


def valid_document(tmp_path: Path) -> dict[str, object]:
    export_json(filled(tmp_path / "source.sqlite3"), tmp_path / "export.json", NOW)
    return json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))


def test_a_bad_field_refuses_the_whole_file_naming_entry_and_field(tmp_path: Path):
    document = valid_document(tmp_path)
    document["episodes"][1]["intensity"] = 14  # type: ignore[index]
    document["sessions"][0]["tension_after"] = "low"  # type: ignore[index]
    document["check_ins"][0]["day"] = "2026-13-01"  # type: ignore[index]
    document["episodes"][0]["occurred_at"] = "2026-11-20 10:00"  # type: ignore[index]
    store = HistoryStore.open(tmp_path / "target.sqlite3")
    with pytest.raises(ImportRefusedError) as refused:
        import_json(store, write(tmp_path / "bad.json", document))
    assert refused.value.problems == (
        "sessions[0].tension_after: 'low' is not a whole number from 0 to 10, \"skipped\" or null",
        "episodes[0].occurred_at: '2026-11-20 10:00' is not a date and time with its offset from UTC",
        "episodes[1].intensity: 14 is not from 1 to 10",
        "check_ins[0].day: '2026-13-01' is not a date written YYYY-MM-DD",
    )
    assert str(refused.value).startswith(
        "bad.json was not imported, and nothing in it was: sessions[0].tension_after"
    )
    assert store.count_timeline() == 0 and store.check_in(date(2026, 11, 21)) is None


def test_missing_and_unknown_fields_are_named(tmp_path: Path):
    document = valid_document(tmp_path)
    del document["sessions"][0]["routine_id"]  # type: ignore[index]
    document["episodes"][0]["intensty"] = 3  # type: ignore[index]
    document["episodes"][1]["side"] = "up"  # type: ignore[index]
    document["check_ins"].append("yesterday")  # type: ignore[attr-defined]
    with pytest.raises(ImportRefusedError) as refused:
        import_json(HistoryStore.in_memory(), write(tmp_path / "bad.json", document))
    assert refused.value.problems == (
        "sessions[0].routine_id: is missing",
        "episodes[0].intensty: is not a field of this entry",
        "episodes[1].side: 'up' is not one of left, right, both",
        "check_ins[2]: 'yesterday' is not an entry (an object with fields)",
    )


def test_a_file_that_is_not_json_is_refused_with_its_line(tmp_path: Path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "relaxapp-history",\n "version": 1\n "sessions": []}', encoding="utf-8")
    with pytest.raises(ImportRefusedError, match=r"line 3, column 2: Expecting ',' delimiter"):
        import_json(HistoryStore.in_memory(), path)


def test_other_files_and_newer_versions_are_refused(tmp_path: Path):
    store = HistoryStore.in_memory()
    with pytest.raises(ImportRefusedError, match='format: None is not "relaxapp-history"'):
        import_json(store, write(tmp_path / "a.json", {"sessions": []}))
    with pytest.raises(ImportRefusedError, match="written by a newer relaxapp"):
        import_json(store, write(tmp_path / "b.json", {"format": "relaxapp-history", "version": 2}))
    with pytest.raises(ImportRefusedError, match="no object at the top"):
        import_json(store, write(tmp_path / "c.json", [1, 2]))
    with pytest.raises(ExchangeError, match="could not be read"):
        import_json(store, tmp_path / "absent.json")


def test_more_than_a_few_problems_are_counted_not_all_listed(tmp_path: Path):
    episodes = [
        {
            "occurred_at": "2026-11-20T10:00:00+00:00",
            "side": "left",
            "place": "eyelid",
            "intensity": 99,
            "duration": "seconds",
        }
    ] * 8
    with pytest.raises(ImportRefusedError, match=r"episodes\[4\].intensity.*\(and 3 more problems\)\.$"):
        import_json(
            HistoryStore.in_memory(),
            write(tmp_path / "a.json", {"format": "relaxapp-history", "version": 1, "episodes": episodes}),
        )


def test_csv_files_open_in_a_spreadsheet_with_local_dates(tmp_path: Path):
    store = filled(tmp_path / "a.sqlite3")
    report = export_csv(store, tmp_path)
    assert report.files == tuple(tmp_path / name for name in CSV_NAMES)
    sessions, episodes, check_ins = (
        list(csv.DictReader(path.open(encoding="utf-8-sig", newline=""))) for path in report.files
    )
    assert tmp_path.joinpath(CSV_NAMES[0]).read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    started = datetime(2026, 11, 20, 7, 0, tzinfo=UTC).astimezone()
    assert sessions[0] | {} == {
        "date": started.date().isoformat(),
        "time": started.strftime("%H:%M"),
        "started_at_utc": "2026-11-20T07:00:00.000+00:00",
        "routine": "Box breathing",
        "routine_kind": "breathing",
        "planned_minutes": "2.93",
        "minutes": "2.93",
        "completed": "yes",
        "tension_before": "7",
        "tension_after": "2",
        "tension_change": "-5",
        "twitch_before": "3",
        "twitch_after": "1",
        "twitch_change": "-2",
    }
    assert [
        sessions[1][k] for k in ("tension_before", "tension_after", "tension_change", "twitch_before")
    ] == ["skipped", "4", "", ""]
    assert episodes[1]["note"] == '\'=1+2, "jaw"\nä'  # a formula in a note stays text
    assert check_ins[1] == {
        "date": "2026-11-21",
        "sleep_hours": "",
        "caffeine_drinks": "0",
        "stress": "",
        "water_glasses": "",
        "note": "",
    }


def test_a_failed_export_leaves_no_partial_file(tmp_path: Path):
    store = filled(tmp_path / "a.sqlite3")
    with pytest.raises(ExchangeError, match="could not be written"):
        export_json(store, tmp_path / "missing-folder" / "export.json", NOW)
    assert not (tmp_path / "missing-folder").exists()
