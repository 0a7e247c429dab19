"""The hooks the app installs in its process: the log file and its rotation, the last-resort error box,
put back when the app ends."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox

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


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="/dev/full stands for a full disk")
def test_a_log_on_a_full_disk_says_so_once_and_closes_without_an_error(capsys: pytest.CaptureFixture[str]):
    with process_hooks.installed(Path("/dev/full")):  # every write: no space left on device
        for number in range(12):
            logging.getLogger("relaxapp").warning("line %d", number)
    assert capsys.readouterr().err == (
        "relaxapp: the log file /dev/full cannot be written ([Errno 28] No space left on device); what "
        "follows is not logged\n"
    )


@pytest.mark.allow_logged_errors
def test_the_last_resort_box_opens_after_the_error_and_one_at_a_time(qtbot, tmp_path: Path):
    with process_hooks.installed(tmp_path / "relaxapp.log"):
        for _ in range(3):  # an error while painting comes back with every frame
            try:
                raise ValueError("painting went wrong")
            except ValueError:
                sys.excepthook(*sys.exc_info())
        # Not from inside the hook: a dialog's own loop, opened in the middle of painting, can crash the app.
        assert visible_boxes() == []
        qtbot.waitUntil(lambda: len(visible_boxes()) == 1)
        [box] = visible_boxes()
        assert box.text().startswith("Something went wrong: painting went wrong")
        box.done(0)
    assert (tmp_path / "relaxapp.log").read_text(encoding="utf-8").count(
        "ValueError: painting went wrong"
    ) == 3


def visible_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
