"""A running session: the view for its kind of routine, what to do now, and how long is left."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from relaxapp.core.routine import RoutineKind
from relaxapp.core.session import SessionOptions, SessionState, Status
from relaxapp.core.sound import spoken_form
from relaxapp.core.timeline import Timeline
from relaxapp.core.wording import SECTION_NAMES, clock_text, countdown_words
from relaxapp.ui.breathing_view import BreathingView
from relaxapp.ui.imagery_view import ImageryView
from relaxapp.ui.labels import set_text_if_changed
from relaxapp.ui.session_runner import SessionRunner
from relaxapp.ui.step_view import StepView
from relaxapp.ui.theme import Colours

EYES_CLOSED_NOTE = "Eyes-closed mode: the voice names every step. Space pauses, Esc stops."


class SessionPage(QWidget):
    pause_clicked = Signal()
    stop_clicked = Signal()
    skip_clicked = Signal(bool)  # forward?

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 24, 32, 24)
        layout.setSpacing(10)
        self._timeline: Timeline | None = None

        self.routine_title = QLabel()
        self.routine_title.setObjectName("sessionRoutine")
        self.routine_title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.eyes_closed_note = QLabel(EYES_CLOSED_NOTE)
        self.eyes_closed_note.setObjectName("eyesClosedNote")
        self.eyes_closed_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.eyes_closed_note.setWordWrap(True)
        self.step = QLabel()
        self.step.setObjectName("phaseName")
        self.step.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.step.setWordWrap(True)
        self.caption = QLabel()
        self.caption.setObjectName("caption")
        self.caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.caption.setWordWrap(True)
        # The words never give way to the picture: with larger text the illustration shrinks instead.
        self.caption.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Minimum)
        self.breathing = BreathingView()
        self.steps = StepView()
        self.imagery = ImageryView()
        self.views = QStackedWidget()
        for view in (self.breathing, self.steps, self.imagery):
            self.views.addWidget(view)
        self.progress = QLabel()
        self.progress.setObjectName("sessionProgress")
        self.progress.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.remaining = QLabel()
        self.remaining.setObjectName("timeLeft")
        self.remaining.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.back_button = QPushButton("‹ Back")
        self.back_button.setToolTip("Back to the start of this step, or the one before (Left arrow)")
        self.back_button.setAccessibleName("Back a step")
        self.back_button.clicked.connect(lambda: self.skip_clicked.emit(False))
        self.pause_button = QPushButton("Pause")
        self.pause_button.setToolTip("Pause or resume (Space)")
        self.pause_button.clicked.connect(self.pause_clicked)
        self.next_button = QPushButton("Next ›")
        self.next_button.setToolTip("Skip to the next step (Right arrow)")
        self.next_button.setAccessibleName("Next step")
        self.next_button.clicked.connect(lambda: self.skip_clicked.emit(True))
        self.stop_button = QPushButton("Stop")
        self.stop_button.setToolTip("End the session (Esc)")
        self.stop_button.clicked.connect(self.stop_clicked)
        buttons = QHBoxLayout()
        buttons.addStretch()
        for button in (self.back_button, self.pause_button, self.next_button, self.stop_button):
            # Space and Esc belong to the window's shortcuts; the buttons must not swallow Space themselves.
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
            buttons.addWidget(button)
        buttons.addStretch()

        layout.addWidget(self.routine_title)
        layout.addWidget(self.eyes_closed_note)
        layout.addWidget(self.step)
        layout.addWidget(self.views, 1)
        layout.addWidget(self.caption)
        layout.addWidget(self.remaining)
        layout.addWidget(self.progress)
        layout.addLayout(buttons)

    def follow(self, runner: SessionRunner) -> None:
        """Show the running session frame by frame (begin() sets up each new one)."""
        runner.frame.connect(self.show_state)
        runner.status_changed.connect(self.show_status)

    def begin(self, timeline: Timeline, options: SessionOptions) -> None:
        self._timeline = timeline
        routine = timeline.routine
        self.routine_title.setText(routine.title)
        self.pause_button.setText("Pause")
        self.eyes_closed_note.setVisible(options.eyes_closed)
        view = {RoutineKind.BREATHING: self.breathing, RoutineKind.IMAGERY: self.imagery}.get(
            routine.kind, self.steps
        )
        self.views.setCurrentWidget(view)
        self.imagery.set_motion(routine.motion if view is self.imagery else None)
        breathing = routine.kind is RoutineKind.BREATHING
        self.step.setVisible(breathing)
        # Imagery shows its passage over the scene; PMR and massage under the illustration.
        self.caption.setVisible(routine.kind in (RoutineKind.PMR, RoutineKind.MASSAGE))
        for button in (self.back_button, self.next_button):
            button.setVisible(timeline.can_skip)

    def show_state(self, state: SessionState) -> None:
        timeline = self._timeline
        if timeline is None:
            return
        paused = state.status is Status.PAUSED
        words = state.segment.step.text
        kind = timeline.routine.kind
        if kind is RoutineKind.BREATHING:
            self.breathing.show_state(state)
            progress = f"Breath {state.segment.cycle + 1} of {state.cycles}"
            welcome = timeline.has_lead_in and state.segment_index == 0
            if welcome:
                # A paragraph, not a word to breathe by: it reads better at caption size.
                progress, words = "Getting ready", "Get comfortable"
            set_text_if_changed(self.step, "Paused" if paused else words)
            self.caption.setVisible(welcome)
            self._show_caption(state.segment.step.text if welcome else "")
        else:
            if kind is RoutineKind.IMAGERY:
                self.imagery.show_state(state, words)
            else:
                self.steps.show_state(state)
                self._show_caption(words)
            section = timeline.section_index_at(state.elapsed)
            progress = f"{SECTION_NAMES[kind]} {section + 1} of {timeline.section_count}"
            if timeline.has_lead_in and state.segment_index == 0:
                progress = "Getting ready"
        if timeline.can_skip:
            last_part = timeline.next_section_start(state.elapsed) is None
            if self.next_button.isEnabled() == last_part:  # greyed out in the last part: nowhere to go
                self.next_button.setEnabled(not last_part)
        left = f"{clock_text(state.remaining)} left"
        if set_text_if_changed(self.remaining, f"Paused · {left}" if paused else left):
            # The name says it in words ("4 min 12 s", no middle dot read aloud), renewed with the text and
            # never announced: Orca speaks a changed name only on the focused object, so the seconds
            # ticking by do not chatter, and the person hears the time left by going to it.
            said = f"Time left in the session: {countdown_words(state.remaining)}"
            self.remaining.setAccessibleName(f"{said}, paused" if paused else said)
        set_text_if_changed(self.progress, progress)

    def _show_caption(self, words: str) -> None:
        if set_text_if_changed(self.caption, words):
            self.caption.setAccessibleName(f"What to do now: {spoken_form(words)}" if words else "")

    def show_status(self, status: Status) -> None:
        self.pause_button.setText("Resume" if status is Status.PAUSED else "Pause")
        self.imagery.set_running(status is Status.RUNNING)

    def set_look(self, colours: Colours, *, reduced_motion: bool) -> None:
        """The theme's colours, and with reduced motion a calm bar for the breath and a still scene."""
        self.breathing.set_look(colours, reduced_motion=reduced_motion)
        self.imagery.set_still(reduced_motion)
