"""A person's own breathing: a pace to pick, and patterns to make, change and delete."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from relaxapp.core.catalog import load_catalog
from relaxapp.core.clock import FakeClock
from relaxapp.core.patterns import DEFAULT_BREATHS_PER_MINUTE, PACED_ID, paced_routine
from relaxapp.core.routine import Minutes
from relaxapp.ui import pattern_dialog
from relaxapp.ui.main_window import MainWindow


@pytest.fixture
def library_window(make_window, fake_clock: FakeClock, tmp_path: Path, monkeypatch) -> MainWindow:
    window = make_window(fake_clock, patterns_dir=tmp_path / "routines")
    window.home.add_routine(paced_routine(DEFAULT_BREATHS_PER_MINUTE))
    return window


def fill_and_save(name: str, counts: tuple[float, float, float, float]) -> Callable[..., int]:
    """Stands in for the dialog's exec(): types as a person would, then presses Save."""

    def exec_(dialog: pattern_dialog.PatternDialog) -> int:
        dialog.name.setText(name)
        for box, value in zip(
            (dialog.inhale, dialog.hold_in, dialog.exhale, dialog.hold_out), counts, strict=True
        ):
            box.setValue(value)
        dialog.save_button.click()
        return dialog.result()

    return exec_


def test_the_pace_slider_sets_breaths_per_minute(qtbot, library_window):
    home = library_window.home
    home.select(PACED_ID)
    assert home.pace.isVisible()
    home.pace.setValue(8)
    routine = home.selected_routine()
    assert routine is not None and routine.id == PACED_ID
    assert routine.cycle_seconds == pytest.approx(7.5)
    assert home.pace_label.text() == "Pace: 8 a minute"
    qtbot.mouseClick(home.start_button, Qt.MouseButton.LeftButton)
    assert library_window.runner.engine.timeline.routine.cycle_seconds == pytest.approx(7.5)


def test_a_new_pace_keeps_the_length_chosen(library_window):
    home = library_window.home
    home.select(PACED_ID, Minutes(10))
    home.pace.setValue(9)
    assert home.selected_length() == Minutes(10)
    assert home.plan.text().startswith("10 min")


def test_a_new_pattern_is_saved_as_a_routine_file_and_chosen(qtbot, library_window, monkeypatch):
    monkeypatch.setattr(pattern_dialog.PatternDialog, "exec", fill_and_save("Evening calm", (4, 2, 6, 0)))
    qtbot.mouseClick(library_window.home.new_pattern, Qt.MouseButton.LeftButton)
    chosen = library_window.home.selected_routine()
    assert chosen is not None and chosen.id == "my_evening_calm" and chosen.rhythm() == "4 · 2 · 6"
    assert library_window.home.edit_pattern.isVisible()
    assert (
        "pregnant" in library_window.home.guidance.text()
    )  # a pattern that holds the breath says when not to
    on_disk = load_catalog([library_window.use_cases.routines.patterns_dir])
    assert on_disk.errors == [] and [r.id for r in on_disk.routines] == ["my_evening_calm"]

    monkeypatch.setattr(pattern_dialog.PatternDialog, "exec", fill_and_save("Evening calm", (5, 0, 7, 0)))
    qtbot.mouseClick(library_window.home.edit_pattern, Qt.MouseButton.LeftButton)
    assert library_window.home.selected_routine().rhythm() == "5 · 7"
    assert library_window.home.guidance.isHidden()  # no holds, nothing to warn about
    assert load_catalog([library_window.use_cases.routines.patterns_dir]).routines[0].rhythm() == "5 · 7"

    monkeypatch.setattr(QMessageBox, "question", lambda *_args: QMessageBox.StandardButton.Yes)
    qtbot.mouseClick(library_window.home.delete_pattern, Qt.MouseButton.LeftButton)
    assert "my_evening_calm" not in {r.id for r in library_window.home.routines}
    assert load_catalog([library_window.use_cases.routines.patterns_dir]).routines == []


def test_a_new_pattern_never_takes_the_name_of_a_file_that_did_not_load(qtbot, library_window, monkeypatch):
    folder = library_window.use_cases.routines.patterns_dir
    folder.mkdir(parents=True)
    (folder / "my_evening_calm.toml").write_text("a mistake, so it did not load\n")
    monkeypatch.setattr(pattern_dialog.PatternDialog, "exec", fill_and_save("Evening calm", (4, 0, 6, 0)))
    qtbot.mouseClick(library_window.home.new_pattern, Qt.MouseButton.LeftButton)
    assert library_window.home.selected_routine().id == "my_evening_calm_2"
    assert (folder / "my_evening_calm.toml").read_text() == "a mistake, so it did not load\n"
