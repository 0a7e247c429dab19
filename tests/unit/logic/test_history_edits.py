"""Deleting and editing the history by hand, with undo and redo, on a real history file."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from relaxapp.core.journal import CheckIn, Episode, EpisodeDuration, Place, Side, Treatment, TreatmentKind
from relaxapp.core.record import SKIPPED, Ratings, SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.logic.events import EntryChange, How
from relaxapp.logic.use_cases import UseCases
from relaxapp.storage.history import HistoryStore
from tests.helpers.history import write_locked
from tests.helpers.stubs import Heard
from tests.unit.logic.conftest import NOW


def session(hours_ago: float = 1, ratings: Ratings = Ratings(7, 4, 3, 2)) -> SessionRecord:  # noqa: B008
    return SessionRecord(
        "box", RoutineKind.BREATHING, "Box breathing", NOW - timedelta(hours=hours_ago), 300, 300, True,
        ratings=ratings,
    )  # fmt: skip


def twitch(intensity: int = 4, note: str = "") -> Episode:
    return Episode(
        NOW - timedelta(hours=2), Side.LEFT, (Place.EYELID,), intensity, EpisodeDuration.SECONDS, note
    )


def when(moment: datetime) -> str:
    return f"{moment.astimezone():%d %b %H:%M}".lstrip("0")


@pytest.fixture
def told(use_cases: UseCases) -> list[EntryChange]:
    changes: list[EntryChange] = []
    use_cases.events.entry_changed.subscribe(changes.append)
    return changes


def test_a_delete_is_undone_under_the_old_id_and_redone(
    use_cases: UseCases, store: HistoryStore, heard: Heard, told: list[EntryChange]
):
    saved = store.add_session(session())
    stack = use_cases.history_edits.undo_stack
    assert not stack.can_undo and stack.undo_text == ""

    use_cases.history_edits.delete(saved)
    assert store.count() == 0
    assert stack.can_undo and not stack.can_redo
    assert stack.undo_text == f"Deleted Box breathing ({when(saved.started_at)})"
    assert told == [EntryChange(How.REMOVED, saved)]
    assert heard.count("history_changed") == 1

    stack.undo()
    assert list(store.all_sessions()) == [saved]  # the same id
    assert told[-1] == EntryChange(How.RESTORED, saved)
    assert stack.can_redo and stack.redo_text == stack_text(saved)
    stack.redo()
    assert store.count() == 0 and heard.count("history_changed") == 3


def stack_text(record: SessionRecord) -> str:
    return f"Deleted Box breathing ({when(record.started_at)})"


def test_an_edited_episode_is_saved_and_undone(
    use_cases: UseCases, store: HistoryStore, told: list[EntryChange]
):
    before = store.add_episode(twitch(4))
    after = Episode(
        before.occurred_at,
        before.side,
        before.places,
        8,
        before.duration,
        "long day at the screen",
        before.id,
    )
    use_cases.history_edits.edit_episode(before, after)
    assert list(store.all_episodes()) == [after]
    assert use_cases.history_edits.undo_stack.undo_text.startswith("Edited Twitch: left eyelid")
    assert told == [EntryChange(How.EDITED, after)]
    use_cases.history_edits.undo_stack.undo()
    assert list(store.all_episodes()) == [before]
    assert told[-1] == EntryChange(How.EDITED, before)


def test_an_edit_that_changes_nothing_is_not_a_change(use_cases: UseCases, store: HistoryStore, heard: Heard):
    saved = store.add_episode(twitch())
    use_cases.history_edits.edit_episode(saved, saved)
    assert not use_cases.history_edits.undo_stack.can_undo and heard.said == []


def test_ratings_taken_back_count_as_skipped_and_never_asked_stays_so(
    use_cases: UseCases, store: HistoryStore
):
    saved = store.add_session(session(ratings=Ratings(7, None, 3, 2)))
    changed = use_cases.history_edits.change_ratings(
        saved, {"tension_before": 7, "twitch_before": None, "tension_after": 1, "twitch_after": None}
    )
    assert changed.ratings == Ratings(7, None, 1, SKIPPED)
    assert list(store.all_sessions()) == [changed]
    use_cases.history_edits.undo_stack.undo()
    assert list(store.all_sessions()) == [saved]


def test_a_new_change_drops_what_could_be_redone_and_clear_forgets_all(
    use_cases: UseCases, store: HistoryStore
):
    first, second = store.add_session(session(1)), store.add_session(session(2))
    stack = use_cases.history_edits.undo_stack
    heard_undo: list[None] = []
    stack.changed.subscribe(heard_undo.append)
    use_cases.history_edits.delete(first)
    stack.undo()
    use_cases.history_edits.delete(second)
    assert not stack.can_redo and stack.undo_text.startswith("Deleted ")
    stack.clear()
    assert not stack.can_undo and len(heard_undo) == 4
    stack.undo()  # nothing to undo: nothing happens
    assert store.count() == 1


@pytest.mark.allow_logged_errors
def test_a_delete_that_cannot_be_written_is_told_and_still_undone(
    use_cases: UseCases, store: HistoryStore, heard: Heard, tmp_path: Path
):
    saved = store.add_session(session())
    told: list[str] = []
    use_cases.history_edits.write_failed.subscribe(told.append)
    with write_locked(tmp_path / "history.sqlite3"):
        use_cases.history_edits.delete(saved)
    assert len(told) == 1 and "could not be saved" in told[0]
    assert heard.values("message") == [] and heard.count("history_changed") == 1
    assert store.unsaved  # written with the next change
    use_cases.history_edits.undo_stack.undo()
    assert list(store.all_sessions()) == [saved]


def test_undo_finds_an_entry_brought_back_under_a_new_id_and_leaves_the_newer_one_alone(
    use_cases: UseCases, store: HistoryStore
):
    edits = use_cases.history_edits
    old = store.add_episode(twitch(5))
    edited = replace(old, intensity=9)
    edits.edit_episode(old, edited)
    edits.delete(edited)
    # Logged since: SQLite gives it the id the deleted twitch had.
    newer = use_cases.journal.log_episode(
        Episode(NOW, Side.RIGHT, (Place.CHEEK,), 7, EpisodeDuration.MINUTES)
    )
    assert newer.episode is not None and newer.episode.id == old.id
    edits.undo_stack.undo()  # the delete: back under a new id, as its old one is taken
    edits.undo_stack.undo()  # the edit: on the twitch it was made to
    kept = {(e.places, e.intensity) for e in store.all_episodes()}
    assert kept == {((Place.EYELID,), 5), ((Place.CHEEK,), 7)}
    edits.undo_stack.redo()
    edits.undo_stack.redo()  # and again: the edit, then the delete, on that same twitch
    assert [(e.places, e.intensity) for e in store.all_episodes()] == [((Place.CHEEK,), 7)]


def test_a_treatment_and_a_check_in_are_edited_deleted_and_undone(use_cases: UseCases, store: HistoryStore):
    edits = use_cases.history_edits
    day = NOW.astimezone().date()
    given = store.add_treatment(Treatment(day, TreatmentKind.MEDICINE_STARTED, "Clonazepam", dose="0.5 mg"))
    edits.edit_treatment(given, replace(given, dose="1 mg"))
    assert [t.dose for t in store.all_treatments()] == ["1 mg"]
    edits.delete(replace(given, dose="1 mg"))
    assert list(store.all_treatments()) == []
    edits.undo_stack.undo()
    edits.undo_stack.undo()
    assert list(store.all_treatments()) == [given]
    check_in = CheckIn(day, water_glasses=4)
    store.save_check_in(check_in)
    edits.edit_check_in(check_in, replace(check_in, water_glasses=7))
    assert store.check_in(day) == CheckIn(day, water_glasses=7)
    edits.delete(replace(check_in, water_glasses=7))
    assert store.check_in(day) is None
    assert edits.undo_stack.undo_text.startswith("Deleted Daily check-in")
    edits.undo_stack.undo()
    edits.undo_stack.undo()
    assert store.check_in(day) == check_in
