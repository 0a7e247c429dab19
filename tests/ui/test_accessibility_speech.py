"""What a screen reader hears and reads: a session's announcements, names that carry what is shown, the
summary said as it appears, and titles exposed as headings. Read through Qt's accessibility interfaces."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from relaxapp.core.clock import FakeClock
from relaxapp.core.routine import RoutineKind, StepKind
from relaxapp.core.sound import prompt_key
from relaxapp.core.wording import FALSE_START, countdown_words, step_countdown_text
from relaxapp.ui.main_window import MainWindow
from tests.helpers.widgets import button, click
from tests.ui.conftest import Announcement
from tests.ui.test_routine_kinds import advance, choose, run_to_the_end, start

BOX_PHASES = ["Breathe in", "Hold, lungs full", "Breathe out", "Rest, lungs empty"]
BOX_FINISHED = (
    "Well done. You finished Box breathing: 32 s just for you. Take a moment before you get up. "
    "Saved in your history."
)


def name_of(widget: QWidget) -> str:
    """The name a screen reader gets from Qt for `widget`."""
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.text(QAccessible.Text.Name)


def role_of(widget: QWidget) -> QAccessible.Role:
    interface = QAccessible.queryAccessibleInterface(widget)
    assert interface is not None
    return interface.role()


def said(announcements: list[Announcement]) -> list[str]:
    assert not any(heard.urgent for heard in announcements)  # a session's news never interrupts
    return [heard.text for heard in announcements]


def start_box(qtbot, window: MainWindow, *, eyes_closed: bool = False) -> None:
    """Two breaths of box breathing (32 s), from the home page."""
    choose(qtbot, window, RoutineKind.BREATHING, "box")
    click(qtbot, button(window.home, "Breaths"))
    window.home.breaths.setValue(2)
    window.home.eyes_closed.setChecked(eyes_closed)
    start(qtbot, window)


def breathe(qtbot, clock: FakeClock, window: MainWindow, seconds: float) -> None:
    """Let the session run on by `seconds`, a quarter second at a time, each seen by a frame.

    For breathing without holds: while a breath is held the runner sleeps up to a second of real time
    between frames, and a quarter-second walk through a hold would take that long for each step."""
    for _ in range(round(seconds * 4)):
        advance(qtbot, clock, window, 0.25)


# -- a session is heard -----------------------------------------------------------------------------------


def test_a_breathing_session_says_its_start_each_phase_once_a_pause_and_its_end(
    qtbot, window: MainWindow, fake_clock: FakeClock, announcements: list[Announcement]
):
    choose(qtbot, window, RoutineKind.BREATHING, "coherent")  # in 5.5 s, out 5.5 s
    click(qtbot, button(window.home, "Breaths"))
    window.home.breaths.setValue(2)
    start(qtbot, window)
    # The focus leaves the hidden Start button for the session's own controls.
    assert QApplication.focusWidget() is window.session.pause_button
    assert said(announcements) == [
        "Coherent breathing started, 22 s. Space pauses, Escape stops.",
        "Breathe in",
    ]

    breathe(qtbot, fake_clock, window, 7)  # 28 frames: the new phase once, nothing for the seconds
    assert said(announcements)[2:] == ["Breathe out"]

    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)  # from the focused Pause button
    assert window.session.pause_button.text() == "Resume"
    fake_clock.advance(120)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert window.session.pause_button.text() == "Pause"
    assert said(announcements)[3:] == ["Paused.", "Resumed. Breathe out"]

    breathe(qtbot, fake_clock, window, 15)  # to the end
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary)
    assert said(announcements)[5:] == [
        "Breathe in",
        "Breathe out",
        "Well done. You finished Coherent breathing: 22 s just for you. Take a moment before you get up. "
        "Saved in your history.",
    ]


def test_a_session_stopped_after_the_question_says_so_on_its_summary_and_nothing_between(
    qtbot, window: MainWindow, fake_clock: FakeClock, announcements: list[Announcement]
):
    start_box(qtbot, window)
    advance(qtbot, fake_clock, window, 12)  # one frame after 12 s: only the phase it finds is said
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.sessions.stop_confirmation is not None  # the question is what is read now
    click(qtbot, window.sessions.stop_button)
    assert window.pages.currentWidget() is window.summary
    assert said(announcements) == [
        "Box breathing started, 32 s. Space pauses, Escape stops.",
        "Breathe in",
        "Rest, lungs empty",
        "Session ended. You spent 12 s with Box breathing, of the planned 32 s. Every calm minute counts. "
        "Saved in your history.",
    ]


def test_a_false_start_says_it_was_not_kept(
    qtbot, window: MainWindow, fake_clock: FakeClock, announcements: list[Announcement]
):
    start_box(qtbot, window)
    advance(qtbot, fake_clock, window, 2)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert window.pages.currentWidget() is window.home
    assert said(announcements)[-1] == FALSE_START
    # The same words on screen, where the person lands, until they move on.
    assert window.home.note.isVisible()
    assert window.home.note.text() == FALSE_START
    assert FALSE_START == "Stopped within the first 10 seconds, so it was not saved in your history."
    window.go_history()
    window.go_home()
    assert window.home.note.isHidden()
    window.sessions.start_routine(window.home.selected_routine(), window.home.selected_length())
    window.runner.stop()
    assert window.home.note.isVisible()
    window.sessions.start_routine(window.home.selected_routine(), window.home.selected_length())
    assert window.home.note.isHidden()  # a new session, started from anywhere, leaves it behind


def test_with_eyes_closed_the_voice_says_the_steps_and_the_screen_reader_does_not_repeat_them(
    qtbot, window: MainWindow, fake_clock: FakeClock, announcements: list[Announcement], prompts
):
    window.runner.player.voice_keys = frozenset(prompt_key(text) for text in [*BOX_PHASES, *prompts.values()])
    start_box(qtbot, window, eyes_closed=True)
    assert said(announcements) == ["Box breathing started, 46 s. Space pauses, Escape stops."]
    for seconds in (14.5, 4, 4):  # the spoken welcome, then into each phase of the first breath
        advance(qtbot, fake_clock, window, seconds)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert said(announcements) == ["Box breathing started, 46 s. Space pauses, Escape stops."]
    voices = window.runner.player.voices
    heard = [prompt_key(prompts["eyes_closed_start"]), *map(prompt_key, BOX_PHASES[:3])]
    assert voices[:4] == heard  # the voice said every step the screen reader left out
    assert voices[4:] == [prompt_key(prompts["paused"]), prompt_key("Breathe out")]


def test_with_eyes_closed_words_the_voice_has_no_recording_of_are_announced(
    qtbot, window: MainWindow, fake_clock: FakeClock, announcements: list[Announcement], prompts
):
    # No recording at all (no sound device, or a pattern of one's own): the screen reader is all there is.
    start_box(qtbot, window, eyes_closed=True)
    advance(qtbot, fake_clock, window, 14.25)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert said(announcements) == [
        "Box breathing started, 46 s. Space pauses, Escape stops.",
        prompts["eyes_closed_start"],
        "Breathe in",
        "Paused.",
    ]


@pytest.mark.parametrize(
    ("sound", "steps_announced"),
    [({}, False), ({"voice_muted": True}, True), ({"voice_volume": 0.0}, True), ({"muted": True}, True)],
)
def test_voice_guidance_that_is_heard_takes_the_steps_and_a_silenced_voice_leaves_them_to_the_screen_reader(
    qtbot,
    window: MainWindow,
    fake_clock: FakeClock,
    announcements: list[Announcement],
    sound,
    steps_announced,
):
    window.use_cases.preferences.use(replace(window.preferences, **sound))
    choose(qtbot, window, RoutineKind.BREATHING, "box")
    window.runner.player.voice_keys = frozenset(prompt_key(text) for text in BOX_PHASES)
    start(qtbot, window)
    advance(qtbot, fake_clock, window, 4.5)
    steps = said(announcements)[1:]
    assert steps == (BOX_PHASES[:2] if steps_announced else [])


def test_muscle_relaxation_says_each_step_once_even_when_skipped_to(
    qtbot, window: MainWindow, fake_clock: FakeClock, announcements: list[Announcement]
):
    choose(qtbot, window, RoutineKind.PMR, "pmr_4")
    start(qtbot, window)
    steps = window.runner.engine.timeline.routine.steps
    assert said(announcements)[1:] == [steps[0].text]
    advance(qtbot, fake_clock, window, steps[0].seconds + 0.5)
    advance(qtbot, fake_clock, window, 1)
    assert said(announcements)[2:] == [steps[1].text]
    qtbot.keyClick(window, Qt.Key.Key_Right)  # to the first muscle group
    assert said(announcements)[3:] == [steps[2].text]
    tense = steps[3]
    assert tense.kind is StepKind.TENSE
    advance(qtbot, fake_clock, window, steps[2].seconds)
    assert said(announcements)[4:] == [tense.text]


# -- names that carry what is shown ------------------------------------------------------------------------


def test_the_session_labels_are_named_by_what_they_show(qtbot, window: MainWindow, fake_clock: FakeClock):
    choose(qtbot, window, RoutineKind.PMR, "pmr_4")
    start(qtbot, window)
    page, steps = window.session, window.runner.engine.timeline.routine.steps
    advance(qtbot, fake_clock, window, 12.4)
    assert page.caption.text() == steps[0].text
    assert name_of(page.caption) == f"What to do now: {steps[0].text}"
    assert page.steps.countdown.text() == step_countdown_text(steps[0].seconds - 12.4) == "4"
    assert name_of(page.steps.countdown) == "Time left in this step: 4 s"
    engine = window.runner.engine
    assert page.remaining.text().endswith(" left")
    assert (
        name_of(page.remaining)
        == f"Time left in the session: {countdown_words(engine.state_at_now().remaining)}"
    )
    assert ":" not in name_of(page.remaining).removeprefix("Time left in the session:")  # words, not a clock

    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert page.remaining.text().startswith("Paused · ")
    assert name_of(page.remaining).endswith(" s, paused") and "·" not in name_of(page.remaining)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    advance(qtbot, fake_clock, window, 4)
    assert page.caption.text() == steps[1].text
    assert name_of(page.caption) == f"What to do now: {steps[1].text}"


def test_the_step_picture_is_a_graphic_described_by_the_part_at_work(qtbot, window: MainWindow):
    choose(qtbot, window, RoutineKind.PMR, "pmr_4")
    start(qtbot, window)
    figure = window.session.steps.figure
    interface = QAccessible.queryAccessibleInterface(figure)
    assert interface.role() is QAccessible.Role.Graphic
    assert interface.text(QAccessible.Text.Name) == ""  # the title beside it names the part
    assert interface.text(QAccessible.Text.Description) == "Drawing: Getting ready"
    qtbot.keyClick(window, Qt.Key.Key_Right)
    qtbot.keyClick(window, Qt.Key.Key_Right)
    title = window.session.steps.title.text()
    assert title and interface.text(QAccessible.Text.Description) == f"Drawing: {title}"


def test_the_calendar_names_and_says_the_chosen_day(
    qtbot, window: MainWindow, announcements: list[Announcement]
):
    window.go_history()
    view = window.history.calendar
    view.calendar.setFocus()
    assert view.calendar.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Left)
    assert view.chosen.text() == "Tue 24 November: nothing logged."
    assert name_of(view.chosen) == "The chosen day: Tue 24 November: nothing logged."
    assert said(announcements) == ["Tue 24 November: nothing logged."]


# -- the summary --------------------------------------------------------------------------------------------


def test_the_summary_exposes_and_says_what_was_done_and_the_change_in_ratings(
    qtbot, window: MainWindow, fake_clock: FakeClock, announcements: list[Announcement]
):
    click(qtbot, window.home.before.tension.numbers.buttons[7])
    click(qtbot, window.home.before.twitch.numbers.buttons[5])
    start_box(qtbot, window)
    run_to_the_end(qtbot, fake_clock, window)
    summary = window.summary
    assert said(announcements)[-1] == BOX_FINISHED
    assert role_of(summary.heading) is QAccessible.Role.Heading
    assert name_of(summary.heading) == "Well done"
    assert name_of(summary.details) == summary.details.text()

    click(qtbot, summary.ratings.tension.numbers.buttons[3])
    assert summary.change.text() == "Tension 7 → 3, down 4\nTwitching 5 → not rated"
    assert name_of(summary.change) == (
        "Change since before the session: Tension 7 to 3, down 4. Twitching 5 to not rated"
    )
    assert said(announcements)[-1] == "Tension 7 to 3, down 4. Twitching 5 to not rated"
    click(qtbot, summary.ratings.twitch.numbers.buttons[5])
    assert said(announcements)[-1] == "Twitching 5 to 5, no change"  # only what changed, once
    assert name_of(summary.change).endswith("Tension 7 to 3, down 4. Twitching 5 to 5, no change")


# -- headings -----------------------------------------------------------------------------------------------


def titles(page: QWidget) -> list[QLabel]:
    return [label for label in page.findChildren(QLabel) if label.objectName() == "pageTitle"]


def test_page_titles_and_the_answer_title_are_headings(qtbot, window: MainWindow):
    window.go_history()
    window.go_safety_check()
    window.safety_page.assess()
    pages = (window.home, window.history, window.safety_page)
    headings = [
        *(title for page in pages for title in titles(page)),
        window.safety_page.findChild(QLabel, "answerTitle"),
    ]
    assert [name_of(label) for label in headings] == [
        "What would help right now?",
        "History",
        "Should I see a doctor?",
        window.safety_page.findChild(QLabel, "answerTitle").text(),
    ]
    assert {role_of(label) for label in headings} == {QAccessible.Role.Heading}
    assert role_of(window.home.findChild(QLabel, "pageIntro")) is QAccessible.Role.StaticText


@pytest.fixture
def screen_reader_running() -> Iterator[None]:
    """Qt as it is while a screen reader runs: every change reported, so interfaces are made early."""
    QAccessible.setActive(True)
    yield
    QAccessible.setActive(False)


def test_titles_made_while_a_screen_reader_runs_are_headings_by_the_time_they_show(
    qtbot, screen_reader_running, make_window, fake_clock: FakeClock
):
    window = make_window(fake_clock)
    [title] = titles(window.home)
    assert role_of(title) is QAccessible.Role.Heading
    window.go_history()
    [title] = titles(window.history)
    assert role_of(title) is QAccessible.Role.Heading


def test_the_breathing_guide_describes_the_phase_without_a_countdown_to_chatter(
    qtbot, window: MainWindow, fake_clock: FakeClock
):
    choose(qtbot, window, RoutineKind.BREATHING, "coherent")
    start(qtbot, window)
    guide, steps = window.session.breathing, window.runner.engine.timeline.routine.steps
    seen = []
    for _ in range(3):  # three seconds of the first in-breath: one description, not one a second
        breathe(qtbot, fake_clock, window, 1)
        seen.append(guide.accessibleDescription())
    assert seen == [steps[0].text] * 3
    breathe(qtbot, fake_clock, window, 3)
    assert guide.accessibleDescription() == steps[1].text
