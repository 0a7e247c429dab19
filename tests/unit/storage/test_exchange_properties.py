"""JSON import, property-tested: whatever another program wrote, the answer is entries or a named refusal."""

from __future__ import annotations

import json
import tempfile
from datetime import timedelta
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from relaxapp.core.bounds import EARLIEST_DAY, EARLIEST_MOMENT, LATEST_DAY, LATEST_MOMENT
from relaxapp.core.journal import CheckIn, Episode, check_in_problems, episode_problems
from relaxapp.core.record import SessionRecord, session_problems
from relaxapp.storage.exchange import FORMAT, VERSION, ImportRefusedError, parse_document, read_import

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
        check_ins = parse_document(SOURCE, document).check_ins
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


# -- near the edges: dates around 1970 and 2100 and the ends of Python's calendar, lengths around a day and
# the ends of a float, half characters --------------------------------------------------------------------

EDGE_YEARS = st.sampled_from([1, 2, 1969, 1970, 1971, 2026, 2099, 2100, 2101, 9998, 9999])
OFFSETS = st.sampled_from(["Z", "+00:00", "+01:00", "-01:00", "+14:00", "-12:00", "+23:59", "-23:59", ""])
MOMENTS = st.builds(
    "{:04d}-{:02d}-{:02d}T{:02d}:{:02d}:00{}".format,
    EDGE_YEARS,
    st.integers(1, 12),
    st.integers(1, 31),
    st.integers(0, 23),
    st.integers(0, 59),
    OFFSETS,
)
DAYS = st.builds("{:04d}-{:02d}-{:02d}".format, EDGE_YEARS, st.integers(1, 12), st.integers(1, 31))
NUMBERS = (
    st.sampled_from([0, 0.0, -0.0, 1e-300, 9.5, 24, 24.000001, 86400, 86400.0, 86400.000001, 1e308, -1e308])
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.integers(min_value=-(2**70), max_value=2**70)
)
TEXTS = st.text(alphabet=st.characters(codec=None, exclude_categories=()), max_size=12)  # surrogates too
A_GOOD_SESSION = {
    "started_at": "2026-03-01T10:00:00+00:00", "routine_id": "box", "routine_kind": "breathing",
    "routine_title": "Box breathing", "planned_seconds": 300, "actual_seconds": 300, "completed": True,
}  # fmt: skip
A_GOOD_EPISODE = {
    "occurred_at": "2026-03-01T10:00:00+00:00", "side": "left", "place": "eyelid", "intensity": 4,
    "duration": "seconds", "note": "",
}  # fmt: skip
EDGE_SESSIONS = st.fixed_dictionaries(
    {},
    optional={
        "started_at": MOMENTS | JSON_VALUES,
        "planned_seconds": NUMBERS,
        "actual_seconds": NUMBERS,
        "routine_title": TEXTS,
        "routine_id": TEXTS,
    },
).map(lambda changes: {**A_GOOD_SESSION, **changes})
EDGE_EPISODES = st.fixed_dictionaries(
    {}, optional={"occurred_at": MOMENTS | JSON_VALUES, "intensity": NUMBERS, "note": TEXTS}
).map(lambda changes: {**A_GOOD_EPISODE, **changes})
EDGE_CHECK_INS = st.fixed_dictionaries(
    {"day": DAYS | JSON_VALUES},
    optional={"sleep_hours": NUMBERS, "screen_hours": NUMBERS, "caffeine_drinks": NUMBERS, "note": TEXTS},
)


def _history_of(sessions: object, episodes: object, check_ins: object) -> dict[str, object]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "sessions": sessions,
        "episodes": episodes,
        "check_ins": check_ins,
    }


EDGE_DOCUMENTS = st.builds(
    _history_of,
    st.lists(EDGE_SESSIONS, max_size=3),
    st.lists(EDGE_EPISODES, max_size=3),
    st.lists(EDGE_CHECK_INS, max_size=3),
)


def parsed(document: object) -> tuple[list[SessionRecord], list[Episode], list[CheckIn]] | ImportRefusedError:
    try:
        return parse_document(SOURCE, document)
    except ImportRefusedError as refusal:
        return refusal


@settings(max_examples=400, deadline=timedelta(seconds=2))
@given(document=EDGE_DOCUMENTS)
def test_entries_near_the_edges_are_read_whole_or_refused_by_name(document: dict[str, object]):
    result = parsed(document)
    if isinstance(result, ImportRefusedError):
        message = str(result)
        message.encode("utf-8")  # no half character reaches a dialog or the log
        assert message.startswith(f"{SOURCE.name} was not imported") and result.problems
        return
    sessions, episodes, check_ins, treatments, answers = result
    assert treatments == answers == []
    # What is accepted is fit for the history: core finds nothing wrong, and every moment and day is inside
    # the span in every time zone (a day's margin at each end).
    for session in sessions:
        assert session_problems(session) == []
        assert EARLIEST_MOMENT <= session.started_at < LATEST_MOMENT
    for episode in episodes:
        assert episode_problems(episode) == []
    for check_in in check_ins:
        assert check_in_problems(check_in) == []
        assert EARLIEST_DAY <= check_in.day <= LATEST_DAY


# Files no exporter writes: any text, unbalanced or deeply nested brackets, huge numbers, any bytes.
FILE_TEXTS = (
    st.text(max_size=200)
    | st.builds(lambda depth, close: "[" * depth + "]" * close, st.integers(0, 200_000), st.integers(0, 10))
    | st.builds(lambda depth: '{"a":' * depth + "1" + "}" * depth, st.integers(0, 100_000))
    | st.builds(
        lambda digits: f'{{"format": "relaxapp-history", "version": {"7" * digits}}}', st.integers(1, 9000)
    )
    | st.builds(json.dumps, EDGE_DOCUMENTS)  # ASCII: half characters as escapes
)


@settings(max_examples=150, deadline=timedelta(seconds=5))
@given(content=FILE_TEXTS.map(lambda text: text.encode("utf-8", "surrogatepass")) | st.binary(max_size=200))
def test_any_file_is_read_whole_or_refused_never_an_other_error(content: bytes):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "other-tool.json"
        path.write_bytes(content)
        try:
            entries = read_import(path)
        except ImportRefusedError as refusal:
            refused = str(refusal)
        else:
            refused = ""
    if refused:
        refused.encode("utf-8")  # no half character reaches a dialog or the log
    else:
        assert entries.total == len(entries.sessions) + len(entries.episodes) + len(entries.check_ins)
