"""Start-up: process start → first frame painted, and memory, for relaxapp and a bare PySide6 window.

Runs the two alternately on a private Xvfb screen, so both see the same machine load; the ratio is the
figure that matters. Target: startup_ratio <= 1.3, app_rss_mb <= 90.
"""

from __future__ import annotations

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


def main() -> None:
    # As an installed app or a bundle would be: byte-compiled (an editable checkout may not be).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "relaxapp")], check=True)
    with virtual_screen() as display, tempfile.TemporaryDirectory() as data:
        env = screen_env(display)
        app_cmd = [sys.executable, str(ROOT / "main.py"), "--data-dir", data, "--exit-after-first-frame"]
        bare_cmd = [sys.executable, "-c", BARE]
        measure(
            bare_cmd, env
        )  # warm the file cache for both: the first launch of the day is not the question
        measure(app_cmd, env)
        app_runs, bare_runs = [], []
        for _ in range(RUNS):
            app_runs.append(measure(app_cmd, env))
            bare_runs.append(measure(bare_cmd, env))

    print(f"{'run':>4} {'app s':>8} {'bare s':>8} {'app MB':>8} {'bare MB':>8}")
    for number, ((app_s, app_mb), (bare_s, bare_mb)) in enumerate(zip(app_runs, bare_runs, strict=True), 1):
        print(f"{number:>4} {app_s:8.3f} {bare_s:8.3f} {app_mb:8.1f} {bare_mb:8.1f}")
    app_s = statistics.median(s for s, _ in app_runs)
    bare_s = statistics.median(s for s, _ in bare_runs)
    figures = {
        "app_first_frame_s": round(app_s, 3),
        "bare_first_frame_s": round(bare_s, 3),
        "startup_ratio": round(app_s / bare_s, 3),
        "app_rss_mb": round(statistics.median(mb for _, mb in app_runs), 1),
        "bare_rss_mb": round(statistics.median(mb for _, mb in bare_runs), 1),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
