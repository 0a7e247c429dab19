from __future__ import annotations

import csv
import json
import os
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from relaxapp.core.journal import CheckIn, Episode, EpisodeDuration, Place, Side
from relaxapp.core.record import SKIPPED, Ratings, SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.storage.exchange import (
    ExchangeError,
    ImportCancelledError,
    ImportRefusedError,
    export_json,
    import_json,
    read_import,
)
from relaxapp.storage.exchange_csv import CSV_NAMES, export_csv
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
        Episode(start + timedelta(hours=3), Side.LEFT, (Place.EYELID,), 4, EpisodeDuration.SECONDS)
    )
    store.add_episode(
        Episode(
            start + timedelta(hours=30),
            Side.BOTH,
            (Place.OTHER,),
            9,
            EpisodeDuration.HOURS,
            note='=1+2, "jaw"\nä',
        )
    )
    store.save_check_in(CheckIn(date(2026, 11, 20), 6.5, 3, 7, 5, "long day"))
    store.save_check_in(CheckIn(date(2026, 11, 21), caffeine_drinks=0))
    store.save_check_in(
        CheckIn(date(2026, 11, 22), stress=3, alcohol_drinks=2, screen_hours=9.5, dry_eyes=True)
    )
    store.save_check_in(CheckIn(date(2026, 11, 23), alcohol_drinks=0, dry_eyes=False))
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
    assert (report.sessions, report.episodes, report.check_ins) == (2, 2, 4)
    document = json.loads((tmp_path / "export.json").read_text(encoding="utf-8"))
    assert (document["format"], document["version"]) == ("relaxapp-history", 3)
    assert [e["places"] for e in document["episodes"]] == [["eyelid"], ["other"]]
    assert document["sessions"][1]["tension_before"] == "skipped"
    assert document["sessions"][1]["twitch_before"] is None
    eyes = [(c["alcohol_drinks"], c["screen_hours"], c["dry_eyes"]) for c in document["check_ins"]]
    assert eyes == [(None, None, None), (None, None, None), (2, 9.5, True), (0, None, False)]

    target = HistoryStore.open(tmp_path / "b.sqlite3")
    assert import_json(target, tmp_path / "export.json") == MergeReport(Counts(2, 2, 4), Counts(0, 0, 0))
    assert everything(target) == everything(source)


def test_importing_the_same_file_twice_adds_nothing_the_second_time(tmp_path: Path):
    store = filled(tmp_path / "a.sqlite3")
    export_json(store, tmp_path / "export.json", NOW)
    assert import_json(store, tmp_path / "export.json") == MergeReport(Counts(0, 0, 0), Counts(2, 2, 4))
    assert store.count_timeline() == 8  # 2 sessions, 2 episodes, 4 check-ins


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
        "check_ins[4]: 'yesterday' is not an entry (an object with fields)",
    )


def test_the_eye_triggers_are_refused_naming_the_field_and_the_value(tmp_path: Path):
    document = valid_document(tmp_path)
    check_ins = document["check_ins"]
    check_ins[0]["alcohol_drinks"] = 31  # type: ignore[index]
    check_ins[1]["screen_hours"] = "all day"  # type: ignore[index]
    check_ins[2]["dry_eyes"] = "yes"  # type: ignore[index]
    check_ins[3]["screen_hours"] = 25  # type: ignore[index]
    check_ins[3]["alcohol_drinks"] = 1.5  # type: ignore[index]
    store = HistoryStore.open(tmp_path / "target.sqlite3")
    with pytest.raises(ImportRefusedError) as refused:
        import_json(store, write(tmp_path / "bad.json", document))
    assert refused.value.problems == (
        "check_ins[0].alcohol_drinks: 31 is not from 0 to 30",
        "check_ins[1].screen_hours: 'all day' is not a number",
        "check_ins[2].dry_eyes: 'yes' is not true, false or null",
        "check_ins[3].alcohol_drinks: 1.5 is not a whole number",
        "check_ins[3].screen_hours: 25.0 is not a number of hours from 0 to 24",
    )
    assert list(store.all_check_ins()) == []


def version_1_document() -> dict[str, object]:
    """A JSON export as relaxapp wrote it before the check-in asked about the eye triggers."""
    return {
        "format": "relaxapp-history",
        "version": 1,
        "exported_at": "2026-11-20T21:00:00.000+00:00",
        "sessions": [],
        "episodes": [],
        "check_ins": [
            {
                "day": "2026-11-20",
                "sleep_hours": 6.5,
                "caffeine_drinks": 3,
                "stress": 7,
                "water_glasses": 5,
                "note": "long day",
            },
            {"day": "2026-11-22", "sleep_hours": None, "caffeine_drinks": 1, "stress": None, "note": ""},
        ],
    }


def test_an_export_from_before_the_eye_triggers_imports_them_as_not_recorded(tmp_path: Path):
    store = HistoryStore.open(tmp_path / "a.sqlite3")
    path = write(tmp_path / "old.json", version_1_document())
    assert import_json(store, path) == MergeReport(Counts(0, 0, 2), Counts(0, 0, 0))
    assert list(store.all_check_ins()) == [
        CheckIn(date(2026, 11, 20), 6.5, 3, 7, 5, "long day"),
        CheckIn(date(2026, 11, 22), caffeine_drinks=1),
    ]
    assert import_json(store, path) == MergeReport(Counts(0, 0, 0), Counts(0, 0, 2))


