"""Export the history to CSV, for spreadsheets: a file for each kind of entry, dates and times in local time.

The machine-readable twin of what the app keeps (JSON, in exchange, is the one an import reads back).
"""

from __future__ import annotations

import csv
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import IO

from relaxapp.core.journal import CheckIn, Episode, SafetyCheck, Treatment
from relaxapp.core.record import SKIPPED, Scale, Score, SessionRecord
from relaxapp.storage.exchange import ExportReport, write_atomically
from relaxapp.storage.exchange_entries import CHECK_IN_FIELDS
from relaxapp.storage.history import HistoryStore, stamp

CSV_NAMES = (
    "relaxapp-sessions.csv",
    "relaxapp-episodes.csv",
    "relaxapp-check-ins.csv",
    "relaxapp-treatments.csv",
    "relaxapp-warning-signs.csv",
)
_SESSION_HEADER = (
    "date",
    "time",
    "started_at_utc",
    "routine",
    "routine_kind",
    "planned_minutes",
    "minutes",
    "completed",
    "tension_before",
    "tension_after",
    "tension_change",
    "twitch_before",
    "twitch_after",
    "twitch_change",
)
_EPISODE_HEADER = ("date", "time", "occurred_at_utc", "side", "places", "intensity", "duration", "note")
_CHECK_IN_HEADER = ("date", *CHECK_IN_FIELDS[1:])  # a spreadsheet's word for the day
_TREATMENT_HEADER = ("date", "kind", "name", "side", "places", "dose", "note")
_SAFETY_CHECK_HEADER = ("date", "time", "checked_at_utc", "answer", "signs")


def export_csv(store: HistoryStore, folder: Path) -> ExportReport:
    """Write five spreadsheet files into `folder` (CSV_NAMES): sessions, episodes, check-ins, treatments and
    warning-signs answers, each with its own columns, dates and times in local time. A file is replaced only
    once it is whole.

    Raises ExchangeError.
    """
    tables: list[tuple[tuple[str, ...], Iterator[list[object]]]] = [
        (_SESSION_HEADER, map(_session_row, store.all_sessions())),
        (_EPISODE_HEADER, map(_episode_row, store.all_episodes())),
        (_CHECK_IN_HEADER, map(_check_in_row, store.all_check_ins())),
        (_TREATMENT_HEADER, map(_treatment_row, store.all_treatments())),
        (_SAFETY_CHECK_HEADER, map(_safety_check_row, store.all_safety_checks())),
    ]
    counts = [
        _write_csv(folder / name, header, rows)
        for name, (header, rows) in zip(CSV_NAMES, tables, strict=True)
    ]
    return ExportReport(tuple(folder / name for name in CSV_NAMES), *counts)


def _write_csv(path: Path, header: tuple[str, ...], rows: Iterator[list[object]]) -> int:
    written = 0

    def write(out: IO[str]) -> None:
        nonlocal written
        table = csv.writer(out)
        table.writerow(header)
        for row in rows:
            table.writerow(row)
            written += 1

    # The byte-order mark is what makes Excel read the file as UTF-8 rather than the local code page.
    write_atomically(path, write, encoding="utf-8-sig", newline="")
    return written


def _moment_cells(moment: datetime) -> list[object]:
    """A moment as the sheets show it: the local day and time to read, then the UTC stamp to sort by."""
    local = moment.astimezone()
    return [local.date().isoformat(), local.strftime("%H:%M"), stamp(moment)]


def _session_row(record: SessionRecord) -> list[object]:
    ratings = record.ratings
    return [
        *_moment_cells(record.started_at),
        _cell(record.routine_title),
        record.routine_kind.value,
        round(record.planned_seconds / 60, 2),
        round(record.actual_seconds / 60, 2),
        "yes" if record.completed else "no",
        _score_cell(ratings.tension_before),
        _score_cell(ratings.tension_after),
        _blank(ratings.change(Scale.TENSION)),
        _score_cell(ratings.twitch_before),
        _score_cell(ratings.twitch_after),
        _blank(ratings.change(Scale.TWITCH)),
    ]


def _episode_row(episode: Episode) -> list[object]:
    return [
        *_moment_cells(episode.occurred_at),
        episode.side.value,
        " ".join(place.value for place in episode.places),
        episode.intensity,
        episode.duration.value,
        _cell(episode.note),
    ]


def _check_in_row(check_in: CheckIn) -> list[object]:
    return [
        check_in.day.isoformat(),
        _blank(check_in.sleep_hours),
        _blank(check_in.caffeine_drinks),
        _blank(check_in.stress),
        _blank(check_in.water_glasses),
        _blank(check_in.alcohol_drinks),
        _blank(check_in.screen_hours),
        _blank(None if check_in.dry_eyes is None else "yes" if check_in.dry_eyes else "no"),
        _cell(check_in.note),
    ]


def _treatment_row(treatment: Treatment) -> list[object]:
    return [
        treatment.given_on.isoformat(),
        treatment.kind.value,
        _cell(treatment.name),
        _blank(None if treatment.side is None else treatment.side.value),
        " ".join(place.value for place in treatment.places),
        _cell(treatment.dose),
        _cell(treatment.note),
    ]


def _safety_check_row(check: SafetyCheck) -> list[object]:
    return [
        *_moment_cells(check.checked_at),
        check.urgency.value,
        " ".join(check.signs),
    ]


def _score_cell(score: Score) -> object:
    return SKIPPED.value if score is SKIPPED else _blank(score)


def _blank(value: object) -> object:
    return "" if value is None else value


def _cell(text: str) -> str:
    # A note starting with = + - @ would run as a formula in a spreadsheet (CSV injection, as OWASP names
    # it); a leading apostrophe makes it plain text there.
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
