"""The settings file as the app opens it: whatever is at its path, the app gets preferences to start with,
and a file Qt could choke on never reaches Qt."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
import time
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QSettings

from relaxapp.core.preferences import Preferences, ThemeChoice
from relaxapp.logic.events import Events
from relaxapp.logic.preferences import PreferenceStore, SettingsInMemory
from relaxapp.ui.settings_file import open_settings
from tests.helpers.files import fifo, without_waiting_on

ROOT = Path(__file__).resolve().parents[2]
# Qt reads "@Variant(" by decoding these bytes with QDataStream, allocates without bound and aborts.
CRAFTED = b"[look]\ntheme=@Variant(\\0\\0\\0\\v\\x7f\\xff\\xff\\xff)\nlarger_text=true\n"
# What the app does with its settings at start and on the first change, in a process of its own.
OPEN_READ_AND_SAVE = """
import sys
from pathlib import Path
from relaxapp.logic.events import Events
from relaxapp.logic.preferences import PreferenceStore
from relaxapp.ui.settings_file import open_settings

opened = open_settings(Path(sys.argv[1]))
store = PreferenceStore(opened.settings, Events())
store.mark_notice_read()  # a save: before writing, Qt parses every value of the file
print(store.current.theme, store.current.larger_text)
"""


def test_a_crafted_value_cannot_abort_the_app(tmp_path: Path):
    path = tmp_path / "settings.ini"
    path.write_bytes(CRAFTED)
    # A process of its own: if Qt did decode the value, the abort would take pytest down with it.
    result = subprocess.run(
        [sys.executable, "-c", OPEN_READ_AND_SAVE, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr  # with QSettings alone: std::bad_alloc, SIGABRT
    assert result.stdout == "system True\n"  # the crafted theme is gone; the rest of the file is kept
    assert QSettings(str(path), QSettings.Format.IniFormat).value("notice/acknowledged") == "true"


def test_a_folder_in_place_of_the_file_gives_the_defaults_and_keeps_changes_until_closing(tmp_path: Path):
    path = tmp_path / "settings.ini"
    path.mkdir()
    opened = open_settings(path)
    assert isinstance(opened.settings, SettingsInMemory)
    assert opened.problem is not None and f"{path} is a folder, not a file" in opened.problem
    store = PreferenceStore(opened.settings, Events())
    assert store.current == Preferences()
    dark = replace(Preferences(), theme=ThemeChoice.DARK)
    store.use(dark)
    assert PreferenceStore(opened.settings, Events()).current == dark  # as long as the app runs
    assert path.is_dir() and not any(path.iterdir())


@pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")
def test_a_named_pipe_in_place_of_the_file_does_not_hang_the_start(tmp_path: Path):
    path = fifo(tmp_path / "settings.ini")
    started = time.monotonic()
    opened = without_waiting_on(path, lambda: open_settings(path))
    assert time.monotonic() - started < 1  # QSettings would wait for a writer for ever
    assert isinstance(opened.settings, SettingsInMemory)
    assert opened.problem is not None and "is a named pipe (FIFO)" in opened.problem


INI_PIECES = st.sampled_from([
    b"[look]", b"[audio]", b"[session]", b"[General]", b"[", b"]", b"=", b",", b";", b'"', b"\\", b"@",
    b"@@", b"@Variant(", b"@ByteArray(", b"@Invalid()", b"@Rect(1 2 3 4)", b"@DateTime(", b")", b"\\x40",
    b"\\0\\0\\0\\v\\x7f\\xff\\xff\\xff", b"\n", b"\r\n", b" ", b"theme", b"volume", b"larger_text",
    b"cautions_hidden", b"true", b"dark", b"0.5", b"nan", b"9" * 400, b"%U0040", b"\xff", b"\x00",
])  # fmt: skip
_numbers = itertools.count()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("settings")


@settings(max_examples=150, deadline=timedelta(seconds=2), suppress_health_check=[HealthCheck.too_slow])
@given(pieces=st.lists(INI_PIECES | st.binary(max_size=6), max_size=40))
def test_any_settings_file_gives_preferences_and_can_be_saved(folder: Path, pieces: list[bytes]):
    # A new file each time: QSettings keeps what it read of a path for as long as the process runs.
    path = folder / f"settings-{next(_numbers)}.ini"
    path.write_bytes(b"".join(pieces))
    opened = open_settings(path)
    store = PreferenceStore(opened.settings, Events())
    assert isinstance(store.current, Preferences)
    store.use(replace(store.current, larger_text=not store.current.larger_text))  # a save parses it all
