"""The journal and the ratings as a person uses them from the window: logged, undone, remembered."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QScrollArea

from relaxapp.core.clock import FakeClock
from relaxapp.core.history_wording import when_listed
from relaxapp.core.journal import CheckIn, Episode, EpisodeDuration, Place, Side, TreatmentKind
from relaxapp.core.record import SKIPPED
from relaxapp.storage.history import HistoryStore
from relaxapp.ui import journal_view, treatment_dialog
from relaxapp.ui.main_window import DEFAULT_SIZE, MainWindow
from tests.helpers.history import QUICK_BUSY_TIMEOUT_MS, write_locked
from tests.helpers.widgets import click


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    """The window's history, waiting only briefly for a lock: some tests here hold it (write_locked)."""
    history = HistoryStore.open(tmp_path / "history.sqlite3", busy_timeout_ms=QUICK_BUSY_TIMEOUT_MS)
    yield history
    history.close()


def answer_episode(side: Side | None, place: Place | None, strength: int) -> Callable[..., int]:
    """Stands in for the dialog's exec(): the clicks a person makes, then Save."""

    def exec_(dialog: journal_view.EpisodeDialog) -> int:
        if side is not None:
            dialog.side.buttons[side].click()
        if place is not None:
            dialog.places.buttons[place].click()
        dialog.intensity.buttons[strength].click()
        dialog.duration.buttons[EpisodeDuration.MINUTES].click()
        dialog.save_button.click()
        return dialog.result()

    return exec_


def test_a_twitch_is_logged_from_home_shown_and_undone(
    qtbot, window: MainWindow, store: HistoryStore, monkeypatch
):
    monkeypatch.setattr(journal_view.EpisodeDialog, "exec", answer_episode(Side.LEFT, Place.EYELID, 6))
    strip = window.home.journal
    click(qtbot, strip.log_button)
    [episode] = store.timeline(5)
    assert (episode.side, episode.places, episode.intensity) == (Side.LEFT, (Place.EYELID,), 6)
    assert strip.saved.text() == "Logged: left eyelid, 6/10."
    assert "left eyelid" in strip.last.text()

    # The next one remembers where: only the strength and length are clicked.
    monkeypatch.setattr(journal_view.EpisodeDialog, "exec", answer_episode(None, None, 3))
    click(qtbot, strip.log_button)
    newest = store.timeline(5)[0]
    assert (newest.side, newest.places, newest.intensity) == (Side.LEFT, (Place.EYELID,), 3)

    click(qtbot, strip.undo_button)
    assert [e.intensity for e in store.timeline(5)] == [6]


def test_the_daily_check_in_is_saved_and_shown_as_done(
    qtbot, window: MainWindow, store: HistoryStore, monkeypatch
):
    def exec_(dialog: journal_view.CheckInDialog) -> int:
        dialog.sleep.setValue(6.5)
        dialog.caffeine.setValue(3)
        dialog.save_button.click()
        return dialog.result()

    monkeypatch.setattr(journal_view.CheckInDialog, "exec", exec_)
    click(qtbot, window.home.journal.check_in_button)
    today = window.use_cases.now().astimezone().date()
    saved = store.check_in(today)
    assert saved is not None and saved.sleep_hours == 6.5 and saved.caffeine_drinks == 3
    assert "✓" in window.home.journal.check_in_button.text()
    click(qtbot, window.home.journal.undo_button)
    assert store.check_in(today) is None


def test_the_eye_triggers_are_saved_from_the_window_changed_and_undone(
    qtbot, window: MainWindow, store: HistoryStore, monkeypatch
):
    seen: list[CheckIn] = []

    def first(dialog: journal_view.CheckInDialog) -> int:
        dialog.alcohol.setValue(2)
        dialog.screens.setValue(9.5)
        dialog.dry_eyes.buttons[True].click()
        dialog.save_button.click()
        return dialog.result()

    def again(dialog: journal_view.CheckInDialog) -> int:
        seen.append(dialog.check_in())  # what the dialog offers when today's check-in is opened again
        dialog.alcohol.setValue(3)
        dialog.dry_eyes.buttons[False].click()
        dialog.save_button.click()
        return dialog.result()

    strip = window.home.journal
    today = window.use_cases.now().astimezone().date()
    monkeypatch.setattr(journal_view.CheckInDialog, "exec", first)
    click(qtbot, strip.check_in_button)
    saved = CheckIn(today, alcohol_drinks=2, screen_hours=9.5, dry_eyes=True)
    assert store.check_in(today) == saved

    monkeypatch.setattr(journal_view.CheckInDialog, "exec", again)
    click(qtbot, strip.check_in_button)
    assert seen == [saved]  # today's own answers, the eyes included
    assert store.check_in(today) == replace(saved, alcohol_drinks=3, dry_eyes=False)

    click(qtbot, strip.undo_button)
    assert store.check_in(today) == saved


