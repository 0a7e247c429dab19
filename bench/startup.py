"""Start-up: process start → first frame painted, and memory, for relaxapp and a bare PySide6 window.

Runs the two alternately on a private Xvfb screen, so both see the same machine load; the ratio is the
figure that matters. Each app run then stays up SETTLE_S seconds, with its sound loaded and the work it
does after the first frame done, and its resident memory is read (app_rss_settled_mb). The data folder is
that of a person who has started relaxapp before (--first-run: the very first start, its notice open).
Targets (issue 13): startup_ratio <= 1.6, app_rss_settled_mb <= 90.

`--routine-files 10000` starts the app with that many routine files of the person's own (issue 16:
a folder of ten thousand must still reach the first frame within 2 s).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import NamedTuple

from xvfb import screen_env, virtual_screen

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5
SETTLE_S = 5.0

# The baseline: a label in a window, reporting its first frame the same way the app does.
BARE = """
import json, resource, sys, time
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QLabel
app = QApplication(sys.argv[:1])
label = QLabel("hello")
class FirstFrame(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False
def report():
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"first_frame_wall": time.time(), "rss_mb": rss}), flush=True)
    app.quit()
watcher = FirstFrame()
label.installEventFilter(watcher)
label.show()
app.exec()
"""


class Run(NamedTuple):
    seconds: float  # process start to the first frame
    rss_mb: float  # peak resident memory at the first frame
    settled_mb: float | None = None  # resident memory SETTLE_S after the first frame (settled runs only)


def measure(command: list[str], env: dict[str, str]) -> Run:
    """One launch of a command that reports its first frame and exits."""
    started = time.time()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=True)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    return Run(report["first_frame_wall"] - started, report["rss_mb"])


def measure_settled(command: list[str], env: dict[str, str]) -> Run:
    """One launch of a command that reports its first frame and runs on: its memory SETTLE_S later, read
    from /proc (what the kernel counts as resident now, not the peak), then it is asked to end (SIGTERM)."""
    started = time.time()
    with subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
    ) as process:
        assert process.stdout is not None
        try:
            report = json.loads(process.stdout.readline())
            time.sleep(SETTLE_S)
            settled_mb = _resident_mb(process.pid)
        finally:
            process.terminate()
            process.communicate(timeout=30)
    return Run(report["first_frame_wall"] - started, report["rss_mb"], settled_mb)


Measure = Callable[[list[str], dict[str, str]], Run]


def _resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024  # kB
    raise SystemExit(f"bench: no VmRSS in /proc/{pid}/status")


def alternate(
    first: list[str], second: list[str], env: dict[str, str], *, measure_first: Measure = measure
) -> tuple[list[Run], list[Run]]:
    """RUNS launches of each, taking turns, after one untimed launch of each to warm the file cache."""
    measure_first(first, env)
    measure(second, env)
    first_runs, second_runs = [], []
    for _ in range(RUNS):
        first_runs.append(measure_first(first, env))
        second_runs.append(measure(second, env))
    return first_runs, second_runs


def report(names: tuple[str, str], first: list[Run], second: list[Run]) -> tuple[float, float, float, float]:
    """Print the runs side by side; return the medians: (first s, second s, first MB, second MB)."""
    a, b = names
    settled = all(run.settled_mb is not None for run in first)
    print(
        f"{'run':>4} {a + ' s':>10} {b + ' s':>10} {a + ' MB':>11} {b + ' MB':>11}"
        + (f" {a + ' settled MB':>18}" if settled else "")
    )
    for number, (one, other) in enumerate(zip(first, second, strict=True), 1):
        print(
            f"{number:>4} {one.seconds:10.3f} {other.seconds:10.3f} {one.rss_mb:11.1f} {other.rss_mb:11.1f}"
            + (f" {one.settled_mb:18.1f}" if settled else "")
        )
    return (
        statistics.median(run.seconds for run in first),
        statistics.median(run.seconds for run in second),
        statistics.median(run.rss_mb for run in first),
        statistics.median(run.rss_mb for run in second),
    )


ROUTINE_FILE = """kind = "breathing"
title = "Calm {number}"
summary = "A rhythm of the person's own."
default_minutes = 2

[[steps]]
kind = "inhale"
seconds = 4
text = "In"

[[steps]]
kind = "exhale"
seconds = 6
text = "Out"
"""


def write_routine_files(data_dir: Path, count: int) -> None:
    """`count` good routine files in the person's routines folder (storage/paths: <data>/routines)."""
    folder = data_dir / "routines"
    folder.mkdir()
    for number in range(count):
        (folder / f"calm_{number:05}.toml").write_text(ROUTINE_FILE.format(number=number))


def has_read_the_notice(data_dir: Path) -> None:
    """A person who has started relaxapp before: the wellbeing notice, shown at the very first start until
    read, is not open (it would hold some 1.5 MB of the settled figure; --first-run measures with it)."""
    (data_dir / "config").mkdir()
    (data_dir / "config" / "settings.ini").write_text("[notice]\nacknowledged=true\n")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routine-files", type=int, default=0, help="routine files of the person's own")
    parser.add_argument(
        "--first-run", action="store_true", help="as at the very first start: the wellbeing notice open"
    )
    args = parser.parse_args()
    # As an installed app or a bundle would be: byte-compiled (an editable checkout may not be).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "relaxapp")], check=True)
    with virtual_screen() as display, tempfile.TemporaryDirectory() as data:
        write_routine_files(Path(data), args.routine_files)
        if not args.first_run:
            has_read_the_notice(Path(data))
        env = screen_env(display)
        app_cmd = [sys.executable, str(ROOT / "main.py"), "--data-dir", data, "--report-first-frame"]
        bare_cmd = [sys.executable, "-c", BARE]
        app_runs, bare_runs = alternate(app_cmd, bare_cmd, env, measure_first=measure_settled)
    app_s, bare_s, app_mb, bare_mb = report(("app", "bare"), app_runs, bare_runs)
    figures = {
        "routine_files": args.routine_files,
        "first_run": args.first_run,
        "app_first_frame_s": round(app_s, 3),
        "bare_first_frame_s": round(bare_s, 3),
        "startup_ratio": round(app_s / bare_s, 3),
        "app_rss_mb": round(app_mb, 1),
        "app_rss_settled_mb": round(statistics.median(run.settled_mb or 0.0 for run in app_runs), 1),
        "bare_rss_mb": round(bare_mb, 1),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
