"""The quick 0 to 10 ratings before and after a session, and the row of toggle buttons they are made of."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QButtonGroup, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from relaxapp.core.record import NOT_ASKED, RATING_MAX, RATING_MIN, SKIPPED, Ratings, Scale, Score
from relaxapp.core.wording import QUESTIONS, SCALE_NAMES

T = TypeVar("T")


class ChoiceButtons(QWidget, Generic[T]):
    """A row of toggle buttons of which at most one is chosen: one click chooses.

    With `can_unpick`, clicking the chosen button again leaves nothing chosen (a rating taken back);
    without it the row acts like radio buttons. Arrow keys move between the buttons (QButtonGroup gives
    grouped buttons that), Space presses one.
    """

    changed = Signal()

    def __init__(
        self,
        choices: Sequence[tuple[T, str, str]],  # (value, text on the button, accessible name)
        *,
        can_unpick: bool,
        object_name: str = "choiceButton",
        equal_widths: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._can_unpick = can_unpick
        self._value: T | None = None
        self.buttons: dict[T, QPushButton] = {}
        # Not exclusive: an exclusive group cannot be left with nothing chosen. Kept for the arrow keys.
        self._group = QButtonGroup(self)
        self._group.setExclusive(False)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(6)
        for value, text, name in choices:
            button = QPushButton(text)
            button.setObjectName(object_name)
            button.setCheckable(True)
            button.setAccessibleName(name)
            # In a dialog a focused button would take Enter for itself; Enter is for Save.
            button.setAutoDefault(False)
            button.clicked.connect(lambda checked, v=value: self._clicked(v, checked))
            self._group.addButton(button)
            self.buttons[value] = button
            row.addWidget(button, 1 if equal_widths else 0)
        if not equal_widths:
            row.addStretch()
        # A buddy label's Alt key lands on the row's first button. QLabel moves focus only to a buddy that
        # takes focus itself, proxy or not; Tab still skips the row, as it skips any widget with a proxy.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setFocusProxy(next(iter(self.buttons.values())))

    def value(self) -> T | None:
        return self._value

    def set_value(self, value: T | None) -> None:
        """Choose `value` (None: nothing) without emitting `changed`: the caller knows what it set."""
        self._value = value if value in self.buttons else None
        for choice, button in self.buttons.items():
            button.setChecked(choice == self._value)

    def _clicked(self, value: T, checked: bool) -> None:
        if not checked and not self._can_unpick:
            self.buttons[value].setChecked(True)  # a radio-like row keeps its choice
            return
        self.set_value(value if checked else None)
        self.changed.emit()


class RatingRow(QWidget):
    """A question and eleven buttons 0..10, plus Skip: one click answers, a second click takes it back.

    `value()` is the number, SKIPPED after Skip, or None while nothing is chosen. Without `skippable` there
    is no Skip button (the daily check-in, where an unanswered question simply stays None).
    """

    changed = Signal()

    def __init__(
        self, question: str, scale_name: str, *, skippable: bool = True, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.question = QLabel(question)
        self.question.setObjectName("ratingQuestion")
        self.question.setWordWrap(True)
        hint = QLabel(f"{RATING_MIN} none · {RATING_MAX} the most")
        hint.setObjectName("ratingHint")
        heading = QHBoxLayout()
        heading.addWidget(self.question, 1)
        heading.addWidget(hint, 0, Qt.AlignmentFlag.AlignBottom)

        choices = [
            (n, str(n), f"{scale_name} {n} of {RATING_MAX}") for n in range(RATING_MIN, RATING_MAX + 1)
        ]
        self.numbers: ChoiceButtons[int] = ChoiceButtons(
            choices, can_unpick=True, object_name="ratingButton", equal_widths=True
        )
        self.question.setBuddy(self.numbers)
        buttons = QHBoxLayout()
        buttons.setSpacing(12)
        buttons.addWidget(self.numbers, 1)
        self.skip: QPushButton | None = None
        if skippable:
            skip = QPushButton("Skip")
            skip.setObjectName("skipButton")
            skip.setCheckable(True)
            skip.setAutoDefault(False)
            skip.setAccessibleName(f"Skip the {scale_name.lower()} question")
            skip.clicked.connect(self._skip_clicked)
            buttons.addWidget(skip)
            self.skip = skip
        self.numbers.changed.connect(self._number_clicked)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        layout.addLayout(heading)
        layout.addLayout(buttons)

    def value(self) -> Score:
        if self.skip is not None and self.skip.isChecked():
            return SKIPPED
        return self.numbers.value()

    def set_value(self, value: Score) -> None:
        """Show an answer given before (None: nothing chosen) without emitting `changed`."""
        self.numbers.set_value(value if isinstance(value, int) else None)
        if self.skip is not None:
            self.skip.setChecked(value is SKIPPED)

    def _number_clicked(self) -> None:
        if self.skip is not None:
            self.skip.setChecked(False)
        self.changed.emit()

    def _skip_clicked(self) -> None:
        self.numbers.set_value(None)
        self.changed.emit()


class RatingsPanel(QWidget):
    """The two quick questions, for before a session (home page) or after it (summary page).

    It never blocks: the person may answer, skip, or just go on. A question left unanswered counts as
    skipped, because it was asked (core/record.py keeps None for "never asked").
    """

    changed = Signal()

    def __init__(self, title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(14)
        if title:
            heading = QLabel(title)
            heading.setObjectName("ratingsTitle")
            layout.addWidget(heading)
        self.tension = RatingRow(QUESTIONS[Scale.TENSION], SCALE_NAMES[Scale.TENSION])
        self.twitch = RatingRow(QUESTIONS[Scale.TWITCH], SCALE_NAMES[Scale.TWITCH])
        for row in (self.tension, self.twitch):
            row.changed.connect(self.changed)
            layout.addWidget(row)

    def answers(self) -> tuple[Score, Score]:
        """(tension, twitching) as chosen: a number, SKIPPED, or None for a question not yet answered."""
        return self.tension.value(), self.twitch.value()

    def touched(self) -> bool:
        """Whether the person has chosen anything (a number or Skip) on either question."""
        return self.tension.value() is not None or self.twitch.value() is not None

    def as_before(self) -> Ratings:
        """The answers as a session's before-ratings (asked: one left alone counts as skipped)."""
        return NOT_ASKED.asked_before(*self.answers())

    def clear(self) -> None:
        """Nothing chosen: ready to ask again (the next session, the next summary)."""
        for row in (self.tension, self.twitch):
            row.set_value(None)
