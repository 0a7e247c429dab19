"""A private virtual screen for the benchmarks, so they measure a real window, not an offscreen one."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path


@contextlib.contextmanager
def virtual_screen(size: str = "1280x800x24") -> Iterator[str]:
    """Start Xvfb on a free display number; yield the DISPLAY value."""
    if shutil.which("Xvfb") is None:
        raise SystemExit("bench: Xvfb is needed (apt-get install xvfb)")
    number = next(n for n in range(90, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists())
    display = f":{number}"
    server = subprocess.Popen(
        ["Xvfb", display, "-screen", "0", size, "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 10
        while not Path(f"/tmp/.X11-unix/X{number}").exists():
            if time.monotonic() > deadline or server.poll() is not None:
                raise SystemExit("bench: Xvfb did not start")
            time.sleep(0.05)
        yield display
    finally:
        server.terminate()
        server.wait()


def screen_env(display: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "QT_QPA_PLATFORM"}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", SDL_AUDIODRIVER=env.get("SDL_AUDIODRIVER", "dummy"))
    return env
