"""A tour of every page of the window, and of the dialogs opened over it, as a person opens them: the reflow
and accessibility tests walk it at each size, and tools/screenshots.py takes a picture of each stop.

A stop that opens a dialog returns it, shown and sized as it would be on a screen the size of the window;
whoever walks the tour closes it (close_stop) before the next stop."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime

from PySide6.QtCore import QSize, Qt
from PySide6.QtWidgets import QApplication, QDialog, QScrollArea, QWidget

from relaxapp.core.journal import Place, Side
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


def session_of(routine_id: str, skips: int = 0, *, eyes_closed: bool = False) -> Callable[[MainWindow], None]:
    """A routine started from home (its cautions read and confirmed), a few steps on."""

    def visit(window: MainWindow) -> None:
        window.runner.stop()
        window.go_home()
        window.home.select(routine_id)
        window.home.eyes_closed.setChecked(eyes_closed)
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


def safety_answer(ticked: set[str] | None) -> Callable[[MainWindow], None]:
    """The warning signs after a session, with `ticked` answered (None: the questions, not yet answered)."""

    def visit(window: MainWindow) -> None:
        window.runner.stop()
        window.go_safety_check()
        if ticked is None:
            return
        for question_id, box in window.safety_page.boxes.items():
            box.setChecked(question_id in ticked)
        window.safety_page.assess()

    return visit


def over(window: MainWindow, dialog: QDialog) -> QDialog:
    """`dialog` shown as it opens, no larger than the window (a screen of that size would hold no more)."""
    dialog.show()  # at the size Qt gives it, wrapped words and all
    QApplication.processEvents()
    room = QSize(window.width(), window.height())
    if room.expandedTo(dialog.size()) != room:
        dialog.resize(dialog.size().boundedTo(room).expandedTo(dialog.minimumSize()))
    return dialog


def close_stop(stop: QWidget | None) -> None:
    """Close the dialog a stop opened, if it did (one the tour made goes with it: made_here)."""
    if isinstance(stop, QDialog):
        stop.close()
        QApplication.processEvents()


def made_here(dialog: QDialog) -> QDialog:
    """A dialog the tour makes itself, as the app would: deleted once closed (the app's own, such as the
    report's, are the app's to delete)."""
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    return dialog


def home_suggested(window: MainWindow) -> None:
    """Home after "What brings you here?" was answered: the "Suggested for you" row above the routines."""
    window.use_cases.first_run.answer("one_side")
    home_with("box")(window)
    assert window.home.suggestions.cards, "no suggestions for the answer 'one_side'"


def welcome_question(window: MainWindow) -> QDialog:
    from relaxapp.ui.welcome import WelcomeDialog  # noqa: PLC0415 - as the app loads it

    question = window.use_cases.first_run.question
    assert question is not None, "the first start's question was not loaded"
    dialog = made_here(WelcomeDialog(question, window))
    dialog.cards["one_side"].click()
    return over(window, dialog)


def twitch_dialog(window: MainWindow) -> QDialog:
    """Log a twitch, starting (as the last one logged) on both sides in four places."""
    from relaxapp.ui.journal_view import EpisodeDialog  # noqa: PLC0415 - as the journal strip loads it

    places = (Place.EYELID, Place.BROW, Place.CHEEK, Place.MOUTH)
    journal = window.use_cases.journal
    dialog = made_here(EpisodeDialog(now=journal.now, last_side=Side.BOTH, last_places=places, parent=window))
    return over(window, dialog)


def treatment_dialog(window: MainWindow) -> QDialog:
    """Log a treatment, starting from the last injection logged."""
    from relaxapp.ui.treatment_dialog import TreatmentDialog  # noqa: PLC0415 - as the journal strip loads it

    return over(window, made_here(TreatmentDialog.next_one(window.use_cases.journal, window)))


def timeline_of(choice: str) -> Callable[[MainWindow], None]:
    def visit(window: MainWindow) -> None:
        history_tab(0)(window)
        window.history.timeline.shown.setCurrentText(choice)

    return visit


def twitch_charts(window: MainWindow) -> None:
    """The insights scrolled down to the twitches a week and by the weeks since an injection."""
    history_tab(2)(window)
    card = window.history.insights.since_injection_card
    [area] = [area for area in window.history.findChildren(QScrollArea) if area.isAncestorOf(card)]
    for _ in range(3):  # the page makes room for every chart as the insights' layout settles
        QApplication.processEvents()
    area.ensureWidgetVisible(card, 0, 0)


def visit_report(window: MainWindow) -> QDialog:
    history_tab(0)(window)
    window.history.timeline.shown.setCurrentText("Everything")
    return over(window, window.history.open_visit_report())


Visit = Callable[[MainWindow], QWidget | None]

# (name, how to get there): every page, the states of a page that add widgets to it, and the dialogs.
TOUR: tuple[tuple[str, Visit], ...] = (
    ("welcome", welcome_question),
    ("home", home_with("box")),
    ("home-suggested", home_suggested),
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
    ("history-treatments", timeline_of("Treatments only")),
    ("history-check-ins", timeline_of("Check-ins only")),
    ("history-everything", timeline_of("Everything")),
    ("history-insights", history_tab(2)),
    ("history-insights-twitches", twitch_charts),
    ("history-report", visit_report),
    ("journal-episode", twitch_dialog),
    ("journal-treatment", treatment_dialog),
    ("tips", tips_section("twitch_explained")),
    ("safety", safety_answer(None)),
    ("safety-soon", safety_answer({"eyelid_closes", "persistent"})),
    ("safety-emergency", safety_answer({"signs_passed", "persistent"})),
)
