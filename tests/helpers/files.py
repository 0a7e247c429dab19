"""Files that are not plain files, for tests that the app never waits on one."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

Result = TypeVar("Result")
PROMPTLY = 5.0  # seconds: far more than a check takes, far less than a hang


def fifo(path: Path) -> Path:
    """A named pipe at `path`, with no writer: opening it to read waits until one comes."""
    os.mkfifo(path)
    return path


def without_waiting_on(pipe: Path, call: Callable[[], Result]) -> Result:
    """What `call()` gives back, which must come promptly although `pipe` has no writer.

    Called in a thread: a call that waits on the pipe is let go (a writer opens and closes it, so the
    read ends) and the test fails, instead of the whole run hanging for ever.
    """
    outcome: list[Result] = []
    failure: list[BaseException] = []

    def run() -> None:
        try:
            outcome.append(call())
        except BaseException as error:  # handed to the test's thread, whatever it is
            failure.append(error)

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(PROMPTLY)
    if worker.is_alive():
        os.close(os.open(pipe, os.O_WRONLY | os.O_NONBLOCK))
        worker.join(PROMPTLY)
        raise AssertionError(f"waited on the named pipe {pipe} for {PROMPTLY} s")
    if failure:
        raise failure[0]
    return outcome[0]
