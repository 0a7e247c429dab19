"""The welcome question's file: every answer names routines that exist, and a broken file says where."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relaxapp.core.catalog import Catalog
from relaxapp.core.datafile import DataFileError, FieldError
from relaxapp.core.preferences import Preferences
from relaxapp.core.welcome import MAX_SUGGESTED, MIN_SUGGESTED, Answer, load_welcome, parse_welcome
from relaxapp.storage import paths

SHIPPED = paths.content_dir() / "welcome.toml"
ROUTINES = {"box", "pmr_7", "coherent", "massage_eyes_brow"}
GOOD = """
question = "What brings you here?"
intro = "Choose one."

[[answers]]
id = "eyelid"
label = "An eyelid that flickers"
detail = "Often one lower eyelid."
start_with = "massage_eyes_brow"
suggested = ["massage_eyes_brow", "box"]

[[answers]]
id = "tension"
label = "General tension"
detail = "A tight jaw."
start_with = "pmr_7"
suggested = ["pmr_7", "coherent", "box"]
eyes_closed = false
"""


def test_the_shipped_question_covers_the_four_reasons_with_routines_that_exist(shipped: Catalog):
    question = load_welcome(SHIPPED, {routine.id for routine in shipped.routines})
    assert [answer.id for answer in question.answers] == ["eyelid", "one_side", "both_eyes", "tension"]
    for answer in question.answers:
        assert MIN_SUGGESTED <= len(answer.suggested) <= MAX_SUGGESTED
        assert answer.start_with in answer.suggested
    both_eyes = question.answer("both_eyes")
    assert both_eyes is not None and both_eyes.eyes_closed  # eyes that squeeze shut: the voice leads
    assert question.answer("nothing") is None


def test_the_eyelid_note_names_the_signs_that_need_a_doctor(shipped: Catalog):
    answer = load_welcome(SHIPPED, {routine.id for routine in shipped.routines}).answer("eyelid")
    assert answer is not None
    note = " ".join(answer.note.split())
    assert "usually settles" not in note  # close to an all-clear
    for sign in ("droops", "double", "weak", "more than a few weeks", "Warning signs"):
        assert sign in note


def test_an_answer_keeps_itself_and_switches_eyes_closed_on_but_never_off():
    helps = Answer("both_eyes", "Both eyes", "", "box", ("box", "pmr_7"), eyes_closed=True)
    plain = Answer("tension", "Tension", "", "pmr_7", ("pmr_7", "box"))
    assert helps.applied_to(Preferences()) == Preferences(reason="both_eyes", eyes_closed=True)
    assert plain.applied_to(Preferences(eyes_closed=True, larger_text=True)) == Preferences(
        reason="tension", eyes_closed=True, larger_text=True
    )


FOUR = '["pmr_7", "coherent", "box", "massage_eyes_brow"]'
BROKEN = [
    ("unknown field", GOOD.replace('intro = "Choose one."', 'intro = "Choose one."\ncolour = 3'), "colour"),
    ("no answers", GOOD.split("[[answers]]", maxsplit=1)[0], "answers"),
    ("unknown routine", GOOD.replace('"massage_eyes_brow", "box"]', '"massage_eyes_brow", "yoga"]'),
     "answers[1].suggested[2]"),
    ("start with an unknown routine", GOOD.replace('start_with = "pmr_7"', 'start_with = "nap"'),
     "answers[2].start_with"),
    ("one suggestion", GOOD.replace('["massage_eyes_brow", "box"]', '["box"]'), "answers[1].suggested"),
    ("four suggestions", GOOD.replace('["pmr_7", "coherent", "box"]', FOUR), "answers[2].suggested"),
    ("twice the same", GOOD.replace('["massage_eyes_brow", "box"]', '["box", "box"]'),
     "answers[1].suggested"),
    ("same id", GOOD.replace('id = "tension"', 'id = "eyelid"'), "answers[2].id"),
    ("bad id", GOOD.replace('id = "tension"', 'id = "Ten sion"'), "answers[2].id"),
    ("eyes closed as text", GOOD.replace("eyes_closed = false", 'eyes_closed = "yes"'),
     "answers[2].eyes_closed"),
    ("label on two lines", GOOD.replace('"General tension"', '"General\\ntension"'), "answers[2].label"),
    ("no question", GOOD.replace('question = "What brings you here?"', ""), "question"),
]  # fmt: skip


@pytest.mark.parametrize(("content", "field"), [(c, f) for _, c, f in BROKEN], ids=[n for n, _, _ in BROKEN])
def test_a_broken_file_names_its_field(tmp_path: Path, content: str, field: str):
    path = tmp_path / "welcome.toml"
    path.write_text(content)
    with pytest.raises(DataFileError) as raised:
        load_welcome(path, ROUTINES)
    assert raised.value.field == field
    assert str(raised.value).startswith(f"welcome.toml, {field}: ")


def test_the_good_file_loads(tmp_path: Path):
    path = tmp_path / "welcome.toml"
    path.write_text(GOOD)
    question = load_welcome(path, ROUTINES)
    assert question.answer("eyelid") == Answer(
        "eyelid", "An eyelid that flickers", "Often one lower eyelid.", "massage_eyes_brow",
        ("massage_eyes_brow", "box"),
    )  # fmt: skip


KEYS = ["id", "label", "detail", "start_with", "suggested", "note", "eyes_closed", "other"]
VALUES = st.none() | st.booleans() | st.integers() | st.sampled_from(sorted(ROUTINES)) | st.text(max_size=12)
ANSWERS = st.lists(
    st.dictionaries(st.sampled_from(KEYS), VALUES | st.lists(VALUES, max_size=4), max_size=8), max_size=3
)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.fixed_dictionaries({"question": VALUES, "intro": VALUES, "answers": ANSWERS | VALUES}))
def test_any_shape_of_data_is_a_question_or_a_message_naming_the_file(data):
    # datafile.load turns a FieldError, TypeError or ValueError into a DataFileError naming the file and
    # field; anything else would escape as a traceback.
    try:
        parse_welcome(data, ROUTINES)
    except (FieldError, TypeError, ValueError):
        return
