"""Tab follows the reading order of every page: the navigation column, then the page top to bottom and
left to right, then the sound bar. From the chosen routine Start is at most three presses away, and
Ctrl+Enter starts from anywhere on the home page. The focused control shows a ring that stands out, and is
scrolled into view whole."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from relaxapp.core.contrast import AA_LARGE_TEXT, contrast_ratio
from relaxapp.ui.choices import FOCUS_RING
from relaxapp.ui.main_window import MainWindow
from relaxapp.ui.theme import DARK, LIGHT, Colours
from tests.helpers.pages import close_stop, home_with, look, summary, treatment_dialog, visit_report
from tests.ui.test_accessibility_keyboard import active, press, shown_cards, tab_chain

NAV = ["Relax", "History", "Tips and advice", "Warning signs", "Settings", "Help"]
# The visit report's dialog: its two dates, then its buttons ("Open folder" shows once a report is saved).
REPORT_STOPS = ["First day of the report", "Last day of the report", "Save PDF…", "Close"]
SOUND_BAR = ["Cue volume", "Mute sounds", "Play a test sound"]
BEFORE = ["Tension 0 of 10", "Skip the tension question", "Twitching 0 of 10", "Skip the twitching question"]


@pytest.fixture
def window(app_window: MainWindow) -> MainWindow:
    return app_window  # with paced breathing and "New pattern…", as the app shows them


def spoken_name(widget: QWidget) -> str:
    return QAccessible.queryAccessibleInterface(widget).text(QAccessible.Text.Name)


def tab_names(qtbot, window: MainWindow) -> list[str]:
    """What a screen reader names at each press of Tab, from the first page of the navigation round."""
    window.nav.relax.setFocus()
    return [spoken_name(widget) for widget in tab_chain(qtbot, presses=150)]


def card_name(window: MainWindow) -> str:
    card = next(card for card in shown_cards(window) if card.isChecked())
    return card.accessibleName()


def test_home_in_reading_order(qtbot, window: MainWindow):
    active(qtbot, window)
    home_with("box")(window)
    assert tab_names(qtbot, window) == [
        *NAV,
        "Log a twitch",
        "Daily check-in",
        "Log a treatment…",
        *BEFORE,
        "Eyes-closed mode",
        "Breathing routines",
        "Make a breathing pattern of your own",
        card_name(window),
        "3 minutes",
        "Read more tips ›",
        "Start session",
        *SOUND_BAR,
    ]


def test_the_summary_in_reading_order(qtbot, window: MainWindow):
    active(qtbot, window)
    summary(window)
    assert tab_names(qtbot, window) == [
        *NAV,
        *BEFORE,
        "Do it again",
        "See history",
        "Home",
        "Check the warning signs ›",
        *SOUND_BAR,
    ]


def test_tips_and_the_safety_check_in_reading_order(qtbot, window: MainWindow):
    active(qtbot, window)
    window.go_tips()
    assert tab_names(qtbot, window) == [*NAV, "Search tips", "Tip sections", "Tips", *SOUND_BAR]
    window.go_safety_check()
    signs = [box.accessibleName() for box in window.safety_page.boxes.values()]  # as listed on the page
    assert tab_names(qtbot, window) == [*NAV, *signs, "See what to do", "Clear", *SOUND_BAR]


def test_history_comes_between_the_navigation_and_the_sound_bar(qtbot, window: MainWindow):
    active(qtbot, window)
    window.go_history()
    names = tab_names(qtbot, window)
    assert names[: len(NAV) + 2] == [*NAV, "Report for a visit…", "Export, import or restore the history"]
    assert names[-len(SOUND_BAR) :] == SOUND_BAR
    assert len(names) > len(NAV) + len(SOUND_BAR) + 2  # the tabs and the timeline's own controls


@pytest.mark.parametrize(
    "routine_id",
    ["box", "four_seven_eight", "paced", "pmr_face_neck", "imagery_beach_dusk", "massage_full_face"],
)
def test_start_is_three_presses_at_most_from_the_chosen_routine(qtbot, window: MainWindow, routine_id):
    active(qtbot, window)
    home_with(routine_id)(window)
    card = next(card for card in shown_cards(window) if card.isChecked())
    card.setFocus()
    presses = 0
    while QApplication.focusWidget() is not window.home.start_button:
        press(qtbot, Qt.Key.Key_Tab)
        presses += 1
        assert presses <= 3, f"{spoken_name(QApplication.focusWidget())} after {presses} presses"


def test_ctrl_enter_starts_from_anywhere_on_the_home_page(qtbot, window: MainWindow):
    active(qtbot, window)
    home_with("box")(window)
    window.home.before.tension.numbers.buttons[0].setFocus()
    with qtbot.waitSignal(window.runner.started):
        press(qtbot, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    window.runner.stop()


def test_a_page_opened_from_the_keyboard_takes_the_focus_to_its_first_control(qtbot, window: MainWindow):
    active(qtbot, window)
    window.nav.tips.setFocus()
    press(qtbot, Qt.Key.Key_Space)
    assert spoken_name(QApplication.focusWidget()) == "Search tips"
    window.nav.relax.setFocus()
    assert spoken_name(press(qtbot, Qt.Key.Key_Space)) == "Log a twitch"


def test_a_page_opened_by_a_click_leaves_the_focus_alone(qtbot, window: MainWindow):
    active(qtbot, window)
    window.home.start_button.setFocus()
    qtbot.mouseClick(window.nav.tips, Qt.MouseButton.LeftButton)
    assert window.pages.currentWidget() is window.tips_page
    assert not window.nav.tips.hasFocus()  # no ring left behind on the navigation


def test_a_page_opened_by_a_click_opens_at_its_top_with_the_focus_on_it(qtbot, window: MainWindow):
    window.resize(800, 600)  # home is taller than the window
    active(qtbot, window)
    window.go_tips()
    window.tips_page.search.setFocus()
    qtbot.mouseClick(window.nav.relax, Qt.MouseButton.LeftButton)
    area = next(a for a in window.home.findChildren(QScrollArea) if a.widget() is not None)
    assert area.verticalScrollBar().value() == 0
    assert QApplication.focusWidget() is window.home
    assert spoken_name(press(qtbot, Qt.Key.Key_Tab)) == "Relax"  # Tab starts again at the window's top


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_focused_card_has_a_ring_that_stands_out_from_the_page(qtbot, window: MainWindow, dark):
    look(window, dark=dark, larger_text=False)
    active(qtbot, window)
    home_with("box")(window)
    card = next(card for card in shown_cards(window) if card.isChecked())
    edge = QPoint(FOCUS_RING // 2, card.height() // 2)  # in the margin round the card, on the page
    page = colour_at(card, edge)
    card.setFocus()
    qtbot.waitUntil(card.hasFocus)
    ring = colour_at(card, edge)
    assert ring != page
    assert contrast_ratio(ring, page) >= AA_LARGE_TEXT  # WCAG 2.2: 3:1 for a focus indicator


def colour_at(widget: QWidget, point: QPoint) -> str:
    """The colour on screen at `point` of `widget`, as #rrggbb."""
    return widget.grab().toImage().pixelColor(point).name()


