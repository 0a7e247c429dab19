from __future__ import annotations

import os
import time
from collections import Counter
from pathlib import Path

import pytest

from relaxapp.core import timeline
from relaxapp.core.catalog import MAX_ROUTINE_FILES, Catalog, load_catalog, load_routine_file
from relaxapp.core.routine import Routine, RoutineKind, Stage, StepKind
from relaxapp.storage import paths
from tests.helpers.files import fifo, without_waiting_on
from tests.helpers.routines import CALM

GOOD = CALM


def test_every_shipped_routine_loads_and_lays_out(shipped: Catalog):
    assert shipped.errors == []
    kinds = Counter(routine.kind for routine in shipped.routines)
    assert kinds[RoutineKind.PMR] >= 5 and kinds[RoutineKind.IMAGERY] >= 4 and kinds[RoutineKind.MASSAGE] >= 3
    assert {"box", "four_seven_eight", "coherent", "extended_exhale", "cyclic_sigh"} <= {
        r.id for r in shipped.routines
    }
    for routine in shipped.routines:
        assert routine.title and routine.summary
        assert all(step.text for step in routine.steps)
        assert timeline.build(routine, routine.default_length).total_seconds > 0


def test_a_good_file_becomes_a_routine_named_after_the_file(tmp_path: Path):
    path = tmp_path / "calm.toml"
    path.write_text(GOOD)
    routine = load_routine_file(path)
    assert isinstance(routine, Routine)
    assert routine.id == "calm"
    assert routine.rhythm() == "4 · 6"


BROKEN = [
    ("not toml", 'kind = "breathing\n', "", "is not valid TOML"),
    ("unknown kind", GOOD.replace('kind = "breathing"', 'kind = "yodel"'), "kind", "'yodel' is not a kind"),
    (
        "breath steps in a pmr routine",
        GOOD.replace('kind = "breathing"', 'kind = "pmr"'),
        "steps[1].kind",
        "'inhale' is not a step a pmr routine",
    ),
    ("no title", GOOD.replace('title = "Calm"', ""), "title", "is missing"),
    ("empty title", GOOD.replace('title = "Calm"', 'title = "  "'), "title", "non-empty text"),
    ("title not text", GOOD.replace('title = "Calm"', "title = 3"), "title", "non-empty text"),
    ("unknown field", 'colour = "blue"\n' + GOOD, "colour", "is not a known field"),
    ("unknown motion", 'motion = "snow"\n' + GOOD, "motion", "'snow' is not a movement of a scene"),
    ("motion of a breath", 'motion = "rain"\n' + GOOD, "motion", "only an imagery routine"),
    ("no steps", GOOD.split("[[steps]]", maxsplit=1)[0], "steps", "must be a list"),
    ("negative seconds", GOOD.replace("seconds = 4", "seconds = -4"), "steps", "lasts -4 s"),
    ("absurd seconds", GOOD.replace("seconds = 6", "seconds = 6000"), "steps", "at most 60 s"),
    (
        "seconds as text",
        GOOD.replace("seconds = 4", 'seconds = "four"'),
        "steps[1].seconds",
        "must be a number",
    ),
    ("missing seconds", GOOD.replace("seconds = 4\n", ""), "steps[1].seconds", "is missing"),
    ("unknown step kind", GOOD.replace('kind = "exhale"', 'kind = "sneeze"'), "steps[2].kind", "'sneeze'"),
    ("step without text", GOOD.replace('text = "Out"', ""), "steps[2].text", "is missing"),
    (
        "fill out of range",
        GOOD.replace('text = "In"', 'text = "In"\nfill = 3'),
        "steps[1].fill",
        "from 0 to 1",
    ),
    (
        "two lengths",
        GOOD.replace("default_minutes = 2", "default_minutes = 2\ndefault_cycles = 4"),
        "",
        "exactly one",
    ),
    (
        "absurd length",
        GOOD.replace("default_minutes = 2", "default_minutes = 9999"),
        "default_minutes",
        "at most",
    ),
    ("too short to breathe", GOOD.replace("seconds = 4", "seconds = 1"), "steps", "needs 2 s or more"),
    ("flag not true or false", 'read_first = "yes"\n' + GOOD, "read_first", "must be true or false"),
    (
        "309 digits",
        GOOD.replace("seconds = 4", "seconds = " + "9" * 309),
        "steps[1].seconds",
        "far too large",
    ),
    (
        "hex digits",
        GOOD.replace("seconds = 4", "seconds = 0x" + "f" * 5000),
        "steps[1].seconds",
        "far too large",
    ),
    ("huge fill", GOOD.replace('text = "In"', 'text = "In"\nfill = ' + "9" * 400), "steps[1].fill", "0 to 1"),
    ("5000 digits", GOOD.replace("seconds = 4", "seconds = " + "9" * 5000), "", "thousands of digits"),
    ("title on two lines", GOOD.replace('"Calm"', '"Calm\\nDown"'), "title", "a line break or tab (U+000A)"),
    (
        "bell in a text",
        GOOD.replace('"Out"', '"Out\\u0007"'),
        "steps[2].text",
        "a control character (U+0007)",
    ),
]


