from __future__ import annotations

from datetime import UTC, datetime

from relaxapp.core.record import (
    NOT_ASKED,
    SKIPPED,
    Ratings,
    Scale,
    SessionRecord,
    score_problem,
    session_problems,
)
from relaxapp.core.routine import RoutineKind


def record(**changes: object) -> SessionRecord:
    fields: dict[str, object] = {
        "routine_id": "box",
        "routine_kind": RoutineKind.BREATHING,
        "routine_title": "Box breathing",
        "started_at": datetime(2026, 11, 25, 9, 0, tzinfo=UTC),
        "planned_seconds": 176.0,
        "actual_seconds": 176.0,
        "completed": True,
    }
    fields.update(changes)
    return SessionRecord(**fields)  # type: ignore[arg-type]


def test_the_change_is_after_minus_before_on_each_scale():
    ratings = Ratings(tension_before=7, twitch_before=5, tension_after=3, twitch_after=6)
    assert ratings.change(Scale.TENSION) == -4
    assert ratings.change(Scale.TWITCH) == 1


def test_no_change_unless_both_ends_were_answered():
    assert Ratings(tension_before=7, tension_after=SKIPPED).change(Scale.TENSION) is None
    assert Ratings(tension_before=None, tension_after=3).change(Scale.TENSION) is None
    assert Ratings(tension_before=0, tension_after=0).change(Scale.TENSION) == 0


def test_skipped_and_never_asked_are_different_answers():
    assert NOT_ASKED.scores() == dict.fromkeys(
        ("tension_before", "twitch_before", "tension_after", "twitch_after")
    )
    assert Ratings(twitch_after=SKIPPED) != NOT_ASKED


def test_a_record_made_without_ratings_was_never_asked():
    assert record().ratings == NOT_ASKED


def test_a_rating_out_of_range_names_the_field_and_value():
    assert score_problem("tension_after", 11) == "tension_after: 11 is not from 0 to 10"
    assert score_problem("twitch_before", -1) == "twitch_before: -1 is not from 0 to 10"
    assert score_problem("twitch_before", 2.5) == "twitch_before: 2.5 is not a whole number from 0 to 10"
    assert score_problem("twitch_before", True) == "twitch_before: True is not a whole number from 0 to 10"
    assert [score_problem("x", v) for v in (0, 10, None, SKIPPED)] == [None] * 4


def test_session_problems_list_every_bad_field():
    bad = record(
        started_at=datetime(2026, 11, 25, 9, 0),
        planned_seconds=0.0,
        actual_seconds=-1.0,
        ratings=Ratings(tension_before=12),
    )
    assert session_problems(bad) == [
        "started_at: 2026-11-25T09:00:00 has no time zone",
        "planned_seconds: 0.0 is not a number of seconds more than 0 and at most 86400 (a day)",
        "actual_seconds: -1.0 is not a number of seconds from 0 to 86400 (a day)",
        "tension_before: 12 is not from 0 to 10",
    ]
    assert session_problems(record(ratings=Ratings(3, SKIPPED, 1, None))) == []


def test_a_question_asked_and_left_alone_counts_as_skipped():
    before = NOT_ASKED.asked_before(6, None)
    assert before == Ratings(tension_before=6, twitch_before=SKIPPED)
    assert before.asked_after(None, 2) == Ratings(6, SKIPPED, SKIPPED, 2)


def test_a_revised_answer_taken_back_is_skipped_but_never_asked_stays_so():
    ratings = Ratings(tension_before=5, twitch_before=None, tension_after=3, twitch_after=None)
    revised = ratings.revised(
        {"tension_before": None, "twitch_before": None, "tension_after": 2, "twitch_after": 4}
    )
    assert revised == Ratings(SKIPPED, None, 2, 4)
