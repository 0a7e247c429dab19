"""`relaxapp --report FILE.pdf [--from DAY] [--to DAY] [--data-dir DIR]`: the visit report without a window.

Every bad input is one line naming the value, and exit code 2; the history is only ever read.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from datetime import date
from pathlib import Path

from relaxapp.core.clock import local_now
from relaxapp.core.datafile import DataFileError
from relaxapp.core.report_period import day_problem_on, period_problem
from relaxapp.core.report_wording import period_words
from relaxapp.core.safety import Checklist, load_checklist
from relaxapp.logic.visit_reports import VisitReports
from relaxapp.storage import paths
from relaxapp.storage.history import HistoryError, HistoryStore

log = logging.getLogger(__name__)
USAGE_ERROR = 2


class ReportRefusedError(Exception):
    """What stops the report, in one line for the terminal."""


def make_report(args: argparse.Namespace, today: date | None = None) -> int:
    """Write the report `args` asks for; 0 when written, 2 (with a one-line message) when refused."""
    try:
        path = Path(args.report)
        written = _write(path, args, today or local_now().date())
    except ReportRefusedError as error:
        print(f"relaxapp: {error}", file=sys.stderr)
        return USAGE_ERROR
    print(f"relaxapp: the report for {written} is saved in {path}")
    return 0


def _write(path: Path, args: argparse.Namespace, today: date) -> str:
    first, last = _days(args, today)
    if problem := _destination_problem(path):
        raise ReportRefusedError(f"--report: {problem}")
    store = _history(args.data_dir)
    reports = VisitReports(store, lambda: today)
    try:
        if first is None:  # as the dialog: since the last treatment, else the last months
            first = reports.default_period(last).first
        report = reports.build(first, last)
    finally:
        store.close()
    # QtCharts needs a QApplication; with no screen (a terminal, a server) Qt draws offscreen. A platform
    # the person chose is left alone.
    if not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    from PySide6.QtWidgets import QApplication  # noqa: PLC0415 - Qt only once the inputs are known good

    from relaxapp.ui.report.document import save_report  # noqa: PLC0415

    _app = QApplication.instance() or QApplication([sys.argv[0]])
    try:
        save_report(report, today, path, checklist=_checklist())
    except OSError as error:
        log.info("report not written: %s", error)  # said on stderr; warning would say it twice
        raise ReportRefusedError(f"--report: {error}") from error
    return period_words(first, last)


def _days(args: argparse.Namespace, today: date) -> tuple[date | None, date]:
    """The first day (None: the default, once the history is open) and the last, each checked."""
    last = today if args.to is None else _day("--to", args.to)
    if args.since is None:
        # --to on its own: no --from to blame (and today, when --to is not given, is no one's doing).
        if args.to is not None and (problem := day_problem_on("--to", last, today)):
            raise ReportRefusedError(problem)
        return None, last
    first = _day("--from", args.since)
    # As the dialog checks its two days: a --to left at today is never blamed for a --from after it.
    if problem := period_problem(first, last, today, first_name="--from", last_name="--to"):
        raise ReportRefusedError(problem)
    return first, last


def _checklist() -> Checklist | None:
    """The warning signs' words for the answers the report lists; None (answers worded from their ids)
    when the file cannot be read. Without a window, this is the one place that reads it."""
    try:
        return load_checklist(paths.content_dir() / "safety.toml")
    except DataFileError as error:
        log.error("the report words warning signs by their ids: %s", error)
        return None


def _day(option: str, text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ReportRefusedError(f"{option}: {text!r} is not a date written as YYYY-MM-DD") from None


def _destination_problem(path: Path) -> str | None:
    if path.is_dir():
        return f"{path} is a folder; give the name of the PDF file to write"
    folder = path.parent
    if not folder.is_dir():
        return f"cannot write {path}: the folder {folder} does not exist"
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return f"cannot write {path}: permission denied"
    return None


def _history(data_dir: Path | None) -> HistoryStore:
    """The history, read-only; an empty one when there is none yet."""
    if data_dir is not None and not data_dir.is_dir():
        raise ReportRefusedError(f"--data-dir: {data_dir} is not a folder")
    user_paths = paths.UserPaths.portable(data_dir) if data_dir else paths.UserPaths.default()
    if not user_paths.history_db.exists():
        return HistoryStore.in_memory()
    try:
        return HistoryStore.open_read_only(user_paths.history_db)
    except HistoryError as error:
        log.info("history not readable for a report: %s", error)
        raise ReportRefusedError(f"the history cannot be read: {error}") from error
