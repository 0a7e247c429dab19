"""A PMR or massage step: the illustration of the part at work, what to do, and how long is left."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QVBoxLayout, QWidget

from relaxapp.core.routine import StepKind
from relaxapp.core.session import SessionState
from relaxapp.core.wording import STEP_LABELS, countdown_words, step_countdown_text
from relaxapp.ui.illustration import Illustration
from relaxapp.ui.labels import set_text_if_changed


class StepView(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # A screen reader gets the picture as a graphic with no name (accessible_roles): the title beside
        # it names the part at work; its description says what it shows, for a person who asks.
        self.figure = Illustration()
        self.title = QLabel()
        self.title.setObjectName("stepTitle")
        self.title.setWordWrap(True)
        self.badge = QLabel()
        self.badge.setObjectName("stepBadge")
        self.badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown = QLabel()
        self.countdown.setObjectName("stepCountdown")
        side = QVBoxLayout()
        side.setSpacing(8)
        side.addStretch()
        side.addWidget(self.title)
        side.addSpacing(8)
        side.addWidget(self.badge, 0, Qt.AlignmentFlag.AlignLeft)
        side.addWidget(self.countdown)
        side.addStretch()
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(32)
        layout.addWidget(self.figure, 3)
        layout.addLayout(side, 2)
        self._kind: StepKind | None = None

    def show_state(self, state: SessionState) -> None:
        step = state.segment.step
        self.figure.show_image(step.image)
        if set_text_if_changed(self.title, step.title):
            self.figure.setAccessibleDescription(f"Drawing: {step.title}" if step.title else "")
        if step.kind is not self._kind:
            self._kind = step.kind
            self.badge.setText(STEP_LABELS.get(step.kind, ""))
            # The style sheet colours the badge by kind: tension stands out, letting go is calm.
            self.badge.setProperty("kind", step.kind.value)
            self.badge.style().unpolish(self.badge)
            self.badge.style().polish(self.badge)
        seconds_left = state.step_seconds_left
        if set_text_if_changed(self.countdown, step_countdown_text(seconds_left)):
            # In words ("2 min 30 s", not "2:30"), renewed as the number changes, never announced: a screen
            # reader reads it when the person goes to it (Orca speaks a changed name only on the focused
            # object, and the focus is on the session's buttons), so the seconds do not chatter.
            self.countdown.setAccessibleName(f"Time left in this step: {countdown_words(seconds_left)}")
