"""Export the history to JSON (for keeping) and import it back; exchange_csv writes it for spreadsheets.

An import is checked field by field before anything is written; a file with any problem is refused as a
whole, with each problem named by entry and field ('episodes[12].intensity: 14 is not from 1 to 10').
What passes is merged in one transaction, without duplicates (see HistoryStore.merge).
"""

from __future__ import annotations

import json
import os
import sqlite3
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import IO

from relaxapp.core.datafile import printable
from relaxapp.core.journal import CheckIn, Episode, SafetyCheck, Treatment
from relaxapp.core.record import SKIPPED, Score, SessionRecord
from relaxapp.storage.exchange_entries import SECTIONS, Sections, read_entries, shown
from relaxapp.storage.history import HistoryStore, MergeReport, stamp

FORMAT = "relaxapp-history"
# 2: check-ins carry alcohol_drinks, screen_hours and dry_eyes. Version 1 files, without them, still import;
# a relaxapp that reads only 1 refuses a 2 as newer instead of naming each new field as unknown.
# 3: an episode lists its places ("places": ["eyelid", "cheek"]) where it named one ("place"); treatments
# and warning-signs answers have sections of their own. Files of versions 1 and 2 still import.
VERSION = 3
MAX_IMPORT_BYTES = 256 * 1024 * 1024  # ten years of heavy use is about 50 MB
SHOWN_PROBLEMS = 5


class ExchangeError(Exception):
    """An export or import did not happen; the message says why in plain words."""


