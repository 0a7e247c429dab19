"""The journal's actions, with undo, on a real history file."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest

from relaxapp.core.journal import CheckIn, Episode, EpisodeDuration, Place, Side, Treatment, TreatmentKind
from relaxapp.core.urgency import Urgency
from relaxapp.logic.use_cases import UseCases
from relaxapp.storage.history import HistoryStore
from tests.helpers.history import write_locked
from tests.helpers.stubs import Heard
from tests.unit.logic.conftest import NOW

TODAY = date(2026, 11, 25)


def twitch(minutes_ago: int = 0, place: Place = Place.EYELID) -> Episode:
    return Episode(NOW - timedelta(minutes=minutes_ago), Side.LEFT, (place,), 4, EpisodeDuration.SECONDS)


def test_a_logged_twitch_is_saved_announced_and_undone(
    use_cases: UseCases, store: HistoryStore, heard: Heard
):
    use_cases.journal.log_episode(twitch(60, Place.CHEEK))
    logged = use_cases.journal.log_episode(twitch())
    assert logged.episode is not None and logged.episode.id is not None
    assert use_cases.journal.last_episode() == logged.episode
    assert heard.count("history_changed") == 2
    assert logged.undo is not None
    logged.undo()
    last = use_cases.journal.last_episode()
    assert last is not None and last.places == (Place.CHEEK,)
    assert store.count_timeline() == 1
    assert heard.count("history_changed") == 3


def test_a_check_in_replaces_the_days_one_and_undo_brings_it_back(use_cases: UseCases, store: HistoryStore):
    assert use_cases.journal.today() == TODAY
    assert not use_cases.journal.checked_in_today()
    store.save_check_in(CheckIn(TODAY - timedelta(days=2), sleep_hours=6.0))
    assert use_cases.journal.check_in_to_change() == CheckIn(TODAY - timedelta(days=2), sleep_hours=6.0)
    first = use_cases.journal.check_in(CheckIn(TODAY, sleep_hours=7.0))
    second = use_cases.journal.check_in(CheckIn(TODAY, sleep_hours=5.0, stress=8))
    assert use_cases.journal.checked_in_today()
    assert use_cases.journal.check_in_to_change() == CheckIn(TODAY, sleep_hours=5.0, stress=8)
    assert second.undo is not None and first.undo is not None
    second.undo()
    assert store.check_in(TODAY) == CheckIn(TODAY, sleep_hours=7.0)
    first.undo()
    assert store.check_in(TODAY) is None
    assert not use_cases.journal.checked_in_today()


@pytest.mark.allow_logged_errors
def test_a_twitch_that_cannot_be_written_waits_with_nothing_to_undo(
    use_cases: UseCases, store: HistoryStore, heard: Heard, tmp_path: Path
):
    with write_locked(tmp_path / "history.sqlite3"):
        logged = use_cases.journal.log_episode(twitch())
    assert logged.undo is None and logged.episode == twitch()
    assert store.unsaved == (twitch(),)
    assert len(heard.values("message")) == 1


INJECTION = Treatment(
    TODAY, TreatmentKind.INJECTION, "Botox", Side.BOTH, (Place.EYELID, Place.BROW), "25 units"
)


def test_a_logged_treatment_is_saved_announced_remembered_and_undone(
    use_cases: UseCases, store: HistoryStore, heard: Heard
):
    assert use_cases.journal.last_injection() is None
    logged = use_cases.journal.log_treatment(INJECTION)
    assert logged.treatment is not None and logged.treatment.id is not None
    assert use_cases.journal.last_injection() == logged.treatment
    use_cases.journal.log_treatment(Treatment(TODAY, TreatmentKind.OTHER, "Tinted glasses"))
    assert use_cases.journal.last_injection() == logged.treatment  # glasses are not given again
    assert store.treatments_between(TODAY, TODAY)[0] == logged.treatment
    assert heard.count("history_changed") == 2
    assert logged.undo is not None
    logged.undo()
    assert [t.kind for t in store.treatments_between(TODAY, TODAY)] == [TreatmentKind.OTHER]
    assert heard.count("history_changed") == 3


@pytest.mark.allow_logged_errors
def test_a_treatment_that_cannot_be_written_waits_with_nothing_to_undo(
    use_cases: UseCases, store: HistoryStore, heard: Heard, tmp_path: Path
):
    with write_locked(tmp_path / "history.sqlite3"):
        logged = use_cases.journal.log_treatment(INJECTION)
    assert logged.undo is None and logged.treatment == INJECTION
    assert store.unsaved == (INJECTION,)
    assert len(heard.values("message")) == 1


def test_the_days_latest_warning_signs_answer_is_kept_and_an_empty_one_takes_it_back(
    use_cases: UseCases, store: HistoryStore
):
    journal = use_cases.journal
    first = journal.keep_safety_answer(Urgency.SOON, ("spreading",))
    assert first is not None and first.checked_at == NOW
    later = journal.keep_safety_answer(Urgency.TODAY, ("spreading", "eye_closed"))
    assert store.safety_checks_between(TODAY, TODAY) == [later]
    # Checked again with no sign ticked: the day has no signs to tell a doctor, so nothing is kept for it.
    assert journal.keep_safety_answer(Urgency.SELF_CARE, ()) is None
    assert store.safety_checks_between(TODAY, TODAY) == []
    assert journal.keep_safety_answer(Urgency.SELF_CARE, ()) is None  # and again: nothing to take back