def test_an_old_export_adds_no_day_twice_and_leaves_the_eye_triggers_kept(tmp_path: Path):
    store = filled(tmp_path / "a.sqlite3")
    before = list(store.all_check_ins())
    # 20 November is there already; 22 November too, with its eye triggers, which the old file lacks.
    report = import_json(store, write(tmp_path / "old.json", version_1_document()))
    assert report == MergeReport(Counts(0, 0, 0), Counts(0, 0, 2))
    assert list(store.all_check_ins()) == before


def test_a_file_that_is_not_json_is_refused_with_its_line(tmp_path: Path):
    path = tmp_path / "broken.json"
    path.write_text('{"format": "relaxapp-history",\n "version": 1\n "sessions": []}', encoding="utf-8")
    with pytest.raises(ImportRefusedError, match=r"line 3, column 2: Expecting ',' delimiter"):
        import_json(HistoryStore.in_memory(), path)


def test_other_files_and_newer_versions_are_refused(tmp_path: Path):
    store = HistoryStore.in_memory()
    with pytest.raises(
        ImportRefusedError, match="format: is missing; the file does not hold a relaxapp history"
    ):
        import_json(store, write(tmp_path / "a.json", {"sessions": []}))
    with pytest.raises(ImportRefusedError, match="written by a newer relaxapp"):
        import_json(store, write(tmp_path / "b.json", {"format": "relaxapp-history", "version": 4}))
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
    sessions, episodes, check_ins, treatments, answers = (
        list(csv.DictReader(path.open(encoding="utf-8-sig", newline=""))) for path in report.files
    )
    assert treatments == answers == []
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
        "alcohol_drinks": "",
        "screen_hours": "",
        "dry_eyes": "",
        "note": "",
    }
    assert [(c["alcohol_drinks"], c["screen_hours"], c["dry_eyes"]) for c in check_ins[2:]] == [
        ("2", "9.5", "yes"),
        ("0", "", "no"),
    ]


def test_a_failed_export_leaves_no_partial_file(tmp_path: Path):
    store = filled(tmp_path / "a.sqlite3")
    with pytest.raises(ExchangeError, match="could not be written"):
        export_json(store, tmp_path / "missing-folder" / "export.json", NOW)
    assert not (tmp_path / "missing-folder").exists()


# -- values at the edges, and files no exporter writes ----------------------------------------------

A_SESSION = {
    "started_at": "2026-03-01T10:00:00+00:00",
    "routine_id": "box",
    "routine_kind": "breathing",
    "routine_title": "Box breathing",
    "planned_seconds": 300,
    "actual_seconds": 300,
    "completed": True,
}
AN_EPISODE = {
    "occurred_at": "2026-03-01T10:00:00+00:00",
    "side": "left",
    "place": "eyelid",
    "intensity": 4,
    "duration": "seconds",
}


def history_of(sessions: list[object] = [], episodes: list[object] = [], check_ins: list[object] = []):  # noqa: B006 - never changed
    return {
        "format": "relaxapp-history",
        "version": 2,
        "sessions": sessions,
        "episodes": episodes,
        "check_ins": check_ins,
    }


def refusal(tmp_path: Path, document: object) -> ImportRefusedError:
    store = HistoryStore.in_memory()
    with pytest.raises(ImportRefusedError) as refused:
        import_json(store, write(tmp_path / "edge.json", document))
    assert store.is_empty()
    return refused.value


@pytest.mark.parametrize(
    "moment",
    [
        "0001-01-01T00:00:00Z",  # Go's zero time
        "9999-12-31T23:59:59+00:00",
        "0001-01-01T00:30:00+01:00",  # its offset takes it before year 1
        "9999-12-31T23:30:00-01:00",  # and this one past 9999
        "1969-12-31T22:00:00+00:00",
        "2101-01-01T00:00:00+00:00",
    ],
)
def test_a_moment_outside_1970_to_2100_is_refused_by_entry_and_field(tmp_path: Path, moment: str):
    refused = refusal(
        tmp_path,
        history_of([{**A_SESSION, "started_at": moment}], [{**AN_EPISODE, "occurred_at": moment}]),
    )
    assert refused.problems == (
        f"sessions[0].started_at: '{moment}' is not a date and time from 1970 to 2100",
        f"episodes[0].occurred_at: '{moment}' is not a date and time from 1970 to 2100",
    )


@pytest.mark.parametrize("day", ["0001-01-01", "9999-12-31", "1969-12-31", "2101-01-01"])
def test_a_check_in_day_outside_1970_to_2100_is_refused(tmp_path: Path, day: str):
    refused = refusal(tmp_path, history_of(check_ins=[{"day": day}]))
    assert refused.problems == (f"check_ins[0].day: '{day}' is not a date from 1970 to 2100",)


