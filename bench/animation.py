"""The cost of what moves on screen: CPU of the whole process and frame pacing, in a real (Xvfb) window.

Two runs, each in a process of its own, on a private virtual screen, each watched for 30 s:

breathing: a box-breathing session. Targets: cpu_percent (of one core) <= 5, fps >= 50,
  frame_interval_p99_ms <= 25. A frame is one tick of the animation clock that hands a new state to the
  view. They are counted while the circle moves (breathing in or out): during a hold nothing moves, and
  the app rightly wakes only when a counter ticks over. The view skips repainting a picture identical to
  the last (a change of less than a quarter pixel), so paints are reported beside the frames.
imagery: the forest after rain, its rain falling: of the slow movements of an imagery scene the costliest,
  as rain repaints the whole scene (glints on water and a drifting light, only their part). Targets:
  imagery_cpu_percent <= 5 (the same budget), imagery_fps >= 12 (it aims at 15: slow and subtle),
  imagery_frame_interval_p99_ms <= 100. A frame is a paint of the scene.

`--run breathing` or `--run imagery` measures one; without it both run and the last line is the JSON of
both (the breathing figures under their old names, the imagery ones prefixed).
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from xvfb import screen_env, virtual_screen

SECONDS = 30.0
SETTLE_S = 2.0  # let audio and the first frames settle before measuring
RUNS = {
    "breathing": ["--routine", "box", "--minutes", "5"],
    "imagery": ["--routine", "imagery_forest_rain"],
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--run", choices=sorted(RUNS), help="measure this one only")
    args = parser.parse_args()
    if args.run:
        print(json.dumps(measure(args.run)))
        return
    figures: dict[str, float] = {}
    for name in RUNS:
        done = subprocess.run(
            [sys.executable, __file__, "--run", name], capture_output=True, text=True, check=True
        )
        lines = done.stdout.strip().splitlines()
        print("\n".join(lines[:-1]))
        measured = json.loads(lines[-1])
        prefix = "" if name == "breathing" else f"{name}_"
        figures |= {f"{prefix}{key}": value for key, value in measured.items()}
    print(json.dumps(figures))


def measure(run: str) -> dict[str, float]:
    with virtual_screen() as display, tempfile.TemporaryDirectory() as data:
        os.environ.update(screen_env(display))
        from PySide6.QtCore import QEvent, QObject, QTimer

        from relaxapp import app as relaxapp_app
        from relaxapp.core.session import SessionState
        from relaxapp.ui.main_window import MainWindow

        frames: list[tuple[float, int]] = []  # (when, segment index) of each frame while the circle moves
        paints: list[float] = []
        result: dict[str, float] = {}

        class PaintCounter(QObject):
            def eventFilter(self, watched, event):  # noqa: N802 - Qt names it
                if event.type() == QEvent.Type.Paint:
                    paints.append(time.perf_counter())
                return False

        paint_counter = PaintCounter()

        def on_frame(state: SessionState) -> None:
            if not state.is_still:
                frames.append((time.perf_counter(), state.segment_index))

        def on_ready(window: MainWindow) -> None:
            view = window.session.imagery if run == "imagery" else window.session.breathing
            view.installEventFilter(paint_counter)

            def begin() -> None:
                window.runner.frame.connect(on_frame)
                paints.clear()
                result["cpu0"], result["wall0"] = time.process_time(), time.perf_counter()
                QTimer.singleShot(int(SECONDS * 1000), end)

            def end() -> None:
                result["cpu1"], result["wall1"] = time.process_time(), time.perf_counter()
                window.runner.frame.disconnect(on_frame)
                window.close()

            QTimer.singleShot(int(SETTLE_S * 1000), begin)

        # A person who has read the first-run notice: a session asked for on the command line waits for it.
        (Path(data) / "config").mkdir()
        (Path(data) / "config" / "settings.ini").write_text("[notice]\nacknowledged=true\n")
        relaxapp_app.run(["--data-dir", data, *RUNS[run]], on_ready=on_ready)

    wall = result["wall1"] - result["wall0"]
    cpu_percent = 100 * (result["cpu1"] - result["cpu0"]) / wall
    print(f"{run}:")
    print(f"{'CPU (one core)':>22}: {cpu_percent:.2f} % over {wall:.1f} s")
    if run == "imagery":
        intervals = [(b - a) * 1000 for a, b in itertools.pairwise(paints)]
        fps = len(intervals) / (paints[-1] - paints[0])
    else:
        pairs = [(a, b) for (a, sa), (b, sb) in itertools.pairwise(frames) if sa == sb]
        intervals = [(b - a) * 1000 for a, b in pairs]
        moving_seconds = sum(b - a for a, b in pairs)
        fps = len(intervals) / moving_seconds
        print(f"{'frames while moving':>22}: {len(frames)} in {moving_seconds:.1f} s")
    p99 = statistics.quantiles(intervals, n=100)[98]
    print(f"{'frames per second':>22}: {fps:.1f}")
    print(f"{'paints':>22}: {len(paints)} in all")
    print(
        f"{'frame interval':>22}: median {statistics.median(intervals):.2f} ms, p99 {p99:.2f} ms, "
        f"max {max(intervals):.2f} ms"
    )
    return {
        "cpu_percent": round(cpu_percent, 2),
        "fps": round(fps, 1),
        "frame_interval_p99_ms": round(p99, 2),
    }


if __name__ == "__main__":
    main()
