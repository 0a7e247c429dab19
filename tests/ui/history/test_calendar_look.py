"""The calendar as it looks in each theme: month arrows a person can find, and practice shades that differ
from each other while the day's number on them stays readable (issue 15)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from PySide6.QtCore import QPoint, QRect
from PySide6.QtWidgets import QToolButton, QWidget

from relaxapp.core.contrast import AA_LARGE_TEXT, AA_TEXT, contrast_ratio
from relaxapp.ui.history.calendar import SHADES, shade
from relaxapp.ui.main_window import MainWindow
from relaxapp.ui.theme import DARK, LIGHT, Colours
from tests.helpers.pages import history_tab, look

# Next to each other, two shades (and the plainest beside an empty day) differ by at least this much.
CLEAR_STEP = 1.2


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_each_practice_shade_is_a_clear_step_from_the_next_and_its_number_stays_readable(colours: Colours):
    steps = [colours.surface] + [shade(colours, least).name() for least, _ in reversed(SHADES)]
    step_sizes = [round(contrast_ratio(a, b), 2) for a, b in pairwise(steps)]
    assert min(step_sizes) >= CLEAR_STEP, step_sizes
    for background in steps[1:]:
        assert contrast_ratio(colours.ink, background) >= AA_TEXT, background  # a day's number
        assert contrast_ratio(colours.episode_mark, background) >= AA_TEXT, background  # a day with twitches


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_the_month_arrows_stand_out_from_the_bar_they_sit_on(qtbot, app_window: MainWindow, dark: bool):
    look(app_window, dark=dark, larger_text=False)
    app_window.resize(1000, 700)
    app_window.show()
    history_tab(1)(app_window)
    calendar = app_window.history.calendar.calendar
    calendar.showPreviousMonth()  # so that the next month's arrow is enabled too
    colours = DARK if dark else LIGHT
    bar = calendar.findChild(QWidget, "qt_calendar_navigationbar")
    assert bar is not None
    for name in ("qt_calendar_prevmonth", "qt_calendar_nextmonth"):
        button = calendar.findChild(QToolButton, name)
        assert button is not None and button.isEnabled() and not button.icon().isNull()
        qtbot.waitUntil(button.isVisible)
        # The button is see-through: the arrow is read off the bar it sits on, as a person sees it.
        image = bar.grab(QRect(button.mapTo(bar, QPoint(0, 0)), button.size())).toImage()
        background = image.pixelColor(1, image.height() // 2).name()
        assert background == colours.surface
        drawn = max(
            contrast_ratio(image.pixelColor(x, y).name(), background)
            for x in range(image.width())
            for y in range(image.height())
        )
        assert drawn >= AA_LARGE_TEXT, (name, drawn)  # WCAG 2.2: 3:1 for the parts of a control