def test_a_card_focused_by_the_arrow_keys_is_scrolled_fully_into_view(qtbot, window: MainWindow):
    window.resize(800, 600)
    look(window, dark=False, larger_text=True)  # one card a row: the last is below the fold
    active(qtbot, window)
    home_with("box")(window)
    cards = shown_cards(window)
    cards[0].setFocus()
    for _ in cards[1:]:
        press(qtbot, Qt.Key.Key_Down)
    last = cards[-1]
    assert last.hasFocus()
    area = next(a for a in window.home.findChildren(QScrollArea) if a.widget().isAncestorOf(last))
    seen = QRect(QPoint(0, 0), area.viewport().size())
    assert last.height() < seen.height()  # it can be seen whole
    qtbot.waitUntil(lambda: seen.contains(QRect(last.mapTo(area.viewport(), QPoint(0, 0)), last.size())))


# Each focus ring in style.qss, and what it is drawn over: a ring must stand 3:1 apart from it (WCAG 2.2).
FOCUS_RINGS = {
    "a button, a check box, a card's ring": ("focus", "surface"),
    "on the page": ("focus", "background"),
    "in the navigation": ("focus", "nav_bg"),
    "a chosen or filled button, inside": ("on_accent", "accent"),
    "Log a twitch, filled when focused": ("accent", "surface"),
}


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_every_focus_ring_stands_out_from_what_it_covers(colours: Colours):
    low = {
        where: round(contrast_ratio(getattr(colours, ring), getattr(colours, under)), 2)
        for where, (ring, under) in FOCUS_RINGS.items()
        if contrast_ratio(getattr(colours, ring), getattr(colours, under)) < AA_LARGE_TEXT
    }
    assert low == {}


def tab_round(qtbot, start: QWidget) -> list[str]:
    """The names Tab reaches from `start` until it comes round to it, each once in a row (Tab walks a
    date's day, month and year before it leaves the field)."""
    start.setFocus()
    qtbot.waitUntil(start.hasFocus)
    names, left = [spoken_name(start)], False
    for _ in range(80):
        focus = press(qtbot, Qt.Key.Key_Tab)
        if focus is start and left:
            return names
        left = left or focus is not start
        if spoken_name(focus) != names[-1]:
            names.append(spoken_name(focus))
    raise AssertionError(f"Tab never came round: {names}")


def test_the_treatment_dialog_in_reading_order(qtbot, window: MainWindow):
    active(qtbot, window)
    dialog = treatment_dialog(window)
    qtbot.waitUntil(dialog.isActiveWindow)
    places = ["Eyelid", "Brow", "Cheek", "Mouth corner", "Chin", "Neck", "Other"]  # each its own stop
    assert tab_round(qtbot, dialog.note) == [
        "Note",
        "Save",
        "Cancel",
        "Treatment: injection",  # the row of kinds: one stop, the arrows walk it
        "Date",
        "Product",
        "Side: left",
        *places,
        "Dose",
    ]
    close_stop(dialog)


def test_the_report_dialog_in_reading_order(qtbot, window: MainWindow):
    active(qtbot, window)
    dialog = visit_report(window)
    qtbot.waitUntil(dialog.isActiveWindow)
    assert tab_round(qtbot, dialog.first) == REPORT_STOPS
    close_stop(dialog)
