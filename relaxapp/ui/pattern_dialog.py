"""The dialog that makes or changes a breathing pattern of one's own, with a live preview of it."""

from __future__ import annotations

import dataclasses
import itertools
import logging
import math
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QHideEvent, QIcon, QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QGridLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from relaxapp.core import timeline
from relaxapp.core.clock import Clock, MonotonicClock
from relaxapp.core.patterns import MAX_NAME_LENGTH, CustomPattern, pace_words, pattern_of
from relaxapp.core.routine import MAX_PHASE_SECONDS, Cycles, Routine
from relaxapp.core.session import SessionEngine, Status
from relaxapp.logic.routines import RoutineBook, UserRoutineError
from relaxapp.ui.breathing_view import BreathingView
from relaxapp.ui.theme import LIGHT, Colours

log = logging.getLogger(__name__)

NEW_PATTERN = CustomPattern("", 4, 0, 6, 0)  # a calm start: a longer out-breath, no holds
PREVIEW_SIZE = 200
PREVIEW_FRAME_MS = 33  # 30 frames a second: smooth enough for a small preview, half the work of 60
# (label with its Alt key, accessible name): the four counts in the order they are breathed.
COUNTS = (
    ("Breathe &in", "Breathe in, seconds"),
    ("&Hold, lungs full", "Hold with lungs full, seconds"),
    ("Breathe &out", "Breathe out, seconds"),
    ("&Rest, lungs empty", "Rest with lungs empty, seconds"),
)


class PatternDialog(QDialog):
    """A name and four counts; the preview breathes the pattern as it is typed, and Save stays off while
    anything is wrong with it.

    `save` (optional) is called with the pattern when Save is pressed; if it raises UserRoutineError the
    message is shown and the dialog stays open, so nothing typed is lost.
    """

    def __init__(
        self,
        pattern: CustomPattern | None = None,
        *,
        save: Callable[[CustomPattern], object] | None = None,
        colours: Colours = LIGHT,
        reduced_motion: bool = False,
        clock: Clock | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        start = pattern or NEW_PATTERN
        self._save = save
        self._clock = clock or MonotonicClock()
        self._preview_timeline: timeline.Timeline | None = None
        self._engine: SessionEngine | None = None
        self.setWindowTitle(f"Change “{start.name}”" if pattern else "New breathing pattern")
        self.setMinimumWidth(560)

        intro = QLabel(
            "Four counts, in seconds. A hold of 0 s is left out. "
            "Breathing out for longer than you breathe in helps you calm down."
        )
        intro.setObjectName("pageIntro")
        intro.setWordWrap(True)

        self.name = QLineEdit(start.name)
        self.name.setMaxLength(MAX_NAME_LENGTH)
        self.name.setPlaceholderText("For example: Evening calm")
        self.name.setAccessibleName("Name of the pattern")
        # One grid: the name across the top, the counts under it with the preview beside them, so every
        # field starts at the same place and the name has room to be read whole.
        grid = QGridLayout()
        grid.setHorizontalSpacing(16)
        grid.setVerticalSpacing(10)
        grid.addWidget(_buddy("&Name", self.name), 0, 0)
        grid.addWidget(self.name, 0, 1, 1, 2)
        self.counts = [
            _seconds_box(seconds, name) for seconds, (_, name) in zip(start.counts, COUNTS, strict=True)
        ]
        self.inhale, self.hold_in, self.exhale, self.hold_out = self.counts
        for row, (spin, (label, _)) in enumerate(zip(self.counts, COUNTS, strict=True), start=1):
            grid.addWidget(_buddy(label, spin), row, 0)
            grid.addWidget(spin, row, 1)

        self.preview = BreathingView()
        self.preview.setMinimumSize(PREVIEW_SIZE, PREVIEW_SIZE)
        self.preview.setAccessibleName("Preview of the pattern")
        self.preview.set_look(colours, reduced_motion=reduced_motion)
        waiting = QLabel("The preview starts when the counts can be breathed.")
        waiting.setObjectName("note")
        waiting.setWordWrap(True)
        waiting.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self._preview_stack = QStackedWidget()
        self._preview_stack.addWidget(self.preview)
        self._preview_stack.addWidget(waiting)
        self._preview_stack.setFixedSize(PREVIEW_SIZE, PREVIEW_SIZE)
        self.preview_timer = QTimer(self)
        self.preview_timer.timeout.connect(self._on_frame)

        self.rhythm = QLabel()
        self.rhythm.setObjectName("cardRhythm")
        self.pace = QLabel()
        self.pace.setObjectName("plan")
        words_row = 1 + len(self.counts)
        grid.addWidget(self.rhythm, words_row, 0, 1, 2)
        grid.addWidget(self.pace, words_row + 1, 0, 1, 2)
        grid.addWidget(self._preview_stack, 1, 2, words_row + 2, 1, Qt.AlignmentFlag.AlignTop)
        grid.setColumnStretch(1, 1)
        grid.setRowStretch(words_row + 2, 1)
        # Under the fields, in words, as they are typed; room for two lines kept, so the dialog does not
        # jump as a problem comes and goes.
        self.problems = QLabel()
        self.problems.setObjectName("problemText")
        self.problems.setWordWrap(True)
        self.problems.setMinimumHeight(2 * self.problems.fontMetrics().lineSpacing())
        self.problems.setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)

        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        for button in self.buttons.buttons():
            button.setIcon(QIcon())  # some styles add icons; the words say enough
        save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        assert save_button is not None
        self.save_button: QPushButton = save_button
        self.save_button.setDefault(True)  # Enter saves from any field; Esc cancels (QDialog's own)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addWidget(intro)
        layout.addLayout(grid)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

        order = [self.name, *self.counts, self.save_button]
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        if cancel is not None:
            order.append(cancel)
        for before, after in itertools.pairwise(order):
            QWidget.setTabOrder(before, after)

        self.name.textChanged.connect(self._check)
        for spin in self.counts:
            spin.valueChanged.connect(self._counts_changed)
        self._counts_changed()

    def pattern(self) -> CustomPattern:
        """The pattern as the fields say it now (it may have problems while Save is off)."""
        inhale, hold_in, exhale, hold_out = (spin.value() for spin in self.counts)
        return CustomPattern(self.name.text().strip(), inhale, hold_in, exhale, hold_out)

    @property
    def preview_running(self) -> bool:
        return self.preview_timer.isActive()

    def accept(self) -> None:
        pattern = self.pattern()
        if pattern.problems():  # Save is off then; this guards any other way in
            return
        if self._save is not None:
            try:
                self._save(pattern)
            except UserRoutineError as error:
                log.warning("could not save a pattern", exc_info=True)
                self._show_problems([error.message])
                return
        super().accept()

    # -- checking --------------------------------------------------------------------------------------

    def _counts_changed(self) -> None:
        self._restart_preview()
        self._check()

    def _check(self) -> None:
        pattern = self.pattern()
        self.rhythm.setText(pattern.in_words())
        self.pace.setText(pace_words(pattern.breath_seconds))
        problems = pattern.problems()
        self._show_problems(problems)
        self.save_button.setEnabled(not problems)
        # A screen reader says why Save is off when the person reaches it.
        self.save_button.setAccessibleDescription(
            "Save is off until: " + "; ".join(problems) if problems else ""
        )

    def _show_problems(self, problems: list[str]) -> None:
        self.problems.setText("\n".join(problems))

    # -- the preview -----------------------------------------------------------------------------------

    def _restart_preview(self) -> None:
        """Breathe the pattern from its first count: a changed count shows at once from the start."""
        counts_only = dataclasses.replace(self.pattern(), name="Preview")  # a name is not needed to breathe
        if counts_only.problems():
            self._preview_timeline = self._engine = None
            self.preview_timer.stop()
            self._preview_stack.setCurrentIndex(1)
            return
        # One breath, started again each time it ends: the preview runs for as long as the dialog is open.
        self._preview_timeline = timeline.build(counts_only.to_routine("preview"), Cycles(1))
        self._preview_stack.setCurrentIndex(0)
        self._start_breath()
        self._on_frame()

    def _start_breath(self) -> None:
        assert self._preview_timeline is not None
        self._engine = SessionEngine(self._preview_timeline, self._clock)
        self._engine.start()

    def _on_frame(self) -> None:
        if self._engine is None:
            return
        if self._engine.status is Status.FINISHED:
            self._start_breath()
            assert self._engine is not None
        state = self._engine.state_at_now()
        self.preview.show_state(state)
        if not self.isVisible():
            return  # a hidden dialog costs no CPU: showEvent starts the timer again
        # While a breath is held nothing moves: wake only when the number on the circle changes.
        wait = PREVIEW_FRAME_MS
        if state.is_still:
            wait = max(wait, math.ceil(state.seconds_until_counters_change() * 1000))
        self.preview_timer.start(wait)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._on_frame()

    def hideEvent(self, event: QHideEvent) -> None:
        # Closing, Save, Cancel and Esc all hide the dialog: the preview stops with it.
        self.preview_timer.stop()
        super().hideEvent(event)


