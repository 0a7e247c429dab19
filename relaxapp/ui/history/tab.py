"""What the calendar and insights tabs have in common: built when first shown, read when shown."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtWidgets import QWidget

from relaxapp.storage.history import HistoryReader
from relaxapp.ui.theme import LIGHT, Colours


class HistoryTab(QWidget):
    """A view of the history that refresh() reads again and set_look() recolours."""

    def __init__(
        self, history: HistoryReader, today: Callable[[], date], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self._history = history
        self._today = today
        self._colours = LIGHT  # until the page says which theme the window wears

    def refresh(self) -> None:
        raise NotImplementedError

    def set_look(self, colours: Colours) -> None:
        self._colours = colours
