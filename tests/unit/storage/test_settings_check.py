"""The settings file is checked before Qt reads it: a plain file, a sane size, nothing for Qt's decoder."""

from __future__ import annotations

import errno
import os
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from relaxapp.storage.settings_check import (
    MAX_SETTINGS_BYTES,
    SettingsCheck,
    check_settings_file,
    safe_settings_text,
)
from tests.helpers.files import fifo, without_waiting_on

# What QSettings wrote for relaxapp: plain words and numbers, a quoted list.
WRITTEN = b'[audio]\nvolume=0.8\nmuted=false\n\n[session]\ncautions_hidden="box, pmr_4"\nroutine=box\n'
# Qt reads "@Variant(" by decoding these bytes with QDataStream, and aborts allocating for them.
CRAFTED = b"[look]\ntheme=@Variant(\\0\\0\\0\\v\\x7f\\xff\\xff\\xff)\nlarger_text=true\n"


def checked(path: Path) -> SettingsCheck:
    """check_settings_file, which must answer within a second whatever is at `path`."""
    started = time.monotonic()
    check = check_settings_file(path)
    assert time.monotonic() - started < 1
    return check


def test_no_file_yet_is_the_first_start(tmp_path: Path):
    assert checked(tmp_path / "settings.ini") == SettingsCheck(usable=True)


def test_a_file_relaxapp_wrote_is_left_as_it_is(tmp_path: Path):
    path = tmp_path / "settings.ini"
    path.write_bytes(WRITTEN)
    assert checked(path) == SettingsCheck(usable=True)
    assert path.read_bytes() == WRITTEN


def test_a_crafted_value_is_taken_out_before_qt_reads_it_and_the_rest_is_kept(tmp_path: Path, caplog):
    path = tmp_path / "settings.ini"
    path.write_bytes(CRAFTED)
    check = checked(path)
    assert check.usable
    assert check.problem == (
        f"Your settings file {path} held values relaxapp did not write and cannot read safely (look/theme); "
        "they were taken out, and those settings are back to their defaults."
    )
    assert path.read_bytes() == b"[look]\nlarger_text=true\n"
    assert "line 2 (look/theme) taken out" in caplog.text


@pytest.mark.skipif(os.name != "posix", reason="links need no privilege on POSIX")
def test_a_settings_file_that_is_a_link_stays_a_link(tmp_path: Path):
    kept = tmp_path / "dotfiles" / "relaxapp.ini"
    kept.parent.mkdir()
    kept.write_bytes(CRAFTED)
    path = tmp_path / "settings.ini"
    path.symlink_to(kept)
    assert checked(path).usable
    assert path.is_symlink()
    assert kept.read_bytes() == b"[look]\nlarger_text=true\n"


def unusable(path: Path, why: str) -> None:
    check = checked(path)
    assert not check.usable
    assert check.problem == (
        f"Your settings could not be used: {path} {why}. relaxapp starts with its usual settings, and what "
        "you change now lasts until it closes; nothing on the disk was changed."
    )


def test_a_folder_in_place_of_the_file_is_reported_and_left_alone(tmp_path: Path):
    path = tmp_path / "settings.ini"
    path.mkdir()
    (path / "kept.txt").write_text("mine")
    unusable(path, "is a folder, not a file, so it was not read")
    assert (path / "kept.txt").read_text() == "mine"


@pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")
def test_a_named_pipe_in_place_of_the_file_is_reported_at_once(tmp_path: Path):
    path = fifo(tmp_path / "settings.ini")  # Qt would wait on it for a writer, for ever
    without_waiting_on(path, lambda: unusable(path, "is a named pipe (FIFO), not a file, so it was not read"))


def test_a_file_larger_than_relaxapp_ever_writes_is_not_read(tmp_path: Path):
    path = tmp_path / "settings.ini"
    path.write_bytes(b"; a comment\n" * MAX_SETTINGS_BYTES)
    unusable(path, "is 768 KB, more than the 64 KB such a file may be, so it was not read")


def test_a_crafted_file_that_cannot_be_corrected_is_not_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "settings.ini"
    path.write_bytes(CRAFTED)

    def read_only(*_args: object) -> None:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS))

    with monkeypatch.context() as patch:
        patch.setattr(os, "replace", read_only)  # the corrected file cannot take the old one's place
        unusable(
            path, "holds lines relaxapp cannot read safely and could not be corrected (Read-only file system)"
        )
    assert path.read_bytes() == CRAFTED
    assert os.listdir(tmp_path) == ["settings.ini"]  # no temporary file left behind


def test_each_line_that_could_reach_qts_decoder_is_named_by_its_key():
    text = b'[General]\nx=1\ny="@Rect(1 2 3 4)"\n[look]\ntheme=\\x40Variant(\\0)\nsize=a, @Invalid()\nok=1\n'
    safe, unsafe = safe_settings_text(text)
    assert safe == b"[General]\nx=1\n[look]\nok=1\n"
    assert [(line.number, line.key) for line in unsafe] == [(3, "y"), (5, "look/theme"), (6, "look/size")]


INI_PIECES = st.sampled_from([
    b"[", b"]", b"[General]", b"[look]", b"=", b",", b";", b'"', b"\\", b"@", b"@@", b"@Variant(",
    b"@ByteArray(", b"@Invalid()", b")", b"\\x40", b"\\0", b"\\x7f\\xff", b"\n", b"\r\n", b"\r", b" ",
    b"theme", b"volume", b"%U0040", b"\xff", b"\x00",
])  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(pieces=st.lists(INI_PIECES | st.binary(max_size=4), max_size=40))
def test_what_is_kept_holds_no_way_into_qts_decoder_and_every_other_line(pieces: list[bytes]):
    content = b"".join(pieces)
    safe, unsafe = safe_settings_text(content)
    assert b"@" not in safe and b"\\" not in safe  # Qt decodes only values that spell "@" one of these ways
    lines = content.splitlines(keepends=True)
    assert safe == b"".join(line for line in lines if b"@" not in line and b"\\" not in line)
    assert [line.text for line in unsafe] == [line for line in lines if b"@" in line or b"\\" in line]
