"""A person's breathing session through the real window, with time moved by hand."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from relaxapp.audio.player import SilentPlayer
from relaxapp.core.clock import FakeClock
from relaxapp.core.journal import Episode, EpisodeDuration, Place, Side
from relaxapp.core.routine import Cycles, Minutes
from relaxapp.storage.history import HistoryStore
from relaxapp.ui.choices import RoutineCard
from relaxapp.ui.history.timeline_model import Column
from relaxapp.ui.main_window import MainWindow
from tests.helpers.widgets import click
from tests.ui.conftest import STARTED


def card(window: MainWindow, title: str) -> RoutineCard:
    return next(c for c in window.home.findChildren(RoutineCard) if c.routine.title == title)


def chip(window: MainWindow, text: str) -> QPushButton:
    return next(b for b in window.home.findChildren(QPushButton) if b.text() == text)


def advance(qtbot, clock: FakeClock, window: MainWindow, seconds: float) -> None:
    """Move time on and let the next frame show it."""
    clock.advance(seconds)
    engine = window.runner.engine
    assert engine is not None
    qtbot.waitUntil(
        lambda: (
            window.session.breathing.state is not None
            and abs(window.session.breathing.state.elapsed - engine.elapsed()) < 1e-9
        )
    )


def test_choose_start_pause_resume_stop_and_find_it_in_history(
    qtbot, window, fake_clock, store: HistoryStore
):
    assert window.pages.currentWidget() is window.home
    click(qtbot, card(window, "Coherent breathing"))
    click(qtbot, chip(window, "1 min"))
    assert window.home.plan.text() == "55 s · 5 breaths"
    click(qtbot, window.home.start_button)

    assert window.pages.currentWidget() is window.session
    assert window.session.step.text() == "Breathe in"
    assert window.session.remaining.text() == "0:55 left"
    assert window.runner.player.cues == ["bell_start"]
    assert not window.nav.isVisible()

    advance(qtbot, fake_clock, window, 5.5)
    assert window.session.step.text() == "Breathe out"
    assert window.session.progress.text() == "Breath 1 of 5"
    assert window.runner.player.cues == ["bell_start", "exhale"]

    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.session.step.text() == "Paused"
    assert window.session.pause_button.text() == "Resume"
    fake_clock.advance(300)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.session.pause_button.text() == "Pause"
    advance(qtbot, fake_clock, window, 14.5)
    assert window.session.remaining.text() == "0:35 left"
    assert window.session.progress.text() == "Breath 2 of 5"

    qtbot.keyClick(window, Qt.Key.Key_Escape)
    box = window.sessions.stop_confirmation
    assert isinstance(box, QMessageBox)
    assert (box.windowTitle(), box.text()) == ("Stop the session?", "Stop this session now?")
    assert window.session.step.text() == "Paused"  # nothing runs on while the question is open
    stop = next(b for b in box.buttons() if b.text() == "Stop session")
    click(qtbot, stop)

    assert window.pages.currentWidget() is window.summary
    assert window.summary.heading.text() == "Session ended"
    assert window.nav.isVisible()
    assert "20 s with Coherent breathing, of the planned 55 s" in window.summary.details.text()
    assert window.summary.saved.text() == "Saved in your history."
    assert window.runner.player.cues[-1] == "bell_end"
    [saved] = store.newest(10)
    assert (saved.routine_id, saved.actual_seconds, saved.planned_seconds, saved.completed) == (
        "coherent",
        20.0,
        55.0,
        False,
    )

    click(qtbot, next(b for b in window.summary.findChildren(QPushButton) if b.text() == "See history"))
    assert window.pages.currentWidget() is window.history
    model = window.history.model
    assert model.rowCount() == 1
    row = [model.index(0, column).data() for column in (Column.WHAT, Column.AMOUNT, Column.NOTE)]
    assert row == ["Coherent breathing", "20 s", "Stopped early, planned 55 s"]
    assert window.history.sessions_total.value.text() == "1"


def test_a_session_that_runs_to_the_end_is_complete_with_every_cue(qtbot, window, fake_clock, store):
    click(qtbot, card(window, "Box breathing"))
    click(qtbot, chip(window, "Breaths"))
    window.home.breaths.setValue(2)
    click(qtbot, window.home.start_button)
    for _ in range(8):
        advance(qtbot, fake_clock, window, 4)  # engine reads 4, 8, ... 32 s
        if window.pages.currentWidget() is window.summary:
            break
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary)
    assert window.summary.heading.text() == "Well done"
    first_breath = ["hold", "exhale", "hold", "inhale"]  # its inhale is marked by the start bell
    second_breath = ["hold", "exhale", "hold"]
    assert window.runner.player.cues == ["bell_start", *first_breath, *second_breath, "bell_end"]
    [saved] = store.newest(1)
    assert saved.completed and saved.actual_seconds == 32.0


def test_escape_in_the_first_seconds_stops_without_asking_or_saving(qtbot, window, fake_clock, store):
    click(qtbot, window.home.start_button)
    advance(qtbot, fake_clock, window, 3)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.sessions.stop_confirmation is None
    assert window.pages.currentWidget() is window.home
    assert store.count() == 0


def test_keep_going_resumes_where_it_was(qtbot, window, fake_clock, store):
    click(qtbot, window.home.start_button)
    advance(qtbot, fake_clock, window, 12)
    click(qtbot, window.session.stop_button)
    box = window.sessions.stop_confirmation
    assert box is not None and box.text() == "Stop this session now?"
    fake_clock.advance(60)  # reading the question takes a while; it is not practice time
    click(qtbot, next(b for b in box.buttons() if b.text() == "Keep going"))
    assert window.sessions.stop_confirmation is None
    assert window.pages.currentWidget() is window.session
    assert window.session.pause_button.text() == "Pause"
    engine = window.runner.engine
    assert engine is not None and engine.elapsed() == 12.0
    assert store.count() == 0


def test_closing_the_window_mid_session_keeps_the_partial_session(qtbot, window, fake_clock, store):
    click(qtbot, window.home.start_button)
    advance(qtbot, fake_clock, window, 30)
    window.close()
    [saved] = store.newest(1)
    assert saved.actual_seconds == 30.0 and not saved.completed


def test_four_seven_eight_is_offered_in_breaths_and_says_its_cautions_come_first(qtbot, window):
    click(qtbot, card(window, "4-7-8 breathing"))
    # Its advice is a count of breaths: no minutes are offered, and the count stops at eight.
    assert not any(chip(window, f"{minutes} min").isVisibleTo(window) for minutes in (1, 3, 5, 10, 20))
    # The count is the one choice, with no "Breaths" button before it.
    assert not chip(window, "Breaths").isVisibleTo(window)
    assert window.home.breaths.isVisibleTo(window)
    assert window.home.breaths.maximum() == 8
    assert window.home.selected_length() == Cycles(4)  # four breaths: the first month's most
    # Its cautions are shown in full at the start: the page says so rather than show them twice.
    assert not window.home.guidance.isVisibleTo(window)
    assert window.home.cautions_note.isVisibleTo(window)
    assert "when you press Start" in window.home.cautions_note.text()
    click(qtbot, card(window, "Coherent breathing"))
    assert chip(window, "5 min").isVisibleTo(window)
    assert not window.home.guidance.isVisibleTo(window)  # nothing to take care of
    assert not window.home.cautions_note.isVisibleTo(window)
    click(qtbot, card(window, "Box breathing"))
    assert window.home.guidance.isVisibleTo(window)  # advice with no need to confirm: on the page
    assert "hold your breath" in window.home.guidance.text()


def test_the_last_choice_is_remembered_for_next_time(qtbot, make_window, fake_clock):
    first = make_window(fake_clock)
    click(qtbot, card(first, "Longer out-breath"))
    click(qtbot, chip(first, "10 min"))
    click(qtbot, first.home.start_button)
    first.close()
    second = make_window(fake_clock)
    assert second.home.selected_routine().id == "extended_exhale"
    assert second.home.selected_length().value == 10


def test_no_sound_is_said_once_calmly_on_screen(qtbot, window):
    window.sound.use_player(SilentPlayer(), "Sound is off: no audio device could be opened.")
    assert window.audio_bar.notice.isVisibleTo(window)
    assert window.audio_bar.notice.text() == "Sound is off: no audio device could be opened."


def test_volume_and_mute_reach_the_player_and_are_remembered(qtbot, make_window, fake_clock):
    window = make_window(fake_clock)
    window.audio_bar.slider.setValue(35)
    click(qtbot, window.audio_bar.mute)
    assert window.runner.player.volume == 0.35
    assert window.runner.player.muted
    assert window.audio_bar.mute.text() == "Unmute"
    window.close()
    again = make_window(fake_clock)
    assert again.audio_bar.slider.value() == 35
    assert again.runner.player.muted


def test_problems_at_start_are_shown_in_plain_words(qtbot, make_window, fake_clock):
    window = make_window(fake_clock, ["The history file /x/history.sqlite3 is damaged and cannot be read."])
    assert window.problem.isVisibleTo(window)
    assert "history.sqlite3 is damaged" in window.problem.text()
    window.show_problem("a second problem, said twice")
    window.show_problem("a second problem, said twice")
    assert window.problem.text().split("\n")[1:] == ["A second problem, said twice"]
    click(qtbot, next(b for b in window.problem.findChildren(QPushButton) if b.text() == "Dismiss"))
    assert not window.problem.isVisibleTo(window)


def test_closing_just_as_the_last_breath_ends_keeps_it_as_completed(qtbot, window, fake_clock, store):
    click(qtbot, window.home.start_button)  # box, 3 minutes: 176 s
    fake_clock.advance(176.0)  # the end has come, and no timer has run since
    window.close()
    [saved] = store.newest(1)
    assert saved.completed
    assert saved.actual_seconds == 176.0
    assert window.runner.player.cues[-1] == "bell_end"


def test_a_false_start_ends_without_the_end_bell(qtbot, window, fake_clock, store):
    click(qtbot, window.home.start_button)
    advance(qtbot, fake_clock, window, 2)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.runner.player.cues == ["bell_start"]


def test_the_whole_journey_works_from_the_keyboard(qtbot, window, fake_clock):
    sigh = card(window, "Cyclic sigh")
    sigh.setFocus()
    qtbot.keyClick(sigh, Qt.Key.Key_Space)
    assert window.home.selected_routine().id == "cyclic_sigh"
    one_minute = chip(window, "1 min")
    qtbot.keyClick(one_minute, Qt.Key.Key_Space)
    assert window.home.selected_length().value == 1
    qtbot.keyClick(window.home.start_button, Qt.Key.Key_Space)
    assert window.pages.currentWidget() is window.session
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert window.session.pause_button.text() == "Resume"
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # under 10 s: stops at once
    assert window.pages.currentWidget() is window.home
    history_tab = window.nav.history
    qtbot.keyClick(history_tab, Qt.Key.Key_Space)
    assert window.pages.currentWidget() is window.history


def test_every_control_can_be_reached_with_tab(qtbot, window):
    reached = set()
    window.activateWindow()
    window.nav.relax.setFocus()
    for _ in range(40):
        reached.add(QApplication.focusWidget())
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    for widget in (
        window.nav.relax,
        window.nav.history,
        window.nav.tips,
        window.nav.signs,
        window.home.start_button,
    ):
        assert widget in reached, widget.text()
    # The cards are one radio group: Tab reaches the chosen one, the arrow keys the others.
    cards = {widget for widget in reached if isinstance(widget, RoutineCard)}
    assert cards == {card(window, window.home.selected_routine().title)}


def test_switching_to_four_seven_eight_lands_on_its_default(qtbot, window):
    click(qtbot, chip(window, "Breaths"))
    window.home.breaths.setValue(30)
    click(qtbot, chip(window, "5 min"))
    click(qtbot, card(window, "4-7-8 breathing"))
    assert window.home.selected_length() == Cycles(4)


def test_a_damaged_settings_file_falls_back_to_defaults(qtbot, make_window, fake_clock, tmp_path):
    (tmp_path / "settings.ini").write_text("[audio]\nvolume=loud\nmuted=perhaps\n[session]\nlength=lots\n")
    window = make_window(fake_clock)
    assert window.audio_bar.slider.value() == 80
    assert not window.audio_bar.mute.isChecked()
    assert window.home.selected_routine().id == "box"  # the first routine, as on a first launch
    assert window.home.selected_length() == Minutes(3)  # box's own default: "lots" is not a length


def test_a_stopped_session_sounds_its_end_before_its_record_is_saved(qtbot, window, fake_clock):
    """The bell and the quiet come at once; the write (which may wait on a busy disk) comes after."""
    heard_at_save: list[list[str]] = []
    window.use_cases.events.history_changed.subscribe(
        lambda _change: heard_at_save.append(list(window.runner.player.cues))
    )
    window.home.select("box")
    click(qtbot, window.home.start_button)
    advance(qtbot, fake_clock, window, 30)
    window.runner.stop()
    assert heard_at_save == [window.runner.player.cues]
    assert heard_at_save[0][-1] == "bell_end"


def test_the_journal_strip_catches_up_when_home_is_shown_again(qtbot, window):
    window.go_history()
    window.use_cases.journal.log_episode(
        Episode(STARTED, Side.RIGHT, (Place.CHEEK,), 7, EpisodeDuration.MINUTES)
    )
    window.go_home()
    assert window.home.journal.last.text() == "Last logged: right cheek, 7/10, just now"
