"""Save a picture of every page of relaxapp, as a person sees it, into docs/screenshots/.

Run on a real or virtual screen (e.g. `Xvfb :55 & DISPLAY=:55 python tools/screenshots.py`). It uses a
throwaway data folder with a few sample sessions, so nothing of yours is touched.

With `--sizes` it takes every page instead at the smallest window (800x600) and a laptop's (1366x768), with
normal and larger text, light and dark, into docs/screenshots/sizes/<page>-<width>x<height>-<theme>-<text>.png
(the dialogs of the tour as they open over the window), and says what it finds cut off
(tests/helpers/fit.py). Give it a screen larger than 1366x768:
`xvfb-run -a -s "-screen 0 1600x1000x24" python tools/screenshots.py --sizes`.
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import tempfile
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("SDL_AUDIODRIVER", "dummy")

from PySide6.QtCore import QPoint, QTimer  # noqa: E402
from PySide6.QtWidgets import QApplication, QDialog, QScrollArea  # noqa: E402

from relaxapp import app as relaxapp_app  # noqa: E402
from relaxapp.core.preferences import ThemeChoice  # noqa: E402
from relaxapp.storage.history import HistoryStore  # noqa: E402
from relaxapp.ui.main_window import MainWindow  # noqa: E402
from relaxapp.ui.welcome import WelcomeDialog  # noqa: E402
from tests.helpers.fit import cut_off  # noqa: E402
from tests.helpers.pages import (  # noqa: E402
    SIZES,
    TOUR,
    close_stop,
    safety_answer,
    session_of,
    summary,
    timeline_of,
    twitch_charts,
)
from tests.helpers.pages import look as look_as  # noqa: E402
from tools.make_sample_history import sample  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


def sample_history(path: Path) -> None:
    """Three months of believable practice, twitches and check-ins (the same every run)."""
    store = HistoryStore.open(path)
    sample(90, datetime.now().date(), random.Random(3)).merge_into(store)
    store.close()


def start(window: MainWindow) -> None:
    window.sessions.start_routine(window.home.selected_routine(), window.home.selected_length())


def home_showing(window: MainWindow, routine_id: str) -> None:
    """Home with `routine_id` chosen, scrolled down to eyes-closed mode, the kinds of routine and their
    cards."""
    window.go_home()
    window.home.select(routine_id)
    QApplication.processEvents()  # laid out, so that the row's place is known
    area = window.home.findChild(QScrollArea)
    assert area is not None and area.widget() is not None
    top = window.home.eyes_closed.mapTo(area.widget(), QPoint(0, 0)).y()
    area.verticalScrollBar().setValue(top - 16)


def close_cautions(window: MainWindow) -> None:
    if window.sessions.cautions_box is not None:
        window.sessions.cautions_box.done(0)


def close_settings(window: MainWindow) -> None:
    if window.settings_dialog is not None:
        window.settings_dialog.reject()


def look(window: MainWindow, **changes: object) -> None:
    window.use_cases.preferences.use(replace(window.preferences, **changes))


def report_pages(window: MainWindow) -> None:
    """The visit report the dialog saves, each page as a picture (poppler's pdftoppm draws them)."""
    dialog = window.history.report_dialog
    assert dialog is not None
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "report.pdf"
        if not dialog.save(pdf):
            raise SystemExit(f"screenshots: the visit report was not saved: {dialog.status.text()}")
        for old in OUT.glob("visit-report-*.png"):
            old.unlink()
        subprocess.run(["pdftoppm", "-r", "80", "-png", str(pdf), str(OUT / "visit-report")], check=True)
    dialog.close()
    print(f"saved {OUT}/visit-report-*.png")


Step = tuple[str, Callable[[MainWindow], object]]


def size_steps() -> list[Step]:
    """Every page of the tour at each size, text size and theme, named by all four."""
    steps: list[Step] = []
    for dark in (False, True):
        for larger_text in (False, True):
            for width, height in SIZES:

                def setup(window: MainWindow, dark: bool = dark, larger: bool = larger_text) -> None:
                    window.runner.stop()
                    look_as(window, dark=dark, larger_text=larger)

                steps.append(("", setup))
                steps.append(("", lambda w, size=(width, height): w.resize(*size)))
                words = (
                    f"{width}x{height}-{'dark' if dark else 'light'}-{'larger' if larger_text else 'normal'}"
                )
                steps += [(f"sizes/{page}-{words}", visit) for page, visit in TOUR]
    return steps


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "sizes").mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as data:
        sample_history(Path(data) / "history.sqlite3")

        steps: list[Step] = (
            size_steps()
            if "--sizes" in sys.argv[1:]
            else [
                ("home", lambda w: w.go_home()),
                # Before the false start below: its note would stay on the home page in these two.
                ("home-pmr", lambda w: home_showing(w, "pmr_face_neck")),
                ("home-massage", lambda w: home_showing(w, "massage_full_face")),
                ("false-start", lambda w: (w.home.select("box"), start(w), w.runner.stop())),
                ("history", lambda w: w.go_history()),
                ("history-calendar", lambda w: w.history.tabs.setCurrentIndex(1)),
                ("history-insights", lambda w: w.history.tabs.setCurrentIndex(2)),
                ("history-insights-twitches", twitch_charts),
                ("history-report", lambda w: w.history.open_visit_report()),
                ("visit-report", report_pages),
                ("history-treatments", timeline_of("Treatments only")),
                ("tips", lambda w: w.go_tips()),
                ("tips-guide", lambda w: w.tips_page.show_section("twitch_explained")),
                ("tips-search", lambda w: w.tips_page.search.setText("caffeine sleep")),
                ("tips-botox", lambda w: w.tips_page.search.setText("botox")),
                ("journal-check-in", lambda w: (w.go_home(), QTimer.singleShot(0, w.home.journal.check_in))),
                ("journal-episode", lambda w: QTimer.singleShot(0, w.home.journal.log_episode)),
                ("journal-treatment", lambda w: QTimer.singleShot(0, w.home.journal.log_treatment)),
                ("safety", lambda w: (w.tips_page.search.clear(), w.go_safety_check())),
                ("safety-emergency", safety_answer({"signs_passed", "persistent"})),
                ("safety-today", safety_answer({"face_weak_days", "persistent"})),
                ("safety-soon", safety_answer({"eyelid_closes", "persistent"})),
                ("safety-self-care", safety_answer(set())),
                ("session", start),
                (
                    "cautions",
                    lambda w: (
                        w.runner.stop(),
                        home_showing(w, "pmr_face_neck"),
                        w.home.start_button.click(),
                    ),
                ),
                ("session-pmr", lambda w: (close_cautions(w), session_of("pmr_16", skips=3)(w))),
                ("session-massage", session_of("massage_full_face", skips=2)),
                ("session-imagery", session_of("imagery_beach_dusk", skips=3)),
                ("session-eyes-closed", session_of("box", eyes_closed=True)),
                ("summary", summary),
                ("settings", lambda w: (w.go_home(), w.open_settings())),
                ("dark-home", lambda w: (close_settings(w), look(w, theme=ThemeChoice.DARK))),
                ("dark-session", start),
                ("dark-session-pmr", session_of("pmr_7", skips=1)),
                ("dark-session-imagery", session_of("imagery_forest_rain", skips=4)),
                ("dark-tips", lambda w: (w.runner.stop(), w.go_tips())),
                ("dark-history-insights", lambda w: (w.go_history(), w.history.tabs.setCurrentIndex(2))),
                ("dark-history-calendar", lambda w: w.history.tabs.setCurrentIndex(1)),
                (
                    "reduced-motion",
                    lambda w: (look(w, theme=ThemeChoice.LIGHT, reduced_motion=True), session_of("box")(w)),
                ),
                (
                    "larger-text",
                    lambda w: (w.runner.stop(), look(w, reduced_motion=False, larger_text=True), w.go_home()),
                ),
                ("larger-text-history", lambda w: w.go_history()),
                ("larger-text-session-massage", session_of("massage_full_face", skips=2)),
            ]
        )

        def on_ready(window: MainWindow) -> None:
            if window.notice.box is not None:
                window.notice.box.grab().save(str(OUT / "notice.png"))
                understood = next(b for b in window.notice.box.buttons() if b.text() == "I understand")
                understood.click()  # the first start's question follows
            question = next((d for d in window.findChildren(WelcomeDialog) if d.isVisible()), None)
            if question is not None:
                question.cards["one_side"].click()
                QApplication.processEvents()
                question.grab().save(str(OUT / "welcome.png"))
                question.continue_button.click()  # the home page shows what is suggested for it
            take(window, 0)

        def take(window: MainWindow, index: int) -> None:
            if index == len(steps):
                window.close()
                return
            name, action = steps[index]
            opened = action(window)
            stop = opened if isinstance(opened, QDialog) else None  # a dialog of the tour, over the window
            if not name:  # a change of size or look, before the pictures taken with it
                QTimer.singleShot(300, lambda: take(window, index + 1))
                return
            delay = 2500 if name.startswith(("session", "dark-session", "sizes/session")) else 300

            def shoot() -> None:
                QApplication.processEvents()
                dialogs = {
                    "settings": window.settings_dialog,
                    "cautions": window.sessions.cautions_box,
                    "history-report": window.history.report_dialog,
                }
                if name == "visit-report":  # pictures of the PDF, made by report_pages
                    take(window, index + 1)
                    return
                # The journal's dialogs run their own event loop: this shot is taken from inside it.
                modal = QApplication.activeModalWidget() if name.startswith("journal-") else None
                shown = modal or dialogs.get(name) or stop or window
                shown.grab().save(str(OUT / f"{name}.png"))
                if modal is not None:
                    modal.close()
                print(f"saved {OUT / name}.png")
                for problem in cut_off(stop or window) if name.startswith("sizes/") else []:
                    print(f"    cut off: {problem}")
                close_stop(stop)
                take(window, index + 1)

            QTimer.singleShot(delay, shoot)

        relaxapp_app.run(["--data-dir", data], on_ready=on_ready)


if __name__ == "__main__":
    main()
