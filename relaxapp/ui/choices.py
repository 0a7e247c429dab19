"""Choosers: one checked button among several as a radio group, and the cards they are made of."""

from __future__ import annotations

from PySide6.QtCore import Property, QObject, QRectF, QSize, Qt, Signal
from PySide6.QtGui import QColor, QFocusEvent, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from relaxapp.core.routine import Routine
from relaxapp.core.wording import at_a_glance, spoken, spoken_glance

CARD_HEIGHT = 88
FOCUS_RING = 3  # px: the ring drawn round the focused card, in the margin the style sheet leaves for it
CARD_RADIUS = 12  # px: the card's corners (style.qss), which the ring follows


class TextCard(QPushButton):
    """A button that reads as a card: a title with a word beside it (a rhythm, a length) and, under them,
    a line or two (none when `summary` is empty). The names are what a screen reader says of it. Without
    a word beside it, a long title wraps rather than widen the card (cards side by side in a row)."""

    def __init__(
        self,
        title: str,
        aside: str,
        summary: str,
        *,
        name: str,
        aside_name: str = "",
        description: str = "",
        least_height: int = CARD_HEIGHT,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._least_height = least_height
        self._ring = QColor(Qt.GlobalColor.black)  # until the style sheet gives the theme's
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setAccessibleName(name)
        self.setAccessibleDescription(description)
        layout = self._layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 12)
        layout.setSpacing(4)
        # Plain-text labels: rich text would parse HTML for every card and slow the first frame.
        title_label = QLabel(title)
        title_label.setObjectName("cardTitle")
        labels = [title_label]
        if aside:
            rhythm = QLabel(aside)
            rhythm.setObjectName("cardRhythm")
            rhythm.setAccessibleName(aside_name or aside)
            heading = QHBoxLayout()
            heading.setSpacing(10)
            heading.addWidget(title_label)
            heading.addWidget(rhythm)
            heading.addStretch()
            layout.addLayout(heading)
            labels.append(rhythm)
        else:
            title_label.setWordWrap(True)
            layout.addWidget(title_label)
        if summary:
            summary_label = QLabel(summary)
            summary_label.setObjectName("cardSummary")
            summary_label.setAccessibleName(spoken(summary))  # "3 min, 9 breaths", no "middle dot"
            summary_label.setWordWrap(True)
            layout.addWidget(summary_label)
            labels.append(summary_label)
        for label in labels:
            label.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)
        layout.addStretch()
        self.setMinimumHeight(least_height)
        policy = self.sizePolicy()
        policy.setHeightForWidth(True)
        self.setSizePolicy(policy)

    # A QPushButton sizes itself by its own text, not by a layout inside it: ask the layout instead,
    # so wrapped summaries are never cut off in a narrow window or with larger text.
    def sizeHint(self) -> QSize:
        return self._layout.sizeHint().expandedTo(QSize(0, self._least_height))

    def minimumSizeHint(self) -> QSize:
        return self._layout.minimumSize()

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return max(self._layout.heightForWidth(width), self._least_height)

    # The focus ring: a line round the outside of the card, on the page, in the theme's focus colour
    # (set by the style sheet, qproperty-ring_colour). A border of its own would look like the chosen
    # card's; round the outside it is told apart from the choice, and its contrast is against the
    # page (WCAG 2.2, 2.4.7 and 2.4.13).
    def _get_ring_colour(self) -> QColor:
        return self._ring

    def _set_ring_colour(self, colour: QColor) -> None:
        self._ring = QColor(colour)

    ring_colour = Property(QColor, _get_ring_colour, _set_ring_colour)

    def paintEvent(self, event: QPaintEvent) -> None:
        super().paintEvent(event)
        if self.hasFocus():
            painter = QPainter(self)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(QPen(self._ring, FOCUS_RING))
            half = FOCUS_RING / 2
            outline = QRectF(self.rect()).adjusted(half, half, -half, -half)
            painter.drawRoundedRect(outline, CARD_RADIUS + FOCUS_RING, CARD_RADIUS + FOCUS_RING)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.update()  # the ring lies outside what the style repaints for :focus

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.update()


