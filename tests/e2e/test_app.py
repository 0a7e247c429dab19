"""The whole app as a person meets it: a real process, launched from the command line."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from relaxapp.storage.exchange import read_import
from relaxapp.storage.history import HistoryStore
from tests.helpers.history import as_a_person as with_a_persons_permissions
from tests.helpers.routines import CALM

ROOT = Path(__file__).resolve().parents[2]


def has_read_the_notice(data_dir: Path) -> Path:
    """A data folder whose person has already read the first-run notice (else a session waits for it)."""
    (data_dir / "config").mkdir(parents=True, exist_ok=True)
    (data_dir / "config" / "settings.ini").write_text("[notice]\nacknowledged=true\n")
    return data_dir


def screenless(audio_driver: str = "dummy") -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SDL_AUDIODRIVER": audio_driver}


def launch(
    data_dir: Path, *args: str, audio_driver: str = "dummy", as_a_person: bool = False
) -> subprocess.Popen[str]:
    """Start the app and leave it running; `as_a_person`: with a person's file permissions, even as root."""
    command = [sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir), *args]
    return subprocess.Popen(
        with_a_persons_permissions(command) if as_a_person else command,
        env=screenless(audio_driver),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    """Run the app to its end, as a command, and keep what it printed."""
    return subprocess.run(
        [sys.executable, str(ROOT / "main.py"), *args],
        env=screenless(),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def sessions_in(data_dir: Path) -> list[tuple[str, float, int]]:
    with sqlite3.connect(data_dir / "history.sqlite3") as db:
        return db.execute("SELECT routine_id, actual_seconds, completed FROM sessions").fetchall()


def test_the_window_paints_its_first_frame_quickly(tmp_path: Path):
    app = launch(tmp_path, "--exit-after-first-frame")
    out, err = app.communicate(timeout=30)
    assert app.returncode == 0, err
    report = json.loads(out.strip().splitlines()[-1])
    assert report["rss_mb"] > 0
    assert err == ""


def test_the_routines_read_at_one_start_are_kept_for_the_next(tmp_path: Path):
    assert run("--data-dir", str(tmp_path), "--exit-after-first-frame").returncode == 0
    assert (tmp_path / "cache" / "routines.pickle").is_file()  # written once the first frame was on screen
    listing = run("--data-dir", str(tmp_path), "--list-routines")
    assert listing.returncode == 0 and "box" in listing.stdout


def test_the_first_frame_report_can_leave_the_app_running(tmp_path: Path):
    # bench/startup.py reads the app's memory once it has settled, after the report.
    app = launch(tmp_path, "--report-first-frame")
    assert app.stdout is not None
    report = json.loads(app.stdout.readline())
    assert report["first_frame_wall"] > 0
    assert app.poll() is None
    app.send_signal(signal.SIGTERM)
    _out, err = app.communicate(timeout=30)
    assert app.returncode == 0, err


def test_list_routines_and_version(tmp_path: Path):
    listing = subprocess.run(
        [sys.executable, "-m", "relaxapp", "--data-dir", str(tmp_path), "--list-routines"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    assert "four_seven_eight" in listing.stdout and "4-7-8 breathing" in listing.stdout
    version = run("--version")
    assert version.stdout.startswith("relaxapp ")


CALM_IN_RED = CALM.replace('title = "Calm"', 'title = "Calm \\u001b[31min red"')


def test_list_routines_prints_no_control_characters_whatever_the_files_hold(tmp_path: Path):
    folder = tmp_path / "routines"
    folder.mkdir()
    (folder / "calm.toml").write_text(CALM_IN_RED)
    (folder / "clear\x1b[2J.toml").write_text(CALM_IN_RED)  # a name that would clear the screen
    (folder / os.fsdecode(b"not-utf8-\xff.toml")).write_text(CALM_IN_RED)
    listing = run("--data-dir", str(tmp_path), "--list-routines")
    assert listing.returncode == 0, listing.stderr
    assert "\x1b" not in listing.stdout + listing.stderr
    assert "in red" not in listing.stdout
    id_rule = "the file name is the routine's id: use only lower-case letters, digits, _ and -"
    assert listing.stderr.splitlines() == [
        "Skipped calm.toml, title: has a control character (U+001B), which cannot be shown here; remove it",
        rf"Skipped clear\x1b[2J.toml: {id_rule}",
        rf"Skipped not-utf8-\udcff.toml: {id_rule}",
    ]  # and no "Logging error": the log file takes the same words


BROKEN_CORPUS = ROOT / "tests" / "fixtures" / "broken_routines"
# The app run as main.py runs it, saying what its banner shows once the window is up, then closing.
BANNER_AT_START = """
import sys
from PySide6.QtWidgets import QApplication
from relaxapp.app import run

def ready(window):
    print(window.problem.text())
    QApplication.instance().quit()

sys.exit(run(sys.argv[1:], on_ready=ready))
"""


@pytest.mark.skipif(os.name != "posix", reason="FIFOs are POSIX")
def test_routine_files_no_parser_can_take_are_named_in_the_banner_and_the_app_starts(tmp_path: Path):
    folder = has_read_the_notice(tmp_path) / "routines"
    folder.mkdir()
    for name in ("nested_too_deeply.toml", "duration_of_5000_digits.toml"):
        (folder / name).write_bytes((BROKEN_CORPUS / name).read_bytes())
    os.mkfifo(folder / "pipe.toml")
    started = subprocess.run(
        [sys.executable, "-c", BANNER_AT_START, "--data-dir", str(tmp_path)],
        cwd=ROOT,
        env=screenless(),
        capture_output=True,
        text=True,
        timeout=30,
        check=False,
    )
    assert (started.returncode, started.stderr) == (0, "")
    skipped = f"A routine file in {folder} was skipped:"
    assert started.stdout.splitlines() == [
        f"{skipped} duration_of_5000_digits.toml: has a number with thousands of digits, too long to read",
        f"{skipped} nested_too_deeply.toml: cannot be read: its lists or tables are nested too deeply",
        f"{skipped} pipe.toml: is a named pipe (FIFO), not a file, so it was not read",
    ]


# Qt reads "@Variant(" by decoding these bytes with QDataStream, allocates without bound and aborts.
CRAFTED_SETTINGS = b"[look]\ntheme=@Variant(\\0\\0\\0\\v\\x7f\\xff\\xff\\xff)\n"


def test_a_crafted_settings_value_cannot_abort_the_app(tmp_path: Path):
    (tmp_path / "config").mkdir()
    (tmp_path / "config" / "settings.ini").write_bytes(CRAFTED_SETTINGS)
    app = run("--data-dir", str(tmp_path), "--exit-after-first-frame")
    assert app.returncode == 0, app.stderr  # without the check: std::bad_alloc, SIGABRT


def test_help_lists_every_option_a_person_may_use(tmp_path: Path):
    shown = run("--help").stdout
    for option in (
        "--version",
        "--data-dir",
        "--list-routines",
        "--routine",
        "--minutes",
        "--cycles",
        "--self-test",
    ):
        assert option in shown
    assert "--exit-after-first-frame" not in shown  # a benchmark's hook, not for people


def test_an_unknown_routine_is_named_on_the_command_line(tmp_path: Path):
    result = run("--data-dir", str(tmp_path), "--routine", "yodel")
    assert result.returncode == 2
    assert "no routine called 'yodel'" in result.stderr


@pytest.mark.parametrize(
    "how",
    [signal.SIGTERM, signal.SIGINT, signal.SIGHUP],
    ids=["SIGTERM", "Ctrl+C", "SIGHUP (the terminal closed)"],
)
def test_a_signal_mid_session_ends_the_app_quickly_and_keeps_the_session(tmp_path: Path, how: signal.Signals):
    app = launch(
        has_read_the_notice(tmp_path),
        "--routine",
        "box",
        "--minutes",
        "5",
        audio_driver="no_such_audio_driver",
    )
    time.sleep(12)  # past the first 10 s, so the session is worth keeping
    assert app.poll() is None, app.stderr.read() if app.stderr else ""
    app.send_signal(how)
    asked = time.monotonic()
    _out, err = app.communicate(timeout=10)
    assert time.monotonic() - asked < 2.0
    assert app.returncode == 0
    # No sound card: the app says so in its window and its log, never as noise in the terminal.
    assert err == ""
    [(routine_id, actual_seconds, completed)] = sessions_in(tmp_path)
    assert routine_id == "box" and completed == 0
    assert 10 <= actual_seconds <= 12
    log = (tmp_path / "logs" / "relaxapp.log").read_text()
    assert "audio unavailable, running silently" in log


def test_the_self_test_runs_a_whole_session_and_passes(tmp_path: Path):
    result = run("--self-test", "--data-dir", str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "self-test passed" in result.stdout
    [(routine_id, actual_seconds, completed)] = sessions_in(tmp_path)
    assert (routine_id, actual_seconds, completed) == ("self_test", 4.0, 1)
    again = run("--self-test", "--data-dir", str(tmp_path))
    assert again.returncode == 0, again.stdout + again.stderr  # a folder with earlier runs is fine


def test_a_second_launch_brings_the_first_window_forward_and_leaves(tmp_path: Path):
    first = launch(has_read_the_notice(tmp_path))
    log = tmp_path / "logs" / "relaxapp.log"
    deadline = time.monotonic() + 20
    while "listening for later launches" not in _text(log) and time.monotonic() < deadline:
        assert first.poll() is None, first.communicate()
        time.sleep(0.1)
    second = run("--data-dir", str(tmp_path), timeout=30)
    assert second.returncode == 0, second.stderr
    assert "already running" in second.stdout
    assert first.poll() is None
    first.send_signal(signal.SIGTERM)
    first.communicate(timeout=10)
    assert "another launch asked for the window" in _text(log)


def _text(path: Path) -> str:
    return path.read_text() if path.exists() else ""


def test_a_read_only_history_is_said_at_start_and_sigterm_still_ends_the_app_keeping_the_session(
    tmp_path: Path,
):
    data_dir = has_read_the_notice(tmp_path)
    HistoryStore.open(data_dir / "history.sqlite3").close()
    (data_dir / "history.sqlite3").chmod(0o444)
    # One cycle of the cyclic sigh: eight seconds, finished, and not to be written to a read-only file.
    app = launch(data_dir, "--routine", "cyclic_sigh", "--cycles", "1", as_a_person=True)
    time.sleep(11)
    assert app.poll() is None, app.communicate()
    app.send_signal(signal.SIGTERM)
    asked = time.monotonic()
    _out, err = app.communicate(timeout=10)
    assert time.monotonic() - asked < 2.0  # the window asks whether to close without it: nobody answers
    assert app.returncode == 0
    log = (data_dir / "logs" / "relaxapp.log").read_text()
    assert f"The history file {data_dir / 'history.sqlite3'} is read-only" in log  # the banner's words
    [rescued] = data_dir.glob("relaxapp-unsaved-*.json")
    assert f"are kept in {rescued}" in err and "Traceback" not in err
    [kept] = read_import(rescued).sessions
    assert (kept.routine_id, kept.completed) == ("cyclic_sigh", True)


def test_a_full_disk_under_the_log_does_not_end_the_app_in_tracebacks(tmp_path: Path):
    data_dir = has_read_the_notice(tmp_path)
    (data_dir / "logs").mkdir()
    (data_dir / "logs" / "relaxapp.log").symlink_to("/dev/full")  # every write: no space left on device
    app = launch(data_dir, "--routine", "cyclic_sigh", "--cycles", "1")
    time.sleep(10)
    app.send_signal(signal.SIGTERM)
    _out, err = app.communicate(timeout=10)
    assert app.returncode == 0
    log = data_dir / "logs" / "relaxapp.log"
    assert err.splitlines() == [
        f"relaxapp: the log file {log} cannot be written ([Errno 28] No space left on device); what follows "
        "is not logged"
    ]
    assert [row[0] for row in sessions_in(data_dir)] == ["cyclic_sigh"]


def test_a_launch_while_the_first_is_still_starting_waits_for_it_and_hands_over(tmp_path: Path):
    data_dir = has_read_the_notice(tmp_path)
    first = launch(data_dir)
    lock = data_dir / "relaxapp.lock"
    deadline = time.monotonic() + 20
    while not lock.exists() and time.monotonic() < deadline:
        time.sleep(0.005)
    # Held between taking the lock and listening (its first frame): a launch at the same moment, slowed down.
    first.send_signal(signal.SIGSTOP)
    try:
        second = launch(data_dir)
        time.sleep(4)
        assert second.poll() is None, second.communicate()  # it waits, rather than giving up on a live lock
    finally:
        first.send_signal(signal.SIGCONT)
    out, err = second.communicate(timeout=30)
    assert second.returncode == 0, err
    assert "already running: its window has been brought forward" in out
    log = data_dir / "logs" / "relaxapp.log"
    deadline = time.monotonic() + 10
    while "another launch asked for the window" not in _text(log) and time.monotonic() < deadline:
        time.sleep(0.1)
    first.send_signal(signal.SIGTERM)
    first.communicate(timeout=10)
    assert "another launch asked for the window" in _text(log)


def test_a_data_folder_that_is_a_file_is_named_plainly(tmp_path: Path):
    taken = tmp_path / "relaxapp-data"
    taken.write_text("a file where the folder should be")
    result = run("--data-dir", str(taken), timeout=30)
    assert result.returncode == 2
    assert result.stderr == (
        f"relaxapp: the data folder {taken} is a file, not a folder. Move that file away, or choose another "
        "folder with --data-dir.\n"
    )
    nested = run("--data-dir", str(taken / "inside"), timeout=30)
    assert nested.returncode == 2 and f"{taken} is a file, not a folder" in nested.stderr
    assert "Traceback" not in nested.stderr
