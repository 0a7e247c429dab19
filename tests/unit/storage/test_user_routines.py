"""Custom patterns saved as routine files: they load back as they were, and a failure says why."""

from __future__ import annotations

import errno
import os
import tomllib
from pathlib import Path

import pytest

from relaxapp.core.catalog import load_catalog, load_routine_file
from relaxapp.core.patterns import HOLD_NOTE, CustomPattern, pattern_of
from relaxapp.storage import paths
from relaxapp.storage.user_routines import UserRoutineError, delete_pattern, save_pattern

EVENING = CustomPattern("Evening", 4, 2, 6, 0)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return paths.UserPaths.portable(tmp_path).user_routines_dir  # not made yet: saving makes it


@pytest.mark.parametrize(
    "pattern",
    [EVENING, CustomPattern("Box, my way", 4, 4, 4, 4), CustomPattern("Slow “even”", 5.5, 0, 5.5, 0)],
)
def test_a_saved_pattern_loads_back_as_the_same_routine(folder: Path, pattern: CustomPattern):
    path = save_pattern(folder, "my_pattern", pattern)
    assert path == folder / "my_pattern.toml"
    loaded = load_routine_file(path)
    assert loaded == pattern.to_routine("my_pattern")
    assert pattern_of(loaded) == pattern


def test_the_file_is_in_the_documented_format(folder: Path):
    path = save_pattern(folder, "my_evening", EVENING)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# A breathing pattern saved by relaxapp")
    assert tomllib.loads(text) == {
        "kind": "breathing",
        "title": "Evening",
        "summary": "Your pattern: 4 · 2 · 6",
        "default_minutes": 3,
        "guidance": HOLD_NOTE,
        "steps": [
            {"kind": "inhale", "seconds": 4, "text": "Breathe in"},
            {"kind": "hold", "seconds": 2, "text": "Hold, lungs full"},
            {"kind": "exhale", "seconds": 6, "text": "Breathe out"},
        ],
    }
    assert "seconds = 4\n" in text  # whole seconds written as a person would, not 4.0
    assert text.count("\n[[steps]]\n") == 3  # laid out like the shipped files, not as inline tables


def test_saved_patterns_appear_in_the_catalog_beside_the_shipped_routines(folder: Path):
    save_pattern(folder, "my_evening", EVENING)
    catalog = load_catalog([paths.content_dir() / "routines", folder])
    assert catalog.errors == []
    assert catalog.get("my_evening") == EVENING.to_routine("my_evening")
    assert catalog.get("box") is not None


def test_saving_again_replaces_the_pattern_and_leaves_nothing_else(folder: Path):
    save_pattern(folder, "my_evening", EVENING)
    changed = CustomPattern("Evening, slower", 5, 0, 8, 1)
    save_pattern(folder, "my_evening", changed)
    assert pattern_of(load_routine_file(folder / "my_evening.toml")) == changed
    assert [p.name for p in folder.iterdir()] == ["my_evening.toml"]


def test_a_deleted_pattern_is_gone_and_deleting_it_again_is_no_error(folder: Path):
    save_pattern(folder, "my_evening", EVENING)
    save_pattern(folder, "my_morning", EVENING)
    delete_pattern(folder, "my_evening")
    assert [p.name for p in folder.iterdir()] == ["my_morning.toml"]
    delete_pattern(folder, "my_evening")
    delete_pattern(folder.parent / "never-made", "my_evening")


@pytest.mark.parametrize("routine_id", ["box", "evening", "my_../../x", "my_Evening", "my evening", ""])
def test_only_ids_of_the_apps_own_patterns_are_written_or_deleted(folder: Path, routine_id: str):
    folder.mkdir(parents=True)
    hand_written = folder / "box.toml"
    hand_written.write_text("kind = 'breathing'\n", encoding="utf-8")
    with pytest.raises(ValueError, match="not the id of a pattern saved by relaxapp"):
        save_pattern(folder, routine_id, EVENING)
    with pytest.raises(ValueError, match="not the id of a pattern saved by relaxapp"):
        delete_pattern(folder, routine_id)
    assert hand_written.exists()


def test_a_pattern_with_problems_is_not_written(folder: Path):
    with pytest.raises(ValueError, match="Breathing in takes 1 s"):
        save_pattern(folder, "my_quick", CustomPattern("Quick", 1, 0, 6, 0))
    assert not (folder / "my_quick.toml").exists()


def test_a_full_disk_keeps_the_old_file_whole_and_says_so(folder: Path, monkeypatch: pytest.MonkeyPatch):
    save_pattern(folder, "my_evening", EVENING)
    before = (folder / "my_evening.toml").read_bytes()

    def disk_full(source: object, target: object) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", disk_full)
        with pytest.raises(UserRoutineError) as caught:
            save_pattern(folder, "my_evening", CustomPattern("Changed", 5, 0, 8, 0))
    message = str(caught.value)
    assert "my_evening.toml" in message and "the disk is full" in message
    assert caught.value.path == folder / "my_evening.toml"
    assert (folder / "my_evening.toml").read_bytes() == before
    assert [p.name for p in folder.iterdir()] == ["my_evening.toml"]  # no temporary file left behind


def test_a_file_where_the_folder_should_be_is_reported(tmp_path: Path):
    # Works as root too, where a read-only folder would still be written.
    (tmp_path / "data").write_text("not a folder", encoding="utf-8")
    folder = tmp_path / "data" / "routines"
    with pytest.raises(
        UserRoutineError, match=r"Could not save your pattern as .*my_evening\.toml: a file is in"
    ):
        save_pattern(folder, "my_evening", EVENING)


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write in a read-only folder")
def test_a_read_only_folder_is_reported(folder: Path):
    folder.mkdir(parents=True)
    folder.chmod(0o500)
    try:
        with pytest.raises(UserRoutineError, match="may not write in that folder"):
            save_pattern(folder, "my_evening", EVENING)
    finally:
        folder.chmod(0o700)


def test_a_pattern_that_cannot_be_deleted_is_reported(folder: Path):
    (folder / "my_evening.toml").mkdir(parents=True)  # a folder by that name: unlink refuses, even as root
    with pytest.raises(UserRoutineError, match=r"Could not delete .*my_evening\.toml"):
        delete_pattern(folder, "my_evening")
