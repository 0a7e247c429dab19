"""The quick ratings: one click answers, a second takes it back, Skip is remembered as skipped, and the
summary says the change in words."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import Qt

from relaxapp.core.record import SKIPPED, Ratings, Scale, Score, SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.ui.ratings import RatingRow, RatingsPanel, change_words
from relaxapp.ui.summary_page import SummaryPage
from tests.ui.test_accessibility import unnamed_controls

FINISHED = SessionRecord(
    routine_id="box",
    routine_kind=RoutineKind.BREATHING,
    routine_title="Box breathing",
    started_at=datetime(2026, 11, 25, 8, 30, tzinfo=UTC),
    planned_seconds=300,
    actual_seconds=300,
    completed=True,
    id=12,
    ratings=Ratings(tension_before=7, twitch_before=5),
)


def click(qtbot, widget) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def checked(row: RatingRow) -> list[str]:
    return [button.text() for button in row.numbers.buttons.values() if button.isChecked()] + (
        ["Skip"] if row.skip is not None and row.skip.isChecked() else []
    )


@pytest.fixture
def row(qtbot) -> RatingRow:
    made = RatingRow("How tense or stressed do you feel?", "Tension")
    qtbot.addWidget(made)
    made.show()
    return made


def test_one_click_picks_and_another_number_replaces_it(qtbot, row: RatingRow):
    assert row.value() is None
    with qtbot.waitSignal(row.changed):
        click(qtbot, row.numbers.buttons[7])
    assert row.value() == 7
    click(qtbot, row.numbers.buttons[3])
    assert row.value() == 3
    assert checked(row) == ["3"]


def test_clicking_the_chosen_number_again_takes_it_back(qtbot, row: RatingRow):
    click(qtbot, row.numbers.buttons[0])
    assert row.value() == 0  # zero is an answer, not "nothing"
    click(qtbot, row.numbers.buttons[0])
    assert row.value() is None
    assert checked(row) == []


def test_skip_is_remembered_as_skipped_and_a_number_undoes_it(qtbot, row: RatingRow):
    click(qtbot, row.numbers.buttons[4])
    assert row.skip is not None
    click(qtbot, row.skip)
    assert row.value() is SKIPPED
    assert checked(row) == ["Skip"]
    click(qtbot, row.numbers.buttons[9])
    assert row.value() == 9
    assert checked(row) == ["9"]


def test_the_keyboard_answers_too(qtbot, row: RatingRow):
    row.numbers.buttons[2].setFocus()
    qtbot.keyClick(row.numbers.buttons[2], Qt.Key.Key_Space)
    assert row.value() == 2


def test_a_row_without_skip_leaves_an_unanswered_question_none(qtbot):
    stress = RatingRow("How stressed were you today?", "Stress", skippable=False)
    qtbot.addWidget(stress)
    assert stress.skip is None
    stress.set_value(6)
    assert stress.value() == 6
    stress.set_value(None)
    assert stress.value() is None


def test_a_question_left_alone_counts_as_skipped_because_it_was_asked(qtbot):
    panel = RatingsPanel()
    qtbot.addWidget(panel)
    assert panel.answers() == (SKIPPED, SKIPPED)
    assert not panel.touched()
    click(qtbot, panel.twitch.numbers.buttons[6])
    assert panel.answers() == (SKIPPED, 6)
    assert panel.as_before() == Ratings(tension_before=SKIPPED, twitch_before=6)
    # After a session the before-answers stay as they were.
    assert panel.as_after(Ratings(tension_before=8, twitch_before=4)) == Ratings(8, 4, SKIPPED, 6)
    panel.clear()
    assert not panel.touched()


@pytest.mark.parametrize(
    ("scale", "before", "after", "words"),
    [
        (Scale.TENSION, 7, 3, "Tension 7 → 3, down 4"),
        (Scale.TWITCH, 5, 5, "Twitching 5 → 5, no change"),
        (Scale.TWITCH, 2, 6, "Twitching 2 → 6, up 4"),
        (Scale.TENSION, 7, SKIPPED, "Tension 7 → not rated"),
        (Scale.TENSION, SKIPPED, 3, "Tension not rated → 3"),
        (Scale.TENSION, None, 3, "Tension 3"),  # never asked before the session
        (Scale.TWITCH, None, SKIPPED, ""),  # nothing rated: nothing to say
        (Scale.TWITCH, SKIPPED, SKIPPED, ""),
    ],
)
def test_the_change_in_words(scale: Scale, before: Score, after: Score, words: str):
    ratings = (
        Ratings(tension_before=before, tension_after=after)
        if scale is Scale.TENSION
        else Ratings(twitch_before=before, twitch_after=after)
    )
    assert change_words(ratings, scale) == words


@pytest.fixture
def summary(qtbot) -> SummaryPage:
    page = SummaryPage()
    qtbot.addWidget(page)
    page.show()
    page.show_record(FINISHED, "Saved in your history.")
    return page


def test_the_summary_shows_the_change_once_rated(qtbot, summary: SummaryPage):
    assert summary.change.isHidden()
    click(qtbot, summary.ratings.tension.numbers.buttons[3])
    click(qtbot, summary.ratings.twitch.numbers.buttons[5])
    assert summary.change.isVisible()
    assert summary.change.text() == "Tension 7 → 3, down 4\nTwitching 5 → 5, no change"


def test_each_answer_hands_the_record_to_save(qtbot, summary: SummaryPage):
    given: list[SessionRecord] = []
    summary.ratings_given.connect(given.append)
    click(qtbot, summary.ratings.tension.numbers.buttons[3])
    assert summary.ratings.tension.skip is not None
    click(qtbot, summary.ratings.twitch.skip)
    assert [record.ratings for record in given] == [
        Ratings(7, 5, 3, SKIPPED),  # the twitch question was asked: unanswered is skipped
        Ratings(7, 5, 3, SKIPPED),
    ]
    assert {record.id for record in given} == {12}  # the same saved session, to update
    assert summary.change.text() == "Tension 7 → 3, down 4\nTwitching 5 → not rated"


def test_a_new_summary_asks_afresh(qtbot, summary: SummaryPage):
    click(qtbot, summary.ratings.tension.numbers.buttons[3])
    summary.show_record(FINISHED, "Saved in your history.")
    assert not summary.ratings.touched()
    assert summary.change.isHidden()
    assert summary.again_button.hasFocus()  # the ratings never stand in the way of going on


def test_every_rating_button_has_a_name(summary: SummaryPage):
    assert unnamed_controls(summary) == []
    assert summary.ratings.twitch.numbers.buttons[4].accessibleName() == "Twitching 4 of 10"
