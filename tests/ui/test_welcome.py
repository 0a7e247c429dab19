"""First start: the wellbeing notice, then "What brings you here?"; an answer picks where to begin and a
"Suggested for you" row; Skip changes nothing; Settings changes the answer and the row follows."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication

from relaxapp import app as relaxapp_app
from relaxapp.core.catalog import Catalog
from relaxapp.core.preferences import Preferences
from relaxapp.storage import paths
from relaxapp.ui.main_window import MainWindow
from relaxapp.ui.welcome import WelcomeDialog, welcome
from tests.helpers.widgets import button, click, labels
from tests.ui.test_accessibility import spoken_problems
from tests.ui.test_accessibility_keyboard import press, tab_chain

Role = QAccessible.Role


def first_start(qtbot, window: MainWindow) -> list[str]:
    """Start as app.py does after the first frame; returns what ran after the welcome (the command
    line's session would)."""
    ran: list[str] = []
    welcome(window, window.notice, window.use_cases.first_run, then=lambda: ran.append("then"))
    return ran


def question_of(window: MainWindow) -> WelcomeDialog | None:
    shown = [dialog for dialog in window.findChildren(WelcomeDialog) if dialog.isVisible()]
    return shown[0] if shown else None


def read_the_notice(qtbot, window: MainWindow) -> None:
    box = window.notice.box
    assert box is not None
    click(qtbot, button(box, "I understand"))


def suggested_titles(window: MainWindow) -> list[str]:
    """The titles on the suggested cards, as a person reads them."""
    return [labels(card)[0] for card in window.home.suggestions.cards]


def test_a_first_start_shows_the_notice_then_the_question(qtbot, window: MainWindow):
    ran = first_start(qtbot, window)
    assert window.notice.box is not None
    assert question_of(window) is None  # one thing at a time: the notice first
    read_the_notice(qtbot, window)
    dialog = question_of(window)
    assert dialog is not None and ran == []  # a session asked for on the command line waits for it too
    assert "What brings you here?" in labels(dialog)
    assert [card.accessibleName() for card in dialog.cards.values()] == [
        "An eyelid that flickers",
        "Spasms on one side of the face",
        "Both eyes squeezing shut",
        "General tension or sleep",
    ]
    assert not dialog.continue_button.isEnabled()  # nothing chosen yet: Skip is the way on
    assert not window.home.suggestions.isVisible()


def test_an_answer_picks_where_to_begin_and_shows_what_is_suggested(qtbot, window: MainWindow):
    assert not window.home.eyes_closed.isChecked()
    ran = first_start(qtbot, window)
    read_the_notice(qtbot, window)
    dialog = question_of(window)
    assert dialog is not None
    click(qtbot, dialog.cards["both_eyes"])
    click(qtbot, dialog.continue_button)
    assert ran == ["then"]
    assert question_of(window) is None
    home = window.home
    assert home.selected_routine().id == "pmr_face_neck_release"
    assert home.eyes_closed.isChecked()  # eyes that squeeze shut: the voice leads every step
    assert home.suggestions.isVisible()
    assert suggested_titles(window) == [
        "Face and neck, release only",
        "Warm light body scan",
        "Longer out-breath",
    ]
    assert "eye doctor" in home.suggestions.note.text()
    click(qtbot, home.suggestions.cards[2])  # a suggestion chooses its routine on the page
    assert home.selected_routine().id == "extended_exhale"
    assert window.preferences.reason == "both_eyes"


def test_skipping_leaves_every_default_as_it_was(qtbot, make_window: Callable[..., MainWindow], fake_clock):
    window = make_window(fake_clock)
    routine, eyes_closed = window.home.selected_routine(), window.home.eyes_closed.isChecked()
    ran = first_start(qtbot, window)
    read_the_notice(qtbot, window)
    dialog = question_of(window)
    assert dialog is not None
    click(qtbot, dialog.skip_button)
    assert ran == ["then"]
    assert window.home.selected_routine() is routine
    assert window.home.eyes_closed.isChecked() is eyes_closed
    assert not window.home.suggestions.isVisible()
    assert window.preferences == Preferences()
    window.close()
    # Never asked again, not even once the notice is read and the app opened anew.
    again = make_window(fake_clock)
    assert first_start(qtbot, again) == ["then"]
    assert again.notice.box is None and question_of(again) is None


def test_closing_the_question_counts_as_skipping_it(qtbot, window: MainWindow):
    ran = first_start(qtbot, window)
    read_the_notice(qtbot, window)
    dialog = question_of(window)
    assert dialog is not None
    click(qtbot, dialog.cards["eyelid"])
    dialog.reject()  # Esc, or the window's close button
    assert ran == ["then"]
    assert window.preferences.reason == ""
    assert not window.use_cases.first_run.due()


def test_changing_the_answer_in_settings_changes_the_row(qtbot, window: MainWindow):
    window.use_cases.first_run.answer("eyelid")
    eyelid = ["Eyes and brow, gentle", "Longer out-breath", "Face and neck, release only"]
    assert suggested_titles(window) == eyelid
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    assert dialog.reason.currentText() == "An eyelid that flickers"
    dialog.reason.setCurrentText("General tension or sleep")
    assert not dialog.eyes_closed.isChecked()
    dialog.accept()
    assert suggested_titles(window) == ["Seven muscle groups", "Warm light for sleep", "Coherent breathing"]
    assert window.home.selected_routine().id == "pmr_7"  # the new answer's place to begin
    assert not window.home.suggestions.note.isVisible()  # that answer has nothing to add
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    dialog.reason.setCurrentText("Both eyes squeezing shut")
    assert dialog.eyes_closed.isChecked()  # shown before OK, so the person sees what the answer does
    dialog.reason.setCurrentText("I'd rather not say")
    dialog.accept()
    assert not window.home.suggestions.isVisible()


def test_the_question_is_one_tab_stop_the_arrows_walk(qtbot, window: MainWindow):
    first_start(qtbot, window)
    read_the_notice(qtbot, window)
    dialog = question_of(window)
    assert dialog is not None
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.cards["eyelid"].setFocus()
    chain = tab_chain(qtbot)
    assert [widget for widget in chain if widget in dialog.cards.values()] == [dialog.cards["eyelid"]]
    assert dialog.skip_button in chain
    dialog.cards["eyelid"].setFocus()
    assert press(qtbot, Qt.Key.Key_Down) is dialog.cards["one_side"]
    assert dialog.chosen() is None  # the arrows move; Space chooses, as in any radio group
    assert press(qtbot, Qt.Key.Key_Space) is dialog.cards["one_side"]
    assert dialog.chosen() == "one_side" and dialog.continue_button.isEnabled()
    qtbot.keyClick(dialog.cards["one_side"], Qt.Key.Key_Return)  # Enter is Continue's
    assert window.preferences.reason == "one_side"


def test_the_question_and_the_row_say_what_each_control_is(qtbot, window: MainWindow):
    first_start(qtbot, window)
    read_the_notice(qtbot, window)
    dialog = question_of(window)
    assert dialog is not None
    assert spoken_problems(dialog) == []
    interface = QAccessible.queryAccessibleInterface(dialog.cards["tension"])
    assert interface.role() is Role.RadioButton
    assert interface.text(QAccessible.Text.Description).startswith("A tight jaw")
    click(qtbot, dialog.cards["tension"])
    click(qtbot, dialog.continue_button)
    assert spoken_problems(window.home) == []
    card = window.home.suggestions.cards[0]
    interface = QAccessible.queryAccessibleInterface(card)
    assert interface.role() is Role.Button
    assert "·" not in interface.text(QAccessible.Text.Name)


def test_tab_reaches_each_suggestion_between_the_journal_and_the_kinds(qtbot, window: MainWindow):
    window.use_cases.first_run.answer("eyelid")
    window.use_cases.first_run.use_settings(replace(window.preferences, reason="tension"))  # cards anew
    QApplication.processEvents()  # a card added to a shown row shows on the next turn of the event loop
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    window.nav.relax.setFocus()
    chain = tab_chain(qtbot)
    cards = window.home.suggestions.cards
    at = [chain.index(card) for card in cards]
    assert at == sorted(at) and len(at) == 3  # each a button of its own, in the order they are shown
    kinds = next(widget for widget in chain if widget.objectName() == "kindChip")
    assert chain.index(window.home.journal.log_button) < at[0] and at[-1] < chain.index(kinds)


def test_without_the_question_settings_neither_asks_nor_forgets_the_answer(qtbot, window: MainWindow):
    from relaxapp.ui.settings_dialog import SettingsDialog  # noqa: PLC0415 - as the window loads it

    dialog = SettingsDialog(Preferences(reason="eyelid"), list(window.use_cases.routines.routines))
    qtbot.addWidget(dialog)
    assert dialog.reason is None
    assert not any("brings you here" in text for text in labels(dialog))
    assert dialog.chosen().reason == "eyelid"  # kept for when the file can be read again


def _returning(data_dir: Path, answer: str) -> Path:
    """The data folder of a person who read the notice and answered `answer` ("" if they skipped)."""
    (data_dir / "config").mkdir(parents=True)
    (data_dir / "config" / "settings.ini").write_text(
        f"[notice]\nacknowledged=true\n\n[welcome]\nasked=true\nanswer={answer}\n"
    )
    return data_dir


def test_a_kept_answer_shows_its_suggestions_in_the_first_frame(qtbot, tmp_path: Path, monkeypatch):
    # The question's file is read after the first frame unless the home page needs it for that frame.
    at_first_frame: dict[str, object] = {}
    after_first_frame = relaxapp_app._load_guidance_into

    def load_guidance_into(window: MainWindow, catalog: Catalog) -> None:
        at_first_frame["cards"] = len(window.home.suggestions.cards)
        at_first_frame["shown"] = window.home.suggestions.isVisibleTo(window)
        after_first_frame(window, catalog)

    monkeypatch.setattr(relaxapp_app, "_load_guidance_into", load_guidance_into)
    data = _returning(tmp_path / "data", "eyelid")
    assert relaxapp_app.run(["--data-dir", str(data)], on_ready=lambda window: window.close()) == 0
    assert at_first_frame["cards"] in (2, 3)
    assert at_first_frame["shown"] is True
    QApplication.processEvents()


@pytest.mark.allow_logged_errors
@pytest.mark.parametrize("answer", ["eyelid", ""])
def test_a_damaged_question_file_is_named_and_the_app_opens(qtbot, tmp_path: Path, monkeypatch, answer: str):
    # Read before the first frame (an answer kept: its suggestions show) or after it (none): said alike.
    content = tmp_path / "content"
    shutil.copytree(paths.content_dir(), content)
    (content / "welcome.toml").write_text('question = "Why?"\n')
    monkeypatch.setattr(paths, "content_dir", lambda: content)
    seen: dict[str, object] = {}

    def on_ready(window: MainWindow) -> None:
        seen["problem"] = window.problem.text()
        seen["question"] = window.use_cases.first_run.question
        seen["suggestions"] = window.home.suggestions.isVisibleTo(window)
        window.close()

    assert (
        relaxapp_app.run(["--data-dir", str(_returning(tmp_path / "data", answer))], on_ready=on_ready) == 0
    )
    assert "welcome.toml" in str(seen["problem"])
    assert "switched off" in str(seen["problem"])
    assert seen["question"] is None
    assert seen["suggestions"] is False
    QApplication.processEvents()
