"""The quick 0 to 10 ratings before and after a session, and the row of choice buttons they are made of."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Generic, TypeVar

from PySide6.QtCore import QEvent, QObject, QSignalBlocker, Qt, Signal
from PySide6.QtGui import QAccessible, QKeyEvent
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from relaxapp.core.record import NOT_ASKED, RATING_MAX, RATING_MIN, SKIPPED, Ratings, Scale, Score
from relaxapp.core.wording import QUESTIONS, SCALE_NAMES, spoken
from relaxapp.ui.choices import OneChoice
from relaxapp.ui.layouts import ColumnsLayout, FlowLayout

T = TypeVar("T")


class ChoiceButtons(QWidget, Generic[T]):
    """A row of buttons of which at most one is chosen, a radio group (choices.OneChoice): one click
    chooses; the arrow keys move the choice; Tab enters the row at the choice and leaves it.

    With `can_unpick`, clicking the chosen button again, or Space on it, leaves nothing chosen (a
    rating taken back); without it the chosen button stays chosen.
    """

    changed = Signal()
    # A row of answers to one question: a screen reader names the group by the question as it enters
    # (accessible_roles gives it the role).
    accessible_role = QAccessible.Role.Grouping

    def __init__(
        self,
        choices: Sequence[tuple[T, str, str]],  # (value, text on the button, accessible name)
        *,
        question: str,  # what the row asks, its accessible name: "Side", "How tense or stressed …?"
        can_unpick: bool,
        object_name: str = "choiceButton",
        equal_widths: bool = False,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(question)
        self._choice = OneChoice(self, can_unpick=can_unpick)
        self.buttons: dict[T, QPushButton] = {}
        # A scale's numbers share the row evenly; named answers wrap, as places do, where the row is narrow.
        row: QHBoxLayout | FlowLayout
        if equal_widths:
            row = QHBoxLayout(self)
            row.setSpacing(6)
        else:
            row = FlowLayout(self, spacing=6, line_spacing=6)
        row.setContentsMargins(0, 0, 0, 0)
        for value, text, name in choices:
            button = QPushButton(text)
            button.setObjectName(object_name)
            button.setAccessibleName(name)
            # In a dialog a focused button would take Enter for itself; Enter is for Save.
            button.setAutoDefault(False)
            self._choice.add(button)
            self.buttons[value] = button
            if isinstance(row, QHBoxLayout):
                row.addWidget(button, 1)
            else:
                row.addWidget(button)
        self._choice.chosen.connect(self._on_chosen)
        # QLabel moves focus only to a buddy that takes focus itself, proxy or not; Tab still skips the
        # row, as it skips any widget with a proxy.
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self._aim_focus_proxy()

    def value(self) -> T | None:
        index = self._choice.chosen_index()
        return list(self.buttons)[index] if index >= 0 else None

    def set_value(self, value: T | None) -> None:
        """Choose `value` (None: nothing) without emitting `changed`: the caller knows what it set."""
        self._choice.choose(self.buttons.get(value) if value is not None else None)
        self._aim_focus_proxy()

    def _on_chosen(self) -> None:
        self._aim_focus_proxy()
        self.changed.emit()

    def _aim_focus_proxy(self) -> None:
        # A buddy label's Alt key lands where Tab enters the row: at the choice, or the first button.
        entry = self._choice.entry()
        if entry is not None:
            self.setFocusProxy(entry)


_ARROW_STEPS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Up: -1, Qt.Key.Key_Right: 1, Qt.Key.Key_Down: 1}


class ChoiceChecks(QWidget, Generic[T]):
    """A row of buttons of which any number are chosen: check boxes to a screen reader (a checkable
    button that is not exclusive is one), each its own Tab stop; the arrow keys move along the row, and
    Space or a click ticks one or takes it back."""

    changed = Signal()

    def __init__(
        self,
        choices: Sequence[tuple[T, str, str]],  # (value, text on the button, accessible name)
        *,
        question: str,  # what the row asks, its accessible name: "Places"
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setAccessibleName(question)
        self.buttons: dict[T, QPushButton] = {}
        # Seven places, some of two words: on as many lines as a narrow dialog or larger text needs.
        row = FlowLayout(self, spacing=6, line_spacing=6)
        row.setContentsMargins(0, 0, 0, 0)
        for value, text, name in choices:
            button = QPushButton(text)
            button.setObjectName("checkButton")
            button.setCheckable(True)
            button.setAccessibleName(name)
            button.setAutoDefault(False)  # Enter is for Save
            button.toggled.connect(self.changed)
            button.installEventFilter(self)
            self.buttons[value] = button
            row.addWidget(button)
        self.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.setFocusProxy(next(iter(self.buttons.values())))  # a buddy label's Alt key lands here

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The arrow keys move along the row and stop at its ends, as in a radio group; they never tick.
        if event.type() is QEvent.Type.KeyPress and isinstance(event, QKeyEvent) and watched in self._order():
            step = _ARROW_STEPS.get(Qt.Key(event.key()))
            if step is not None and event.modifiers() == Qt.KeyboardModifier.NoModifier:
                order = self._order()
                index = min(max(order.index(watched) + step, 0), len(order) - 1)
                order[index].setFocus(Qt.FocusReason.OtherFocusReason)
                return True
        return super().eventFilter(watched, event)

    def _order(self) -> list[QPushButton]:
        return list(self.buttons.values())

    def values(self) -> tuple[T, ...]:
        """The chosen values, in the row's order."""
        return tuple(value for value, button in self.buttons.items() if button.isChecked())

    def set_values(self, values: Sequence[T]) -> None:
        """Choose exactly `values` without emitting `changed`: the caller knows what it set."""
        with QSignalBlocker(self):
            for value, button in self.buttons.items():
                button.setChecked(value in values)


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
        hint.setAccessibleName(spoken(hint.text()))
        heading = QHBoxLayout()
        heading.addWidget(self.question, 1)
        heading.addWidget(hint, 0, Qt.AlignmentFlag.AlignBottom)

        choices = [
            (n, str(n), f"{scale_name} {n} of {RATING_MAX}") for n in range(RATING_MIN, RATING_MAX + 1)
        ]
        self.numbers: ChoiceButtons[int] = ChoiceButtons(
            choices,
            question=question.replace("&", ""),  # the underlined letter's mark is not said
            can_unpick=True,
            object_name="ratingButton",
            equal_widths=True,
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
        layout.setSpacing(10)
        if title:
            heading = QLabel(title)
            heading.setObjectName("ratingsTitle")
            layout.addWidget(heading)
        self.tension = RatingRow(QUESTIONS[Scale.TENSION], SCALE_NAMES[Scale.TENSION])
        self.twitch = RatingRow(QUESTIONS[Scale.TWITCH], SCALE_NAMES[Scale.TWITCH])
        # Side by side in a wide window, one under the other where they do not both fit.
        self._rows = ColumnsLayout(0, spacing=24)
        for row in (self.tension, self.twitch):
            row.changed.connect(self.changed)
            self._rows.addWidget(row)
        layout.addLayout(self._rows)

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
