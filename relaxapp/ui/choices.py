"""The home page's choosers: routine cards, and one checked button among several."""

from __future__ import annotations

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtWidgets import QAbstractButton, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from relaxapp.core.routine import Routine
from relaxapp.core.wording import at_a_glance

CARD_HEIGHT = 88


class RoutineCard(QPushButton):
    """A checkable card: a routine's name, rhythm and one line about it."""

    def __init__(self, routine: Routine, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.routine = routine
        self.setObjectName("routineCard")
        self.setCheckable(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        glance = at_a_glance(routine)
        self.setAccessibleName(f"{routine.title}, {glance}{' seconds' if routine.repeats else ''}")
        self.setAccessibleDescription(routine.summary)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(4)
        # Plain-text labels: rich text would parse HTML for every card and slow the first frame.
        title = QLabel(routine.title)
        title.setObjectName("cardTitle")
        rhythm = QLabel(glance)
        rhythm.setObjectName("cardRhythm")
        summary = QLabel(routine.summary)
        summary.setObjectName("cardSummary")
        summary.setWordWrap(True)
        heading = QHBoxLayout()
        heading.setSpacing(10)
        heading.addWidget(title)
        heading.addWidget(rhythm)
        heading.addStretch()
        layout.addLayout(heading)
        layout.addWidget(summary)
        for label in (title, rhythm, summary):
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout.addStretch()
        self.setMinimumHeight(CARD_HEIGHT)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # A QPushButton sizes itself by its own text, not by a layout inside it: ask the layout instead,
    # so wrapped summaries are never cut off in a narrow window or with larger text.
    def sizeHint(self) -> QSize:
        return self._layout.sizeHint().expandedTo(QSize(0, CARD_HEIGHT))

    def minimumSizeHint(self) -> QSize:
        return self._layout.minimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self._layout.heightForWidth(width), CARD_HEIGHT)


class OneChoice(QObject):
    """One checked button among several: like an exclusive QButtonGroup, except that every button
    stays its own Tab stop (checkable buttons in a QButtonGroup swallow Tab, even non-exclusive ones)."""

    chosen = Signal()

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.buttons: list[QAbstractButton] = []

    def add(self, button: QAbstractButton) -> None:
        self.buttons.append(button)
        button.clicked.connect(lambda: self.on_clicked(button))

    def choose(self, button: QAbstractButton) -> None:
        for other in self.buttons:
            other.setChecked(other is button)

    def chosen_index(self) -> int:
        return next((i for i, button in enumerate(self.buttons) if button.isChecked()), -1)

    def on_clicked(self, button: QAbstractButton) -> None:
        self.choose(button)
        self.chosen.emit()
