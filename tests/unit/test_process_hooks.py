"""The hooks the app installs in its process: the log file and its rotation, put back when the app ends."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest

from relaxapp import process_hooks


def test_the_app_logs_to_its_file_and_puts_the_previous_hooks_back(tmp_path: Path):
    log_file = tmp_path / "logs" / "relaxapp.log"
    handlers_before, excepthook_before = list(logging.getLogger().handlers), sys.excepthook
    with process_hooks.installed(log_file):
        assert sys.excepthook is not excepthook_before
        logging.getLogger("relaxapp").info("a line for the log")
    assert "a line for the log" in log_file.read_text(encoding="utf-8")
    assert logging.getLogger().handlers == handlers_before
    assert sys.excepthook is excepthook_before


def test_a_large_log_is_set_aside_once_at_start(tmp_path: Path):
    log_file = tmp_path / "relaxapp.log"
    log_file.write_text("old\n" * (process_hooks.LOG_KEEP_BYTES // 4 + 1), encoding="utf-8")
    with process_hooks.installed(log_file):
        logging.getLogger("relaxapp").info("after the rotation")
    assert log_file.with_suffix(".log.1").read_text(encoding="utf-8").startswith("old\n")
    assert "old" not in log_file.read_text(encoding="utf-8")
    assert "after the rotation" in log_file.read_text(encoding="utf-8")


def test_a_small_log_is_kept_and_added_to(tmp_path: Path):
    log_file = tmp_path / "relaxapp.log"
    log_file.write_text("earlier run\n", encoding="utf-8")
    with process_hooks.installed(log_file):
        logging.getLogger("relaxapp").info("this run")
    assert log_file.read_text(encoding="utf-8").startswith("earlier run\n")
    assert not log_file.with_suffix(".log.1").exists()


def test_without_a_writable_log_warnings_reach_the_terminal_in_one_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    (tmp_path / "logs").write_text("a file where the folder should be", encoding="utf-8")
    with process_hooks.installed(tmp_path / "logs" / "relaxapp.log"):
        try:
            raise ValueError("the details")
        except ValueError:
            logging.getLogger("relaxapp").warning("something to know", exc_info=True)
        logging.getLogger("relaxapp").info("not for a terminal")
    err = capsys.readouterr().err
    assert "cannot write the log file" in err
    assert "relaxapp WARNING: something to know\n" in err
    assert "Traceback" not in err and "not for a terminal" not in err