@pytest.mark.parametrize(("case", "text", "field", "message"), BROKEN, ids=[case[0] for case in BROKEN])
def test_a_broken_file_says_which_file_field_and_what_is_wrong(tmp_path: Path, case, text, field, message):
    path = tmp_path / "mine.toml"
    path.write_text(text)
    error = load_routine_file(path)
    assert not isinstance(error, Routine), case
    assert error.path == path
    assert field in error.field
    assert message in error.message
    assert str(error).startswith("mine.toml")


def test_broken_files_never_hide_the_good_ones(tmp_path: Path):
    (tmp_path / "a_good.toml").write_text(GOOD)
    for number, (_case, text, _field, _message) in enumerate(BROKEN):
        (tmp_path / f"broken_{number:02}.toml").write_text(text)
    (tmp_path / "unreadable.toml").write_bytes(b"\xff\xfe\x00 not utf-8")
    catalog = load_catalog([tmp_path, tmp_path / "does-not-exist"])
    assert [r.id for r in catalog.routines] == ["a_good"]
    assert len(catalog.errors) == len(BROKEN) + 1
    assert "unreadable.toml: cannot be read" in str(catalog.errors[-1])


def test_a_byte_order_mark_is_accepted(tmp_path: Path):
    path = tmp_path / "calm.toml"
    path.write_bytes(b"\xef\xbb\xbf" + GOOD.encode())  # as Windows Notepad saves UTF-8
    assert isinstance(load_routine_file(path), Routine)


def test_names_that_only_look_like_routine_files_are_pointed_out(tmp_path: Path):
    for name in (
        "calm.TOML",
        "rest.toml ",
        " breath.toml",
        "a_good.toml",
        "notes.txt",
        "calm.toml~",
        "README",
    ):
        (tmp_path / name).write_text(GOOD)
    (tmp_path / "folder.toml").mkdir()
    catalog = load_catalog([tmp_path])
    assert [routine.id for routine in catalog.routines] == ["a_good"]
    assert [str(error) for error in catalog.errors] == [
        " breath.toml: its name starts or ends with a space, so it is not read; rename it to 'breath.toml'",
        "calm.TOML: a routine file's name ends in '.toml', in lower case, so it is not read; "
        "rename it to 'calm.toml'",
        "folder.toml: is a folder, not a file, so it was not read",
        "rest.toml : its name starts or ends with a space, so it is not read; rename it to 'rest.toml'",
    ]


@pytest.mark.skipif(os.name != "posix", reason="FIFOs and /dev/zero are POSIX")
def test_a_pipe_a_device_or_a_huge_file_is_skipped_at_once_and_the_rest_loads(tmp_path: Path):
    (tmp_path / "a_good.toml").write_text(GOOD)
    pipe = fifo(tmp_path / "pipe.toml")  # reading it would wait for a writer for ever
    (tmp_path / "zero.toml").symlink_to("/dev/zero")  # reading it would never end
    (tmp_path / "huge.toml").write_text(GOOD + "#" * (10 * 1024 * 1024))  # reading it took 17 s
    started = time.monotonic()
    catalog = without_waiting_on(pipe, lambda: load_catalog([tmp_path]))
    assert time.monotonic() - started < 1
    assert [routine.id for routine in catalog.routines] == ["a_good"]
    assert [str(error) for error in catalog.errors] == [
        "huge.toml: is 10.0 MB, more than the 256 KB such a file may be, so it was not read",
        "pipe.toml: is a named pipe (FIFO), not a file, so it was not read",
        "zero.toml: is a device, not a file, so it was not read",
    ]


