"""The length of a repeating routine: a chip for each standard count of minutes, or a count of breaths."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QSpinBox, QWidget

from relaxapp.core.routine import (
    MAX_CYCLES,
    STANDARD_MINUTES,
    Cycles,
    Minutes,
    Routine,
    SessionLength,
    length_choices,
)
from relaxapp.core.wording import plural
from relaxapp.ui.choices import OneChoice
from relaxapp.ui.layouts import FlowLayout


class LengthChoice(QObject):
    """The "Length" title and its row, which the page lays out: the widgets stay the page's to order."""

    chosen = Signal()  # a chip, or a new count of breaths (set by show() too, which chooses "Breaths")

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.row = FlowLayout()
        self.title = QLabel("Length")
        self.title.setObjectName("rowTitle")
        self._lengths = OneChoice(parent)
        self.minute_chips: dict[int, QPushButton] = {}
        for minutes in STANDARD_MINUTES:
            chip = self._chip(Minutes(minutes).label(), plural(minutes, "minute"))
            self.minute_chips[minutes] = chip
            self.row.addWidget(chip)
        self.breaths_chip = self._chip("Breaths", "Count breaths instead of minutes")
        self.row.addWidget(self.breaths_chip)
        self.breaths = QSpinBox()
        self.breaths.setRange(1, MAX_CYCLES)
        self.breaths.setValue(8)
        self.breaths.setSuffix(" breaths")
        self.breaths.setAccessibleName("Number of breaths")
        self.row.addWidget(self.breaths)
        self._widgets: list[QWidget] = [self.title, self.breaths]  # the chips: see offer
        self._lengths.chosen.connect(self.chosen)
        self.breaths.valueChanged.connect(self._on_breaths_changed)

    def _chip(self, text: str, accessible_name: str) -> QPushButton:
        chip = QPushButton(text)
        chip.setObjectName("chip")
        chip.setAccessibleName(accessible_name)
        self._lengths.add(chip)
        return chip

    def selected(self) -> SessionLength | None:
        """The length chosen for a routine that repeats: a count of breaths, or of minutes, or none."""
        if self.breaths_chip.isChecked():
            return Cycles(self.breaths.value())
        for minutes, chip in self.minute_chips.items():
            if chip.isChecked():
                return Minutes(minutes)
        return None

    def show(self, length: SessionLength) -> None:
        if isinstance(length, Cycles):
            self.breaths.setValue(length.value)
            self._lengths.choose(self.breaths_chip)
        else:
            # Only the standard lengths have a chip; another (from the command line) falls back.
            chip = self.minute_chips.get(int(length.value)) if float(length.value).is_integer() else None
            self._lengths.choose(chip or self.minute_chips[min(self.minute_chips)])

    def offer(self, routine: Routine) -> None:
        """The lengths `routine` allows, shown only when it repeats."""
        for widget in self._widgets:
            widget.setVisible(routine.repeats)
        self.breaths.blockSignals(True)  # a clamped count is not a choice of "Breaths"
        self.breaths.setMaximum(routine.max_cycles or MAX_CYCLES)
        self.breaths.blockSignals(False)
        offered = length_choices(routine)
        for minutes, chip in self.minute_chips.items():
            chip.setEnabled(Minutes(minutes) in offered)
            # A routine counted in breaths (4-7-8) is chosen in breaths: minutes would hide its limit.
            chip.setVisible(routine.repeats and not routine.counted_in_breaths)
        # Counted in breaths only: the count is the one choice, without a "Breaths" button before it.
        self.breaths_chip.setVisible(routine.repeats and not routine.counted_in_breaths)

    def settle_focus(self) -> None:
        """The count of breaths is a Tab stop once "Breaths" is chosen, as a radio button's own field is."""
        counting = self.breaths_chip.isChecked()
        self.breaths.setFocusPolicy(Qt.FocusPolicy.WheelFocus if counting else Qt.FocusPolicy.ClickFocus)

    def _on_breaths_changed(self) -> None:
        self._lengths.choose(self.breaths_chip)
        self.chosen.emit()
