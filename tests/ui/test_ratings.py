"""The quick ratings: one click answers, a second takes it back, Skip is remembered as skipped, and the
summary says the change in words."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from relaxapp.core.clock import FakeClock
from relaxapp.core.record import NOT_ASKED, SKIPPED, Ratings, SessionRecord
from relaxapp.core.routine import Minutes, Routine, RoutineKind
from relaxapp.core.session import SessionEngine, SessionOptions
from relaxapp.logic.sessions import Choice, EndedSession, Kept
from relaxapp.logic.use_cases import UseCases
from relaxapp.storage.history import HistoryStore
from relaxapp.ui.main_window import MainWindow
from relaxapp.ui.ratings import RatingRow, RatingsPanel
from relaxapp.ui.summary_page import SummaryPage
from tests.helpers.fit import cut_off
from tests.helpers.pages import SIZES, look
from tests.helpers.pages import summary as summary_stop
from tests.helpers.stubs import DictSettings
from tests.helpers.widgets import click
from tests.ui.conftest import STARTED
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
    assert row.value() == 4 and row.skip is not None
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
    assert panel.answers() == (None, None)
    assert panel.as_before() == Ratings(tension_before=SKIPPED, twitch_before=SKIPPED)
    assert not panel.touched()
    click(qtbot, panel.twitch.numbers.buttons[6])
    assert panel.answers() == (None, 6)
    assert panel.as_before() == Ratings(tension_before=SKIPPED, twitch_before=6)
    panel.clear()
    assert not panel.touched()


@pytest.fixture
def summary(qtbot, store: HistoryStore, box: Routine, fake_clock: FakeClock) -> SummaryPage:
    """The summary of a three-minute box session that just ended, rated 7 and 5 before it."""
    use_cases = UseCases.build(store, DictSettings(), [box], now=lambda: STARTED)
    plan = use_cases.sessions.start(Choice(box, Minutes(3), SessionOptions()), NOT_ASKED.asked_before(7, 5))
    engine = SessionEngine(plan, fake_clock)
    engine.start()
    fake_clock.advance(plan.total_seconds)
    engine.state_at_now()
    page = SummaryPage(use_cases.sessions, use_cases.events)
    qtbot.addWidget(page)
    page.show()
    page.show_ended(use_cases.sessions.finish(engine))
    return page


def test_the_summary_says_what_was_done_and_that_it_is_kept(summary: SummaryPage):
    assert summary.heading.text() == "Well done"
    assert summary.details.text().startswith("You finished Box breathing: 2 min 56 s just for you.")
    assert summary.saved.text() == "Saved in your history."
    summary.show_ended(EndedSession(FINISHED, Kept.WAITING))
    assert summary.saved.text() == "Not saved yet: see the message at the top."


def test_the_after_ratings_land_on_the_saved_session_and_show_the_change(
    qtbot, summary: SummaryPage, store: HistoryStore
):
    assert summary.change.isHidden()
    click(qtbot, summary.ratings.tension.numbers.buttons[3])
    click(qtbot, summary.ratings.twitch.numbers.buttons[5])
    assert summary.change.isVisible()
    assert summary.change.text() == "Tension 7 → 3, down 4\nTwitching 5 → 5, no change"
    [saved] = store.newest(5)
    assert saved.ratings == Ratings(7, 5, 3, 5)


def test_each_answer_updates_the_one_row_as_it_stands(qtbot, summary: SummaryPage, store: HistoryStore):
    click(qtbot, summary.ratings.tension.numbers.buttons[3])
    assert [session.ratings for session in store.newest(5)] == [Ratings(7, 5, 3, SKIPPED)]
    assert summary.ratings.twitch.skip is not None  # the row whose Skip is clicked next
    click(qtbot, summary.ratings.twitch.skip)
    assert summary.change.text() == "Tension 7 → 3, down 4\nTwitching 5 → not rated"
    click(qtbot, summary.ratings.tension.numbers.buttons[3])  # a second click takes it back
    assert [session.ratings for session in store.newest(5)] == [Ratings(7, 5, SKIPPED, SKIPPED)]


def test_a_new_summary_asks_afresh(qtbot, summary: SummaryPage):
    click(qtbot, summary.ratings.tension.numbers.buttons[3])
    summary.show_ended(EndedSession(FINISHED, Kept.SAVED))
    assert not summary.ratings.touched()
    assert summary.change.isHidden()
    assert summary.again_button.hasFocus()  # the ratings never stand in the way of going on


def test_every_rating_button_has_a_name(summary: SummaryPage):
    assert unnamed_controls(summary) == []
    assert summary.ratings.twitch.numbers.buttons[4].accessibleName() == "Twitching 4 of 10"


def test_tapping_a_rating_on_the_summary_moves_nothing_above_it(
    qtbot, window: MainWindow, fake_clock: FakeClock
):
    # The change since before appears under the ratings as they are tapped. The page is laid out from the
    # top, so the heading and the ratings stay under the person's finger (a centred page moved by some
    # 16 px); only what is below the change moves down to make room for it.
    window.home.before.tension.numbers.buttons[6].click()
    window.sessions.start_routine(window.home.selected_routine(), window.home.selected_length())
    fake_clock.advance(20)
    window.runner.stop()
    summary = window.summary
    assert window.pages.currentWidget() is summary

    def places() -> dict[str, tuple[int, int]]:
        QApplication.processEvents()
        watched = {
            "heading": summary.heading,
            "tension 3": summary.ratings.tension.numbers.buttons[3],
            "twitch 5": summary.ratings.twitch.numbers.buttons[5],
        }
        return {name: widget.mapTo(window, QPoint(0, 0)).toTuple() for name, widget in watched.items()}

    before = places()
    click(qtbot, summary.ratings.tension.numbers.buttons[3])
    assert summary.change.isVisible()
    assert places() == before
    assert (
        summary.again_button.mapTo(summary, QPoint(0, 0)).y()
        > summary.change.mapTo(summary, QPoint(0, 0)).y()
    )
    click(qtbot, summary.ratings.twitch.numbers.buttons[5])
    assert places() == before
    click(qtbot, summary.ratings.tension.numbers.buttons[3])  # taken back
    click(qtbot, summary.ratings.twitch.numbers.buttons[5])
    assert summary.change.isHidden()
    assert places() == before


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("larger_text", [False, True], ids=["normal-text", "larger-text"])
def test_the_rating_card_has_no_empty_band(qtbot, window: MainWindow, size, larger_text):
    # Room was kept under the ratings for the change since before, two empty lines until a rating was given.
    look(window, dark=False, larger_text=larger_text)
    window.resize(*size)
    summary_stop(window)
    summary = window.summary
    card = summary.ratings.parentWidget()
    assert card is not None and card.objectName() == "ratingsCard"
    QApplication.processEvents()
    bottom = max(
        row.mapTo(card, QPoint(0, row.height())).y()
        for row in (summary.ratings.tension, summary.ratings.twitch)
    )
    assert card.height() - bottom <= card.layout().contentsMargins().bottom() + 1
    assert cut_off(window) == []
