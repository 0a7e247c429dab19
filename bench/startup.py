"""Start-up: process start → first frame painted, and memory, for relaxapp and a bare PySide6 window.

Runs the two alternately on a private Xvfb screen, so both see the same machine load; the ratio is the
figure that matters. Target: startup_ratio <= 1.3, app_rss_mb <= 90.

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
from pathlib import Path

from xvfb import screen_env, virtual_screen

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5

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


def measure(command: list[str], env: dict[str, str]) -> tuple[float, float]:
    started = time.time()
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=60, check=True)
    report = json.loads(result.stdout.strip().splitlines()[-1])
    return report["first_frame_wall"] - started, report["rss_mb"]


Run = tuple[float, float]  # (seconds to the first frame, peak RSS in MB)


def alternate(first: list[str], second: list[str], env: dict[str, str]) -> tuple[list[Run], list[Run]]:
    """RUNS launches of each, taking turns, after one untimed launch of each to warm the file cache."""
    measure(first, env)
    measure(second, env)
    first_runs, second_runs = [], []
    for _ in range(RUNS):
        first_runs.append(measure(first, env))
        second_runs.append(measure(second, env))
    return first_runs, second_runs


def report(names: tuple[str, str], first: list[Run], second: list[Run]) -> tuple[float, float, float, float]:
    """Print the runs side by side; return the medians: (first s, second s, first MB, second MB)."""
    a, b = names
    print(f"{'run':>4} {a + ' s':>10} {b + ' s':>10} {a + ' MB':>11} {b + ' MB':>11}")
    for number, ((a_s, a_mb), (b_s, b_mb)) in enumerate(zip(first, second, strict=True), 1):
        print(f"{number:>4} {a_s:10.3f} {b_s:10.3f} {a_mb:11.1f} {b_mb:11.1f}")
    return (
        statistics.median(s for s, _ in first),
        statistics.median(s for s, _ in second),
        statistics.median(mb for _, mb in first),
        statistics.median(mb for _, mb in second),
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--routine-files", type=int, default=0, help="routine files of the person's own")
    args = parser.parse_args()
    # As an installed app or a bundle would be: byte-compiled (an editable checkout may not be).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "relaxapp")], check=True)
    with virtual_screen() as display, tempfile.TemporaryDirectory() as data:
        write_routine_files(Path(data), args.routine_files)
        env = screen_env(display)
        app_cmd = [sys.executable, str(ROOT / "main.py"), "--data-dir", data, "--exit-after-first-frame"]
        app_runs, bare_runs = alternate(app_cmd, [sys.executable, "-c", BARE], env)
    app_s, bare_s, app_mb, bare_mb = report(("app", "bare"), app_runs, bare_runs)
    figures = {
        "routine_files": args.routine_files,
        "app_first_frame_s": round(app_s, 3),
        "bare_first_frame_s": round(bare_s, 3),
        "startup_ratio": round(app_s / bare_s, 3),
        "app_rss_mb": round(app_mb, 1),
        "bare_rss_mb": round(bare_mb, 1),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
