"""Every option can be reached from the keyboard, and says what it is.

A row of choices is a radio group: Tab enters it at the choice (the first button while none is chosen)
and leaves it; the arrow keys move within it, taking the choice along once one is made. Asked of the
real widgets in an active window, with the keys a person presses.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import TypeVar

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QAbstractButton, QApplication, QLineEdit, QScrollArea, QVBoxLayout, QWidget

from relaxapp.core.journal import EpisodeDuration, Place, Side
from relaxapp.core.record import SKIPPED
from relaxapp.core.routine import RoutineKind
from relaxapp.core.wording import PLACE_NAMES
from relaxapp.ui import accessible_roles
from relaxapp.ui.choices import RoutineCard
from relaxapp.ui.journal_view import CheckInDialog, EpisodeDialog
from relaxapp.ui.main_window import MainWindow
from relaxapp.ui.navigation import CURRENT
from relaxapp.ui.ratings import ChoiceButtons, RatingRow

NOW = datetime(2026, 11, 25, 8, 30, tzinfo=UTC)
Role = QAccessible.Role
W = TypeVar("W", bound=QWidget)


def active(qtbot, widget: W) -> W:
    """Shown and active: focus and the arrow keys work only in the active window."""
    qtbot.addWidget(widget)
    widget.show()
    with qtbot.waitActive(widget):
        widget.activateWindow()
    return widget


def press(qtbot, key: Qt.Key, modifier: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> QWidget:
    """Press a key where the focus is; returns where the focus is then."""
    focus = QApplication.focusWidget()
    assert focus is not None, "no focus: the window is not active"  # QTest would abort the run
    qtbot.keyClick(focus, key, modifier)
    return QApplication.focusWidget()


def tab_into(qtbot, row: ChoiceButtons, presses: int = 60) -> QWidget:
    """Press Tab until the focus lands in `row`; returns the button it landed on."""
    for _ in range(presses):
        focus = press(qtbot, Qt.Key.Key_Tab)
        if focus in row.buttons.values():
            return focus
    raise AssertionError(f"Tab never reached the row {row.accessibleName()!r}")


def role_and_name(widget: QWidget) -> tuple[Role, str]:
    interface = QAccessible.queryAccessibleInterface(widget)
    return interface.role(), interface.text(QAccessible.Text.Name)


def checked(row: ChoiceButtons) -> list[str]:
    return [button.text() for button in row.buttons.values() if button.isChecked()]


def walk_numbers(qtbot, row: ChoiceButtons) -> None:
    """From the first button, chosen: Right reaches every other number and chooses it, Left comes back."""
    numbers = list(row.buttons)
    for number in numbers[1:]:
        assert press(qtbot, Qt.Key.Key_Right) is row.buttons[number]
        assert row.value() == number
        assert checked(row) == [str(number)]
    assert press(qtbot, Qt.Key.Key_Right) is row.buttons[numbers[-1]]  # the end of the row: it stays
    for number in reversed(numbers[:-1]):
        assert press(qtbot, Qt.Key.Key_Left) is row.buttons[number]
        assert row.value() == number


# -- a rating row -------------------------------------------------------------------------------------------


class RatingPage(QWidget):
    """A rating row between two fields, as on a page: Tab comes from one and goes on to the other."""

    def __init__(self) -> None:
        super().__init__()
        self.before = QLineEdit()
        self.row = RatingRow("How tense or stressed do you feel?", "Tension")
        self.after = QLineEdit()
        layout = QVBoxLayout(self)
        for widget in (self.before, self.row, self.after):
            layout.addWidget(widget)


@pytest.fixture
def rating(qtbot) -> RatingPage:
    accessible_roles.install()  # as the window does: the roles it gives the app's own widgets
    page = RatingPage()
    active(qtbot, page)
    page.before.setFocus()
    return page  # held by the test: a page no one holds is deleted, and the focus with it


def test_tab_enters_a_rating_at_zero_and_the_arrows_reach_every_number(qtbot, rating):
    row = rating.row
    assert press(qtbot, Qt.Key.Key_Tab) is row.numbers.buttons[0]
    assert row.value() is None  # reaching an answer does not give it
    assert press(qtbot, Qt.Key.Key_Right) is row.numbers.buttons[1]
    assert row.value() is None  # nor does moving over one while none is chosen
    press(qtbot, Qt.Key.Key_Left)
    press(qtbot, Qt.Key.Key_Space)
    assert row.value() == 0
    walk_numbers(qtbot, row.numbers)


def test_tab_leaves_the_rating_and_comes_back_at_the_answer(qtbot, rating):
    before, row, after = rating.before, rating.row, rating.after
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Space)
    for _ in range(6):
        press(qtbot, Qt.Key.Key_Right)
    assert row.value() == 7
    assert press(qtbot, Qt.Key.Key_Tab) is row.skip  # out of the numbers in one press
    assert press(qtbot, Qt.Key.Key_Tab) is after
    assert press(qtbot, Qt.Key.Key_Backtab) is row.skip
    assert press(qtbot, Qt.Key.Key_Backtab) is row.numbers.buttons[7]  # back in at the answer
    assert press(qtbot, Qt.Key.Key_Backtab) is before


def test_space_on_the_answer_takes_it_back_and_skip_stays_a_choice(qtbot, rating):
    before, row = rating.before, rating.row
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Right)
    press(qtbot, Qt.Key.Key_Space)
    assert row.value() == 2
    assert press(qtbot, Qt.Key.Key_Space) is row.numbers.buttons[2]
    assert row.value() is None  # no answer again, and the focus stays put
    assert checked(row.numbers) == []
    press(qtbot, Qt.Key.Key_Tab)
    press(qtbot, Qt.Key.Key_Space)
    assert row.value() is SKIPPED
    # With no number chosen, Tab comes back in at the first, from either side.
    before.setFocus()
    assert press(qtbot, Qt.Key.Key_Tab) is row.numbers.buttons[0]
    press(qtbot, Qt.Key.Key_Space)
    assert row.value() == 0  # a number undoes Skip, as a click does
    assert row.skip is not None and not row.skip.isChecked()


def test_each_rating_button_is_a_radio_button_named_for_its_meaning(qtbot, rating):
    row = rating.row
    row.set_value(4)
    assert role_and_name(row.numbers) == (Role.Grouping, "How tense or stressed do you feel?")
    for number, button in row.numbers.buttons.items():
        assert role_and_name(button) == (Role.RadioButton, f"Tension {number} of 10")
        assert QAccessible.queryAccessibleInterface(button).state().checked == (number == 4)


def test_the_ratings_of_the_home_page_and_the_summary_are_reached_from_the_keyboard(
    qtbot, window, fake_clock
):
    active(qtbot, window)
    window.home.eyes_closed.setFocus()
    tension = window.home.before.tension.numbers
    assert tab_into(qtbot, tension) is tension.buttons[0]
    press(qtbot, Qt.Key.Key_Space)
    walk_numbers(qtbot, tension)
    window.sessions.start_routine(window.home.selected_routine(), window.home.selected_length())
    fake_clock.advance(20)
    window.runner.stop()
    assert window.pages.currentWidget() is window.summary
    twitching = window.summary.ratings.twitch.numbers
    window.summary.ratings.tension.numbers.buttons[0].setFocus()
    assert tab_into(qtbot, twitching) is twitching.buttons[0]
    press(qtbot, Qt.Key.Key_Space)
    walk_numbers(qtbot, twitching)
    assert window.summary.ratings.answers() == (None, 0)


# -- the journal's dialogs ------------------------------------------------------------------------------


def test_a_twitch_is_logged_with_tab_arrows_and_space_alone(qtbot):
    dialog = active(qtbot, EpisodeDialog(now=lambda: NOW))
    assert QApplication.focusWidget() is dialog.side.buttons[Side.LEFT]
    assert press(qtbot, Qt.Key.Key_Right) is dialog.side.buttons[Side.RIGHT]
    press(qtbot, Qt.Key.Key_Space)
    assert press(qtbot, Qt.Key.Key_Left) is dialog.side.buttons[Side.LEFT]
    assert dialog.side.value() is Side.LEFT  # the arrow took the choice along
    assert press(qtbot, Qt.Key.Key_Tab) is dialog.places.buttons[Place.EYELID]
    for place in (Place.BROW, Place.CHEEK):
        assert press(qtbot, Qt.Key.Key_Right) is dialog.places.buttons[place]
    press(qtbot, Qt.Key.Key_Space)  # a check box: Space ticks it, the arrows only move
    assert dialog.places.values() == (Place.CHEEK,)
    for place in (Place.MOUTH, Place.CHIN, Place.NECK, Place.OTHER):
        assert press(qtbot, Qt.Key.Key_Right) is dialog.places.buttons[place]
    press(qtbot, Qt.Key.Key_Space)
    assert dialog.places.values() == (Place.CHEEK, Place.OTHER)
    assert press(qtbot, Qt.Key.Key_Tab) is dialog.intensity.buttons[1]
    press(qtbot, Qt.Key.Key_Space)
    walk_numbers(qtbot, dialog.intensity)
    press(qtbot, Qt.Key.Key_Space)
    assert dialog.intensity.value() == 1  # Space on the choice keeps it: strength is not optional
    assert press(qtbot, Qt.Key.Key_Tab) is dialog.duration.buttons[EpisodeDuration.SECONDS]
    assert press(qtbot, Qt.Key.Key_Right) is dialog.duration.buttons[EpisodeDuration.MINUTES]
    press(qtbot, Qt.Key.Key_Space)
    episode = dialog.episode()
    assert episode is not None
    assert (episode.side, episode.places, episode.intensity, episode.duration) == (
        Side.LEFT,
        (Place.CHEEK, Place.OTHER),
        1,
        EpisodeDuration.MINUTES,
    )
    # Back through the rows: each radio row is one Shift+Tab, entered at its choice; each place, a
    # check box, is a stop of its own.
    assert press(qtbot, Qt.Key.Key_Backtab) is dialog.intensity.buttons[1]
    assert press(qtbot, Qt.Key.Key_Backtab) is dialog.places.buttons[Place.OTHER]
    assert press(qtbot, Qt.Key.Key_Backtab) is dialog.places.buttons[Place.NECK]
    dialog.places.buttons[Place.EYELID].setFocus()
    assert press(qtbot, Qt.Key.Key_Left) is dialog.places.buttons[Place.EYELID]  # the row's end holds
    assert press(qtbot, Qt.Key.Key_Backtab) is dialog.side.buttons[Side.LEFT]


def test_the_twitch_dialog_says_what_each_row_and_button_is(qtbot):
    dialog = active(qtbot, EpisodeDialog(now=lambda: NOW))
    rows = {
        "Side": dialog.side,
        "How strong": dialog.intensity,
        "How long": dialog.duration,
    }
    # Several places may be ticked: check boxes, each named by its place, in a row named "Places".
    assert dialog.places.accessibleName() == "Places"
    for place, button in dialog.places.buttons.items():
        assert role_and_name(button) == (Role.CheckBox, PLACE_NAMES[place])
    for question, row in rows.items():
        assert row.accessibleName() == question
        for button in row.buttons.values():
            role, name = role_and_name(button)
            assert role is Role.RadioButton
            assert name.startswith(f"{question}: ")
    assert role_and_name(dialog.intensity.buttons[7]) == (Role.RadioButton, "How strong: 7 of 10")


def test_the_check_in_answers_from_the_keyboard_and_takes_an_answer_back(qtbot):
    dialog = active(qtbot, CheckInDialog(date(2026, 11, 25)))
    assert tab_into(qtbot, dialog.dry_eyes) is dialog.dry_eyes.buttons[True]
    assert press(qtbot, Qt.Key.Key_Right) is dialog.dry_eyes.buttons[False]
    press(qtbot, Qt.Key.Key_Space)
    assert dialog.check_in().dry_eyes is False
    press(qtbot, Qt.Key.Key_Space)
    assert dialog.check_in().dry_eyes is None  # taken back: not answered
    stress = dialog.stress.numbers
    assert press(qtbot, Qt.Key.Key_Tab) is stress.buttons[0]
    press(qtbot, Qt.Key.Key_Space)
    walk_numbers(qtbot, stress)
    assert dialog.check_in().stress == 0
    assert role_and_name(dialog.dry_eyes.buttons[True]) == (Role.RadioButton, "Eyes dry or gritty today: yes")
    assert role_and_name(stress.buttons[3]) == (Role.RadioButton, "Stress 3 of 10")


# -- the home page's kinds and cards ----------------------------------------------------------------------


def shown_cards(window: MainWindow) -> list[RoutineCard]:
    return [card for card in window.home.findChildren(RoutineCard) if card.isVisibleTo(window.home)]


def test_cards_are_radio_buttons_named_with_their_rhythm_or_length_in_words(qtbot, window: MainWindow):
    names = {}
    for card in window.home.findChildren(RoutineCard):
        role, name = role_and_name(card)
        assert role is Role.RadioButton
        assert "·" not in name
        names[card.routine.id] = name
    assert names["box"] == "Box breathing, in 4, hold 4, out 4, hold 4 seconds"
    assert names["four_seven_eight"] == "4-7-8 breathing, in 4, hold 7, out 8 seconds"
    face = next(card.routine for card in window.home.findChildren(RoutineCard) if not card.routine.repeats)
    assert names[face.id].startswith(f"{face.title}, ")
    assert names[face.id].endswith(("minute", "minutes", "seconds"))
    chosen = window.home.selected_routine()
    for card in window.home.findChildren(RoutineCard):
        assert QAccessible.queryAccessibleInterface(card).state().checked == (card.routine is chosen)


def test_the_arrow_keys_move_the_choice_among_the_cards(qtbot, window: MainWindow):
    window.resize(1366, 768)  # wide enough for two cards a row: the third is under the first
    active(qtbot, window)
    first, second, third = shown_cards(window)[:3]
    qtbot.waitUntil(lambda: second.y() == first.y() and third.x() == first.x())
    window.home.select(first.routine.id)
    first.setFocus()
    assert press(qtbot, Qt.Key.Key_Right) is second
    assert window.home.selected_routine() is second.routine
    assert press(qtbot, Qt.Key.Key_Left) is first
    assert press(qtbot, Qt.Key.Key_Down) is third
    assert window.home.selected_routine() is third.routine
    assert press(qtbot, Qt.Key.Key_Up) is first
    assert window.home.selected_routine() is first.routine


def test_the_kinds_are_a_radio_group_the_arrows_walk(qtbot, window: MainWindow):
    active(qtbot, window)
    chips = [chip for chip in window.home.findChildren(QAbstractButton) if chip.objectName() == "kindChip"]
    assert [role_and_name(chip) for chip in chips] == [
        (Role.RadioButton, "Breathing routines"),
        (Role.RadioButton, "Muscle relaxation routines"),
        (Role.RadioButton, "Guided imagery routines"),
        (Role.RadioButton, "Face massage routines"),
    ]
    window.home.select("box")
    chips[0].setFocus()
    assert press(qtbot, Qt.Key.Key_Right) is chips[1]
    assert chips[1].isChecked()
    assert {card.routine.kind for card in shown_cards(window)} == {RoutineKind.PMR}
    assert window.home.selected_routine().kind is RoutineKind.PMR
    # Tab goes on to the chosen card: one stop for the kinds, one for the cards.
    assert press(qtbot, Qt.Key.Key_Tab) is next(
        card for card in shown_cards(window) if card.routine is window.home.selected_routine()
    )


def test_the_lengths_are_a_radio_group_too(qtbot, window: MainWindow):
    active(qtbot, window)
    window.home.select("box")
    chips = [chip for chip in window.home.findChildren(QAbstractButton) if chip.objectName() == "chip"]
    assert [role_and_name(chip) for chip in chips] == [
        (Role.RadioButton, "1 minute"),
        (Role.RadioButton, "3 minutes"),
        (Role.RadioButton, "5 minutes"),
        (Role.RadioButton, "10 minutes"),
        (Role.RadioButton, "20 minutes"),
        (Role.RadioButton, "Count breaths instead of minutes"),
    ]
    chosen = next(chip for chip in chips if chip.isChecked())
    chosen.setFocus()
    after = chips[chips.index(chosen) + 1]
    assert press(qtbot, Qt.Key.Key_Right) is after
    assert after.isChecked()


# -- the navigation and the Tab chain ---------------------------------------------------------------------


def test_the_navigation_is_buttons_and_says_which_page_is_open(qtbot, window: MainWindow):
    for button in (*window.nav.tabs, window.nav.settings):
        assert role_and_name(button) == (Role.Button, button.text())
        assert not QAccessible.queryAccessibleInterface(button).state().checkable

    def description(button: QAbstractButton) -> str:
        return QAccessible.queryAccessibleInterface(button).text(QAccessible.Text.Description)

    assert description(window.nav.relax) == CURRENT
    assert description(window.nav.history) == ""
    assert description(window.nav.signs) == "Should I see a doctor?"  # its tooltip
    window.go_safety_check()
    assert description(window.nav.relax) == ""
    assert description(window.nav.signs) == f"{CURRENT}. Should I see a doctor?"
    assert window.nav.current() is window.nav.signs
    assert window.nav.signs.property("current") is True  # what the style sheet shows


def tab_chain(qtbot, presses: int = 120) -> list[QWidget]:
    """Where Tab goes, from the focus now until it comes round again."""
    start = QApplication.focusWidget()
    chain = [start]
    for _ in range(presses):
        focus = press(qtbot, Qt.Key.Key_Tab)
        if focus is start:
            return chain
        chain.append(focus)
    raise AssertionError("Tab never came round")


def test_tab_goes_from_group_to_group_and_never_to_a_scroll_area(qtbot, window: MainWindow):
    active(qtbot, window)
    window.nav.relax.setFocus()
    chain = tab_chain(qtbot)
    assert not [widget for widget in chain if isinstance(widget, QScrollArea)]
    assert len(chain) == len(set(chain))
    home = window.home
    for row in (home.before.tension.numbers, home.before.twitch.numbers):
        assert [widget for widget in chain if widget in row.buttons.values()] == [row.buttons[0]]
    assert [widget for widget in chain if isinstance(widget, RoutineCard)] == [
        card for card in shown_cards(window) if card.routine is home.selected_routine()
    ]
    stops = {}
    for name in ("kindChip", "routineCard", "chip"):
        in_chain = [widget for widget in chain if widget.objectName() == name]
        assert [widget.isChecked() for widget in in_chain] == [True]  # one stop: the choice
        stops[name] = chain.index(in_chain[0])
    assert stops["kindChip"] < stops["routineCard"] < stops["chip"]  # in the order they are on the page


@pytest.mark.parametrize("page", ["home", "summary", "history", "settings"])
def test_scroll_areas_that_hold_controls_take_no_focus(qtbot, window: MainWindow, fake_clock, page):
    if page == "summary":
        window.sessions.start_routine(window.home.selected_routine(), window.home.selected_length())
        fake_clock.advance(20)
        window.runner.stop()
        root: QWidget = window.summary
    elif page == "history":  # the page scrolls, the insights with it
        window.go_history()
        window.history.tabs.setCurrentIndex(2)
        root = window.history
    elif page == "settings":
        window.open_settings()
        assert window.settings_dialog is not None
        root = window.settings_dialog
    else:
        root = window.home
    areas = root.findChildren(QScrollArea)
    assert areas
    assert [area.focusPolicy() for area in areas] == [Qt.FocusPolicy.NoFocus] * len(areas)
