"""A tour of every page of the window, as a person opens them: the reflow test walks it at each size, and
tools/screenshots.py takes a picture of each stop."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from relaxapp.core.preferences import ThemeChoice
from relaxapp.core.record import SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.logic.sessions import EndedSession, Kept
from relaxapp.ui.main_window import MainWindow

# The sizes a window is tried at: the smallest it allows, and a common laptop's screen.
SIZES = ((800, 600), (1366, 768))


def look(window: MainWindow, *, dark: bool, larger_text: bool) -> None:
    """Theme and text size, as Settings would set them."""
    theme = ThemeChoice.DARK if dark else ThemeChoice.LIGHT
    window.use_cases.preferences.use(replace(window.preferences, theme=theme, larger_text=larger_text))


def home_with(routine_id: str) -> Callable[[MainWindow], None]:
    def visit(window: MainWindow) -> None:
        window.runner.stop()
        window.go_home()
        window.home.select(routine_id)
        chosen = window.home.selected_routine()
        assert chosen is not None and chosen.id == routine_id, f"no routine {routine_id!r} on the home page"

    return visit


def session_of(routine_id: str, skips: int = 0) -> Callable[[MainWindow], None]:
    """A routine started from home (its cautions read and confirmed), a few steps on."""

    def visit(window: MainWindow) -> None:
        window.runner.stop()
        window.go_home()
        window.home.select(routine_id)
        window.home.start_button.click()
        if window.sessions.cautions_box is not None:
            window.sessions.cautions_start.click()
        for _ in range(skips):
            window.runner.skip(forward=True)

    return visit


def summary(window: MainWindow) -> None:
    """The summary a completed three-minute session leaves."""
    window.runner.stop()
    record = SessionRecord(
        "box", RoutineKind.BREATHING, "Box breathing", datetime.now(UTC), 176.0, 176.0, True
    )
    window.show_ended(EndedSession(record, Kept.SAVED))


def history_tab(index: int) -> Callable[[MainWindow], None]:
    def visit(window: MainWindow) -> None:
        window.go_history()
        window.history.tabs.setCurrentIndex(index)

    return visit


def tips_section(section_id: str) -> Callable[[MainWindow], None]:
    def visit(window: MainWindow) -> None:
        window.go_tips()
        window.tips_page.show_section(section_id)

    return visit


def safety_answer(ticked: set[str]) -> Callable[[MainWindow], None]:
    def visit(window: MainWindow) -> None:
        window.go_safety_check()
        for question_id, box in window.safety_page.boxes.items():
            box.setChecked(question_id in ticked)
        window.safety_page.assess()

    return visit


# (name, how to get there): every page, and the states of a page that add widgets to it.
TOUR: tuple[tuple[str, Callable[[MainWindow], None]], ...] = (
    ("home", home_with("box")),
    ("home-paced", home_with("paced")),
    ("home-pmr", home_with("pmr_face_neck")),
    ("home-imagery", home_with("imagery_beach_dusk")),
    ("home-massage", home_with("massage_full_face")),
    ("session", session_of("box")),
    ("session-pmr", session_of("pmr_16", skips=3)),
    ("session-massage", session_of("massage_full_face", skips=2)),
    ("session-imagery", session_of("imagery_beach_dusk", skips=3)),
    ("summary", summary),
    ("history", history_tab(0)),
    ("history-calendar", history_tab(1)),
    ("history-insights", history_tab(2)),
    ("tips", tips_section("twitch_explained")),
    ("safety", lambda window: (window.runner.stop(), window.go_safety_check())),
    ("safety-soon", safety_answer({"eyelid_closes", "persistent"})),
    ("safety-emergency", safety_answer({"signs_passed", "persistent"})),
)
