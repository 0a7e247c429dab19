"""JSON import, property-tested: whatever another program wrote, the answer is entries or a named refusal."""

from __future__ import annotations

import json
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from relaxapp.core.journal import CheckIn
from relaxapp.storage.exchange import FORMAT, VERSION, ImportRefusedError, parse_document

SOURCE = Path("other-tool.json")
# What json.loads can give back: the values a hand-edited or foreign file may hold in any field.
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**70), max_value=2**70)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=10), children, max_size=3)
    ),
    max_leaves=8,
)
CHECK_IN_FIELDS = (
    "day", "sleep_hours", "caffeine_drinks", "stress", "water_glasses", "note",
    "alcohol_drinks", "screen_hours", "dry_eyes",
)  # fmt: skip
A_GOOD_CHECK_IN = {
    "day": "2026-11-20",
    "sleep_hours": 7,
    "caffeine_drinks": 2,
    "stress": 4,
    "water_glasses": 6,
    "note": "",
    "alcohol_drinks": 1,
    "screen_hours": 9.5,
    "dry_eyes": True,
}


def document_with(check_ins: list[object]) -> dict[str, object]:
    return {"format": FORMAT, "version": VERSION, "sessions": [], "episodes": [], "check_ins": check_ins}


def read(document: object) -> list[CheckIn] | ImportRefusedError:
    """The check-ins read from the document, or the refusal a person would be shown."""
    try:
        _, _, check_ins = parse_document(SOURCE, document)
    except ImportRefusedError as refusal:
        return refusal
    return check_ins


@settings(max_examples=400, deadline=None)
@given(changes=st.dictionaries(st.sampled_from(CHECK_IN_FIELDS), JSON_VALUES, max_size=4))
def test_any_value_in_a_check_in_field_is_read_or_refused_by_name(changes: dict[str, object]):
    entry = {**A_GOOD_CHECK_IN, **changes}
    result = read(document_with([entry]))
    if isinstance(result, ImportRefusedError):
        named = str(result)
        assert str(SOURCE) in named
        assert any(f"check_ins[0].{field}" in named for field in changes)
    else:
        [check_in] = result
        # What was read is what the file said, and it goes back out the same way.
        assert check_in.alcohol_drinks == entry["alcohol_drinks"]
        assert check_in.dry_eyes is entry["dry_eyes"]


@settings(max_examples=300, deadline=None)
@given(document=JSON_VALUES)
def test_any_json_document_is_read_or_refused_never_crashes(document: object):
    json.dumps(document)  # every generated value is something json.loads could have returned
    result = read(document)
    assert isinstance(result, list) or str(SOURCE) in str(result)
