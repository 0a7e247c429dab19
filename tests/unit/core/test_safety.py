from __future__ import annotations

import itertools
import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relaxapp.core.datafile import DataFileError
from relaxapp.core.safety import SIGN_LEVELS, Checklist, load_checklist, visit_notes
from relaxapp.core.urgency import Urgency
from relaxapp.storage import paths

SHIPPED = paths.content_dir() / "safety.toml"
SIGNS = {
    Urgency.EMERGENCY: (
        "sudden_balance", "sudden_sight", "sudden_double", "sudden_droop", "sudden_weakness",
        "sudden_speech", "sudden_headache", "sudden_confusion", "signs_passed",
    ),
    Urgency.TODAY: ("face_weak_days", "eye_red_painful", "sight_blurred_suddenly"),
    Urgency.SOON: (
        "persistent", "eyelid_closes", "slow_blur", "daily_life", "slow_droop", "spreading", "eye_swollen",
    ),
}  # fmt: skip
ALL_SIGNS = tuple(sign for level in SIGN_LEVELS for sign in SIGNS[level])


@pytest.fixture(scope="module")
def checklist() -> Checklist:
    return load_checklist(SHIPPED)


def test_the_shipped_checklist_asks_about_every_warning_sign_most_urgent_first(checklist: Checklist):
    asked = [(question.id, question.urgency) for question in checklist.questions]
    assert asked == [(sign, level) for level in SIGN_LEVELS for sign in SIGNS[level]]


def test_the_emergency_signs_cover_be_fast_and_signs_that_have_passed(checklist: Checklist):
    emergency = " ".join(q.text.lower() for q in checklist.questions if q.urgency is Urgency.EMERGENCY)
    for word in ("balance", "sight", "double", "face", "arm", "leg", "speech", "headache", "confused"):
        assert word in emergency, word
    passed = checklist.assess({"signs_passed"})
    assert passed.urgency is Urgency.EMERGENCY
    assert any("mini-stroke" in advice for advice in passed.advice)


def level_choices(level: Urgency) -> list[frozenset[str]]:
    """None of a level's signs, each one alone, and all of them together."""
    signs = SIGNS[level]
    return [frozenset(), *(frozenset({sign}) for sign in signs), frozenset(signs)]


# Which level's signs are ticked decides the answer; within a level, any one sign, or all, stand for the rest.
COMBINATIONS = [
    emergency | today | soon
    for emergency, today, soon in itertools.product(*(level_choices(level) for level in SIGN_LEVELS))
]


def expected_urgency(ticked: frozenset[str]) -> Urgency:
    return next((level for level in SIGN_LEVELS if ticked & set(SIGNS[level])), Urgency.SELF_CARE)


def check_assessment(checklist: Checklist, ticked: frozenset[str]) -> None:
    assessment = checklist.assess(ticked)
    urgency = expected_urgency(ticked)
    assert assessment.urgency is urgency, sorted(ticked)
    assert assessment.answer == checklist.answers[urgency]
    if urgency is Urgency.SELF_CARE:
        assert (assessment.reasons, assessment.professionals, assessment.also_noticed) == ((), (), ())
        return
    assert {q.id for q in assessment.reasons} == ticked & set(SIGNS[urgency])
    if urgency is Urgency.EMERGENCY:
        # Nothing else to do first: no visit to plan, nothing else to mention, only the call.
        assert assessment.professionals == ()
        assert assessment.also_noticed == ()
    else:
        assert assessment.professionals, sorted(ticked)
        assert {q.id for q in assessment.reasons + assessment.also_noticed} == ticked


def test_every_combination_of_levels_gets_the_right_one_of_four_answers(checklist: Checklist):
    assert len(COMBINATIONS) == (len(SIGNS[Urgency.EMERGENCY]) + 2) * (len(SIGNS[Urgency.TODAY]) + 2) * (
        len(SIGNS[Urgency.SOON]) + 2
    )
    for ticked in COMBINATIONS:
        check_assessment(checklist, ticked)
    assert {checklist.assess(ticked).urgency for ticked in COMBINATIONS} == set(Urgency)


@settings(max_examples=300, deadline=None)
@given(ticked=st.frozensets(st.sampled_from(ALL_SIGNS)))
def test_any_set_of_ticked_signs_gets_the_most_urgent_answer(ticked: frozenset[str]):
    check_assessment(load_checklist(SHIPPED), ticked)


@pytest.mark.parametrize(
    ("ticked", "who"),
    [
        ({"eyelid_closes"}, ["eye_doctor", "neurologist"]),
        ({"eye_swollen"}, ["eye_doctor"]),
        ({"persistent", "spreading"}, ["primary_care", "neurologist"]),
        ({"daily_life"}, ["primary_care", "neurologist", "eye_doctor", "mental_health"]),
        ({"face_weak_days", "persistent"}, ["primary_care"]),
        ({"eye_red_painful", "sight_blurred_suddenly"}, ["eye_doctor"]),
    ],
)
def test_a_visit_answer_names_whom_to_see_without_repeats(checklist: Checklist, ticked, who):
    assert [p.id for p in checklist.assess(ticked).professionals] == who


