"""PySide6 6.12.0 on Python 3.11 drops a reference to None on every call of a method that returns
nothing, and the process aborts ("none_dealloc") after a few thousand frames of animation.
pyproject.toml keeps PySide6 below 6.12 on Python < 3.12; this guards that choice."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QLabel


def test_void_methods_do_not_leak_references_to_none(qtbot):
    label = QLabel()
    qtbot.addWidget(label)
    image = QImage(8, 8, QImage.Format.Format_ARGB32)
    before = sys.getrefcount(None)
    painter = QPainter(image)
    for number in range(10_000):
        label.setText(str(number % 7))
        label.update()
        painter.fillRect(0, 0, 4, 4, QColor("#2f6f6c"))
    painter.end()
    assert sys.getrefcount(None) >= before - 100
