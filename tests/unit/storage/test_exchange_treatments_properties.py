"""A treatment, an episode's places and a warning-signs answer in an import, property-tested: whatever a
field holds, the entry is read whole and fit for the history, or refused naming that entry and field."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from relaxapp.core.journal import episode_problems, safety_check_problems, treatment_problems
from relaxapp.storage.exchange import FORMAT, VERSION, ImportRefusedError, parse_document
from tests.unit.storage.test_exchange_properties import JSON_VALUES

SOURCE = Path("other-tool.json")
A_GOOD = {
    "treatments": {
        "given_on": "2026-11-20",
        "kind": "injection",
        "name": "Botox",
        "side": "both",
        "places": ["eyelid", "brow"],
        "dose": "25 units",
        "note": "",
    },
    "episodes": {
        "occurred_at": "2026-11-20T09:00:00.000+00:00",
        "side": "left",
        "places": ["eyelid", "cheek"],
        "intensity": 4,
        "duration": "seconds",
        "note": "",
    },
    "safety_checks": {
        "checked_at": "2026-11-20T20:30:00.000+00:00",
        "urgency": "soon",
        "signs": ["spreading"],
    },
}
# Places as a file may name them: known ones, twice, in any order, or something else altogether.
PLACES = st.lists(
    st.sampled_from(["eyelid", "brow", "cheek", "mouth", "chin", "neck", "other", "nose"]), max_size=4
)


@st.composite
def changed_entry(draw: st.DrawFn) -> tuple[str, dict[str, object], set[str]]:
    section = draw(st.sampled_from(sorted(A_GOOD)))
    fields = [*sorted(A_GOOD[section]), "place", "unknown"]
    values = JSON_VALUES | PLACES
    changes = draw(st.dictionaries(st.sampled_from(fields), values, min_size=1, max_size=3))
    return section, {**A_GOOD[section], **changes}, set(changes)


@settings(max_examples=400, deadline=None)
@given(changed=changed_entry())
def test_any_value_in_a_new_field_is_read_whole_or_refused_by_name(changed):
    section, entry, changed_fields = changed
    document = {"format": FORMAT, "version": VERSION, section: [entry]}
    try:
        sections = parse_document(SOURCE, document)
    except ImportRefusedError as refusal:
        named = str(refusal)
        assert any(f"{section}[0].{field}" in named for field in changed_fields | {"place", "places"})
        return
    [read] = getattr(sections, section)
    problems = {
        "treatments": treatment_problems,
        "episodes": episode_problems,
        "safety_checks": safety_check_problems,
    }
    assert problems[section](read) == []
    if section != "safety_checks":
        places = [entry["place"]] if "place" in entry else entry.get("places") or []
        assert {place.value for place in read.places} == set(places)
