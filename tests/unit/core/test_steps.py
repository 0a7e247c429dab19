"""Routines that run once: steps, sections to skip between, optional steps, a spoken welcome."""

from __future__ import annotations

import pytest

from relaxapp.core import timeline
from relaxapp.core.clock import FakeClock
from relaxapp.core.routine import (
    ONCE,
    Cycles,
    Minutes,
    Routine,
    RoutineKind,
    Stage,
    Step,
    StepKind,
    length_choices,
    length_problem,
    step_problems,
)
from relaxapp.core.session import SessionEngine, SessionStateError, Status
from relaxapp.core.timeline import LEAD_IN_SECONDS, START_BELL, CueEvent


def group(title: str, relax: float = 30) -> list[Step]:
    return [
        Step(StepKind.PREPARE, 8, f"Get ready: {title}", title=title, image=f"pmr/{title}"),
        Step(StepKind.TENSE, 6, "Squeeze", title=title),
        Step(StepKind.RELEASE, 4, "And let go", title=title),
        Step(StepKind.RELAX, relax, "Notice the difference", title=title),
    ]


HANDS = Routine("hands", RoutineKind.PMR, "Hands", "Two groups.", (*group("right-hand"), *group("left-hand")))


def test_a_routine_that_runs_once_lasts_as_long_as_its_steps():
    plan = timeline.build(HANDS, ONCE)
    assert plan.total_seconds == 96
    assert [s.start for s in plan.segments][:4] == [0, 8, 14, 18]
    assert length_choices(HANDS) == []
    assert length_problem(HANDS, Minutes(5)) == "Hands always runs its steps once"


def test_each_step_has_its_own_cue_and_words():
    plan = timeline.build(HANDS, ONCE)
    assert plan.cues[0] == CueEvent(0, START_BELL, "Get ready: right-hand")
    assert [(c.at, c.cue, c.words) for c in plan.cues[1:4]] == [
        (8, "tense", "Squeeze"),
        (14, "release", "And let go"),
        (18, None, "Notice the difference"),  # relaxing needs no sound
    ]
    assert plan.cues[-1].at == 96 and plan.cues[-1].words is None


def test_sections_are_groups_under_one_title():
    plan = timeline.build(HANDS, ONCE)
    assert plan.section_count == 2
    assert plan.section_index_at(47.9) == 0 and plan.section_index_at(48) == 1
    assert plan.next_section_start(10) == 48
    assert plan.next_section_start(50) is None
    assert plan.previous_section_start(49) == 0  # only just begun: the one before
    assert plan.previous_section_start(60) == 48  # well into it: its own start


def test_skipping_moves_between_sections_and_the_practised_time_leaves_them_out(fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(HANDS, ONCE), fake_clock)
    engine.start()
    fake_clock.advance(2)
    assert engine.skip_forward()
    assert engine.elapsed() == 48
    assert [c.cue for c in engine.take_due_cues()] == ["step"]  # the new group's own; the bell is passed
    assert not engine.skip_forward()  # the last section
    fake_clock.advance(10)
    assert engine.skip_back()
    assert engine.elapsed() == 48
    fake_clock.advance(48)
    assert engine.status is Status.FINISHED
    assert engine.practised() == pytest.approx(2 + 10 + 48)


def test_skipping_while_paused_waits_for_resume(fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(HANDS, ONCE), fake_clock)
    engine.start()
    engine.take_due_cues()
    engine.pause()
    assert engine.skip_forward()
    fake_clock.advance(30)
    assert engine.elapsed() == 48
    engine.resume()
    assert [c.cue for c in engine.take_due_cues()] == ["step"]


def test_a_breath_cannot_be_skipped(box: Routine, fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(box, Cycles(2)), fake_clock)
    engine.start()
    assert not engine.skip_forward() and not engine.skip_back()
    assert engine.elapsed() == 0


def test_skipping_an_idle_session_is_an_error(fake_clock: FakeClock):
    engine = SessionEngine(timeline.build(HANDS, ONCE), fake_clock)
    with pytest.raises(SessionStateError):
        engine.skip_forward()


