"""Routine, tips and safety files, property-tested: whatever a file holds, the answer is the content or
the app's own error naming the file, never another exception, and soon."""

from __future__ import annotations

import tomllib
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
import tomli_w
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from relaxapp.core.catalog import RoutineFileError, load_routine_file
from relaxapp.core.datafile import DataFileError
from relaxapp.core.routine import Routine
from relaxapp.core.safety import load_checklist
from relaxapp.core.tips import load_tips
from relaxapp.storage import paths

# Each example reads one small file: a second is generous, and a parser that hangs or goes quadratic
# on some input fails here instead of at someone's start-up.
FUZZ = settings(max_examples=150, deadline=timedelta(seconds=1), suppress_health_check=[HealthCheck.too_slow])
# What a TOML file can hold, in any field: numbers past a float's range, text with control characters.
TOML_SCALARS = (
    st.booleans()
    | st.integers(min_value=-(10**400), max_value=10**400)
    | st.sampled_from([10**309, -(2**1100), 10**1000])  # past a float's range: drawn often, not by luck
    | st.floats()
    | st.text(max_size=20)
    | st.dates()
    | st.datetimes()
)
TOML_VALUES = TOML_SCALARS | st.recursive(
    TOML_SCALARS,
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=6,
)
ROUTINE_KEYS = ("kind", "title", "summary", "guidance", "read_first", "default_minutes", "default_cycles",
                "max_cycles", "ambience", "closing", "steps", "colour")  # fmt: skip
STEP_KEYS = ("kind", "seconds", "text", "cue", "fill", "title", "image", "stage", "optional", "colour")
GOOD: dict[str, Any] = {
    "kind": "breathing",
    "title": "Calm",
    "summary": "A test rhythm.",
    "default_minutes": 2,
    "steps": [
        {"kind": "inhale", "seconds": 4, "text": "In"},
        {"kind": "exhale", "seconds": 6, "text": "Out"},
    ],
}
# Pieces of TOML, strung together at random: most strings of them are not TOML, some nearly are.
TOML_PIECES = st.sampled_from([
    "[", "]", "[[", "]]", "{", "}", "=", ",", ".", '"', "'", '"""', "'''", "\n", "\r\n", " ", "#", "\\",
    "\\u0000", "\\u001b", "kind", "steps", "seconds", "title", '"breathing"', "4", "-0", "1e999", "inf",
    "nan", "0x" + "f" * 300, "9" * 400, "1979-05-27T07:32:00", "+99:99", "true", "\ufeff", "\x00", "\udcff",
])  # fmt: skip


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("fuzzed")


def routine_from(path: Path, content: bytes) -> Routine | RoutineFileError:
    path.write_bytes(content)
    result = load_routine_file(path)
    assert isinstance(result, Routine | RoutineFileError)
    if isinstance(result, RoutineFileError):
        said = str(result)
        assert said.startswith(f"{path.name}: ") or said.startswith(f"{path.name}, ")
        assert said.isprintable(), said  # fit for the banner, the log and a terminal
    return result


@FUZZ
@given(
    changes=st.dictionaries(st.sampled_from(ROUTINE_KEYS), TOML_VALUES, max_size=3),
    step_changes=st.dictionaries(st.sampled_from(STEP_KEYS), TOML_VALUES, max_size=3),
)
def test_any_value_in_any_field_gives_a_routine_or_a_named_problem(
    folder: Path, changes: dict[str, Any], step_changes: dict[str, Any]
):
    first_step = {**GOOD["steps"][0], **step_changes}
    document = {**GOOD, "steps": [first_step, GOOD["steps"][1]], **changes}
    routine_from(folder / "calm.toml", tomli_w.dumps(document).encode())


@FUZZ
@given(content=st.binary(max_size=2000))
def test_any_bytes_give_a_routine_or_a_named_problem(folder: Path, content: bytes):
    routine_from(folder / "calm.toml", content)


@FUZZ
@given(pieces=st.lists(TOML_PIECES | st.text(max_size=4), max_size=60))
def test_any_text_gives_a_routine_or_a_named_problem(folder: Path, pieces: list[str]):
    routine_from(folder / "calm.toml", "".join(pieces).encode("utf-8", "surrogatepass"))


@FUZZ
@given(depth=st.integers(min_value=1, max_value=3000), opening=st.sampled_from(["[", "{ a = ", "[{ a = "]))
def test_any_depth_of_nesting_gives_a_routine_or_a_named_problem(folder: Path, depth: int, opening: str):
    closing = {"[": "]", "{ a = ": " }", "[{ a = ": " }]"}[opening]
    text = tomli_w.dumps(GOOD) + f"guidance = {opening * depth}1{closing * depth}\n"
    routine_from(folder / "calm.toml", text.encode())


def shipped(name: str) -> dict[str, Any]:
    return tomllib.loads((paths.content_dir() / name).read_text(encoding="utf-8"))


TIPS, CHECKLIST = shipped("tips.toml"), shipped("safety.toml")


def with_change(document: dict[str, Any], table: str, number: int, key: str, value: object) -> dict[str, Any]:
    """The document with one field of one of its [[table]] entries (or [table] tables) set to `value`."""
    entries = document[table]
    if isinstance(entries, list):
        changed = [dict(entry) for entry in entries]
        changed[number % len(changed)][key] = value
    else:
        changed = dict(entries)
        changed[sorted(changed)[number % len(changed)] if key == "*" else key] = value
    return {**document, table: changed}


def guidance_from(path: Path, document: dict[str, Any], load: Any) -> None:
    path.write_text(tomli_w.dumps(document), encoding="utf-8")
    try:
        load(path)
    except DataFileError as error:
        problem = error
    else:
        return
    assert problem.path == path
    assert str(problem).isprintable(), str(problem)


@FUZZ
@given(
    table=st.sampled_from(["sections", "tips", "synonyms"]),
    number=st.integers(min_value=0, max_value=500),
    key=st.sampled_from(["id", "section", "title", "body", "try", "action", "daily", "intro", "*"]),
    value=TOML_VALUES,
)
def test_any_value_in_the_tips_gives_tips_or_a_named_problem(
    folder: Path, table: str, number: int, key: str, value: object
):
    document = with_change(TIPS, table, number, key, value)
    guidance_from(folder / "tips.toml", document, lambda path: load_tips(path, {"box", "pmr_4"}))


@FUZZ
@given(
    table=st.sampled_from(["questions", "professionals", "answers", "page"]),
    number=st.integers(min_value=0, max_value=500),
    key=st.sampled_from(["id", "urgency", "text", "see", "advice", "title", "body", "notes", "*"]),
    value=TOML_VALUES,
)
def test_any_value_in_the_safety_check_gives_a_checklist_or_a_named_problem(
    folder: Path, table: str, number: int, key: str, value: object
):
    document = with_change(CHECKLIST, table, number, key, value)
    guidance_from(folder / "safety.toml", document, load_checklist)
