"""History at scale: ten years of heavy use (100,000 sessions, 50,000 episodes, a check-in a day).

Prints the figures as it goes and, as its LAST line, JSON with rows, open_history_ms (the history page
built over the store until its first frame is painted, on a private Xvfb screen), add_session_ms
(median), insights_ms (everything the insights and calendar need, read through the floor's Progress),
db_mb,
visit_report_3_months_s (the visit report of the last 3 months, read, drawn and written as PDF; the
first of the runs pays for loading QtCharts).
Targets: open_history_ms <= 250, add_session_ms <= 10, insights_ms <= 500, visit_report_3_months_s <= 1.
"""

from __future__ import annotations

import json
import os
import random
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from xvfb import screen_env, virtual_screen

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from relaxapp.core.record import Ratings, SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.storage.history import HistoryStore

SESSIONS = 100_000
EPISODES = 50_000
YEARS = 10
ADDS = 25
KINDS = [kind.value for kind in RoutineKind]
SIDES, PLACES, DURATIONS = (
    ("left", "right", "both"),
    ("eyelid", "cheek", "mouth", "other"),
    ("seconds", "minutes"),
)


def fill(path: Path, now: datetime) -> int:
    """Write the rows straight through SQL in one transaction: the store's own add is measured below."""
    HistoryStore.open(path).close()  # the schema, as the app makes it
    span = YEARS * 365 * 86400
    start = now - timedelta(seconds=span)
    rng = random.Random(7)

    def moment(i: int, count: int) -> str:
        seconds = span * i / count + rng.uniform(0, span / count)
        return (start + timedelta(seconds=seconds)).isoformat(timespec="milliseconds")

    sessions = []
    for i in range(SESSIONS):
        rated = rng.random() < 0.6
        before = rng.randint(3, 9)
        sessions.append(
            (
                "box",
                KINDS[i % len(KINDS)],
                "Box breathing",
                moment(i, SESSIONS),
                300.0,
                rng.choice((300.0, 300.0, 180.5)),
                1,
                before if rated else None,
                rng.randint(0, 5) if rated else None,
                max(before - rng.randint(0, 4), 0) if rated else None,
                rng.randint(0, 5) if rated else None,
                0 if rated else 15,
            )
        )
    episodes = [
        (
            moment(i, EPISODES),
            rng.choice(SIDES),
            rng.choice(PLACES),
            rng.randint(1, 10),
            rng.choice(DURATIONS),
            "",
        )
        for i in range(EPISODES)
    ]
    first_day = start.astimezone().date()
    check_ins = [
        (
            (first_day + timedelta(days=d)).isoformat(),
            7.0,
            rng.randint(0, 5),
            rng.randint(0, 10),
            6,
            "",
            rng.randint(0, 3),
            rng.choice((2.0, 6.5, 10.0)),
            rng.randint(0, 1),
        )
        for d in range(YEARS * 365)
    ]
    # An injection every three months, as botulinum toxin is given: what the report and insights mark.
    treatments = [
        ((first_day + timedelta(days=d)).isoformat(), "injection", "Botox", "both", "eyelid", "25 units", "")
        for d in range(0, YEARS * 365, 91)
    ]
    with sqlite3.connect(path) as db:
        db.executemany(
            "INSERT INTO sessions (routine_id, routine_kind, routine_title, started_at, planned_seconds,"
            " actual_seconds, completed, tension_before, twitch_before, tension_after, twitch_after,"
            " skipped_ratings) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            sessions,
        )
        db.executemany(
            "INSERT INTO episodes (occurred_at, side, place, intensity, duration, note)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            episodes,
        )
        db.executemany(
            "INSERT INTO check_ins (day, sleep_hours, caffeine_drinks, stress, water_glasses, note,"
            " alcohol_drinks, screen_hours, dry_eyes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            check_ins,
        )
        db.executemany(
            "INSERT INTO treatments (given_on, kind, name, side, places, dose, note)"
            " VALUES (?, ?, ?, ?, ?, ?, ?)",
            treatments,
        )
    return len(sessions) + len(episodes) + len(check_ins) + len(treatments)