def test_ratings_before_and_after_land_with_the_session(
    qtbot, window: MainWindow, fake_clock: FakeClock, store
):
    before = window.home.before
    click(qtbot, before.tension.numbers.buttons[7])
    window.home.select("box")
    click(qtbot, window.home.start_button)
    engine = window.runner.engine
    fake_clock.advance(engine.timeline.total_seconds + 1)
    qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary)
    [saved] = store.newest(1)
    assert saved.ratings.tension_before == 7
    assert saved.ratings.twitch_before is SKIPPED  # asked and not answered
    assert saved.ratings.tension_after is SKIPPED  # until the summary's question is answered

    click(qtbot, window.summary.ratings.tension.numbers.buttons[3])
    [rated] = store.newest(1)
    assert rated.ratings.tension_after == 3 and rated.id == saved.id
    assert "7 → 3" in window.summary.change.text()
    assert before.tension.value() is None  # the home page asks afresh next time


@pytest.mark.allow_logged_errors
def test_rating_a_session_that_could_not_be_saved_yet_keeps_one_session(qtbot, window, fake_clock, store):
    path = store.path
    assert path is not None
    with write_locked(path):  # another program holds the file: every write fails for now
        window.home.select("box")
        click(qtbot, window.home.start_button)
        fake_clock.advance(window.runner.engine.timeline.total_seconds + 1)
        qtbot.waitUntil(lambda: window.pages.currentWidget() is window.summary)
        assert len(store.unsaved) == 1
        for score in (2, 3, 4):  # the person changes their mind, while nothing can be written
            click(qtbot, window.summary.ratings.tension.numbers.buttons[score])
        assert len(store.unsaved) == 1
        assert window.summary.saved.text() == "Not saved yet: see the message at the top."

    window.use_cases.unsaved.retry()  # the window's half-minute retry, now that the file is free
    assert window.summary.saved.text() == "Saved in your history."
    assert "Everything you entered has now been saved." in window.problem.text()
    click(qtbot, window.summary.ratings.twitch.numbers.buttons[1])  # rated after the retry saved it
    [saved] = store.newest(5)
    assert saved.ratings.tension_after == 4 and saved.ratings.twitch_after == 1


@pytest.mark.allow_logged_errors
def test_closing_with_entries_not_saved_yet_asks_first(qtbot, window, store, monkeypatch):
    assert store.path is not None
    monkeypatch.setattr(journal_view.EpisodeDialog, "exec", answer_episode(Side.RIGHT, Place.CHEEK, 4))
    with write_locked(store.path):
        click(qtbot, window.home.journal.log_button)
        assert len(store.unsaved) == 1
        window.close()
        assert window.isVisible()  # not closed: the twitch would be lost
        assert "1 of your entries could not be saved yet" in window.losing_box.text()
        window.close_anyway_button.click()
        assert not window.isVisible()


def test_an_injection_is_logged_from_home_and_the_next_starts_from_it(
    qtbot, window: MainWindow, store: HistoryStore, monkeypatch
):
    def first(dialog: treatment_dialog.TreatmentDialog) -> int:
        dialog.name.setText("Botox")
        for place in (Place.EYELID, Place.BROW):
            dialog.places.buttons[place].click()
        dialog.side.buttons[Side.BOTH].click()
        dialog.dose.setText("25 units")
        dialog.save_button.click()
        return dialog.result()

    monkeypatch.setattr(treatment_dialog.TreatmentDialog, "exec", first)
    strip = window.home.journal
    today = window.use_cases.journal.today()
    click(qtbot, strip.treatment_button)
    [saved] = store.treatments_between(today, today)
    assert (saved.kind, saved.name, saved.side, saved.places, saved.dose) == (
        TreatmentKind.INJECTION, "Botox", Side.BOTH, (Place.EYELID, Place.BROW), "25 units"
    )  # fmt: skip
    assert strip.saved.text() == f"Logged: injection, {when_listed(saved, today)}."
    click(qtbot, strip.undo_button)
    assert store.treatments_between(today, today) == []

    store.add_treatment(saved)
    offered: list[treatment_dialog.TreatmentDialog] = []

    def look(dialog: treatment_dialog.TreatmentDialog) -> int:
        offered.append(dialog)
        return QDialog.DialogCode.Rejected

    monkeypatch.setattr(treatment_dialog.TreatmentDialog, "exec", look)
    click(qtbot, strip.treatment_button)
    [dialog] = offered
    assert replace(dialog.treatment(), id=None) == replace(saved, id=None)  # the same injection again
    assert len(store.treatments_between(today, today)) == 1  # cancelled: nothing added


def test_a_twitch_in_many_places_wraps_its_words_rather_than_widen_the_home_page(
    qtbot, window: MainWindow, store: HistoryStore
):
    strip = window.home.journal
    window.go_home()
    window.resize(*DEFAULT_SIZE)
    [scroller] = [area for area in window.home.findChildren(QScrollArea) if area.isAncestorOf(strip)]
    places = (Place.EYELID, Place.BROW, Place.CHEEK, Place.MOUTH, Place.CHIN, Place.NECK, Place.OTHER)
    moment = window.use_cases.now() - timedelta(hours=1)
    store.add_episode(Episode(moment, Side.BOTH, places, 6, EpisodeDuration.SECONDS))
    strip.show_journal()
    assert "eyelid, brow, cheek, mouth corner, chin, neck and elsewhere, both sides" in strip.last.text()
    page = scroller.widget()
    assert page is not None
    # The page's content still fits the window's width: the words wrap, no sideways scrolling.
    for widget in (strip, page):  # the layouts take in the new words now, not on a later turn of the loop
        layout = widget.layout()
        assert layout is not None
        layout.activate()
    assert page.minimumSizeHint().width() <= scroller.viewport().width()