class ImportRefusedError(ExchangeError):
    """The file was not imported, and nothing of it was; `problems` names each entry and field at fault."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        # A file may name a field with half a character ("\ud800"), and so may its own name: written out as
        # an escape here, it can still be shown, logged and copied.
        problems = [printable(problem) for problem in problems]
        listed = "; ".join(problems[:SHOWN_PROBLEMS])
        more = len(problems) - SHOWN_PROBLEMS
        tail = f" (and {more:,} more problem{'s' if more > 1 else ''})" if more > 0 else ""
        super().__init__(f"{printable(path.name)} was not imported, and nothing in it was: {listed}{tail}.")
        self.problems = tuple(problems)


@dataclass(frozen=True)
class ExportReport:
    files: tuple[Path, ...]
    sessions: int
    episodes: int
    check_ins: int
    treatments: int = 0
    safety_checks: int = 0


# -- JSON ---------------------------------------------------------------------------------------------


def export_json(store: HistoryStore, path: Path, now: datetime) -> ExportReport:
    """Write everything to `path` as JSON, one entry a line, replacing the file only once it is whole.

    Raises ExchangeError.
    """
    return export_entries(
        path,
        store.all_sessions(),
        store.all_episodes(),
        store.all_check_ins(),
        now,
        treatments=store.all_treatments(),
        safety_checks=store.all_safety_checks(),
    )


def export_entries(
    path: Path,
    sessions: Iterable[SessionRecord],
    episodes: Iterable[Episode],
    check_ins: Iterable[CheckIn],
    now: datetime,
    *,
    treatments: Iterable[Treatment] = (),
    safety_checks: Iterable[SafetyCheck] = (),
) -> ExportReport:
    """Write these entries to `path` as an export (what import_json reads), replacing the file only once it
    is whole. Raises ExchangeError."""
    counts = dict.fromkeys(SECTIONS, 0)

    def write(out: IO[str]) -> None:
        header = {"format": FORMAT, "version": VERSION, "exported_at": stamp(now)}
        out.write(json.dumps(header)[:-1])  # left open: the lists follow
        sections: list[tuple[str, Iterable[dict[str, object]]]] = [
            ("sessions", (_session_json(s) for s in sessions)),
            ("episodes", (_episode_json(e) for e in episodes)),
            ("check_ins", (_check_in_json(c) for c in check_ins)),
            ("treatments", (_treatment_json(t) for t in treatments)),
            ("safety_checks", (_safety_check_json(a) for a in safety_checks)),
        ]
        for name, entries in sections:
            out.write(f', "{name}": [')
            for number, entry in enumerate(entries):
                out.write(("\n  " if number == 0 else ",\n  ") + json.dumps(entry, ensure_ascii=False))
                counts[name] += 1
            out.write("\n]" if counts[name] else "]")
        out.write("}\n")

    write_atomically(path, write, encoding="utf-8")
    return ExportReport((path,), *counts.values())


@dataclass(frozen=True)
class ImportedEntries:
    """The entries of a JSON export, read and checked, not yet merged into any history."""

    path: Path
    sessions: list[SessionRecord]
    episodes: list[Episode]
    check_ins: list[CheckIn]
    treatments: list[Treatment]
    safety_checks: list[SafetyCheck]

    @property
    def total(self) -> int:
        sizes = (len(self.sessions), len(self.episodes), len(self.check_ins), len(self.treatments))
        return sum(sizes) + len(self.safety_checks)

    def merge_into(
        self, store: HistoryStore, cancelled: Callable[[], bool] | None = None
    ) -> MergeReport | None:
        """Merge these entries into `store` (HistoryStore.merge), or, given `cancelled`, through a connection
        of its own (merge_apart; None when cancelled)."""
        sessions, episodes, check_ins = self.sessions, self.episodes, self.check_ins
        treatments, checks = self.treatments, self.safety_checks
        if cancelled is None:
            return store.merge(sessions, episodes, check_ins, treatments=treatments, safety_checks=checks)
        return store.merge_apart(
            sessions, episodes, check_ins, cancelled, treatments=treatments, safety_checks=checks
        )


class ImportCancelledError(ExchangeError):
    """The person cancelled the import while the file was read; nothing was imported."""


Progress = Callable[[float], None]  # how much of the reading is done, from 0 to 1
Cancelled = Callable[[], bool]  # asked now and then: True stops the reading with ImportCancelledError


def import_json(store: HistoryStore, path: Path) -> MergeReport:
    """Merge the entries of a JSON export into the history: all of them or, on any problem, none.

    Raises what read_import raises, and HistoryWriteError when the history cannot be written.
    """
    report = read_import(path).merge_into(store)
    assert report is not None  # only a cancel gives None
    return report


def read_import(
    path: Path, progress: Progress | None = None, cancelled: Cancelled | None = None
) -> ImportedEntries:
    """Read and check a JSON export, touching no history: this may run on any thread.

    Time and memory grow in step with the file (up to MAX_IMPORT_BYTES). Raises ImportRefusedError (naming
    the line of a syntax error, or each entry and field at fault), ExchangeError when the file cannot be
    read, ImportCancelledError when `cancelled` said so.
    """
    report = progress or (lambda _done: None)
    stop = cancelled or (lambda: False)
    text = _read_text(path, report, stop)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ImportRefusedError(
            path, [f"line {error.lineno}, column {error.colno}: {error.msg}; this is not a JSON file"]
        ) from error
    except RecursionError as error:
        raise ImportRefusedError(
            path, ["lists or objects are nested too deeply; a relaxapp history nests them three deep"]
        ) from error
    except ValueError as error:  # Python refuses to read an integer of more than 4,300 digits
        raise ImportRefusedError(
            path, ["a number has thousands of digits; no field of a relaxapp history holds one so long"]
        ) from error
    del text  # the entries take its place in memory
    report(_READ_SHARE)
    if stop():
        raise _cancelled(path)
    return ImportedEntries(
        path, *parse_document(path, document, _entry_progress(path, document, report, stop))
    )


# Reading and decoding the file is this share of the work; checking its entries is the rest.
_READ_SHARE = 0.3
_CHUNK_BYTES = 1 << 20
_ENTRIES_BETWEEN_REPORTS = 1000


def _read_text(path: Path, report: Progress, stop: Cancelled) -> str:
    too_large = f"the file is larger than {MAX_IMPORT_BYTES // 2**20} MB"
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):
            # A pipe would never end (and block this thread), a device such as /dev/zero never stops giving.
            raise ImportRefusedError(path, ["it is not a file but a folder, a pipe or a device"])
        if status.st_size > MAX_IMPORT_BYTES:
            raise ImportRefusedError(path, [too_large])
        chunks: list[bytes] = []
        read = 0
        with open(path, "rb") as file:
            while chunk := file.read(_CHUNK_BYTES):
                chunks.append(chunk)
                read += len(chunk)
                if read > MAX_IMPORT_BYTES:  # it grew while being read
                    raise ImportRefusedError(path, [too_large])
                report(_READ_SHARE * 0.5 * read / max(status.st_size, 1))
                if stop():
                    raise _cancelled(path)
        whole = b"".join(chunks)
        chunks.clear()  # one copy of the bytes at a time, beside the text decoded from them
        return whole.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise ImportRefusedError(path, [f"the file is not UTF-8 text ({error.reason})"]) from error
    except OSError as error:
        raise ExchangeError(f"{path} could not be read ({error.strerror or error}).") from error


def _entry_progress(path: Path, document: object, report: Progress, stop: Cancelled) -> Callable[[], None]:
    """What parse_document calls after each entry: a report now and then, and a stop when cancelled."""
    sections = [document.get(name) for name in SECTIONS] if isinstance(document, dict) else []
    total = max(sum(len(entries) for entries in sections if isinstance(entries, list)), 1)
    done = 0

    def one_more() -> None:
        nonlocal done
        done += 1
        if done % _ENTRIES_BETWEEN_REPORTS == 0:
            report(_READ_SHARE + (1 - _READ_SHARE) * done / total)
            if stop():
                raise _cancelled(path)

    return one_more


def _cancelled(path: Path) -> ImportCancelledError:
    return ImportCancelledError(f"The import of {path.name} was cancelled; nothing was imported.")


def parse_document(path: Path, document: object, after_entry: Callable[[], None] | None = None) -> Sections:
    """The entries of a decoded JSON export; raises ImportRefusedError listing every problem found.

    `after_entry` is called once each entry is checked (progress and cancelling).
    """
    if not isinstance(document, dict):
        raise ImportRefusedError(path, ["the file does not hold a relaxapp history (no object at the top)"])
    if "format" not in document:
        raise ImportRefusedError(path, ["format: is missing; the file does not hold a relaxapp history"])
    if document["format"] != FORMAT:
        raise ImportRefusedError(path, [f'format: {shown(document["format"])} is not "{FORMAT}"'])
    version = document.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ImportRefusedError(path, [f"version: {shown(version)} is not a version number"])
    if version > VERSION:
        raise ImportRefusedError(
            path,
            [f"version: {version} was written by a newer relaxapp; this one reads versions up to {VERSION}"],
        )
    problems: list[str] = []
    known = {"format", "version", "exported_at", *SECTIONS}
    problems += [f"{key}: is not part of a relaxapp history" for key in document if key not in known]
    sections = read_entries(document, problems, after_entry)
    if problems:
        raise ImportRefusedError(path, problems)
    return sections


def _session_json(record: SessionRecord) -> dict[str, object]:
    return {
        "started_at": stamp(record.started_at),
        "routine_id": record.routine_id,
        "routine_kind": record.routine_kind.value,
        "routine_title": record.routine_title,
        "planned_seconds": record.planned_seconds,
        "actual_seconds": record.actual_seconds,
        "completed": record.completed,
        **{name: _score_json(score) for name, score in record.ratings.scores().items()},
    }


def _episode_json(episode: Episode) -> dict[str, object]:
    return {
        "occurred_at": stamp(episode.occurred_at),
        "side": episode.side.value,
        "places": [place.value for place in episode.places],
        "intensity": episode.intensity,
        "duration": episode.duration.value,
        "note": episode.note,
    }


def _check_in_json(check_in: CheckIn) -> dict[str, object]:
    return {
        "day": check_in.day.isoformat(),
        "sleep_hours": check_in.sleep_hours,
        "caffeine_drinks": check_in.caffeine_drinks,
        "stress": check_in.stress,
        "water_glasses": check_in.water_glasses,
        "alcohol_drinks": check_in.alcohol_drinks,
        "screen_hours": check_in.screen_hours,
        "dry_eyes": check_in.dry_eyes,
        "note": check_in.note,
    }


def _treatment_json(treatment: Treatment) -> dict[str, object]:
    return {
        "given_on": treatment.given_on.isoformat(),
        "kind": treatment.kind.value,
        "name": treatment.name,
        "side": None if treatment.side is None else treatment.side.value,
        "places": [place.value for place in treatment.places],
        "dose": treatment.dose,
        "note": treatment.note,
    }


def _safety_check_json(check: SafetyCheck) -> dict[str, object]:
    return {"checked_at": stamp(check.checked_at), "urgency": check.urgency.value, "signs": list(check.signs)}


def _score_json(score: Score) -> int | str | None:
    return SKIPPED.value if score is SKIPPED else score


# -- both ---------------------------------------------------------------------------------------------


def write_atomically(
    path: Path, write: Callable[[IO[str]], None], encoding: str, newline: str | None = None
) -> None:
    partial = path.with_name(path.name + ".partial")
    try:
        with open(partial, "w", encoding=encoding, newline=newline) as out:
            write(out)
            out.flush()
            os.fsync(out.fileno())
        partial.replace(path)
    except sqlite3.Error as error:
        # The history could not be read part way (a damaged page): no half-written export is left.
        partial.unlink(missing_ok=True)
        raise ExchangeError(
            f"{path.name} was not written: the history could not be read ({error}). Any earlier "
            f"{path.name} in {path.parent} is as it was."
        ) from error
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise ExchangeError(
            f"{path.name} could not be written in {path.parent} ({error.strerror or error}); any earlier "
            f"{path.name} there is as it was. Check that the disk has space and the folder can be written."
        ) from error