def test_a_welcome_comes_before_the_first_step(box: Routine):
    plan = timeline.build(box, Cycles(1), lead_in="Close your eyes")
    assert plan.has_lead_in
    assert plan.segments[0].step.text == "Close your eyes" and plan.segments[0].seconds == LEAD_IN_SECONDS
    assert plan.cues[0] == CueEvent(0, START_BELL, "Close your eyes")
    assert plan.cues[1] == CueEvent(LEAD_IN_SECONDS, "inhale", "Breathe in")
    assert plan.total_seconds == LEAD_IN_SECONDS + box.cycle_seconds


def test_optional_steps_can_be_left_out():
    compress = Step(StepKind.COMPRESS, 120, "A warm cloth", optional=True, title="Warm compress")
    massage = Step(StepKind.MASSAGE, 30, "Stroke the brow", title="Brow")
    routine = Routine("m", RoutineKind.MASSAGE, "M", "M.", (compress, massage))
    assert routine.optional_steps == (compress,)
    assert routine.without_optional().steps == (massage,)
    assert routine.spoken_texts() == ["A warm cloth", "Stroke the brow"]


def passage(stage: Stage) -> Step:
    return Step(StepKind.PASSAGE, 20, f"{stage} words", stage=stage)


@pytest.mark.parametrize(
    ("kind", "steps", "problem"),
    [
        (RoutineKind.PMR, (Step(StepKind.INHALE, 4, "In"),), "a pmr routine cannot have"),
        (RoutineKind.PMR, (Step(StepKind.TENSE, 12, "Squeeze"),), "from 3 to 10 s"),
        (RoutineKind.MASSAGE, (Step(StepKind.MASSAGE, 0.5, "Rub"),), "from 1 to 600 s"),
        (RoutineKind.MASSAGE, (Step(StepKind.MASSAGE, 30, "Rub", fill=0.5),), "only breathing steps"),
        (RoutineKind.IMAGERY, (passage(Stage.SETTLE), passage(Stage.SCENE)), "always ends with 'return'"),
        (
            RoutineKind.IMAGERY,
            (passage(Stage.SETTLE), passage(Stage.RETURN), passage(Stage.SLEEP)),
            "by coming back ('return') or by drifting off ('sleep'), not both",
        ),
        (
            RoutineKind.IMAGERY,
            (passage(Stage.SETTLE), passage(Stage.SLEEP), passage(Stage.SCENE)),
            "goes back to 'scene' after 'sleep'",
        ),
        (RoutineKind.IMAGERY, (passage(Stage.SCENE), passage(Stage.RETURN)), "starts by settling"),
        (
            RoutineKind.IMAGERY,
            (passage(Stage.SETTLE), passage(Stage.DEEPEN), passage(Stage.SCENE), passage(Stage.RETURN)),
            "goes back to 'scene' after 'deepen'",
        ),
        (RoutineKind.IMAGERY, (Step(StepKind.PASSAGE, 20, "Words"),), "has no stage"),
        (RoutineKind.PMR, (), "there are no steps"),
        (RoutineKind.PMR, (Step(StepKind.RELAX, 600, "Rest"),) * 13, "more than 120 minutes"),
    ],
)
def test_step_problems_say_what_to_change(kind: RoutineKind, steps: tuple[Step, ...], problem: str):
    problems = step_problems(kind, steps)
    assert any(problem in text for text in problems), problems


def test_a_sound_imagery_script_has_no_problems():
    steps = tuple(passage(stage) for stage in Stage if stage is not Stage.SLEEP)
    assert step_problems(RoutineKind.IMAGERY, steps) == []
    assert not Routine("i", RoutineKind.IMAGERY, "I", "I.", steps).ends_in_sleep


def test_a_bedtime_script_may_end_by_drifting_off_instead_of_coming_back():
    steps = tuple(passage(stage) for stage in Stage if stage is not Stage.RETURN)
    assert step_problems(RoutineKind.IMAGERY, steps) == []
    assert Routine("i", RoutineKind.IMAGERY, "I", "I.", steps).ends_in_sleep


def test_going_back_stops_at_the_first_part_not_the_welcome():
    plan = timeline.build(HANDS, ONCE, lead_in="Close your eyes")
    first_part = plan.segments[1].start
    assert plan.previous_section_start(first_part + 1) == first_part
    assert plan.previous_section_start(first_part + 48 + 1) == first_part  # back from the second part
    assert plan.previous_section_start(5) == 0  # within the welcome, its own start
    assert plan.section_count == 2 and plan.section_index_at(first_part) == 0
