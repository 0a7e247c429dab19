"""How the window starts and stops sessions: cautions read first, a question before stopping practice."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QCheckBox, QMessageBox, QPushButton, QWidget

from relaxapp.core.record import NOT_ASKED, Ratings, asks_before_stopping
from relaxapp.core.routine import Routine, SessionLength
from relaxapp.core.session import SessionOptions, Status
from relaxapp.core.timeline import TimelineError
from relaxapp.logic.sessions import Choice
from relaxapp.logic.use_cases import UseCases
from relaxapp.ui.questions import ask
from relaxapp.ui.session_runner import SessionRunner

log = logging.getLogger(__name__)


class SessionControl(QObject):
    """Turns the person's start, Space, arrows, Esc and Stop into calls on the runner, asking first
    where a question is due; the runner and the session flow below it do the rest."""

    declined = Signal(object)  # Routine: its cautions were read and "Not now" chosen
    problem = Signal(str)  # a start that could not be planned, in words

    def __init__(self, window: QWidget, runner: SessionRunner, use_cases: UseCases) -> None:
        super().__init__(window)
        self._window = window
        self._runner = runner
        self._use_cases = use_cases
        self.cautions_box: QMessageBox | None = None
        self.cautions_start: QPushButton | None = None
        self.cautions_hide: QCheckBox | None = None  # "Don't show these again for this routine"
        self.stop_confirmation: QMessageBox | None = None
        self.stop_button: QPushButton | None = None
        self._resume_after_confirm = False
        self._keys: tuple[QShortcut, ...] = ()

    def bind_keys(self, window: QWidget) -> None:
        """Space pauses, Esc stops, the arrows move between steps: only while a session is on screen."""
        self._keys = (
            QShortcut(QKeySequence(Qt.Key.Key_Space), window, self.toggle_pause),
            QShortcut(QKeySequence(Qt.Key.Key_Escape), window, self.request_stop),
            QShortcut(QKeySequence(Qt.Key.Key_Left), window, lambda: self.skip(False)),
            QShortcut(QKeySequence(Qt.Key.Key_Right), window, lambda: self.skip(True)),
        )
        self.arm_keys(False)

    def arm_keys(self, in_session: bool) -> None:
        # As window-wide shortcuts elsewhere they would swallow Space on every focused button.
        for shortcut in self._keys:
            shortcut.setEnabled(in_session)

    @property
    def asking(self) -> bool:
        """A question of this session's is on screen."""
        return self.cautions_box is not None or self.stop_confirmation is not None

    def start_routine(
        self,
        routine: Routine,
        length: SessionLength,
        options: SessionOptions | None = None,
        before: Ratings = NOT_ASKED,
    ) -> None:
        """Start `routine` from anywhere; without options (a tip, a reminder, the command line) eyes
        closed or not as Settings say."""
        self.start(Choice(routine, length, self._use_cases.sessions.options_for(options)), before)

    def try_routine(self, routine_id: str) -> None:
        """'Try it now' from a tip: start the routine at its usual length."""
        routine = self._use_cases.routines.get(routine_id)
        if routine is None:
            log.warning("a tip links to the unknown routine %r", routine_id)
            return
        self.start_routine(routine, routine.default_length)

    def again(self) -> None:
        """The session that ended last, once more, as it was chosen."""
        choice = self._use_cases.sessions.last_choice
        if choice is not None:
            self.start(choice)

    def start(self, choice: Choice, before: Ratings = NOT_ASKED, *, cautions_read: bool = False) -> None:
        """Start a session; a routine whose guidance holds cautions shows them in full to confirm first,
        wherever the start came from (home, a tip, a reminder, the command line), for as long as the
        floor says they are due."""
        if self._runner.is_active:
            return
        if not cautions_read and self._use_cases.preferences.cautions_due(choice.routine):
            self._confirm_cautions(choice, before)
            return
        try:
            self._runner.start(choice, before)
        except TimelineError as error:
            self.problem.emit(str(error))

    def _confirm_cautions(self, choice: Choice, before: Ratings) -> None:
        def answered(chosen: bool) -> None:
            hide = self.cautions_hide is not None and self.cautions_hide.isChecked()
            self.cautions_box = self.cautions_start = self.cautions_hide = None
            self._window.activateWindow()  # Space, Esc and the arrows belong to the session's window
            if chosen:
                # Only a start counts as having read them: "Not now" with the box ticked hides nothing.
                self._use_cases.preferences.cautions_read(choice.routine, show_again=not hide)
                self.start(choice, before, cautions_read=True)
            else:
                self.declined.emit(choice.routine)

        self.cautions_box, self.cautions_start = ask(
            self._window,
            icon=QMessageBox.Icon.Information,
            title="Before you start",
            text=f"Before you start {choice.routine.title}, please read this:",
            detail=choice.routine.guidance,
            act=("I have read this, start", QMessageBox.ButtonRole.AcceptRole),
            stay="Not now",
            answered=answered,
            act_by_default=True,
            check="Don't show these again for this routine",
        )
        self.cautions_hide = self.cautions_box.checkBox()

    def request_stop(self) -> None:
        """Esc or the Stop button: a short session just stops; a longer one asks first."""
        engine = self._runner.engine
        if engine is None or not self._runner.is_active or self.stop_confirmation is not None:
            return
        # A session that ran out since the last frame ends as finished; a false start needs no question.
        if engine.status is Status.FINISHED or not asks_before_stopping(engine.practised()):
            self._runner.stop()
            return
        self._resume_after_confirm = engine.status is Status.RUNNING
        if self._resume_after_confirm:
            self._runner.toggle_pause(announce=False)
        self.stop_confirmation, self.stop_button = ask(
            self._window,
            icon=QMessageBox.Icon.Question,
            title="Stop the session?",
            text="Stop this session now?",
            detail="The time you have practised so far is saved in your history.",
            act=("Stop session", QMessageBox.ButtonRole.DestructiveRole),
            stay="Keep going",
            answered=self._on_stop_answer,
        )

    def _on_stop_answer(self, stop: bool) -> None:
        self.stop_confirmation = self.stop_button = None
        if stop:
            self._runner.stop()
        elif self._resume_after_confirm and self._runner.is_active:
            self._runner.toggle_pause(announce=False)

    def toggle_pause(self) -> None:
        if self.stop_confirmation is None:
            self._runner.toggle_pause()

    def skip(self, forward: bool) -> None:
        if self.stop_confirmation is None:
            self._runner.skip(forward)

    def stop_now(self) -> None:
        """The window is closing: the session so far is kept, whatever was being asked."""
        if self.stop_confirmation is not None:
            self.stop_confirmation.done(0)
        self._runner.stop()
