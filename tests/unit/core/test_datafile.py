"""Reading a data file safely: only a plain file of a bounded size, never a wait, every failure by name."""

from __future__ import annotations

import os
import socket
import time
from pathlib import Path

import pytest

from relaxapp.core import datafile
from relaxapp.core.datafile import DataFileError, describe, read_file, shown
from tests.helpers.files import fifo, without_waiting_on

needs_posix = pytest.mark.skipif(os.name != "posix", reason="FIFOs, sockets and /dev/zero are POSIX")


def refusal(path: Path, max_bytes: int = 1024) -> str:
    """The message read_file gives for `path`, which it must refuse; within a second, as nothing may wait."""
    started = time.monotonic()
    with pytest.raises(DataFileError) as raised:
        read_file(path, max_bytes)
    assert time.monotonic() - started < 1
    assert raised.value.path == path
    return str(raised.value)


def test_a_plain_file_is_read_whole(tmp_path: Path):
    path = tmp_path / "tips.toml"
    path.write_bytes(b"a = 1\n")
    assert read_file(path, 6) == b"a = 1\n"


@needs_posix
def test_a_named_pipe_is_refused_at_once_instead_of_waiting_for_a_writer(tmp_path: Path):
    path = fifo(tmp_path / "calm.toml")
    said = without_waiting_on(path, lambda: refusal(path))
    assert said == "calm.toml: is a named pipe (FIFO), not a file, so it was not read"


@needs_posix
def test_a_link_to_dev_zero_is_refused_not_read_forever(tmp_path: Path):
    path = tmp_path / "calm.toml"
    path.symlink_to("/dev/zero")
    assert refusal(path) == "calm.toml: is a device, not a file, so it was not read"


@needs_posix
def test_a_socket_is_refused(tmp_path: Path):
    path = tmp_path / "s.toml"
    with socket.socket(socket.AF_UNIX) as listening:
        listening.bind(str(path))
        assert "is a socket, not a file" in refusal(path)


def test_a_folder_is_refused(tmp_path: Path):
    path = tmp_path / "calm.toml"
    path.mkdir()
    assert "calm.toml: is a folder, not a file" in refusal(path)


def test_a_file_over_the_limit_is_not_read_and_the_message_gives_both_sizes(tmp_path: Path):
    path = tmp_path / "calm.toml"
    path.write_bytes(b"#" * (10 * 1024 * 1024))
    assert refusal(path, 256 * 1024) == (
        "calm.toml: is 10.0 MB, more than the 256 KB such a file may be, so it was not read"
    )


def test_a_missing_file_cannot_be_read_in_plain_words(tmp_path: Path):
    assert refusal(tmp_path / "gone.toml") == "gone.toml: cannot be read (No such file or directory)"


def test_a_byte_order_mark_is_not_part_of_the_text(tmp_path: Path):
    path = tmp_path / "prompts.toml"
    path.write_bytes(b"\xef\xbb\xbfa = 1\n")
    assert datafile.load(path, dict) == {"a": 1}


def test_bytes_that_are_not_utf8_are_named_by_position(tmp_path: Path):
    path = tmp_path / "tips.toml"
    path.write_bytes(b"\xef\xbb\xbfa = '\xff'\n")
    with pytest.raises(DataFileError, match=r"cannot be read: it is not UTF-8 text \(byte 9 is 0xff\)"):
        datafile.load(path, dict)


@pytest.mark.parametrize(
    ("toml", "message"),
    [
        ("a = " + "[" * 600 + "]" * 600, "its lists or tables are nested too deeply"),
        ("a = " + "{b = " * 400 + "1" + "}" * 400, "its lists or tables are nested too deeply"),
        ("a = " + "9" * 5000, "has a number with thousands of digits, too long to read"),
    ],
    ids=["arrays", "inline tables", "5000 digits"],
)
def test_what_the_toml_parser_cannot_take_is_a_message_not_a_crash(tmp_path: Path, toml: str, message: str):
    path = tmp_path / "tips.toml"
    path.write_text(toml)
    with pytest.raises(DataFileError, match=message):
        datafile.load(path, dict)


def test_a_parser_that_overflows_on_a_value_is_the_files_fault(tmp_path: Path):
    path = tmp_path / "tips.toml"
    path.write_text("a = " + "9" * 400)
    with pytest.raises(DataFileError, match="has a number too large to use"):
        datafile.load(path, lambda data: float(data["a"]))


def test_a_message_escapes_control_characters_and_bytes_that_are_not_text():
    path = Path(os.fsdecode(b"calm\x1b[2J\xff.toml"))
    said = describe(path, "title\n", "is 'a\x07b'")
    assert said == r"calm\x1b[2J\udcff.toml, title\n: is 'a\x07b'"
    said.encode("utf-8")  # printable on any terminal, and in the log


def test_a_long_value_is_quoted_short():
    assert len(shown("x" * 10_000)) < 80
    assert shown(int("9" * 400)) == "a number of more than 40 digits"
    assert shown([[[[[1]]]]]) == "[[[[...]]]]"
    assert len(describe(Path("a.toml"), "k" * 1000, "m" * 10_000)) < 600
