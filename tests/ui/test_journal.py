"""The spasm journal: a twitch logged in a few clicks, the daily check-in, and the strip's undo."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QWidget

from relaxapp.core.journal import CheckIn, Episode, EpisodeDuration, Place, Side
from relaxapp.logic.use_cases import UseCases
from relaxapp.storage.history import HistoryStore
from relaxapp.ui.journal_strip import SAVED_SHOWN_MS, JournalStrip
from relaxapp.ui.journal_view import (
    CheckInDialog,
    EpisodeDialog,
)
from tests.helpers.stubs import DictSettings
from tests.helpers.widgets import shown
from tests.ui.test_accessibility import unnamed_controls

NOW = datetime(2026, 11, 25, 14, 30, 12, tzinfo=UTC)
TODAY = date(2026, 11, 25)
YESTERDAY = CheckIn(
    TODAY - timedelta(days=1),
    sleep_hours=6.5,
    caffeine_drinks=3,
    stress=7,
    water_glasses=5,
    note="long day",
    alcohol_drinks=2,
    screen_hours=9.5,
    dry_eyes=True,
)
LOGGED = Episode(
    NOW - timedelta(hours=3), Side.RIGHT, (Place.CHEEK,), 4, EpisodeDuration.MINUTES, "typing", id=5
)


class Clicks:
    """A person's clicks, counted: the journal's promise is a few of them, not a form to fill in."""

    def __init__(self, qtbot) -> None:
        self._qtbot = qtbot
        self.count = 0

    def __call__(self, widget: QWidget) -> None:
        self.count += 1
        self._qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


# -- logging a twitch ------------------------------------------------------------------------------------


def test_a_repeat_twitch_takes_three_clicks_with_save(qtbot):
    dialog = shown(qtbot, EpisodeDialog(now=lambda: NOW, last_side=Side.LEFT, last_places=(Place.EYELID,)))
    click = Clicks(qtbot)
    click(dialog.intensity.buttons[6])
    click(dialog.duration.buttons[EpisodeDuration.SECONDS])
    click(dialog.save_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert click.count <= 4  # well under five seconds
    assert dialog.episode() == Episode(NOW, Side.LEFT, (Place.EYELID,), 6, EpisodeDuration.SECONDS)


def test_another_place_is_one_more_click_and_a_place_another_takes_it_back(qtbot):
    dialog = shown(qtbot, EpisodeDialog(now=lambda: NOW, last_side=Side.LEFT, last_places=(Place.EYELID,)))
    click = Clicks(qtbot)
    click(dialog.places.buttons[Place.CHEEK])
    click(dialog.intensity.buttons[8])
    click(dialog.duration.buttons[EpisodeDuration.MINUTES])
    assert dialog.episode() == Episode(
        NOW, Side.LEFT, (Place.EYELID, Place.CHEEK), 8, EpisodeDuration.MINUTES
    )
    click(dialog.places.buttons[Place.EYELID])
    click(dialog.places.buttons[Place.CHEEK])
    assert dialog.waiting.text() == "Still to choose: where."
    assert not dialog.save_button.isEnabled()
    click(dialog.places.buttons[Place.NECK])
    click(dialog.save_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.episode() == Episode(NOW, Side.LEFT, (Place.NECK,), 8, EpisodeDuration.MINUTES)


def test_save_stays_off_until_everything_is_chosen_and_says_what_is_left(qtbot):
    dialog = shown(qtbot, EpisodeDialog(now=lambda: NOW))
    assert not dialog.save_button.isEnabled()
    assert dialog.waiting.text() == "Still to choose: side, where, how strong, how long."
    assert dialog.episode() is None
    qtbot.keyClick(dialog, Qt.Key.Key_Return)
    assert dialog.isVisible()  # Enter does not get round a Save that is off
    click = Clicks(qtbot)
    for button in (
        dialog.side.buttons[Side.BOTH],
        dialog.places.buttons[Place.MOUTH],
        dialog.intensity.buttons[2],
    ):
        click(button)
    assert dialog.waiting.text() == "Still to choose: how long."
    assert not dialog.save_button.isEnabled()
    click(dialog.duration.buttons[EpisodeDuration.HOURS])
    assert dialog.save_button.isEnabled()
    assert dialog.waiting.text() == ""


def test_a_choice_cannot_be_emptied_by_clicking_it_again(qtbot):
    dialog = shown(qtbot, EpisodeDialog(now=lambda: NOW, last_side=Side.LEFT, last_places=(Place.EYELID,)))
    Clicks(qtbot)(dialog.side.buttons[Side.LEFT])
    assert dialog.side.value() is Side.LEFT
    assert dialog.side.buttons[Side.LEFT].isChecked()


def test_what_the_journal_refuses_is_said_and_keeps_save_off(qtbot):
    # A clock without a time zone: core.journal refuses the episode, the dialog says so.
    dialog = shown(
        qtbot,
        EpisodeDialog(now=lambda: NOW.replace(tzinfo=None), last_side=Side.LEFT, last_places=(Place.EYELID,)),
    )
    click = Clicks(qtbot)
    click(dialog.intensity.buttons[3])
    click(dialog.duration.buttons[EpisodeDuration.SECONDS])
    assert not dialog.save_button.isEnabled()
    assert dialog.problems.text().startswith("When: 2026-11-25T14:30:12 has no time zone")
    assert "no time zone" in dialog.save_button.accessibleDescription()


def test_enter_saves_even_from_a_choice_button(qtbot):
    dialog = shown(qtbot, EpisodeDialog(now=lambda: NOW, last_side=Side.RIGHT, last_places=(Place.OTHER,)))
    Clicks(qtbot)(dialog.intensity.buttons[5])
    Clicks(qtbot)(dialog.duration.buttons[EpisodeDuration.SECONDS])
    dialog.intensity.buttons[5].setFocus()
    qtbot.keyClick(dialog.intensity.buttons[5], Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.intensity.value() == 5  # Enter saved; it did not press the focused button


def test_the_keyboard_starts_at_the_first_open_question(qtbot):
    remembered = shown(
        qtbot, EpisodeDialog(now=lambda: NOW, last_side=Side.LEFT, last_places=(Place.EYELID,))
    )
    assert remembered.focusWidget() is remembered.intensity.buttons[1]
    fresh = shown(qtbot, EpisodeDialog(now=lambda: NOW))
    assert fresh.focusWidget() is fresh.side.buttons[Side.LEFT]


def test_changing_a_twitch_keeps_its_id_and_its_exact_time(qtbot):
    dialog = shown(qtbot, EpisodeDialog(LOGGED, now=lambda: NOW, last_side=Side.LEFT))
    assert dialog.windowTitle() == "Change this twitch"
    assert dialog.side.value() is Side.RIGHT  # its own side, not the last one logged
    assert dialog.note.text() == "typing"
    Clicks(qtbot)(dialog.intensity.buttons[9])
    edited = dialog.episode()
    assert edited == Episode(
        LOGGED.occurred_at, Side.RIGHT, (Place.CHEEK,), 9, EpisodeDuration.MINUTES, "typing", 5
    )


def test_the_time_can_be_moved_but_not_into_the_future(qtbot):
    dialog = shown(qtbot, EpisodeDialog(LOGGED, now=lambda: NOW))
    dialog.when.setDateTime(dialog.when.dateTime().addSecs(-3600))
    edited = dialog.episode()
    assert edited is not None
    assert edited.occurred_at.tzinfo is UTC
    assert edited.occurred_at == LOGGED.occurred_at - timedelta(hours=1)
    dialog.when.setDateTime(dialog.when.dateTime().addDays(2))
    moved = dialog.episode()
    assert moved is not None and moved.occurred_at == NOW  # held at the moment the dialog opened


def test_every_control_of_the_episode_dialog_has_a_name(qtbot):
    dialog = shown(qtbot, EpisodeDialog(LOGGED, now=lambda: NOW))
    assert unnamed_controls(dialog) == []


def test_the_underlined_letters_reach_each_row_of_choices(qtbot):
    dialog = shown(qtbot, EpisodeDialog(LOGGED, now=lambda: NOW))
    with qtbot.waitActive(dialog):  # the underlined letters are shortcuts, which only an active window hears
        dialog.activateWindow()
    for letter, row in (
        (Qt.Key.Key_I, dialog.side),
        (Qt.Key.Key_R, dialog.intensity),
        (Qt.Key.Key_L, dialog.duration),
    ):
        qtbot.keyClick(dialog.focusWidget(), letter, Qt.KeyboardModifier.AltModifier)
        assert dialog.focusWidget() is row.buttons[row.value()]  # where Tab enters the row: its choice
    # The places are check boxes: Alt+P lands on the first, and each is a Tab stop of its own.
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_P, Qt.KeyboardModifier.AltModifier)
    assert dialog.focusWidget() is dialog.places.buttons[Place.EYELID]
    dialog.side.buttons[Side.BOTH].setFocus()
    dialog.focusNextChild()
    assert dialog.focusWidget() is dialog.places.buttons[Place.EYELID]


# -- the daily check-in ----------------------------------------------------------------------------------


def test_a_new_check_in_starts_from_yesterday_and_says_so(qtbot):
    dialog = shown(qtbot, CheckInDialog(TODAY, YESTERDAY))
    assert dialog.filled.isVisible()
    assert dialog.filled.text().startswith("Filled in from yesterday")
    # Yesterday's numbers for today; yesterday's note and dry eyes were about yesterday.
    assert dialog.check_in() == CheckIn(TODAY, 6.5, 3, 7, 5, "", alcohol_drinks=2, screen_hours=9.5)
    assert dialog.dry_eyes.value() is None
    assert not any(button.isChecked() for button in dialog.dry_eyes.buttons.values())
    assert dialog.save_button.isEnabled()


def test_an_older_check_in_is_named_by_its_day(qtbot):
    dialog = shown(qtbot, CheckInDialog(TODAY, CheckIn(date(2026, 11, 23), caffeine_drinks=1)))
    assert dialog.filled.text().startswith("Filled in from your check-in of Monday 23 November")


def test_todays_check_in_is_changed_in_place(qtbot):
    earlier = CheckIn(TODAY, 7.0, 2, 4, 6, "calm", alcohol_drinks=0, screen_hours=3.0, dry_eyes=True)
    dialog = shown(qtbot, CheckInDialog(TODAY, earlier))
    assert dialog.windowTitle() == "Today's check-in"
    assert dialog.filled.isHidden()
    assert dialog.check_in() == earlier  # today's own answer about the eyes is kept, unlike yesterday's
    dialog.sleep.setValue(8.5)
    Clicks(qtbot)(dialog.stress.numbers.buttons[2])
    Clicks(qtbot)(dialog.dry_eyes.buttons[False])
    qtbot.keyClick(dialog.note, Qt.Key.Key_Return)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.check_in() == CheckIn(
        TODAY, 8.5, 2, 2, 6, "calm", alcohol_drinks=0, screen_hours=3.0, dry_eyes=False
    )


def test_a_first_check_in_leaves_each_question_unanswered_until_answered(qtbot):
    dialog = shown(qtbot, CheckInDialog(TODAY, None))
    assert dialog.filled.isHidden()
    assert dialog.sleep.text() == "not answered"
    assert dialog.check_in() == CheckIn(TODAY)
    assert not dialog.save_button.isEnabled()  # an empty check-in would say "Checked in" for nothing
    assert dialog.waiting.text() == "Answer at least one question to save."
    dialog.caffeine.setValue(0)  # none is an answer
    assert dialog.save_button.isEnabled()
    assert dialog.check_in() == CheckIn(TODAY, caffeine_drinks=0)


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        (lambda d: d.alcohol.setValue(0), CheckIn(TODAY, alcohol_drinks=0)),
        (lambda d: d.screens.setValue(0.0), CheckIn(TODAY, screen_hours=0.0)),
        (lambda d: d.dry_eyes.buttons[False].click(), CheckIn(TODAY, dry_eyes=False)),
    ],
)
def test_an_eye_trigger_alone_is_an_answer_and_none_or_no_is_not_left_out(qtbot, answer, expected):
    dialog = shown(qtbot, CheckInDialog(TODAY, None))
    assert (dialog.alcohol.text(), dialog.screens.text()) == ("not answered", "not answered")
    answer(dialog)
    assert dialog.save_button.isEnabled()
    assert dialog.check_in() == expected


def test_dry_eyes_taken_back_with_a_second_click_is_not_answered(qtbot):
    dialog = shown(qtbot, CheckInDialog(TODAY, None))
    click = Clicks(qtbot)
    click(dialog.dry_eyes.buttons[True])
    assert dialog.check_in().dry_eyes is True
    click(dialog.dry_eyes.buttons[True])
    assert dialog.check_in().dry_eyes is None
    assert not dialog.save_button.isEnabled()


def test_a_number_larger_than_the_spin_box_offers_is_kept(qtbot):
    saved = CheckIn(TODAY, caffeine_drinks=25, sleep_hours=18.0, alcohol_drinks=20, screen_hours=23.5)
    dialog = shown(qtbot, CheckInDialog(TODAY, saved))
    assert dialog.check_in() == saved


def test_a_check_in_the_journal_refuses_is_said_in_plain_words(qtbot):
    dialog = shown(qtbot, CheckInDialog(TODAY, None))
    dialog.note.setMaxLength(5000)  # past the field's own limit, as a paste through another way might be
    dialog.note.setText("x" * 2001)
    assert not dialog.save_button.isEnabled()
    assert dialog.problems.text() == "Note: 2001 characters is longer than 2000"


def test_every_control_of_the_check_in_has_a_name(qtbot):
    dialog = shown(qtbot, CheckInDialog(TODAY, YESTERDAY))
    assert unnamed_controls(dialog) == []
    assert dialog.dry_eyes.buttons[True].accessibleName() == "Eyes dry or gritty today: yes"


def test_tab_and_the_underlined_letters_reach_the_eye_triggers(qtbot):
    dialog = shown(qtbot, CheckInDialog(TODAY, YESTERDAY))
    order = [
        dialog.sleep,
        dialog.caffeine,
        dialog.alcohol,
        dialog.water,
        dialog.screens,
        dialog.dry_eyes.buttons[True],  # a row of choices is one Tab stop: its first while none is chosen
        dialog.stress.numbers.buttons[YESTERDAY.stress],  # offered again: Tab enters at it
    ]
    dialog.sleep.setFocus()
    for expected in order[1:]:
        dialog.focusNextChild()
        assert dialog.focusWidget() is expected
    with qtbot.waitActive(dialog):  # the underlined letters are shortcuts, which only an active window hears
        dialog.activateWindow()
    for letter, control in (
        (Qt.Key.Key_A, dialog.alcohol),
        (Qt.Key.Key_R, dialog.screens),
        (Qt.Key.Key_E, dialog.dry_eyes.buttons[True]),
    ):
        qtbot.keyClick(dialog.focusWidget(), letter, Qt.KeyboardModifier.AltModifier)
        assert dialog.focusWidget() is control
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Space)
    assert dialog.check_in().dry_eyes is True
    qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Right)  # the arrow takes the answer along
    assert dialog.focusWidget() is dialog.dry_eyes.buttons[False]
    assert dialog.check_in().dry_eyes is False


# -- the strip on the home page --------------------------------------------------------------------------


@pytest.fixture
def strip(qtbot, store: HistoryStore) -> JournalStrip:
    use_cases = UseCases.build(store, DictSettings(), [], now=lambda: NOW)
    made = JournalStrip(use_cases.journal, use_cases.events)
    qtbot.addWidget(made)
    made.show()
    qtbot.waitExposed(made)
    return made


def test_undo_calls_back_once_and_the_words_go(qtbot, strip: JournalStrip):
    undone: list[str] = []
    strip.show_saved("Logged: left eyelid, 6/10.", lambda: undone.append("undo"))
    assert strip.saved.isVisible() and strip.undo_button.isVisible()
    assert strip.last.isHidden()
    Clicks(qtbot)(strip.undo_button)
    assert undone == ["undo"]
    assert strip.saved.isHidden() and strip.undo_button.isHidden()
    assert strip.last.isVisible()


def test_the_saved_words_leave_by_themselves_without_undoing(qtbot, strip: JournalStrip):
    undone: list[str] = []
    strip.show_saved("Logged.", lambda: undone.append("undo"))
    assert strip.saved_timer.isActive()
    assert strip.saved_timer.interval() == SAVED_SHOWN_MS
    strip.saved_timer.timeout.emit()
    assert strip.saved.isHidden() and strip.undo_button.isHidden()
    assert undone == []


def test_words_without_undo_have_no_undo_button(strip: JournalStrip):
    strip.show_saved("Not saved yet: the disk is full. Kept, and tried again with the next change.")
    assert strip.saved.isVisible()
    assert strip.undo_button.isHidden()


def test_the_strip_opens_the_twitch_and_check_in_dialogs(qtbot, strip: JournalStrip, monkeypatch):
    opened: list[str] = []

    def cancel(dialog: QDialog) -> int:
        opened.append(type(dialog).__name__)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(EpisodeDialog, "exec", cancel)
    monkeypatch.setattr(CheckInDialog, "exec", cancel)
    Clicks(qtbot)(strip.log_button)
    Clicks(qtbot)(strip.check_in_button)
    strip.activateWindow()
    qtbot.waitActive(strip)
    qtbot.keyClick(strip, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: len(opened) == 3)  # a shortcut presses its button with a short animation
    assert opened == ["EpisodeDialog", "CheckInDialog", "EpisodeDialog"]
    assert strip.saved.isHidden()  # nothing was saved, so nothing to undo


def test_the_strip_says_what_was_logged_last_and_the_check_in(strip: JournalStrip, store: HistoryStore):
    assert strip.last.text() == "Nothing logged yet."
    assert strip.check_in_button.text() == "Daily check-in"
    store.add_episode(
        Episode(NOW - timedelta(hours=2), Side.LEFT, (Place.EYELID,), 6, EpisodeDuration.SECONDS)
    )
    store.save_check_in(CheckIn(NOW.astimezone().date(), stress=3))
    strip.show_journal()
    assert strip.last.text() == "Last logged: left eyelid, 6/10, 2 h ago"
    assert strip.check_in_button.text() == "Checked in today ✓"
    assert unnamed_controls(strip) == []