def _seconds_box(value: float, accessible_name: str) -> QDoubleSpinBox:
    spin = QDoubleSpinBox()
    spin.setRange(0, MAX_PHASE_SECONDS)
    spin.setDecimals(1)
    spin.setSingleStep(0.5)
    spin.setSuffix(" s")
    spin.setValue(value)
    spin.setAccessibleName(accessible_name)
    return spin


def _buddy(text: str, control: QWidget) -> QLabel:
    label = QLabel(text)
    label.setBuddy(control)  # the & letter jumps to the control: Alt+N, Alt+I, Alt+H, Alt+O, Alt+R
    return label


def edit_pattern(
    parent: QWidget, book: RoutineBook, routine: Routine | None, colours: Colours, reduced_motion: bool
) -> None:
    """A new pattern (None) or a change to one; the book saves it (an edited one keeps its id) and the
    pages that show routines hear of it."""
    routine_id = routine.id if routine else None

    def save(pattern: CustomPattern) -> None:
        book.save_pattern(pattern, routine_id or book.new_pattern_id(pattern.name))

    existing = pattern_of(routine) if routine else None
    PatternDialog(existing, save=save, colours=colours, reduced_motion=reduced_motion, parent=parent).exec()


def delete_pattern(parent: QWidget, book: RoutineBook, routine: Routine) -> None:
    """Delete a pattern once the person confirms (the book says so if the disk refuses)."""
    answer = QMessageBox.question(
        parent,
        "Delete pattern?",
        f"Delete your pattern “{routine.title}”? Sessions you did with it stay in your history.",
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    if answer is QMessageBox.StandardButton.Yes:
        book.delete_pattern(routine)
