"""A ticked check box is a square with a tick, never mistaken for a chosen radio button (a dot in a ring)."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCheckBox, QStyle, QStyleOptionButton

from relaxapp.core.contrast import AA_LARGE_TEXT, contrast_ratio
from relaxapp.core.preferences import Preferences, ThemeChoice
from relaxapp.ui.theme import DARK, LIGHT, apply_to_application, tick_image


def _indicator_pixels(qtbot, checked: bool) -> tuple[list[list[QColor]], int]:
    box = QCheckBox("Larger text")
    qtbot.addWidget(box)
    box.setChecked(checked)
    box.resize(box.sizeHint())
    box.show()
    option = QStyleOptionButton()
    box.initStyleOption(option)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab().toImage()
    ratio = image.devicePixelRatio()
    rows = [
        [image.pixelColor(int(x * ratio), int(y * ratio)) for x in range(rect.left(), rect.right() + 1)]
        for y in range(rect.top(), rect.bottom() + 1)
    ]
    return rows, rect.width()


@pytest.mark.parametrize(("theme", "colours"), [(ThemeChoice.LIGHT, LIGHT), (ThemeChoice.DARK, DARK)])
def test_a_ticked_box_is_a_filled_square_with_a_tick(qtbot, theme, colours):
    apply_to_application(Preferences(theme=theme))
    assert tick_image(colours).is_file()
    rows, width = _indicator_pixels(qtbot, checked=True)
    accent, tick = QColor(colours.accent), QColor(colours.on_accent)
    # A corner just inside the outline is filled: a radio button's ring would leave it the page's colour.
    assert rows[3][3] == accent and rows[3][width - 4] == accent
    # The tick: a stroke of the colour that stands on the accent, rising to the upper right; a dot would
    # look the same upside down.
    ticked = {(x, y) for y, row in enumerate(rows) for x, colour in enumerate(row) if _near(colour, tick)}
    assert len(ticked) >= 6
    assert {(x, width - 1 - y) for x, y in ticked} != ticked
    assert any(x > width * 0.6 and y < width * 0.4 for x, y in ticked)
    unticked, _ = _indicator_pixels(qtbot, checked=False)
    middle = width // 2
    assert {unticked[y][x].name() for y in range(3, width - 3) for x in (3, middle)} == {colours.surface}
    assert contrast_ratio(colours.on_accent, colours.accent) >= AA_LARGE_TEXT  # the tick on its fill
    assert contrast_ratio(colours.accent, colours.surface) >= AA_LARGE_TEXT  # the filled box on the page


def _near(colour: QColor, target: QColor) -> bool:
    pairs = zip(colour.getRgb()[:3], target.getRgb()[:3], strict=True)
    return max(abs(a - b) for a, b in pairs) <= 40
