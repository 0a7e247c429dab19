"""Every control a person can reach has a name a screen reader can say, and a role that says what it is."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QDialog,
    QLineEdit,
    QTextEdit,
    QWidget,
)

from relaxapp.core.routine import Cycles
from relaxapp.ui.journal_view import CheckInDialog, EpisodeDialog
from relaxapp.ui.main_window import MainWindow
from relaxapp.ui.treatment_dialog import TreatmentDialog
from relaxapp.ui.welcome import WelcomeDialog
from tests.helpers.pages import TOUR, close_stop

INTERACTIVE = (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QLineEdit, QAbstractItemView, QTextEdit)
Role = QAccessible.Role
# Roles that say nothing of what a control does: a screen reader says "panel" or "layered pane".
VAGUE_ROLES = {Role.NoRole, Role.Client, Role.Pane, Role.Grouping, Role.Window, Role.LayeredPane}
# One of several choices is a radio button; a page's button in the navigation a button (Help: with a menu).
ROLES_BY_NAME = {
    "routineCard": {Role.RadioButton},
    "kindChip": {Role.RadioButton},
    "chip": {Role.RadioButton},
    "ratingButton": {Role.RadioButton},
    "choiceButton": {Role.RadioButton},
    "answerCard": {Role.RadioButton},  # what brings you here, at first start
    "suggestedCard": {Role.Button},  # a click chooses the routine on the page: an action, not a state
    "checkButton": {Role.CheckBox},  # one of several that may all be ticked (a twitch's places)
    "navButton": {Role.Button, Role.ButtonMenu},
}


def reachable_controls(root: QWidget) -> list[QWidget]:
    """The controls of `root` a person can reach from the keyboard: by Tab, or by the arrow keys
    within a radio group (whose buttons but one are out of the Tab chain)."""
    controls = []
    for widget in root.findChildren(QWidget):
        in_radio_group = isinstance(widget, QAbstractButton) and widget.autoExclusive()
        reachable = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus) or in_radio_group
        qt_internal = widget.objectName().startswith("qt_")  # e.g. the spin box's own line edit
        if isinstance(widget, INTERACTIVE) and widget.isVisibleTo(root) and reachable and not qt_internal:
            controls.append(widget)
    return controls


def described(widget: QWidget) -> str:
    return f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}"


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in reachable_controls(root):
        # A button's own words are its name; everything else needs an accessible name.
        spoken = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
        if not spoken.strip():
            missing.append(described(widget))
    return missing


def spoken_problems(root: QWidget) -> list[str]:
    """What a screen reader would get wrong of each control in `root`, asked of Qt's accessibility
    interface as the AT-SPI bridge asks it: a role that says nothing or not what the control is (a
    choice read as a check box), no name, or a name with a middle dot (said "middle dot")."""
    problems = []
    for widget in reachable_controls(root):
        interface = QAccessible.queryAccessibleInterface(widget)
        role, name = interface.role(), interface.text(QAccessible.Text.Name)
        expected = ROLES_BY_NAME.get(widget.objectName())
        if role in VAGUE_ROLES or (expected and role not in expected):
            problems.append(f"{described(widget)} {name!r} reads as {role.name}")
        if not name.strip():
            problems.append(f"{described(widget)} has no name")
        if "·" in name:
            problems.append(f"{described(widget)} {name!r} has a middle dot")
    return problems


def test_every_control_on_every_page_has_a_name(qtbot, window: MainWindow, fake_clock):
    seen = {"home": unnamed_controls(window)}
    window.go_history()
    seen["history"] = unnamed_controls(window)
    window.go_tips()
    seen["tips"] = unnamed_controls(window)
    window.go_safety_check()
    seen["safety"] = unnamed_controls(window)
    window.safety_page.assess()
    seen["safety answer"] = unnamed_controls(window)
    window.go_home()
    window.sessions.start_routine(window.home.selected_routine(), window.home.selected_length())
    seen["session"] = unnamed_controls(window)
    fake_clock.advance(20)
    window.runner.stop()
    seen["summary"] = unnamed_controls(window)
    assert {page: names for page, names in seen.items() if names} == {}


def test_the_check_notices_a_control_without_a_name(qtbot, window: MainWindow):
    window.home.select("box", Cycles(8))  # the count of breaths is a Tab stop once "Breaths" is chosen
    window.home.breaths.setAccessibleName("")
    assert unnamed_controls(window) == ["QSpinBox '' in QWidget"]


def test_every_control_everywhere_says_what_it_is_and_its_name(qtbot, window: MainWindow, fake_clock):
    assert window.use_cases.first_run.question is not None
    question = WelcomeDialog(window.use_cases.first_run.question, window)
    question.show()
    seen = {"what brings you here": spoken_problems(question)}
    question.reject()
    window.use_cases.first_run.answer("one_side")  # the home page with its suggestions
    assert window.home.suggestions.isVisible()
    seen["home"] = spoken_problems(window)
    window.go_history()
    for index in range(window.history.tabs.count()):
        window.history.tabs.setCurrentIndex(index)
        seen[f"history {window.history.tabs.tabText(index)}"] = spoken_problems(window)
    window.go_tips()
    seen["tips"] = spoken_problems(window)
    window.go_safety_check()
    seen["warning signs"] = spoken_problems(window)
    window.safety_page.assess()
    seen["warning signs answer"] = spoken_problems(window)
    window.go_home()
    window.open_settings()
    assert window.settings_dialog is not None
    seen["settings"] = spoken_problems(window.settings_dialog)
    window.settings_dialog.reject()
    window.sessions.start_routine(window.home.selected_routine(), window.home.selected_length())
    seen["session"] = spoken_problems(window)
    fake_clock.advance(20)
    window.runner.stop()
    seen["summary"] = spoken_problems(window)
    now = datetime(2026, 11, 25, 8, 30, tzinfo=UTC)
    dialogs: dict[str, QDialog] = {
        "log a twitch": EpisodeDialog(now=lambda: now),
        "check-in": CheckInDialog(date(2026, 11, 25)),
        "log a treatment": TreatmentDialog(today=date(2026, 11, 25)),
    }
    for name, dialog in dialogs.items():
        qtbot.addWidget(dialog)
        dialog.show()
        seen[name] = spoken_problems(dialog)
    assert {page: problems for page, problems in seen.items() if problems} == {}


def test_the_check_hears_a_vague_role_a_check_box_choice_and_a_middle_dot(qtbot, window: MainWindow):
    window.home.before.tension.numbers.buttons[0].setAutoExclusive(False)  # a checkable button alone
    window.nav.history.setCheckable(True)
    window.home.select("box", Cycles(8))  # the count of breaths is a Tab stop once "Breaths" is chosen
    window.home.breaths.setAccessibleName("8 · breaths")
    window.home.start_button.setAccessibleName(" ")
    assert set(spoken_problems(window)) == {
        "QPushButton 'navButton' in Navigation 'History' reads as CheckBox",
        "QPushButton 'ratingButton' in ChoiceButtons 'Tension 0 of 10' reads as CheckBox",
        "QSpinBox '' in QWidget '8 · breaths' has a middle dot",
        "QPushButton 'primary' in QFrame has no name",
    }


def test_every_state_of_every_page_says_what_each_control_is(qtbot, app_window: MainWindow):
    """The tour of the reflow test: paced breathing's pace, a pattern's buttons, a routine's options (a
    warm compress, background sound), the count of breaths, each answer of the safety check."""
    seen = {}
    for name, visit in TOUR:
        stop = visit(app_window)
        seen[name] = spoken_problems(stop or app_window)
        close_stop(stop)
    app_window.home.select("four_seven_eight")  # counted in breaths: the count is its one Tab stop
    seen["home, in breaths"] = spoken_problems(app_window)
    app_window.runner.stop()
    assert {page: problems for page, problems in seen.items() if problems} == {}
