"""The pattern dialog: typed counts are checked as they are typed, the preview breathes them, and the
preview costs nothing once the dialog is gone."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QDialog, QDoubleSpinBox

from relaxapp.core.catalog import load_routine_file
from relaxapp.core.clock import FakeClock
from relaxapp.core.patterns import CustomPattern
from relaxapp.core.routine import StepKind
from relaxapp.core.session import Status
from relaxapp.storage.user_routines import save_pattern
from relaxapp.ui.pattern_dialog import PREVIEW_FRAME_MS, PatternDialog
from tests.ui.test_accessibility import unnamed_controls


class PaintCounter(QObject):
    """Counts the paint events a widget receives."""

    def __init__(self) -> None:
        super().__init__()
        self.paints = 0

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - named by Qt
        if event.type() == QEvent.Type.Paint:
            self.paints += 1
        return False


@pytest.fixture
def dialog(qtbot, fake_clock: FakeClock) -> PatternDialog:
    made = PatternDialog(clock=fake_clock)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


def type_seconds(qtbot, spin: QDoubleSpinBox, digits: str) -> None:
    """Replace the number in a spin box the way a person does: select it and type."""
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, digits)


def test_problems_show_as_typed_and_save_waits_until_they_are_fixed(qtbot, dialog: PatternDialog):
    assert "Give the pattern a name" in dialog.problems.text()
    assert not dialog.save_button.isEnabled()

    qtbot.keyClicks(dialog.name, "Evening")
    type_seconds(qtbot, dialog.inhale, "1")
    assert "Breathing in takes 1 s: it needs 2 s or more" in dialog.problems.text()
    assert "Give the pattern a name" not in dialog.problems.text()
    assert not dialog.save_button.isEnabled()
    assert "Breathing in takes 1 s" in dialog.save_button.accessibleDescription()

    type_seconds(qtbot, dialog.inhale, "5")
    type_seconds(qtbot, dialog.hold_in, "2")
    assert dialog.problems.text() == ""
    assert dialog.save_button.isEnabled()
    assert dialog.pattern() == CustomPattern("Evening", 5, 2, 6, 0)
    assert dialog.rhythm.text() == "In 5 s · hold 2 s · out 6 s"
    assert dialog.pace.text() == "One breath: 13 s, 4.6 a minute"

    qtbot.keyClick(dialog.name, Qt.Key.Key_Return)  # Enter saves, from any field
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert not dialog.isVisible()


def test_enter_does_not_save_a_pattern_with_problems(qtbot, dialog: PatternDialog):
    type_seconds(qtbot, dialog.exhale, "1")
    qtbot.keyClick(dialog.exhale, Qt.Key.Key_Return)
    assert dialog.isVisible()
    assert "Breathing out takes 1 s" in dialog.problems.text()
    dialog.accept()  # nor does any other way in
    assert dialog.isVisible()


def test_escape_cancels_without_saving(qtbot, fake_clock: FakeClock):
    saved: list[CustomPattern] = []
    dialog = PatternDialog(CustomPattern("Box", 4, 4, 4, 4), save=saved.append, clock=fake_clock)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClick(dialog.name, Qt.Key.Key_Escape)
    assert dialog.result() == QDialog.DialogCode.Rejected
    assert saved == []


def test_a_pattern_to_change_fills_the_fields(qtbot, fake_clock: FakeClock):
    dialog = PatternDialog(CustomPattern("Box", 4, 4, 4, 4), clock=fake_clock, reduced_motion=True)
    qtbot.addWidget(dialog)
    assert dialog.windowTitle() == "Change “Box”"
    assert dialog.pattern() == CustomPattern("Box", 4, 4, 4, 4)
    assert dialog.save_button.isEnabled()
    assert dialog.preview.reduced_motion  # the calm bar, as the person asked for in Settings


def test_saving_writes_the_file_and_a_failure_keeps_the_dialog_open(qtbot, fake_clock, tmp_path: Path):
    (tmp_path / "data").write_text("a file where the folder should be", encoding="utf-8")
    blocked = tmp_path / "data" / "routines"
    folder = tmp_path / "routines"
    target = [blocked]
    dialog = PatternDialog(
        CustomPattern("Evening", 4, 2, 6, 0),
        save=lambda pattern: save_pattern(target[0], "my_evening", pattern),
        clock=fake_clock,
    )
    qtbot.addWidget(dialog)
    dialog.show()

    dialog.save_button.click()
    assert dialog.isVisible()  # nothing typed is lost
    assert "Could not save your pattern as" in dialog.problems.text()
    assert "a file is in the way" in dialog.problems.text()

    target[0] = folder
    dialog.save_button.click()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert load_routine_file(folder / "my_evening.toml") == dialog.pattern().to_routine("my_evening")


def test_the_preview_breathes_the_pattern_and_starts_again_when_a_count_changes(
    qtbot, dialog: PatternDialog, fake_clock: FakeClock
):
    counter = PaintCounter()
    dialog.preview.installEventFilter(counter)
    assert dialog.preview_running
    fake_clock.advance(1.0)
    qtbot.waitUntil(lambda: dialog.preview.state.elapsed == 1.0)  # the timer drives the view

    painted = counter.paints
    dialog.inhale.setValue(5)
    state = dialog.preview.state
    assert state.elapsed == 0.0  # from the first count again
    assert state.segment.step.seconds == 5
    qtbot.waitUntil(lambda: counter.paints > painted)

    fake_clock.advance(6.0)
    qtbot.waitUntil(lambda: dialog.preview.state.elapsed == 6.0)
    fake_clock.advance(6.0)  # past the end of the 11-second breath: the preview goes round again
    qtbot.waitUntil(lambda: dialog.preview.state.elapsed == 0.0)
    assert dialog.preview.state.status is Status.RUNNING
    assert dialog.preview_running


def test_the_preview_sleeps_through_a_hold(qtbot, fake_clock: FakeClock):
    dialog = PatternDialog(CustomPattern("Box", 4, 4, 4, 4), clock=fake_clock)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.preview_timer.interval() == PREVIEW_FRAME_MS  # breathing in: the circle grows
    fake_clock.advance(5.0)  # a second into the hold, where nothing moves
    qtbot.waitUntil(lambda: dialog.preview.state.segment.step.kind is StepKind.HOLD)
    # Woken only when the number on the circle changes, a second later, not 30 times a second.
    assert dialog.preview_timer.interval() == 1000
    assert dialog.preview_running


def test_the_preview_waits_while_the_counts_cannot_be_breathed(qtbot, dialog: PatternDialog):
    type_seconds(qtbot, dialog.inhale, "1")
    assert not dialog.preview_running
    assert not dialog.preview.isVisible()
    type_seconds(qtbot, dialog.inhale, "3")
    assert dialog.preview_running
    assert dialog.preview.isVisible()
    assert dialog.preview.state.segment.step.seconds == 3


def test_the_preview_stops_when_the_dialog_closes(qtbot, dialog: PatternDialog):
    assert dialog.preview_running
    dialog.reject()
    assert not dialog.preview_running
    dialog.inhale.setValue(5)  # a change while hidden does not start it again
    assert not dialog.preview_running
    dialog.show()
    assert dialog.preview_running
    dialog.close()
    assert not dialog.preview_running


def test_every_control_has_a_name_and_tab_follows_the_fields(dialog: PatternDialog):
    assert unnamed_controls(dialog) == []
    order = [dialog.name, dialog.inhale, dialog.hold_in, dialog.exhale, dialog.hold_out]
    dialog.name.setFocus()
    for expected in order[1:]:
        dialog.focusNextChild()
        assert dialog.focusWidget() is expected
