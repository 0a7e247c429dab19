from __future__ import annotations

import sys
from pathlib import Path

from relaxapp.storage import paths


def test_portable_paths_keep_everything_under_one_folder(tmp_path: Path):
    user = paths.UserPaths.portable(tmp_path)
    kept = (user.history_db, user.settings_file, user.log_file, user.user_routines_dir, user.catalog_cache)
    for path in kept:
        assert path.is_relative_to(tmp_path)


def test_default_paths_are_the_platform_folders_for_relaxapp():
    user = paths.UserPaths.default()
    assert "relaxapp" in str(user.data_dir)
    assert "relaxapp" in str(user.config_dir)
    assert "relaxapp" in str(user.cache_dir)


def test_files_shipped_with_the_app_are_found_from_the_checkout():
    assert (paths.content_dir() / "routines" / "box.toml").is_file()
    assert (paths.audio_dir() / "bell_start.ogg").is_file()
    assert paths.package_file("ui", "style.qss").is_file()


def test_a_frozen_bundle_looks_in_its_own_folder(monkeypatch, tmp_path: Path):
    (tmp_path / "relaxapp" / "assets").mkdir(parents=True)
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.bundle_root() == tmp_path
    assert paths.audio_dir() == tmp_path / "relaxapp" / "assets" / "audio"
    assert paths.content_dir() == tmp_path / "relaxapp" / "content"
