"""The person's own breathing patterns: ids, files, and the news of a change."""

from __future__ import annotations

import pytest

from relaxapp.core.patterns import (
    MAX_BREATHS_PER_MINUTE,
    MIN_BREATHS_PER_MINUTE,
    PACED_ID,
    CustomPattern,
    paced_routine,
)
from relaxapp.core.routine import RoutineKind
from relaxapp.logic.events import Events
from relaxapp.logic.routines import RoutineBook
from relaxapp.logic.use_cases import UseCases
from relaxapp.storage.user_routines import UserRoutineError
from tests.helpers.stubs import Heard

CALM = CustomPattern("Evening calm", 4, 2, 6, 0)


def test_a_new_pattern_gets_a_free_id_a_file_and_joins_the_routines(use_cases: UseCases, heard: Heard):
    book = use_cases.routines
    routine_id = book.new_pattern_id(CALM.name)
    saved = book.save_pattern(CALM, routine_id)
    assert saved.id == "my_evening_calm"
    assert book.patterns_dir is not None and (book.patterns_dir / "my_evening_calm.toml").is_file()
    assert book.get("my_evening_calm") == saved
    assert heard.values("routine_saved") == [saved]
    assert book.new_pattern_id(CALM.name) == "my_evening_calm_2"


def test_an_id_is_never_one_of_a_file_that_did_not_load(use_cases: UseCases):
    folder = use_cases.routines.patterns_dir
    assert folder is not None
    folder.mkdir(parents=True)
    (folder / "my_evening_calm.toml").write_text("not a routine [")
    assert use_cases.routines.new_pattern_id(CALM.name) == "my_evening_calm_2"


def test_an_edited_pattern_keeps_its_id_and_replaces_its_card(use_cases: UseCases):
    book = use_cases.routines
    first = book.save_pattern(CALM, book.new_pattern_id(CALM.name))
    changed = book.save_pattern(CustomPattern("Evening calm", 4, 0, 8, 0), first.id)
    assert changed.id == first.id
    assert [r for r in book.routines if r.id == first.id] == [changed]


def test_a_deleted_pattern_leaves_the_book_and_the_folder(use_cases: UseCases, heard: Heard):
    book = use_cases.routines
    saved = book.save_pattern(CALM, book.new_pattern_id(CALM.name))
    book.delete_pattern(saved)
    assert book.get(saved.id) is None
    assert book.patterns_dir is not None and not (book.patterns_dir / f"{saved.id}.toml").exists()
    assert heard.values("routine_deleted") == [saved.id]


def test_only_patterns_made_here_can_be_deleted(use_cases: UseCases, box):
    with pytest.raises(ValueError, match="box is not a pattern"):
        use_cases.routines.delete_pattern(box)
    assert use_cases.routines.get("box") == box


def test_a_folder_that_cannot_be_written_says_which_file(use_cases: UseCases, tmp_path):
    blocker = tmp_path / "routines"
    blocker.write_text("a file where the folder should be")
    with pytest.raises(UserRoutineError, match=r"my_evening_calm\.toml"):
        use_cases.routines.save_pattern(CALM, "my_evening_calm")
    assert use_cases.routines.get("my_evening_calm") is None


def test_the_face_break_is_a_shipped_routine(use_cases: UseCases):
    face_break = use_cases.routines.face_break
    assert face_break is not None and face_break.id == "extended_exhale"


def test_a_pattern_the_disk_will_not_delete_stays_and_the_reason_is_said(use_cases: UseCases, heard: Heard):
    book = use_cases.routines
    saved = book.save_pattern(CALM, book.new_pattern_id(CALM.name))
    assert book.patterns_dir is not None
    # Something that cannot be unlinked, even by root: a folder where the file was.
    (book.patterns_dir / "my_evening_calm.toml").unlink()
    (book.patterns_dir / "my_evening_calm.toml").mkdir()
    assert not book.delete_pattern(saved)
    assert book.get(saved.id) == saved
    [message] = heard.values("message")
    assert "my_evening_calm.toml" in str(message)
    assert heard.values("routine_deleted") == []


def test_a_new_pace_is_the_paced_routine_everywhere(shipped, tmp_path):
    book = RoutineBook([*shipped.routines, paced_routine(6)], tmp_path, Events())
    chosen = book.set_pace(8)
    assert book.get(PACED_ID) == chosen == paced_routine(8)
    assert len(book.routines) == len(shipped.routines) + 1


def test_no_two_breathing_choices_offered_side_by_side_share_a_rhythm(shipped):
    # Paced breathing at any pace the slider offers sits beside the shipped rhythms: "Longer out-breath
    # 4 · 6" beside "Paced breathing, 6 a minute 4 · 6" would be one rhythm offered twice.
    shipped_rhythms = [r.rhythm() for r in shipped.routines if r.kind is RoutineKind.BREATHING]
    assert len(set(shipped_rhythms)) == len(shipped_rhythms)
    for pace in range(int(MIN_BREATHS_PER_MINUTE), int(MAX_BREATHS_PER_MINUTE) + 1):
        paced = paced_routine(pace).rhythm()
        assert paced not in shipped_rhythms, f"{pace} a minute is {paced}, like a shipped one"
