from __future__ import annotations

import itertools
from datetime import date
from pathlib import Path

import pytest

from relaxapp.core.datafile import DataFileError
from relaxapp.core.safety import Checklist, Urgency, load_checklist, visit_summary
from relaxapp.storage import paths

SHIPPED = paths.content_dir() / "safety.toml"
EMERGENCY_SIGNS = ("sudden_droop", "sudden_weakness", "sudden_speech", "sudden_sight")
SOON_SIGNS = ("persistent", "vision", "daily_life", "slow_droop", "spreading", "eye_signs")


@pytest.fixture(scope="module")
def checklist() -> Checklist:
    return load_checklist(SHIPPED)


def test_the_shipped_checklist_asks_about_every_warning_sign(checklist: Checklist):
    asked = {question.id: question.urgency for question in checklist.questions}
    assert asked == {
        **dict.fromkeys(EMERGENCY_SIGNS, Urgency.EMERGENCY),
        **dict.fromkeys(SOON_SIGNS, Urgency.SOON),
    }
    # The emergency signs come first on the list.
    assert [q.id for q in checklist.questions[:4]] == list(EMERGENCY_SIGNS)


ALL_SIGNS = EMERGENCY_SIGNS + SOON_SIGNS
COMBINATIONS = [
    frozenset(sign for sign, ticked in zip(ALL_SIGNS, pattern, strict=True) if ticked)
    for pattern in itertools.product((False, True), repeat=len(ALL_SIGNS))
]


def expected_urgency(ticked: frozenset[str]) -> Urgency:
    if ticked & set(EMERGENCY_SIGNS):
        return Urgency.EMERGENCY
    if ticked:
        return Urgency.SOON
    return Urgency.SELF_CARE


def test_every_combination_of_signs_gets_the_right_one_of_three_answers(checklist: Checklist):
    assert len(COMBINATIONS) == 2 ** len(ALL_SIGNS)
    for ticked in COMBINATIONS:
        assessment = checklist.assess(ticked)
        assert assessment.urgency is expected_urgency(ticked), sorted(ticked)
        assert assessment.answer == checklist.answers[assessment.urgency]
        if assessment.urgency is Urgency.EMERGENCY:
            # Nothing else to do first: no visit to plan, only the call.
            assert assessment.professionals == ()
            assert {q.id for q in assessment.reasons} == ticked & set(EMERGENCY_SIGNS)
        elif assessment.urgency is Urgency.SOON:
            assert {q.id for q in assessment.reasons} == ticked
            assert assessment.professionals, sorted(ticked)
        else:
            assert assessment.reasons == ()


@pytest.mark.parametrize(
    ("ticked", "who"),
    [
        ({"vision"}, ["eye_doctor", "neurologist"]),
        ({"eye_signs"}, ["eye_doctor"]),
        ({"persistent", "spreading"}, ["primary_care", "neurologist"]),
        ({"daily_life"}, ["primary_care", "mental_health"]),
    ],
)
def test_a_soon_answer_names_whom_to_see_without_repeats(checklist: Checklist, ticked, who):
    assert [p.id for p in checklist.assess(ticked).professionals] == who


def test_the_answers_say_the_right_thing_plainly(checklist: Checklist):
    emergency = checklist.answers[Urgency.EMERGENCY]
    assert "emergency" in emergency.title.lower()
    assert "stroke" in emergency.body
    assert checklist.answers[Urgency.SOON].notes  # what to write down for the visit
    assert "Check again" in checklist.answers[Urgency.SELF_CARE].body
    assert "not replace a doctor" in checklist.notice.body


def test_an_unknown_sign_is_refused(checklist: Checklist):
    with pytest.raises(ValueError, match="no such warning sign: sneezing"):
        checklist.assess({"sneezing"})


BROKEN = [
    ("bad toml", "[[questions]]", "[[questions]", "is not valid TOML"),
    ("unknown urgency", 'urgency = "emergency"', 'urgency = "whenever"', "must be 'emergency' or 'soon'"),
    ("soon without whom", 'see = ["eye_doctor"]\n', "", "must say whom to see"),
    ("unknown professional", 'see = ["eye_doctor"]', 'see = ["dentist"]', "must list professionals"),
    ("missing answer", "[answers.self_care]", "[answers.whatever]", "is not a known field"),
    ("empty title", 'title = "Call emergency services now"', 'title = ""', "non-empty text"),
]


@pytest.mark.parametrize(("case", "old", "new", "message"), BROKEN, ids=[case[0] for case in BROKEN])
def test_a_broken_safety_file_names_the_problem(tmp_path: Path, case, old, new, message):
    source = SHIPPED.read_text()
    broken = tmp_path / "safety.toml"
    assert old in source, case
    broken.write_text(source.replace(old, new, 1))
    with pytest.raises(DataFileError, match=message):
        load_checklist(broken)


def test_a_visit_summary_lists_the_signs_whom_to_see_and_room_for_notes(checklist: Checklist):
    summary = visit_summary(checklist.assess({"persistent", "eye_signs"}), date(2026, 11, 25))
    assert summary.startswith("Notes for a doctor's visit — 25 November 2026")
    assert "The eye is red, swollen or has a discharge." in summary
    assert "A neurologist" in summary
    assert "An eye doctor (ophthalmologist)" in summary
    assert summary.count("  ___") == len(checklist.answers[Urgency.SOON].notes)
    assert summary.endswith("not a diagnosis.")