def timed_ms(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def add_session_ms(store: HistoryStore, now: datetime) -> float:
    times = []
    for n in range(ADDS):
        record = SessionRecord(
            "box",
            RoutineKind.BREATHING,
            "Box breathing",
            now + timedelta(minutes=n),
            300.0,
            300.0,
            True,
            ratings=Ratings(6, 2, 3, 1),
        )
        times.append(timed_ms(lambda record=record: store.add_session(record)))
    return statistics.median(times)


def insights(store: HistoryStore, today: date) -> None:
    """What the insights page and the calendar ask for when they open: the floor's own reads."""
    from relaxapp.logic.events import Events
    from relaxapp.logic.progress import Progress
    from relaxapp.logic.unsaved import UnsavedEntries

    progress = Progress(store, UnsavedEntries(store, Events()), lambda: today)
    progress.figures()
    progress.month(today.year, today.month)
    progress.insights()


def open_history_page_ms(store: HistoryStore) -> float:
    """The history page over `store`, from construction to its first frame painted and processed.

    What the window does: build the page, refresh() (the figures and the timeline's first page), show it.
    The timeline's rows are the last thing painted; the calendar and insights tabs are not built until
    shown, so they are not part of this. Needs a QApplication on a real (virtual) screen, made by the caller.
    """
    from PySide6.QtCore import QEvent, QObject, QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    from relaxapp.logic.use_cases import UseCases
    from relaxapp.ui.history.page import HistoryPage

    app = QApplication.instance()
    assert app is not None
    painted: list[float] = []

    class FirstPaint(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and not painted:
                # The paint event itself is being processed now; the frame is done once the loop is back.
                QTimer.singleShot(0, lambda: (painted.append(time.perf_counter()), app.quit()))
            return False

    started = time.perf_counter()
    settings = QSettings(str(Path(tempfile.gettempdir()) / "relaxapp-bench.ini"), QSettings.Format.IniFormat)
    page = HistoryPage(UseCases.build(store, settings, [], now=lambda: datetime.now(UTC)))
    page.resize(1000, 700)
    page.refresh()
    watcher = FirstPaint()
    page.timeline.table.viewport().installEventFilter(watcher)
    page.show()
    QTimer.singleShot(10_000, app.quit)
    app.exec()
    page.close()
    if not painted:
        raise SystemExit("bench: the history page was never painted")
    return (painted[0] - started) * 1000


def visit_report_s(store: HistoryStore, today: date, folder: Path) -> float:
    """The visit report of the last 3 months: read, summed up, laid out with its chart and written as PDF."""
    from relaxapp.core.report_period import months_before
    from relaxapp.core.safety import load_checklist
    from relaxapp.logic.visit_reports import VisitReports
    from relaxapp.storage import paths
    from relaxapp.ui.report.document import save_report

    started = time.perf_counter()
    reports = VisitReports(store, lambda: today)
    report = reports.build(months_before(today, 3), today)
    checklist = load_checklist(paths.content_dir() / "safety.toml")  # as the window has it, read once
    save_report(report, today, folder / "report.pdf", checklist=checklist)
    return time.perf_counter() - started


def measure_page(store: HistoryStore, today: date, folder: Path) -> tuple[float, float]:
    """The history page's first paint (ms) and the 3-month visit report (s), medians, on a virtual screen."""
    from PySide6.QtWidgets import QApplication

    with virtual_screen() as display:
        os.environ.update(screen_env(display))
        app = QApplication(sys.argv[:1])
        open_history_page_ms(store)  # untimed: the first page built pays for Qt's one-off loading
        runs = [open_history_page_ms(store) for _ in range(5)]
        reports = [visit_report_s(store, today, folder) for _ in range(3)]
        app.shutdown()
    print(f"history page first paint, ms: {[round(run, 1) for run in runs]}")
    print(f"visit report of 3 months, s: {[round(run, 3) for run in reports]}")
    return statistics.median(runs), statistics.median(reports)


def main() -> None:
    now = datetime.now(UTC)
    today = datetime.now().date()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.sqlite3"
        started = time.perf_counter()
        rows = fill(path, now)
        print(f"filled {rows} rows in {time.perf_counter() - started:.1f} s")
        store_holder: list[HistoryStore] = []
        open_store = timed_ms(lambda: store_holder.append(HistoryStore.open(path)))
        store = store_holder[0]
        print(f"opening the store with its quick_check: {open_store:.1f} ms")
        insight_runs = [timed_ms(lambda: insights(store, today)) for _ in range(3)]
        print(f"insights, ms: {[round(run, 1) for run in insight_runs]}")
        adds = add_session_ms(store, now)
        page, report = measure_page(store, today, Path(folder))
        store.close()
        db_mb = sum(f.stat().st_size for f in Path(folder).iterdir()) / 2**20
    figures = {
        "rows": rows,
        "open_history_ms": round(page, 1),
        "add_session_ms": round(adds, 2),
        "insights_ms": round(statistics.median(insight_runs), 1),
        "db_mb": round(db_mb, 1),
        "open_store_ms": round(open_store, 1),
        "visit_report_3_months_s": round(report, 3),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
