"""A running session: the breathing circle, what to do now, and how long is left."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from relaxapp.core.durations import clock_text
from relaxapp.core.session import SessionState, Status
from relaxapp.ui.breathing_view import BreathingView


class SessionPage(QWidget):
    pause_clicked = Signal()
    stop_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(10)

        self.routine_title = QLabel()
        self.routine_title.setObjectName("sessionRoutine")
        self.routine_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.step = QLabel()
        self.step.setObjectName("phaseName")
        self.step.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.breathing = BreathingView()
        self.progress = QLabel()
        self.progress.setObjectName("sessionProgress")
        self.progress.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.remaining = QLabel()
        self.remaining.setObjectName("timeLeft")
        self.remaining.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.remaining.setAccessibleName("Time left in the session")

        self.pause_button = QPushButton("Pause")
        self.pause_button.setToolTip("Pause or resume (Space)")
        self.pause_button.clicked.connect(self.pause_clicked)
        self.stop_button = QPushButton("Stop")
        self.stop_button.setToolTip("End the session (Esc)")
        self.stop_button.clicked.connect(self.stop_clicked)
        # Space and Esc belong to the window's shortcuts; the buttons must not swallow Space themselves.
        for button in (self.pause_button, self.stop_button):
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.pause_button)
        buttons.addWidget(self.stop_button)
        buttons.addStretch()

        layout.addWidget(self.routine_title)
        layout.addWidget(self.step)
        layout.addWidget(self.breathing, 1)
        layout.addWidget(self.remaining)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)

    def begin(self, title: str) -> None:
        self.routine_title.setText(title)
        self.pause_button.setText("Pause")

    def show_state(self, state: SessionState) -> None:
        self.breathing.show_state(state)
        # setText only on change: most frames move the circle and leave every word as it was.
        phase_text = "Paused" if state.status is Status.PAUSED else state.segment.step.text
        _set_if_changed(self.step, phase_text)
        _set_if_changed(self.remaining, f"{clock_text(state.remaining)} left")
        _set_if_changed(self.progress, f"Breath {state.segment.cycle + 1} of {state.cycles}")

    def show_status(self, status: Status) -> None:
        self.pause_button.setText("Resume" if status is Status.PAUSED else "Pause")


def _set_if_changed(label: QLabel, text: str) -> None:
    if label.text() != text:
        label.setText(text)
