"""Every kind of routine through the real window: the right view, the words, the sounds, the history."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox, QMessageBox, QPushButton

from relaxapp.core.clock import FakeClock
from relaxapp.core.routine import RoutineKind, Stage, StepKind
from relaxapp.core.sound import SoundChannel, prompt_key
from relaxapp.core.wording import CAUTIONS_HIDDEN, KIND_NAMES
from relaxapp.ui.home_page import RoutineCard
from relaxapp.ui.main_window import MainWindow
from tests.helpers.widgets import click


def choose(qtbot, window: MainWindow, kind: RoutineKind, routine_id: str) -> RoutineCard:
    kind_chip = next(b for b in window.home.findChildren(QPushButton) if b.text() == KIND_NAMES[kind])
    click(qtbot, kind_chip)
    card = next(c for c in window.home.findChildren(RoutineCard) if c.routine.id == routine_id)
    assert card.isVisible()
    click(qtbot, card)
    return card


def start(qtbot, window: MainWindow) -> None:
    """Press Start, and confirm the cautions when the routine has some to read first."""
    click(qtbot, window.home.start_button)
    if window.sessions.cautions_box is not None:
        click(qtbot, window.sessions.cautions_start)
    assert window.pages.currentWidget() is window.session


def advance(qtbot, clock: FakeClock, window: MainWindow, seconds: float) -> None:
    """Move time on and wait for the frame that shows the new moment (it delivers the due cues first)."""
    engine = window.runner.engine
    assert engine is not None

    def shows_now(state) -> bool:
        return state.elapsed == engine.elapsed()  # the engine's elapsed time after the advance

    with qtbot.waitSignal(window.runner.frame, check_params_cb=shows_now):
        clock.advance(seconds)


def run_to_the_end(qtbot, clock: FakeClock, window: MainWindow) -> None:
    engine = window.runner.engine
    assert engine is not None
    clock.advance(engine.timeline.total_seconds + 1)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary)


def words_heard(window: MainWindow) -> list[str]:
    return window.runner.player.voices


def test_pmr_shows_the_body_figure_and_group_and_lands_in_history(qtbot, window, fake_clock, store):
    choose(qtbot, window, RoutineKind.PMR, "pmr_4")
    assert not window.home.length_title.isVisible()  # a routine that runs once has no length to pick
    assert "min" in window.home.plan.text()
    start(qtbot, window)

    page = window.session
    routine = window.runner.engine.timeline.routine
    assert page.views.currentWidget() is page.steps
    first = routine.steps[0]
    assert page.caption.text() == first.text
    assert page.steps.figure.image_id == first.image
    assert page.progress.text() == f"Part 1 of {window.runner.engine.timeline.section_count}"
    assert words_heard(window) == [prompt_key(first.text)]

    tense_at = next(i for i, step in enumerate(routine.steps) if step.kind is StepKind.TENSE)
    advance(qtbot, fake_clock, window, sum(step.seconds for step in routine.steps[:tense_at]) + 0.5)
    tense = routine.steps[tense_at]
    assert page.steps.badge.text() == "Tense"
    assert page.steps.title.text() == tense.title
    assert page.caption.text() == tense.text
    assert window.runner.player.cues[-1] == "tense"
    assert words_heard(window)[-1] == prompt_key(tense.text)

    run_to_the_end(qtbot, fake_clock, window)
    assert "release" in window.runner.player.cues
    assert window.runner.player.cues[-1] == "bell_end"
    [saved] = store.newest(1)
    assert saved.routine_kind is RoutineKind.PMR and saved.routine_id == "pmr_4" and saved.completed


def test_massage_steps_skip_forward_and_back(qtbot, window, fake_clock, store):
    choose(qtbot, window, RoutineKind.MASSAGE, "massage_eyes_brow")
    window.home.with_compress.setChecked(False)
    start(qtbot, window)
    page = window.session
    steps = window.runner.engine.timeline.routine.steps
    assert all(not step.optional for step in steps)  # the compress was left out
    assert page.next_button.isVisible() and page.back_button.isVisible()

    click(qtbot, page.next_button)
    assert page.caption.text() == steps[1].text
    assert page.steps.figure.image_id == steps[1].image
    assert window.runner.player.cues[-1] == steps[1].cue_id
    assert window.runner.player.voice_stops >= 1  # the first step's words were cut off

    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert page.caption.text() == steps[2].text
    advance(qtbot, fake_clock, window, 1)
    qtbot.keyClick(window, Qt.Key.Key_Left)  # only just begun: back to the step before
    assert page.caption.text() == steps[1].text
    advance(qtbot, fake_clock, window, 5)
    click(qtbot, page.back_button)  # well into it: back to its own start
    assert page.caption.text() == steps[1].text
    assert page.steps.countdown.text() == str(round(steps[1].seconds))

    run_to_the_end(qtbot, fake_clock, window)
    [saved] = store.newest(1)
    assert saved.routine_kind is RoutineKind.MASSAGE and saved.completed


def test_the_history_keeps_the_time_practised_not_the_steps_skipped(qtbot, window, fake_clock, store):
    choose(qtbot, window, RoutineKind.MASSAGE, "massage_jaw_cheeks")
    window.home.with_compress.setChecked(False)
    start(qtbot, window)
    first = window.runner.engine.timeline.segments[0]
    qtbot.keyClick(window, Qt.Key.Key_Right)
    run_to_the_end(qtbot, fake_clock, window)
    [saved] = store.newest(1)
    assert saved.completed
    assert saved.actual_seconds == saved.planned_seconds - first.seconds


def test_the_warm_compress_is_an_optional_first_step(qtbot, window):
    choose(qtbot, window, RoutineKind.MASSAGE, "massage_full_face")
    box = window.home.with_compress
    assert box.isVisible() and "min" in box.text()
    with_compress = window.home.plan.text()
    box.setChecked(False)
    assert window.home.plan.text() != with_compress
    box.setChecked(True)
    start(qtbot, window)
    steps = [segment.step for segment in window.runner.engine.timeline.segments]
    at = next(i for i, step in enumerate(steps) if step.kind is StepKind.COMPRESS)
    for _ in range(at):
        click(qtbot, window.session.next_button)
    assert window.session.steps.badge.text() == "Warmth"
    assert window.session.steps.figure.image_id == "massage/compress"


def test_imagery_fills_the_window_with_its_scene_and_always_comes_back(qtbot, window, fake_clock, store):
    choose(qtbot, window, RoutineKind.IMAGERY, "imagery_beach_dusk")
    assert window.home.with_ambience.isVisible()
    start(qtbot, window)
    page = window.session
    routine = window.runner.engine.timeline.routine
    assert page.views.currentWidget() is page.imagery
    assert page.imagery.passage.text() == routine.steps[0].text
    assert not page.caption.isVisible()  # the passage is on the scene itself
    assert window.runner.player.ambience == [("start", "waves", 4.0)]

    advance(qtbot, fake_clock, window, 40)
    click(qtbot, page.stop_button)
    box = window.sessions.stop_confirmation
    assert isinstance(box, QMessageBox)
    assert box.text() == "Stop this session now?"
    click(qtbot, window.sessions.stop_button)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary)
    assert words_heard(window)[-1] == prompt_key(routine.closing)
    assert window.runner.player.ambience[-1][0] == "stop"
    [saved] = store.newest(1)
    assert saved.routine_kind is RoutineKind.IMAGERY and not saved.completed


def test_the_bedtime_imagery_ends_in_quiet_and_stops_softly(qtbot, window, fake_clock, prompts):
    choose(qtbot, window, RoutineKind.IMAGERY, "imagery_warm_light_sleep")
    window.home.eyes_closed.setChecked(True)
    start(qtbot, window)
    plan = window.runner.engine.timeline
    routine = plan.routine
    drifting = next(segment for segment in plan.segments if segment.step.stage is Stage.SLEEP)
    advance(qtbot, fake_clock, window, drifting.start + 0.5)
    assert window.session.imagery.stage.text() == "Drifting off"
    run_to_the_end(qtbot, fake_clock, window)
    player = window.runner.player
    assert "bell_end" not in player.cues  # no bell to wake the person who fell asleep
    assert words_heard(window)[-1] == prompt_key(routine.steps[-1].text)  # and no "end of the session"
    assert prompt_key(prompts["finished"]) not in words_heard(window)
    assert window.summary.heading.text() == "Sleep well"  # nothing asks the person to get up

    window.go_home()
    choose(qtbot, window, RoutineKind.IMAGERY, "imagery_warm_light_sleep")
    start(qtbot, window)
    advance(qtbot, fake_clock, window, 60)
    window.runner.stop()
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary)
    assert words_heard(window)[-1] == prompt_key(routine.closing)  # a soft closing, not a count back up
    assert "bell_end" not in player.cues
    assert window.summary.heading.text() == "Session ended"


def test_background_sound_can_be_left_out(qtbot, window):
    choose(qtbot, window, RoutineKind.IMAGERY, "imagery_forest_rain")
    window.home.with_ambience.setChecked(False)
    start(qtbot, window)
    assert window.runner.player.ambience == []


def test_eyes_closed_speaks_a_welcome_and_every_step_even_with_the_voice_muted(
    qtbot, window, fake_clock, prompts
):
    player = window.runner.player
    window.runner.set_voice_muted(True)
    choose(qtbot, window, RoutineKind.BREATHING, "box")
    window.home.eyes_closed.setChecked(True)
    start(qtbot, window)
    page = window.session
    assert page.eyes_closed_note.isVisible()
    assert page.progress.text() == "Getting ready"
    assert player.muted_channels[SoundChannel.VOICE] is False
    assert words_heard(window) == [prompt_key(prompts["eyes_closed_start"])]
    assert page.caption.text() == prompts["eyes_closed_start"]

    lead_in = window.runner.engine.timeline.segments[1].start
    advance(qtbot, fake_clock, window, lead_in + 0.1)
    assert page.step.text() == "Breathe in"
    assert words_heard(window)[-1] == prompt_key("Breathe in")
    assert player.cues[-1] == "inhale"  # the first breath has its own cue after the welcome

    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert player.paused
    assert words_heard(window)[-1] == prompt_key(prompts["paused"])
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert not player.paused
    run_to_the_end(qtbot, fake_clock, window)
    assert words_heard(window)[-1] == prompt_key(prompts["finished"])


def test_breathing_cannot_skip_a_breath(qtbot, window):
    choose(qtbot, window, RoutineKind.BREATHING, "box")
    start(qtbot, window)
    assert not window.session.next_button.isVisible()
    qtbot.keyClick(window, Qt.Key.Key_Right)
    assert window.session.step.text() == "Breathe in"


def test_cautions_are_confirmed_before_every_start_of_a_routine_that_has_them(qtbot, window):
    choose(qtbot, window, RoutineKind.PMR, "pmr_4")
    click(qtbot, window.home.start_button)
    box = window.sessions.cautions_box
    assert box is not None and "never to pain" in box.informativeText().replace("\n", " ")
    assert window.pages.currentWidget() is window.home
    not_now = next(b for b in box.buttons() if b.text() == "Not now")
    click(qtbot, not_now)
    assert window.runner.engine is None and window.pages.currentWidget() is window.home
    start(qtbot, window)  # asked again, and confirmed
    assert window.runner.engine.timeline.routine.id == "pmr_4"


def test_a_tip_or_the_command_line_starting_a_routine_also_shows_its_cautions(qtbot, window):
    window.sessions.try_routine("massage_full_face")
    assert window.sessions.cautions_box is not None
    assert window.sessions.cautions_box.text() == "Before you start Full face, please read this:"
    assert window.runner.engine is None  # nothing starts until the cautions are confirmed
    click(qtbot, window.sessions.cautions_start)
    assert window.runner.engine.timeline.routine.id == "massage_full_face"


def test_cautions_are_shown_in_full_once_then_left_out_as_chosen_until_settings_bring_them_back(
    qtbot, window
):
    choose(qtbot, window, RoutineKind.MASSAGE, "massage_full_face")
    routine = window.home.selected_routine()
    # On the page, a word on when the cautions come; in full only once, in the box at the start.
    assert not window.home.guidance.isVisible()
    assert "shown in full when you press Start" in window.home.cautions_note.text()
    assert not window.home.show_cautions.isVisible()

    click(qtbot, window.home.start_button)
    box, hide = window.sessions.cautions_box, window.sessions.cautions_hide
    assert box is not None and hide is not None
    assert box.informativeText() == routine.guidance
    assert hide.text() == "Don't show these again for this routine" and not hide.isChecked()
    click(qtbot, hide)
    assert hide.isChecked()
    click(qtbot, window.sessions.cautions_start)
    assert window.runner.engine.timeline.routine.id == "massage_full_face"
    window.runner.stop()  # a false start: home again
    assert window.pages.currentWidget() is window.home
    assert window.home.cautions_note.text() == CAUTIONS_HIDDEN
    assert window.home.show_cautions.isVisible()

    click(qtbot, window.home.start_button)  # straight in, from home
    assert window.sessions.cautions_box is None
    assert window.pages.currentWidget() is window.session
    window.runner.stop()
    window.sessions.try_routine("massage_full_face")  # and from a tip
    assert window.sessions.cautions_box is None and window.runner.is_active
    window.runner.stop()
    window.sessions.try_routine("massage_eyes_brow")  # another routine still shows its own
    assert window.sessions.cautions_box is not None
    window.sessions.cautions_box.done(0)  # "Not now"

    window.open_settings()
    dialog = window.settings_dialog
    assert "Full face" in dialog.cautions.text()
    click(qtbot, dialog.show_cautions)
    assert not dialog.show_cautions.isEnabled()
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()
    window.home.select("massage_full_face")
    assert "shown in full when you press Start" in window.home.cautions_note.text()
    click(qtbot, window.home.start_button)
    assert window.sessions.cautions_box is not None  # back, in full
    assert window.sessions.cautions_box.informativeText() == routine.guidance


def test_not_now_with_the_box_ticked_hides_nothing(qtbot, window):
    choose(qtbot, window, RoutineKind.PMR, "pmr_face_neck")
    click(qtbot, window.home.start_button)
    click(qtbot, window.sessions.cautions_hide)
    not_now = next(b for b in window.sessions.cautions_box.buttons() if b.text() == "Not now")
    click(qtbot, not_now)
    assert window.runner.engine is None
    click(qtbot, window.home.start_button)
    assert window.sessions.cautions_box is not None  # only a start counts as having read them
    assert not window.sessions.cautions_hide.isChecked()


def test_stopping_asks_by_the_time_practised_not_the_steps_skipped(qtbot, window, fake_clock, store):
    choose(qtbot, window, RoutineKind.MASSAGE, "massage_full_face")
    window.home.with_compress.setChecked(False)
    start(qtbot, window)
    for _ in range(3):
        click(qtbot, window.session.next_button)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    assert (
        window.sessions.stop_confirmation is None
    )  # a second's practice is a false start, whatever was skipped
    assert window.pages.currentWidget() is window.home
    assert store.count() == 0


def test_eyes_closed_keeps_the_voice_through_sound_changes_and_repeats_the_step_on_resume(
    qtbot, window, fake_clock
):
    player = window.runner.player
    window.use_cases.preferences.use(replace(window.preferences, voice_muted=True))
    choose(qtbot, window, RoutineKind.MASSAGE, "massage_eyes_brow")
    window.home.eyes_closed.setChecked(True)
    start(qtbot, window)
    window.audio_bar.slider.setValue(30)  # a change of cue volume mid-session
    assert player.muted_channels[SoundChannel.VOICE] is False
    first = window.runner.engine.timeline.segments[0].step  # the welcome
    qtbot.keyClick(window, Qt.Key.Key_Space)
    qtbot.keyClick(window, Qt.Key.Key_Space)
    assert words_heard(window)[-1] == prompt_key(first.text)
    assert window.session.progress.text() == "Getting ready"
    advance(qtbot, fake_clock, window, window.runner.engine.timeline.segments[1].start)
    assert window.session.progress.text() == f"Step 1 of {window.runner.engine.timeline.section_count}"


def test_a_second_start_while_a_session_runs_changes_nothing(qtbot, window):
    choose(qtbot, window, RoutineKind.BREATHING, "box")
    start(qtbot, window)
    engine = window.runner.engine
    window.sessions.try_routine("coherent")
    assert window.runner.engine is engine
    assert window.session.routine_title.text() == "Box breathing"


def test_next_is_greyed_out_in_the_last_part(qtbot, window):
    choose(qtbot, window, RoutineKind.MASSAGE, "massage_eyes_brow")
    window.home.with_compress.setChecked(False)
    start(qtbot, window)
    page = window.session
    for _ in range(window.runner.engine.timeline.section_count - 1):
        assert page.next_button.isEnabled()
        click(qtbot, page.next_button)
    assert not page.next_button.isEnabled()
    click(qtbot, page.back_button)
    click(qtbot, page.back_button)
    assert page.next_button.isEnabled()
