"""The settings dialog, its round trip through the settings file, and what the window does with it."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox, QPushButton, QSystemTrayIcon

from relaxapp.core.contrast import AA_LARGE_TEXT, AA_TEXT, contrast_ratio
from relaxapp.core.preferences import Preferences, ThemeChoice
from relaxapp.core.reminders import ReminderPlan
from relaxapp.core.routine import Minutes
from relaxapp.core.sound import SoundChannel
from relaxapp.ui.main_window import MainWindow
from relaxapp.ui.settings_dialog import SettingsDialog
from relaxapp.ui.theme import DARK, LIGHT, Colours


def test_settings_chosen_in_the_dialog_are_used_and_remembered(qtbot, make_window, fake_clock, monkeypatch):
    # A desktop with a tray (the offscreen platform has none), so reminders can be switched on here.
    monkeypatch.setattr(QSystemTrayIcon, "isSystemTrayAvailable", staticmethod(lambda: True))
    window: MainWindow = make_window(fake_clock)
    window.open_settings()
    dialog = window.settings_dialog
    assert dialog is not None
    dialog.theme.setCurrentIndex(2)  # Dark
    dialog.larger_text.setChecked(True)
    dialog.reduced_motion.setChecked(True)
    dialog.routine.setCurrentText("Coherent breathing")
    dialog.length.setCurrentText("10 minutes")
    dialog.volume.setValue(40)
    dialog.reminders_on.setChecked(True)
    dialog.every.setValue(90)
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    expected = Preferences(
        theme=ThemeChoice.DARK,
        larger_text=True,
        reduced_motion=True,
        default_routine="coherent",
        default_length=Minutes(10),
        cue_volume=0.4,
        reminders=ReminderPlan(enabled=True, every_minutes=90, from_hour=9, until_hour=18),
    )
    assert window.preferences == expected
    assert window.home.selected_routine().id == "coherent"  # the new default shows at once
    assert DARK.background in QApplication.instance().styleSheet()
    assert "font-size: 19px" in QApplication.instance().styleSheet()  # 15 px body, 25 % larger
    assert window.runner.player.volume == 0.4
    assert window.audio_bar.slider.value() == 40
    window.sessions.start_routine(window.home.selected_routine(), window.home.selected_length())
    assert window.session.breathing.reduced_motion
    window.close()

    again: MainWindow = make_window(fake_clock)
    assert again.preferences == expected
    assert again.home.selected_routine().id == "coherent"
    assert again.home.selected_length() == Minutes(10)


def test_impossible_reminder_hours_cannot_be_saved(qtbot, window: MainWindow):
    window.open_settings()
    dialog = window.settings_dialog
    dialog.reminders_on.setChecked(True)
    dialog.from_hour.setValue(20)
    dialog.until_hour.setValue(8)
    assert not dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).isEnabled()
    assert "start before they end" in dialog.problem.text()


# Text and the surface it sits on, in both themes: WCAG 2.2 AA (4.5:1; 3:1 for large text and outlines).
TEXT_PAIRS = [
    ("ink", "background"), ("ink", "surface"), ("ink_soft", "background"), ("ink_soft", "surface"),
    ("on_accent", "accent"), ("accent", "background"), ("accent", "surface"), ("ink", "nav_bg"),
    ("ink", "chosen_bg"), ("note_ink", "note_bg"), ("problem_ink", "problem_bg"),
    ("emergency_line_ink", "problem_bg"), ("on_emergency", "emergency_bg"), ("disabled_ink", "disabled_bg"),
    ("ink", "highlight"), ("ink", "selection"), ("ink", "alt_row"),
    ("ink_soft", "chosen_bg"),  # a chosen card's summary, an answer's detail at first start
]  # fmt: skip
LARGE_PAIRS = [
    ("ink_soft", "surface"),  # check box outlines
    ("accent", "surface"),  # a ticked box
    ("ink", "inhale"),
    ("ink", "hold"),
    ("ink", "exhale"),
    ("focus", "surface"),
    ("focus", "background"),
    ("focus", "chosen_bg"),  # the focus ring on a chosen card
]


@pytest.mark.parametrize("colours", [LIGHT, DARK], ids=["light", "dark"])
def test_both_themes_meet_wcag_aa(colours: Colours):
    low = {
        f"{fg} on {bg}": round(contrast_ratio(getattr(colours, fg), getattr(colours, bg)), 2)
        for fg, bg in TEXT_PAIRS
        if contrast_ratio(getattr(colours, fg), getattr(colours, bg)) < AA_TEXT
    }
    low |= {
        f"{fg} on {bg}": round(contrast_ratio(getattr(colours, fg), getattr(colours, bg)), 2)
        for fg, bg in LARGE_PAIRS
        if contrast_ratio(getattr(colours, fg), getattr(colours, bg)) < AA_LARGE_TEXT
    }
    assert low == {}


def test_ctrl_comma_opens_the_settings(qtbot, window: MainWindow):
    qtbot.keyClick(window, Qt.Key.Key_Comma, Qt.KeyboardModifier.ControlModifier)
    assert window.settings_dialog is not None
    assert window.settings_dialog.windowTitle() == "Settings"
    assert window.settings_dialog.isVisible()


def test_the_lengths_offered_say_one_minute_not_one_minutes(qtbot, window: MainWindow):
    window.open_settings()
    assert window.settings_dialog is not None
    lengths = window.settings_dialog.length
    assert [lengths.itemText(i) for i in range(lengths.count())][:3] == [
        "The one I used last",
        "1 minute",
        "3 minutes",
    ]


def test_a_default_routine_that_no_longer_exists_falls_back_to_the_last_used(
    qtbot, make_window, fake_clock, tmp_path
):
    (tmp_path / "settings.ini").write_text(
        "[session]\ndefault_routine=bogus\ndefault_length=7 minutes\nroutine=coherent\nlength=5 minutes\n"
        "[look]\ntheme=Dark\n"
    )
    window: MainWindow = make_window(fake_clock)
    assert window.home.selected_routine().id == "coherent"
    assert window.home.selected_length() == Minutes(5)
    assert window.preferences.theme is ThemeChoice.DARK


def test_no_face_break_starts_under_the_open_settings(qtbot, window: MainWindow):
    window.open_settings()
    window.start_face_break()
    assert window.runner.engine is None


def test_a_face_break_after_the_settings_were_closed_starts(qtbot, window: MainWindow):
    window.open_settings()
    window.settings_dialog.reject()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete.value)  # the dialog is really gone
    window.start_face_break()
    engine = window.runner.engine
    assert engine is not None
    assert (engine.timeline.routine.id, engine.timeline.total_seconds) == ("extended_exhale", 60.0)


def test_each_sound_has_its_own_volume_mute_and_test_button(qtbot, make_window, fake_clock):
    window: MainWindow = make_window(fake_clock)
    player = window.runner.player
    window.open_settings()
    dialog = window.settings_dialog
    dialog.volumes[SoundChannel.VOICE].setValue(30)
    dialog.volumes[SoundChannel.AMBIENCE].setValue(20)
    dialog.channel_mutes[SoundChannel.AMBIENCE].setChecked(True)
    dialog.eyes_closed.setChecked(True)
    test_buttons = [b for b in dialog.findChildren(QPushButton) if b.text() == "Test"]
    assert len(test_buttons) == 3
    test_buttons[0].click()  # cues
    assert player.cues[-1] == "inhale"
    dialog.buttons.button(QDialogButtonBox.StandardButton.Ok).click()

    assert player.volumes[SoundChannel.VOICE] == 0.3
    assert player.volumes[SoundChannel.AMBIENCE] == 0.2
    assert player.muted_channels[SoundChannel.AMBIENCE] and not player.muted_channels[SoundChannel.VOICE]
    assert window.home.eyes_closed.isChecked()
    window.close()
    again: MainWindow = make_window(fake_clock)
    assert again.preferences.voice_volume == 0.3 and again.preferences.ambience_muted
    assert again.home.eyes_closed.isChecked()


def test_mute_all_silences_every_channel(qtbot, window: MainWindow):
    window.audio_bar.mute.click()
    assert all(window.runner.player.muted_channels[channel] for channel in SoundChannel)


def test_ok_without_a_tray_keeps_the_reminders_as_they_were(qtbot, shipped):
    wanted = Preferences(reminders=ReminderPlan(enabled=True, every_minutes=90))
    dialog = SettingsDialog(wanted, shipped.routines, reminders_possible=False)
    qtbot.addWidget(dialog)
    assert not dialog.reminders_on.isEnabled() and not dialog.reminders_on.isChecked()
    assert dialog.chosen().reminders == ReminderPlan(enabled=True, every_minutes=90)