def test_a_folder_of_too_many_routine_files_is_read_up_to_the_limit_and_says_so(tmp_path: Path):
    total = MAX_ROUTINE_FILES + 3
    for number in range(total):
        (tmp_path / f"calm_{number:04}.toml").write_text(GOOD)
    catalog = load_catalog([tmp_path])
    assert len(catalog.routines) == MAX_ROUTINE_FILES
    assert [str(error) for error in catalog.errors] == [
        f"calm_{MAX_ROUTINE_FILES:04}.toml: was not read, nor the 2 routine files after it: this folder "
        f"holds {total}, and relaxapp reads at most {MAX_ROUTINE_FILES} from one folder"
    ]


def test_a_file_name_with_control_characters_is_named_safely(tmp_path: Path):
    (tmp_path / "calm\x1b[2J.toml").write_text(GOOD)
    (error,) = load_catalog([tmp_path]).errors
    assert str(error).startswith(r"calm\x1b[2J.toml: the file name is the routine's id")


def test_a_user_routine_may_not_take_a_shipped_name(tmp_path: Path, shipped: Catalog):
    (tmp_path / "box.toml").write_text(GOOD)
    catalog = load_catalog([paths.content_dir() / "routines", tmp_path])
    assert len(catalog.routines) == len(shipped.routines)
    assert "already called 'box'" in str(catalog.errors[0])


BROKEN_CORPUS = Path(__file__).parents[2] / "fixtures" / "broken_routines"


def expectation(path: Path) -> tuple[str, str]:
    """The field and message a broken file must produce, from its first line: '# expect: field | message'."""
    try:
        first = path.read_text(encoding="utf-8").splitlines()[0]
    except UnicodeDecodeError:
        return "", "cannot be read"
    field, _, message = first.removeprefix("# expect:").partition("|")
    return field.strip(), message.strip()


@pytest.mark.parametrize("path", sorted(BROKEN_CORPUS.glob("*.toml")), ids=lambda path: path.stem)
def test_each_broken_file_of_the_corpus_names_its_mistake(path: Path):
    field, message = expectation(path)
    error = load_routine_file(path, known_images=paths.image_ids())
    assert not isinstance(error, Routine), path.name
    assert error.field == field
    assert message in error.message
    assert str(error).startswith(path.name)


def test_the_broken_corpus_leaves_every_good_routine_usable(shipped: Catalog):
    assert len(list(BROKEN_CORPUS.glob("*.toml"))) >= 15
    catalog = load_catalog([paths.content_dir() / "routines", BROKEN_CORPUS], known_images=paths.image_ids())
    assert [r.id for r in catalog.routines] == [r.id for r in shipped.routines]
    assert {error.path.name for error in catalog.errors} == {p.name for p in BROKEN_CORPUS.glob("*.toml")}


def test_the_shipped_content_keeps_to_its_protocols(shipped: Catalog):
    for routine in shipped.routines:
        steps = routine.steps
        if routine.kind is RoutineKind.PMR:
            assert routine.read_first and routine.guidance
            assert all(5 <= s.seconds <= 7 for s in steps if s.kind is StepKind.TENSE), routine.id
            assert all(s.image for s in steps), routine.id  # the figure shows which part is working
        if routine.kind is RoutineKind.IMAGERY:
            assert steps[0].stage is Stage.SETTLE and steps[-1].stage in (Stage.RETURN, Stage.SLEEP)
            assert routine.closing, routine.id
            assert 5 * 60 <= routine.cycle_seconds <= 15 * 60, routine.id
        if routine.kind is RoutineKind.MASSAGE:
            assert routine.read_first and "eyeball" in routine.guidance
            assert [s.kind for s in routine.optional_steps] == [StepKind.COMPRESS], routine.id
            assert all(20 <= s.seconds <= 60 for s in steps if s.kind is StepKind.MASSAGE), routine.id
    release_only = shipped.get("pmr_face_neck_release")
    assert release_only is not None
    assert not any(step.kind is StepKind.TENSE for step in release_only.steps)


