from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from PySide6.QtCore import QLockFile

from relaxapp.ui.single_instance import HandOver, SingleInstance


def test_only_one_instance_claims_a_data_folder(qtbot, tmp_path: Path):
    first, second = SingleInstance(tmp_path), SingleInstance(tmp_path)
    assert first.claim()
    assert not second.claim()
    first.release()
    assert second.claim()
    second.release()


def test_a_lock_left_by_a_crashed_process_does_not_block(qtbot, tmp_path: Path):
    # QLockFile's own format: process id, application name, host name.
    (tmp_path / "relaxapp.lock").write_text(f"999999\nrelaxapp\n{socket.gethostname()}\n")
    instance = SingleInstance(tmp_path)
    assert instance.claim()
    instance.release()


def test_the_running_instance_is_asked_to_show_its_window(qtbot, tmp_path: Path):
    running, later = SingleInstance(tmp_path), SingleInstance(tmp_path)
    assert running.claim()
    shown = []
    running.listen(lambda: shown.append(True))
    assert not later.claim()
    assert later.hand_over() is HandOver.SHOWN
    qtbot.waitUntil(lambda: shown == [True])
    running.release()


def test_hand_over_says_so_when_nobody_answers(qtbot, tmp_path: Path):
    silent = SingleInstance(tmp_path)
    assert silent.claim()  # holds the lock but never listens
    later = SingleInstance(tmp_path)
    started = time.monotonic()
    assert later.hand_over(wait_ms=300) is HandOver.SILENT
    assert time.monotonic() - started >= 0.3  # it waited for the running one to listen
    assert later.holder == os.getpid()
    silent.release()


def test_a_launch_that_waits_goes_on_when_the_running_one_ends(qtbot, tmp_path: Path):
    ending = SingleInstance(tmp_path)
    assert ending.claim()  # starting up: not listening yet
    threading.Timer(0.3, ending.release).start()
    later = SingleInstance(tmp_path)
    assert later.hand_over(wait_ms=10_000) is HandOver.CLAIMED
    assert not SingleInstance(tmp_path).claim()  # the lock is the later one's now
    later.release()


class UnwritableLock:
    """A QLockFile in a folder that cannot be written: it fails, but not because anyone holds it."""

    def tryLock(self, _timeout: int) -> bool:  # noqa: N802 - Qt's name
        return False

    def error(self) -> QLockFile.LockError:
        return QLockFile.LockError.PermissionError


def test_a_folder_where_no_lock_can_be_made_does_not_stop_the_app(qtbot, tmp_path: Path):
    instance = SingleInstance(tmp_path)
    instance._lock = UnwritableLock()
    assert instance.claim()


def test_each_data_folder_has_its_own_short_stable_name(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    one, same, other = (
        SingleInstance(tmp_path / "a"),
        SingleInstance(tmp_path / "a"),
        SingleInstance(tmp_path / "b"),
    )
    assert one.server_name == same.server_name != other.server_name
    assert len(one.server_name) <= 30  # local socket paths are short


def test_listening_for_later_launches_leaves_openssl_unloaded(tmp_path: Path):
    # hashlib would load OpenSSL (some 3.5 MB for the whole run) only to name the socket.
    code = (
        "import sys\n"
        "from PySide6.QtCore import QCoreApplication\n"
        "from relaxapp.ui.single_instance import SingleInstance\n"
        "app = QCoreApplication([])\n"
        f"instance = SingleInstance(__import__('pathlib').Path({str(tmp_path)!r}))\n"
        "assert instance.claim()\n"
        "instance.listen(lambda: None)\n"
        "instance.release()\n"
        "print('_hashlib' in sys.modules)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