def test_a_face_weakening_over_days_is_a_same_day_matter_with_the_72_hour_reason(checklist: Checklist):
    assessment = checklist.assess({"face_weak_days", "slow_blur"})
    assert assessment.urgency is Urgency.TODAY
    assert [q.id for q in assessment.also_noticed] == ["slow_blur"]
    advice = " ".join(assessment.advice)
    assert "within three days" in advice
    assert "will not close" in advice
    assert "urgent appointment" in assessment.answer.body
    assert "health phone line" in assessment.answer.body


def test_the_answers_say_the_right_thing_plainly(checklist: Checklist):
    emergency = checklist.answers[Urgency.EMERGENCY]
    assert "emergency" in emergency.title.lower()
    assert "stroke" in emergency.body
    assert "already passed" in emergency.body
    assert checklist.answers[Urgency.TODAY].title == "See a doctor today"
    assert checklist.answers[Urgency.SOON].notes  # what to write down for the visit
    assert "not replace a doctor" in checklist.notice.body
    for sudden in (checklist.page.emergency_line, checklist.page.if_sudden, checklist.page.after_session):
        for sign in ("balance", "double", "face", "arm or leg", "speech", "headache", "confusion", "pass"):
            assert sign in sudden.lower(), (sign, sudden)


def test_no_ticked_sign_is_never_worded_as_an_all_clear(checklist: Checklist):
    self_care = checklist.answers[Urgency.SELF_CARE]
    words = f"{self_care.title} {self_care.body}".lower()
    assert "none of the listed warning signs" in words
    for all_clear in ("no warning signs", "nothing you ticked", "you are fine", "nothing to worry"):
        assert all_clear not in words
    assert "check again" in words
    assert "see a doctor" in words
    assert "meanwhile" in words


def test_an_unknown_sign_is_refused(checklist: Checklist):
    with pytest.raises(ValueError, match="no such warning sign: sneezing"):
        checklist.assess({"sneezing"})


BROKEN = [
    ("bad toml", "[[questions]]", "[[questions]", "is not valid TOML"),
    (
        "unknown urgency",
        'urgency = "emergency"',
        'urgency = "whenever"',
        "must be one of 'emergency', 'today'",
    ),
    (
        "same day without whom",
        'see = ["eye_doctor"]\n',
        "",
        r"questions\[11\]\.see.*'today' sign must say whom",
    ),
    ("unknown professional", 'see = ["eye_doctor"]', 'see = ["dentist"]', "must list professionals"),
    (
        "emergency with whom",
        'urgency = "emergency"\n',
        'urgency = "emergency"\nsee = ["neurologist"]\n',
        "not to a visit",
    ),
    ("no same-day sign", 'urgency = "today"', 'urgency = "soon"', "at least one 'today' question"),
    ("missing answer", "[answers.today]", "[answers.whatever]", "is not a known field"),
    ("missing group title", "today_group = ", "later_group = ", "page.*later_group"),
    ("empty title", 'title = "Call emergency services now"', 'title = ""', "non-empty text"),
]


@pytest.mark.parametrize(("case", "old", "new", "message"), BROKEN, ids=[case[0] for case in BROKEN])
def test_a_broken_safety_file_names_the_problem(tmp_path: Path, case, old, new, message):
    source = SHIPPED.read_text()
    broken = tmp_path / "safety.toml"
    assert old in source, case
    broken.write_text(source.replace(old, new))
    with pytest.raises(DataFileError, match=message):
        load_checklist(broken)


def test_an_empty_advice_is_named(tmp_path: Path):
    broken = tmp_path / "safety.toml"
    broken.write_text(
        re.sub(r'advice = """.*?"""', 'advice = "  "', SHIPPED.read_text(), count=1, flags=re.S)
    )
    with pytest.raises(DataFileError, match=r"questions\[9\]\.advice: must be a non-empty text"):
        load_checklist(broken)


def test_visit_notes_list_the_signs_whom_to_see_and_what_to_write_down(checklist: Checklist):
    notes = visit_notes(checklist.assess({"persistent", "eye_swollen"}), date(2026, 11, 25))
    assert notes.title == "Warning signs checked on 25 November 2026: please book a visit to a doctor"
    assert (
        "My eyelid is swollen, or the eye is sticky with a discharge, but it does not hurt." in notes.noticed
    )
    assert {"A neurologist", "An eye doctor (ophthalmologist)"} <= set(notes.whom)
    assert notes.to_write_down == checklist.answers[Urgency.SOON].notes


def test_same_day_notes_also_list_the_slower_signs(checklist: Checklist):
    notes = visit_notes(checklist.assess({"eye_red_painful", "persistent"}), date(2026, 11, 25))
    assert notes.noticed[0] == "My eye is red and painful, or light hurts it."
    assert any("The spasms have gone on for more than a few weeks" in sign for sign in notes.noticed[1:])
    assert notes.to_write_down == checklist.answers[Urgency.TODAY].notes