class RoutineCard(TextCard):
    """A routine's card: its name, rhythm and one line about it; one of a OneChoice's radio buttons."""

    def __init__(self, routine: Routine, parent: QWidget | None = None) -> None:
        # A screen reader hears words ("Box breathing, in 4, hold 4, out 4, hold 4 seconds"), not the
        # "middle dot" of the rhythm on screen; the labels inside say the same to its review of the screen.
        said_glance = spoken_glance(routine)
        super().__init__(
            routine.title,
            at_a_glance(routine),
            routine.summary,
            name=f"{routine.title}, {said_glance}",
            aside_name=said_glance,
            description=spoken(routine.summary),
            parent=parent,
        )
        self.routine = routine
        self.setObjectName("routineCard")


class OneChoice(QObject):
    """One checked button among several, made a radio group that a keyboard and a screen reader know.

    Each button is checkable and auto-exclusive: that is what Qt exposes as a radio button
    (QAccessibleButton::role; a checkable button alone reads as a check box), and what lets the arrow
    keys move among the shown buttons, taking the choice along once one is made (QAbstractButton's
    keyPressEvent). An exclusive QButtonGroup holds them, so that the group is these buttons and not
    every auto-exclusive button under the same parent widget.

    The group is one Tab stop, as a radio group is (WAI-ARIA's radio pattern): Tab enters at the chosen
    button, or the first while none is chosen; the arrows move within; Tab leaves. With `can_unpick`,
    clicking the chosen button again (or Space on it) leaves nothing chosen: an answer taken back.
    """

    chosen = Signal()  # the person changed the choice or took it back; choose() does not send it

    def __init__(self, parent: QObject, *, can_unpick: bool = False) -> None:
        super().__init__(parent)
        self._can_unpick = can_unpick
        self._current: QAbstractButton | None = None
        self._group = QButtonGroup(self)
        self._group.buttonClicked.connect(self._on_clicked)
        self.buttons: list[QAbstractButton] = []
        # Told of focus changes once, rather than filtering every event of every button (each paint and
        # hover would pass through Python).
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._on_focus_changed)

    def add(self, button: QAbstractButton) -> None:
        """Make `button` the group's last choice (checkable, and a radio button to a screen reader)."""
        button.setCheckable(True)
        button.setAutoExclusive(True)
        self._group.addButton(button)
        self.buttons.append(button)
        self._place_tab_stop()

    def remove(self, button: QAbstractButton) -> None:
        """Take `button` out of the group (its routine is gone); nothing is chosen if it was."""
        self._group.removeButton(button)
        self.buttons.remove(button)
        if button is self._current:
            self._current = None
        self._place_tab_stop()

    def replace(self, old: QAbstractButton, new: QAbstractButton) -> None:
        """`new` takes `old`'s place in the order (a routine's card made again), not chosen."""
        index = self.buttons.index(old)
        self.remove(old)
        self.add(new)
        self.buttons.insert(index, self.buttons.pop())
        self._place_tab_stop()

    def choose(self, button: QAbstractButton | None) -> None:
        """Check `button`, or none: the program's choice, so `chosen` is not sent."""
        if button is None and self._current is not None:
            # An exclusive group never lets its checked button go: let go of it for a moment.
            self._group.setExclusive(False)
            self._current.setChecked(False)
            self._group.setExclusive(True)
        elif button is not None:
            button.setChecked(True)
        self._current = button
        self._place_tab_stop()

    def chosen_index(self) -> int:
        return self.buttons.index(self._current) if self._current is not None else -1

    def entry(self) -> QAbstractButton | None:
        """Where the keyboard enters the group: the chosen button, else the first one shown."""
        if self._current is not None:
            return self._current
        shown = [button for button in self.buttons if not button.isHidden() and button.isEnabled()]
        return next(iter(shown or self.buttons), None)

    def _on_focus_changed(self, old: QWidget | None, _new: QWidget | None) -> None:
        # Focus left a button, by the arrows within the group or out of it: Tab enters at the choice
        # next time.
        if any(button is old for button in self.buttons):
            self._place_tab_stop()

    def _on_clicked(self, button: QAbstractButton) -> None:
        if button is self._current:
            if not self._can_unpick:
                return  # the chosen one stays chosen: nothing changed
            self.choose(None)
        else:
            self._current = button
            self._place_tab_stop()
        self.chosen.emit()

    def _place_tab_stop(self) -> None:
        # Only one button takes Tab: the one with focus while the group has it (what Qt itself does when
        # a grouped button gets focus), else the entry. The others are reached by the arrow keys.
        stop = next((button for button in self.buttons if button.hasFocus()), None) or self.entry()
        for button in self.buttons:
            button.setFocusPolicy(Qt.FocusPolicy.StrongFocus if button is stop else Qt.FocusPolicy.ClickFocus)