# The illustrations of the face's muscle groups: a step under one of them works the face.
FACE_IMAGES = {
    "pmr/face",
    "pmr/face-neck",
    "pmr/forehead",
    "pmr/eyes",
    "pmr/upper-cheeks-nose",
    "pmr/lower-cheeks-jaw",
    "pmr/mouth",
}
# Tension the face of someone whose face twitches should never be asked for (CONTENT.md: half effort at most).
STRONG_WORDS = ("firmly", "as high as", "as hard as", "as far as", "as tight as", "tight", "bite", "squint")
# Parts whose tensing is part of the face-and-neck routines, which keep every group gentle.
FACE_AND_NECK_IMAGES = FACE_IMAGES | {"pmr/neck", "pmr/shoulders"}


def tensed_images(routine: Routine) -> set[str]:
    return {step.image for step in routine.steps if step.kind is StepKind.TENSE}


def test_no_pmr_routine_asks_the_face_for_strong_tension(shipped: Catalog):
    strong = [
        (routine.id, step.text)
        for routine in shipped.routines
        if routine.kind is RoutineKind.PMR
        for step in routine.steps
        if step.image in FACE_IMAGES and any(word in step.text.lower() for word in STRONG_WORDS)
    ]
    assert not strong


def test_the_face_is_only_ever_tensed_gently(shipped: Catalog):
    face_holds = [
        (routine.id, step.text)
        for routine in shipped.routines
        for step in routine.steps
        if step.kind is StepKind.TENSE and step.image in FACE_IMAGES
    ]
    assert len(face_holds) >= 8  # every tensing routine has its face groups
    assert all("gently" in text.lower() for _, text in face_holds), face_holds


def test_pmr_cautions_say_how_hard_to_tense_and_what_to_take_care_of(shipped: Catalog):
    tensing = [r for r in shipped.routines if r.kind is RoutineKind.PMR and tensed_images(r)]
    assert len(tensing) >= 4
    for routine in tensing:
        guidance = routine.guidance
        assert "firmly" not in guidance, routine.id
        assert not any("firmly" in step.text for step in routine.steps), routine.id
        assert "never to pain" in guidance or "never to the point of pain" in guidance, routine.id
        if tensed_images(routine) - FACE_AND_NECK_IMAGES:  # arms, body or legs: moderate effort
            assert "moderate effort" in guidance, routine.id
        if tensed_images(routine) & FACE_IMAGES:
            assert "half your effort" in guidance or "half the effort" in guidance, routine.id
            assert "spasm starts" in guidance, routine.id
            assert "contact lenses" in guidance, routine.id


def test_breathing_with_holds_says_who_should_not_hold_and_what_to_do_when_dizzy(shipped: Catalog):
    holding = [
        routine
        for routine in shipped.routines
        if routine.kind is RoutineKind.BREATHING
        and any(step.kind is StepKind.HOLD and step.seconds > 0 for step in routine.steps)
    ]
    assert {"box", "four_seven_eight"} <= {routine.id for routine in holding}
    for routine in holding:
        for words in ("pregnant", "heart or lung condition", "panic attacks", "ask your doctor"):
            assert words in routine.guidance, (routine.id, words)
    for routine_id in ("box", "cyclic_sigh", "four_seven_eight"):
        routine = shipped.get(routine_id)
        assert routine is not None
        assert "If you feel dizzy" in routine.guidance and "breathe normally" in routine.guidance, routine_id


# Words that wake a person up: counting back to the room, opening the eyes, moving on with the day.
WAKING_WORDS = ("count", "one.", "two.", "three.", "open your eyes", "come back", "your day")


def test_warm_light_has_a_bedtime_version_that_drifts_off_instead_of_counting_back(shipped: Catalog):
    for_sleep, by_day = shipped.get("imagery_warm_light_sleep"), shipped.get("imagery_warm_light")
    assert for_sleep is not None and by_day is not None
    assert for_sleep.ends_in_sleep and not by_day.ends_in_sleep
    heard = [cue.words for cue in timeline.build(for_sleep, for_sleep.default_length).cues if cue.words]
    heard.append(for_sleep.closing)  # said when it is stopped early
    waking = [words for words in heard if any(word in words.lower() for word in WAKING_WORDS)]
    assert not waking
    assert "sleep" not in by_day.summary  # the day version counts back up to the room: not for bedtime
    assert by_day.steps[-1].stage is Stage.RETURN and "Three." in by_day.steps[-1].text
    # The same scene and the same journey of the light, word for word (and so the same recordings).
    scene = {Stage.SCENE, Stage.DEEPEN}
    assert [s.text for s in for_sleep.steps if s.stage in scene] == [
        s.text for s in by_day.steps if s.stage in scene
    ]
