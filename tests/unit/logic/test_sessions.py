"""A session from its choice to its saved, rated row: no window, a fake clock, a real history file."""

from __future__ import annotations

from pathlib import Path

import pytest

from relaxapp.core.clock import FakeClock
from relaxapp.core.record import SKIPPED, Ratings
from relaxapp.core.routine import Cycles, Minutes, Routine
from relaxapp.core.session import SessionEngine, SessionOptions
from relaxapp.core.timeline import TimelineError
from relaxapp.logic.sessions import Choice, Kept
from relaxapp.logic.use_cases import UseCases
from relaxapp.storage.history import HistoryStore
from tests.helpers.history import write_locked
from tests.helpers.stubs import DictSettings, Heard
from tests.unit.logic.conftest import NOW, PROMPTS


def run(
    use_cases: UseCases, choice: Choice, clock: FakeClock, seconds: float | None = None, **before
) -> SessionEngine:
    """Start `choice` and let it run to its end, or for `seconds` and then stop it."""
    plan = use_cases.sessions.start(choice, Ratings().asked_before(**before) if before else Ratings())
    engine = SessionEngine(plan, clock)
    engine.start()
    if seconds is None:
        clock.advance(plan.total_seconds)
        engine.state_at_now()
    else:
        clock.advance(seconds)
        engine.stop()
    return engine


def test_a_finished_session_is_saved_once_and_announced(
    use_cases, store: HistoryStore, box, fake_clock, heard: Heard
):
    engine = run(use_cases, Choice(box, Cycles(3), SessionOptions()), fake_clock)
    ended = use_cases.sessions.finish(engine)
    assert ended.kept is Kept.SAVED
    assert ended.record.id is not None
    assert store.newest(5) == [ended.record]
    assert ended.record.started_at == NOW and ended.record.completed
    assert ended.record.actual_seconds == ended.record.planned_seconds == 48.0
    assert heard.count("history_changed") == 1


def test_a_false_start_is_not_kept(use_cases, store: HistoryStore, box, fake_clock, heard: Heard):
    ended = use_cases.sessions.finish(
        run(use_cases, Choice(box, Minutes(5), SessionOptions()), fake_clock, 9.9)
    )
    assert ended.kept is Kept.NOT_KEPT
    assert store.count() == 0
    assert heard.said == []
    assert use_cases.sessions.rate_after(3, 2) is None


def test_the_after_ratings_update_the_same_row(use_cases, store: HistoryStore, box, fake_clock, heard: Heard):
    engine = run(use_cases, Choice(box, Minutes(1), SessionOptions()), fake_clock, 30, tension=7, twitch=None)
    ended = use_cases.sessions.finish(engine)
    assert ended.record.ratings == Ratings(7, SKIPPED, SKIPPED, SKIPPED)
    rated = use_cases.sessions.rate_after(3, None)
    assert rated is not None and rated.id == ended.record.id
    assert store.newest(5) == [rated]
    assert rated.ratings == Ratings(7, SKIPPED, 3, SKIPPED)
    use_cases.sessions.rate_after(2, 4)  # a second pick on the summary changes that row again
    [saved] = store.newest(5)
    assert saved.ratings == Ratings(7, SKIPPED, 2, 4)
    assert heard.count("history_changed") == 3


def test_the_plan_leaves_out_optional_steps_and_opens_with_the_welcome(use_cases, shipped):
    massage = next(r for r in shipped.routines if any(step.optional for step in r.steps))
    full = use_cases.sessions.plan(Choice(massage, massage.default_length, SessionOptions()))
    short = use_cases.sessions.plan(
        Choice(massage, massage.default_length, SessionOptions(with_optional=False))
    )
    welcomed = use_cases.sessions.plan(
        Choice(massage, massage.default_length, SessionOptions(eyes_closed=True))
    )
    optional_seconds = sum(step.seconds for step in massage.steps if step.optional)
    assert full.total_seconds - short.total_seconds == pytest.approx(optional_seconds)
    assert welcomed.cues[0].words == PROMPTS["eyes_closed_start"]
    assert PROMPTS["eyes_closed_start"] not in [cue.words for cue in full.cues]


def test_a_length_the_routine_cannot_have_is_refused_with_its_reason(use_cases, box: Routine):
    with pytest.raises(TimelineError, match="breath"):
        use_cases.sessions.start(Choice(box, Cycles(0), SessionOptions()))
    assert use_cases.sessions.last_choice is None