def test_the_span_holds_its_own_edges_in_every_time_zone(tmp_path: Path):
    store = HistoryStore.in_memory()
    document = history_of(
        [
            {**A_SESSION, "started_at": "1970-01-02T00:00:00+00:00"},
            {**A_SESSION, "started_at": "2100-12-30T23:59:59.999+00:00"},
        ],
        check_ins=[{"day": "1970-01-01"}, {"day": "2100-12-31"}],
    )
    assert import_json(store, write(tmp_path / "edges.json", document)).added == Counts(2, 0, 2)


@pytest.mark.parametrize(
    ("field", "text", "shown"),
    [
        ("actual_seconds", "1e308", "1e+308 is not a number of seconds from 0 to 86400 (a day)"),
        (
            "planned_seconds",
            "1e308",
            "1e+308 is not a number of seconds more than 0 and at most 86400 (a day)",
        ),
        ("actual_seconds", "Infinity", "Infinity is not a number"),
        ("actual_seconds", "1e400", "Infinity is not a number"),  # JSON's reader makes it infinite
        ("planned_seconds", "NaN", "NaN is not a number"),
        ("actual_seconds", "86401", "86401.0 is not a number of seconds from 0 to 86400 (a day)"),
    ],
)
def test_a_length_that_is_not_finite_or_longer_than_a_day_is_refused(
    tmp_path: Path, field: str, text: str, shown: str
):
    marker = 123456.5
    path = write(tmp_path / "long.json", history_of([{**A_SESSION, field: marker}]))
    path.write_text(path.read_text(encoding="utf-8").replace(str(marker), text), encoding="utf-8")
    store = HistoryStore.in_memory()
    with pytest.raises(ImportRefusedError) as refused:
        import_json(store, path)
    assert refused.value.problems == (f"sessions[0].{field}: {shown}",)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("[" * 100_000 + "]" * 100_000, "lists or objects are nested too deeply"),
        ('{"format": "relaxapp-history", "version": 2, "sessions": [{"actual_seconds": ' + "9" * 5000 + "}]}",
         "a number has thousands of digits"),
        ('{"format": "relaxapp-history", "version": ' + "1" * 5000 + "}", "a number has thousands of digits"),
    ],
    ids=["deep nesting", "a 5,000-digit length", "a 5,000-digit version"],
)  # fmt: skip
def test_a_file_no_json_reader_can_hold_is_refused_in_plain_words(tmp_path: Path, text: str, problem: str):
    path = tmp_path / "odd.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(
        ImportRefusedError, match=f"^odd.json was not imported, and nothing in it was: {problem}"
    ):
        import_json(HistoryStore.in_memory(), path)


def test_half_a_character_is_refused_where_it_is_and_shown_as_its_escape(tmp_path: Path):
    document = history_of(
        [{**A_SESSION, "routine_title": "Box \ud800"}],
        [{**AN_EPISODE, "note": "\udfff", "\ud83d": 1}],
    )
    path = tmp_path / "surrogate.json"
    path.write_text(json.dumps(document), encoding="utf-8")  # ASCII: the halves are written as escapes
    refused = refusal(tmp_path, document)
    half = "is not text: it holds half of a character (a lone surrogate)"
    assert refused.problems == (
        f"sessions[0].routine_title: 'Box \\ud800' {half}",
        "episodes[0].\\ud83d: is not a field of this entry",
        f"episodes[0].note: '\\udfff' {half}",
    )
    str(refused).encode("utf-8")  # the message can be shown and logged


def test_checking_a_file_full_of_problems_takes_time_in_step_with_its_size(tmp_path: Path):
    # Each problem used to be compared with every one found before: 20,000 took minutes.
    episodes = [{**AN_EPISODE, "intensity": 99}] * 20_000
    path = write(tmp_path / "many.json", history_of(episodes=episodes))
    started = time.monotonic()
    with pytest.raises(ImportRefusedError, match=r"\(and 19,995 more problems\)"):
        import_json(HistoryStore.in_memory(), path)
    assert time.monotonic() - started < 5.0


def test_reading_an_import_reports_its_progress_and_stops_when_cancelled(tmp_path: Path):
    path = write(
        tmp_path / "many.json", history_of([{**A_SESSION, "routine_id": f"r{n}"} for n in range(5000)])
    )
    heard: list[float] = []
    entries = read_import(path, heard.append)
    assert len(entries.sessions) == 5000 and entries.total == 5000
    assert heard == sorted(heard) and heard[-1] == 1.0 and len(heard) >= 5
    asked = 0

    def cancelled() -> bool:
        nonlocal asked
        asked += 1
        return asked > 2

    with pytest.raises(ImportCancelledError, match=r"many\.json was cancelled; nothing was imported"):
        read_import(path, None, cancelled)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes as POSIX has them")
def test_a_pipe_a_device_or_a_folder_is_refused_without_reading_it(tmp_path: Path):
    pipe = tmp_path / "pipe.json"
    os.mkfifo(pipe)  # opening it would wait for a writer for ever
    for path in (pipe, Path("/dev/zero"), tmp_path):
        with pytest.raises(ImportRefusedError, match="it is not a file but a folder, a pipe or a device"):
            read_import(path)
