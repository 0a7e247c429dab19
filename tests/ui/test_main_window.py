"""The shell as a person sees it: the navigation column stands apart from the page it opens."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QWidget

from relaxapp.ui.main_window import MainWindow
from relaxapp.ui.theme import LIGHT


def test_the_navigation_column_is_shaded_apart_from_the_page(window: MainWindow):
    picture = window.grab().toImage()
    nav = window.nav.geometry()
    below_the_buttons = picture.pixelColor(nav.left() + 4, nav.bottom() - 80)
    page = window.pages.geometry()
    beside_it = picture.pixelColor(page.left() + 8, page.top() + 8)
    assert below_the_buttons == QColor(LIGHT.nav_bg)
    assert beside_it == QColor(LIGHT.background)


def tab_colour(window: MainWindow, tab) -> QColor:
    picture = window.grab().toImage()
    where = tab.mapTo(window, tab.rect().topLeft())
    return picture.pixelColor(where.x() + 3, where.y() + tab.height() // 2)


def test_the_open_pages_tab_is_marked_from_the_first_frame_and_as_pages_change(window: MainWindow):
    # Marked before the window was first shown (and polished), then again once it is.
    assert tab_colour(window, window.nav.relax) == QColor(LIGHT.accent)
    assert tab_colour(window, window.nav.history) != QColor(LIGHT.accent)
    window.go_history()
    assert tab_colour(window, window.nav.history) == QColor(LIGHT.accent)
    assert tab_colour(window, window.nav.relax) != QColor(LIGHT.accent)


def tab_stops(window: MainWindow) -> list[QWidget]:
    """The controls Tab visits, in order, from the first of the navigation round to it again."""
    stops, widget = [], window.nav.relax
    while True:
        if widget.isVisible() and widget.focusPolicy() & Qt.FocusPolicy.TabFocus:
            stops.append(widget)
        widget = widget.nextInFocusChain()
        if widget is window.nav.relax:
            return stops


def test_tab_reaches_the_home_page_before_the_sound_bar_below_it(window: MainWindow):
    stops = tab_stops(window)
    sound = [window.audio_bar.slider, window.audio_bar.mute, window.audio_bar.test]
    assert stops.index(window.home.journal.log_button) < stops.index(window.home.start_button)
    assert stops.index(window.home.start_button) < stops.index(sound[0])
    assert stops[stops.index(sound[0]) :][:3] == sound
