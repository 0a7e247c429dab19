"""What a person does with and reads off the real window's widgets, for the window tests."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QPushButton, QWidget


def click(qtbot, widget: QWidget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def button(parent: QWidget, text: str) -> QPushButton:
    """The visible button of `parent` that reads `text`."""
    return next(b for b in parent.findChildren(QPushButton) if b.text() == text and b.isVisibleTo(parent))


def labels(widget: QWidget) -> list[str]:
    """The words of every label a person can see in `widget`, in the order they were made."""
    return [label.text() for label in widget.findChildren(QLabel) if label.isVisibleTo(widget)]


D = TypeVar("D", bound=QWidget)


def shown(qtbot, dialog: D) -> D:
    """`dialog` on screen, closed with the test."""
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog
