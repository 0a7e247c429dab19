"""Where every launch begins (the `relaxapp` command, `python -m relaxapp`, main.py and the bundles): the
app's modules load with the collector of cyclic garbage paused."""

from __future__ import annotations

import gc


def main() -> None:
    # Loading the app makes some 45,000 objects the collector tracks, all of which live as long as the
    # process: it would walk them some 60 times and find nothing (5 ms of start-up, seen with gc.callbacks).
    gc.disable()
    from relaxapp.app import main as run_app  # noqa: PLC0415 - loaded with the collector paused

    gc.freeze()  # what loading made is never garbage: later collections leave it aside
    gc.enable()
    run_app()
