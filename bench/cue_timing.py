"""Cue timing: how far each sound's play call lands from its scheduled moment, in real time.

Runs a real 2-minute session (longer out-breath, 4 s in and 6 s out: 25 cues) in relaxapp's own
window on a private Xvfb screen, with the real clock, the Qt event loop and the real audio player (on
SDL's dummy driver unless SDL_AUDIODRIVER says otherwise). Targets: max_abs_error_ms <= 17 (one frame),
end_error_ms <= 17.
"""

from __future__ import annotations

import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from xvfb import screen_env, virtual_screen

ROUTINE, MINUTES = "extended_exhale", 2


def main() -> None:
    with virtual_screen() as display, tempfile.TemporaryDirectory() as data:
        os.environ.update(screen_env(display))
        from relaxapp import app as relaxapp_app
        from relaxapp.audio.player import AudioPlayer
        from relaxapp.core.clock import MonotonicClock
        from relaxapp.core.routine import Minutes
        from relaxapp.logic.sessions import EndedSession
        from relaxapp.ui.main_window import MainWindow

        clock = MonotonicClock()
        played: list[tuple[str, float]] = []  # (cue, error in seconds)
        ended: list[float] = []

        def on_ready(window: MainWindow) -> None:
            runner = window.runner
            real_player: AudioPlayer = runner.player

            class TimedPlayer:
                """Passes every call on, noting how late (or early) each cue is asked for."""

                def play_cue(self, cue_id: str) -> None:
                    now = clock.now()
                    engine = runner.engine
                    assert engine is not None
                    due = next(c for c in engine.timeline.cues[len(played) :] if c.cue == cue_id)
                    played.append((cue_id, now - engine.clock_time_at(due.at)))
                    real_player.play_cue(cue_id)

                def __getattr__(self, name: str) -> object:
                    return getattr(real_player, name)

            runner.player = TimedPlayer()  # type: ignore[assignment]

            def on_ended(_ended: EndedSession) -> None:
                engine = runner.engine
                assert engine is not None
                ended.append(clock.now() - engine.clock_time_at(engine.timeline.total_seconds))
                window.close()

            runner.ended.connect(on_ended)
            routine = next(r for r in window.home._routines if r.id == ROUTINE)
            window.sessions.start_routine(routine, Minutes(MINUTES))

        relaxapp_app.run(["--data-dir", data], on_ready=on_ready)

    errors_ms = [error * 1000 for _, error in played]
    print(f"{'cue':>12} {'error ms':>9}")
    for (cue, _), error in zip(played, errors_ms, strict=True):
        print(f"{cue:>12} {error:9.2f}")
    print(f"median {statistics.median(errors_ms):.2f} ms, max |error| {max(map(abs, errors_ms)):.2f} ms")
    figures = {
        "cues": len(played),
        "max_abs_error_ms": round(max(map(abs, errors_ms)), 2),
        "end_error_ms": round(ended[0] * 1000, 2),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
