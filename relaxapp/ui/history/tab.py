"""What the calendar and insights tabs have in common: built when first shown, read when shown."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget

from relaxapp.logic.progress import Progress
from relaxapp.ui.theme import LIGHT, Colours


class HistoryTab(QWidget):
    """A view of the history that refresh() reads again and set_look() recolours."""

    def __init__(self, progress: Progress, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._progress = progress
        self._colours = LIGHT  # until the page says which theme the window wears

    def refresh(self) -> None:
        raise NotImplementedError

    def set_look(self, colours: Colours) -> None:
        self._colours = colours
