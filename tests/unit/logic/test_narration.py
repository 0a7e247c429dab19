"""What a screen reader is told while a session runs: each rule without a window."""

from __future__ import annotations

from datetime import UTC, datetime

from relaxapp.core import timeline
from relaxapp.core.catalog import Catalog
from relaxapp.core.clock import FakeClock
from relaxapp.core.record import SessionRecord, record_of
from relaxapp.core.routine import Cycles, Minutes, Routine
from relaxapp.core.session import SessionEngine, Status
from relaxapp.core.wording import FALSE_START
from relaxapp.logic.narration import PAUSED, SessionNarration
from relaxapp.logic.sessions import EndedSession, Kept

STARTED_AT = datetime(2026, 11, 25, 8, 30, tzinfo=UTC)


def never_voiced(_words: str) -> bool:
    return False


def always_voiced(_words: str) -> bool:
    return True


def heard_over(
    engine: SessionEngine, narration: SessionNarration, clock: FakeClock, seconds: float
) -> list[str]:
    """What is announced as the session runs `seconds` on, looked at as often as a screen's frames."""
    said = []
    for _ in range(round(seconds * 60)):
        words = narration.show(engine.state_at_now())
        if words:
            said.append(words)
        clock.advance(1 / 60)
    return said


def test_the_start_says_the_routine_its_length_and_the_keys(box: Routine, shipped: Catalog):
    assert SessionNarration(timeline.build(box, Cycles(2)), never_voiced).started() == (
        "Box breathing started, 32 s. Space pauses, Escape stops."
    )
    pmr = shipped.get("pmr_4")
    assert pmr is not None
    plan = timeline.build(pmr, pmr.default_length)
    assert (
        SessionNarration(plan, never_voiced)
        .started()
        .startswith(f"{pmr.title} started, {round(plan.total_seconds) // 60} min")
    )
    assert "the arrow keys move between steps" in SessionNarration(plan, never_voiced).started()


def test_each_breath_phase_is_announced_once_not_every_frame(box: Routine, fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(box, Cycles(2)), fake_clock)
    narration = SessionNarration(engine.timeline, never_voiced)
    engine.start()
    phases = ["Breathe in", "Hold, lungs full", "Breathe out", "Rest, lungs empty"]
    assert heard_over(engine, narration, fake_clock, 16) == phases
    assert heard_over(engine, narration, fake_clock, 8) == phases[:2]


def test_a_step_too_short_to_be_said_is_left_out(shipped: Catalog, fake_clock: FakeClock):
    sigh = shipped.get("cyclic_sigh")  # in for 2 s, a top-up of 1 s, out for 5 s
    assert sigh is not None
    engine = SessionEngine(timeline.build(sigh, Cycles(1)), fake_clock)
    narration = SessionNarration(engine.timeline, never_voiced)
    engine.start()
    assert heard_over(engine, narration, fake_clock, 7.5) == [
        "In through the nose",
        "Long sigh out through your mouth",
    ]


def test_a_step_the_voice_says_is_not_announced_over_it(box: Routine, fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(box, Cycles(1)), fake_clock)
    engine.start()
    assert heard_over(engine, SessionNarration(engine.timeline, always_voiced), fake_clock, 16) == []
    # Only the words with a recording are the voice's: the others are still announced.
    engine = SessionEngine(timeline.build(box, Cycles(1)), fake_clock)
    narration = SessionNarration(engine.timeline, lambda words: words.startswith("Breathe"))
    engine.start()
    assert heard_over(engine, narration, fake_clock, 16) == ["Hold, lungs full", "Rest, lungs empty"]


def test_going_back_to_the_start_of_the_same_passage_says_it_again(shipped: Catalog, fake_clock: FakeClock):
    imagery = shipped.get("imagery_beach_dusk")  # one passage is one segment
    assert imagery is not None
    engine = SessionEngine(timeline.build(imagery, imagery.default_length), fake_clock)
    narration = SessionNarration(engine.timeline, never_voiced)
    engine.start()
    first = imagery.steps[0].text
    assert heard_over(engine, narration, fake_clock, 10) == [first]
    assert engine.skip_back()
    assert narration.show(engine.state_at_now()) == first


def test_pause_and_resume_are_said_unless_the_voice_says_them(box: Routine, fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(box, Cycles(2)), fake_clock)
    engine.start()
    fake_clock.advance(5)  # holding
    state = engine.state_at_now()
    quiet = SessionNarration(engine.timeline, never_voiced)
    assert quiet.paused(None) == PAUSED
    assert (
        quiet.paused("Paused. Press the space bar when you are ready to carry on.") == PAUSED
    )  # no recording
    assert quiet.resumed(state, voice_says_step=False) == "Resumed. Hold, lungs full"
    assert quiet.resumed(state, voice_says_step=True) == "Resumed. Hold, lungs full"
    spoken = SessionNarration(engine.timeline, always_voiced)
    assert spoken.paused("Paused. Press the space bar when you are ready to carry on.") is None
    assert spoken.paused(None) == PAUSED  # the voice says nothing of a pause unless the eyes are closed
    assert spoken.resumed(state, voice_says_step=True) is None
    assert spoken.resumed(state, voice_says_step=False) == "Resumed. Hold, lungs full"


def test_the_last_frame_of_a_session_names_no_step(box: Routine, fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(box, Cycles(1)), fake_clock)
    narration = SessionNarration(engine.timeline, never_voiced)
    engine.start()
    fake_clock.advance(11)  # breathing out
    fake_clock.advance(5)  # past the end, with no frame in between
    assert engine.state_at_now().status is Status.FINISHED
    assert narration.show(engine.state_at_now()) is None


def test_only_a_false_start_is_said_at_the_end(box: Routine, fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(box, Minutes(5)), fake_clock)
    narration = SessionNarration(engine.timeline, never_voiced)
    engine.start()
    fake_clock.advance(3)
    engine.stop()
    record: SessionRecord = record_of(engine, STARTED_AT)
    assert narration.ended(EndedSession(record, Kept.NOT_KEPT)) == FALSE_START
    assert narration.ended(EndedSession(record, Kept.SAVED)) is None  # the summary page speaks for it