def test_the_choice_is_remembered_for_next_time(use_cases, settings: DictSettings, box, shipped):
    choice = Choice(box, Minutes(10), SessionOptions(eyes_closed=True))
    use_cases.sessions.start(choice)
    assert use_cases.sessions.last_choice == choice
    assert use_cases.preferences.starting_choice({r.id for r in shipped.routines}) == ("box", Minutes(10))


def test_a_start_from_elsewhere_follows_the_eyes_closed_setting(use_cases, settings: DictSettings):
    assert use_cases.sessions.options_for(None) == SessionOptions(eyes_closed=False)
    settings.values["session/eyes_closed"] = "true"
    use_cases.preferences.use(type(use_cases.preferences.current).from_settings(settings.value))
    assert use_cases.sessions.options_for(None) == SessionOptions(eyes_closed=True)
    chosen = SessionOptions(ambience=False)
    assert use_cases.sessions.options_for(chosen) is chosen


@pytest.mark.allow_logged_errors
def test_a_session_whose_save_failed_waits_and_is_rated_where_it_waits(
    use_cases, store: HistoryStore, box, fake_clock, heard: Heard, tmp_path: Path
):
    engine = run(use_cases, Choice(box, Minutes(1), SessionOptions()), fake_clock, 30)
    with write_locked(tmp_path / "history.sqlite3"):
        ended = use_cases.sessions.finish(engine)
        assert ended.kept is Kept.WAITING and ended.record.id is None
        assert heard.values("message") == [
            f"Your session could not be saved to {store.location} (database is locked). It is kept and will "
            "be saved with your next change; check that the disk has space and the folder can be written."
        ]
        rated = use_cases.sessions.rate_after(4, 1)
    assert rated is not None and rated.ratings.tension_after == 4
    assert store.unsaved == (rated,)
    use_cases.unsaved.retry()
    [saved] = store.newest(5)
    assert saved.ratings == Ratings(None, None, 4, 1)
    assert heard.values("message")[-1] == "Everything you entered has now been saved."


@pytest.mark.allow_logged_errors
def test_a_session_saved_by_a_retry_is_rated_on_its_saved_row(
    use_cases, store: HistoryStore, box, fake_clock, tmp_path: Path
):
    engine = run(use_cases, Choice(box, Minutes(1), SessionOptions()), fake_clock, 30)
    with write_locked(tmp_path / "history.sqlite3"):
        use_cases.sessions.finish(engine)
    use_cases.unsaved.retry()  # saved now, behind the flow's back
    use_cases.sessions.rate_after(6, 6)
    [saved] = store.newest(5)
    assert saved.ratings.tension_after == 6 and store.unsaved == ()
    assert store.count() == 1


def test_a_history_kept_in_memory_keeps_the_session_until_close(box, fake_clock, shipped):
    in_memory = HistoryStore.in_memory()
    use_cases = UseCases.build(in_memory, DictSettings(), shipped.routines, now=lambda: NOW)
    ended = use_cases.sessions.finish(run(use_cases, Choice(box, Cycles(2), SessionOptions()), fake_clock))
    assert ended.kept is Kept.UNTIL_CLOSE
    assert in_memory.newest(5) == [ended.record]


def test_the_last_words_come_back_to_the_room_or_leave_a_sleeper_in_peace(use_cases, shipped, box):
    flow = use_cases.sessions
    for_sleep, beach = shipped.get("imagery_warm_light_sleep"), shipped.get("imagery_beach_dusk")
    assert for_sleep is not None and beach is not None
    sleep_plan, beach_plan = (flow.plan(Choice(r, Cycles(1), SessionOptions())) for r in (for_sleep, beach))
    box_plan = flow.plan(Choice(box, Minutes(1), SessionOptions()))
    # Stopped early, a script says its closing: the beach comes back, the bedtime one settles softly.
    assert flow.last_words(beach_plan, stopped=True, eyes_closed=False) == beach.closing
    assert flow.last_words(sleep_plan, stopped=True, eyes_closed=True) == for_sleep.closing
    # At its end a bedtime script has said its last words already: nothing wakes the person.
    assert flow.last_words(sleep_plan, stopped=False, eyes_closed=True) is None
    assert flow.last_words(beach_plan, stopped=False, eyes_closed=True) == PROMPTS["finished"]
    assert flow.last_words(box_plan, stopped=True, eyes_closed=True) == PROMPTS["stopped"]
    assert flow.last_words(box_plan, stopped=False, eyes_closed=False) is None
