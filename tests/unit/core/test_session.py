from __future__ import annotations

from datetime import UTC, datetime

import pytest

from relaxapp.core import timeline
from relaxapp.core.clock import FakeClock
from relaxapp.core.record import record_of
from relaxapp.core.routine import Cycles, Minutes, Routine, StepKind
from relaxapp.core.session import SessionEngine, SessionStateError, Status


def test_box_breathing_twenty_minutes_ends_on_time(box: Routine, fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(box, Minutes(20)), fake_clock)
    engine.start()
    fake_clock.advance(1199.999)
    assert engine.state_at_now().status is Status.RUNNING
    fake_clock.advance(0.001)
    state = engine.state_at_now()
    assert state.status is Status.FINISHED
    assert state.elapsed == 1200.0
    assert state.remaining == 0.0


def test_every_phase_boundary_falls_on_its_exact_second(box: Routine, fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(box, Minutes(20)), fake_clock)
    engine.start()
    kinds = [StepKind.INHALE, StepKind.HOLD, StepKind.EXHALE, StepKind.HOLD]
    for second in range(1200):
        state = engine.state_at_now()
        phase_index = (second // 4) % 4
        assert state.segment_index == second // 4
        assert state.segment.step.kind is kinds[phase_index]
        assert state.step_seconds_left == pytest.approx(4 - second % 4)
        fake_clock.advance(1)
    assert engine.status is Status.FINISHED


def test_lung_fill_eases_from_empty_to_full_while_breathing_in(box: Routine, fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(box, Cycles(1)), fake_clock)
    engine.start()
    fills = []
    for _ in range(5):
        fills.append(engine.state_at_now().lung_fill)
        fake_clock.advance(1)
    assert fills[0] == 0.0
    assert fills[2] == pytest.approx(0.5)
    assert fills[4] == pytest.approx(1.0)
    assert fills[1] - fills[0] < fills[2] - fills[1]  # a slow start, like a real breath


def test_a_hold_is_still_and_knows_when_its_counters_next_change(shipped, fake_clock: FakeClock):
    coherent = shipped.get("coherent")
    box_engine = SessionEngine(timeline.build(shipped.get("box"), Cycles(2)), fake_clock)
    box_engine.start()
    assert not box_engine.state_at_now().is_still
    fake_clock.advance(5.25)  # holding, 2.75 s of the hold left, 26.75 s of the session
    state = box_engine.state_at_now()
    assert state.is_still
    assert state.seconds_until_counters_change() == pytest.approx(0.75)
    fake_clock.advance(0.75)
    assert box_engine.state_at_now().seconds_until_counters_change() == pytest.approx(1.0)
    # Coherent phases of 5.5 s: the phase counter and the session clock tick at different moments.
    engine = SessionEngine(timeline.build(coherent, Cycles(2)), fake_clock)
    engine.start()
    fake_clock.advance(12.0)  # 4.5 s left in the second breath in, 10 s left in the session
    assert engine.state_at_now().seconds_until_counters_change() == pytest.approx(0.5)
    fake_clock.advance(0.5)  # the phase shows 4 s for a whole second more, the session clock ticks in 0.5
    assert engine.state_at_now().seconds_until_counters_change() == pytest.approx(0.5)


def test_pause_shifts_the_end_by_exactly_the_paused_time(box: Routine, fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(box, Minutes(1)), fake_clock)
    engine.start()
    fake_clock.advance(10)
    engine.pause()
    fake_clock.advance(37.5)
    paused = engine.state_at_now()
    assert paused.status is Status.PAUSED
    assert paused.elapsed == 10.0
    engine.resume()
    fake_clock.advance(53.999)  # 1 min of box is 4 whole cycles: 64 s
    assert engine.status is Status.RUNNING
    fake_clock.advance(0.001)
    assert engine.status is Status.FINISHED
    assert engine.elapsed() == 64.0


def test_many_pauses_add_up_without_drift(box: Routine, fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(box, Minutes(20)), fake_clock)
    engine.start()
    for _ in range(1000):
        fake_clock.advance(1.1)
        engine.pause()
        fake_clock.advance(0.7)
        engine.resume()
    assert engine.elapsed() == pytest.approx(1100.0, abs=1e-6)


def test_the_clock_time_of_a_moment_moves_with_pauses(box: Routine, fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(box, Minutes(1)), fake_clock)
    engine.start()
    assert engine.clock_time_at(64) == 1064.0
    fake_clock.advance(5)
    engine.pause()
    fake_clock.advance(10)
    assert engine.clock_time_at(64) == 1074.0
    engine.resume()
    assert engine.clock_time_at(64) == 1074.0


def test_stop_records_the_actual_seconds(box: Routine, fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(box, Minutes(5)), fake_clock)
    engine.start()
    fake_clock.advance(42.25)
    engine.stop()
    fake_clock.advance(100)
    assert engine.status is Status.STOPPED
    record = record_of(engine, datetime(2026, 11, 25, 8, 30, tzinfo=UTC))
    assert record.actual_seconds == 42.25
    assert record.planned_seconds == 304.0  # 300 s is 18.75 box cycles: rounded to 19
    assert record.completed is False
    assert record.routine_id == "box"
    assert record.worth_keeping()


def test_stop_while_paused_keeps_only_the_time_before_the_pause(box: Routine, fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(box, Minutes(5)), fake_clock)
    engine.start()
    fake_clock.advance(20)
    engine.pause()
    fake_clock.advance(300)
    engine.stop()
    assert engine.elapsed() == 20.0


def test_a_false_start_is_not_worth_keeping(box: Routine, fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(box, Minutes(5)), fake_clock)
    engine.start()
    fake_clock.advance(3)
    engine.stop()
    assert not record_of(engine, datetime.now(UTC)).worth_keeping()


def test_finished_session_record_is_complete(box: Routine, fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(box, Cycles(2)), fake_clock)
    engine.start()
    fake_clock.advance(40)
    record = record_of(engine, datetime.now(UTC))
    assert record.completed
    assert record.actual_seconds == record.planned_seconds == 32.0


def test_cues_come_once_each_in_order_and_none_after_a_stop(box: Routine, fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(box, Cycles(1)), fake_clock)
    assert engine.seconds_to_next_cue() is None
    engine.start()
    assert [c.cue for c in engine.take_due_cues()] == ["bell_start"]
    assert engine.take_due_cues() == []
    assert engine.seconds_to_next_cue() == 4.0
    fake_clock.advance(9)
    assert [c.cue for c in engine.take_due_cues()] == ["hold", "exhale"]
    assert engine.seconds_to_next_cue() == 3.0
    engine.pause()
    assert engine.seconds_to_next_cue() is None
    engine.resume()
    engine.stop()
    fake_clock.advance(100)
    assert engine.take_due_cues() == []


def test_the_end_bell_is_due_at_the_end(box: Routine, fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(box, Cycles(1)), fake_clock)
    engine.start()
    engine.take_due_cues()
    fake_clock.advance(16)
    assert [c.cue for c in engine.take_due_cues()] == ["hold", "exhale", "hold", "bell_end"]


@pytest.mark.parametrize("action", ["pause", "resume", "stop"])
def test_controls_that_mean_nothing_now_are_refused(box: Routine, fake_clock: FakeClock, action: str):
    engine = SessionEngine(timeline.build(box, Cycles(1)), fake_clock)
    with pytest.raises(SessionStateError, match=f"cannot {action} a session that is idle"):
        getattr(engine, action)()


def test_a_session_cannot_start_twice(box: Routine, fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(box, Cycles(1)), fake_clock)
    engine.start()
    with pytest.raises(SessionStateError):
        engine.start()
