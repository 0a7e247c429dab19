"""The shell as a person sees it: the navigation column stands apart from the page it opens."""

from __future__ import annotations

from PySide6.QtGui import QColor

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
