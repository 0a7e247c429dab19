"""Methods Qt calls while it paints (a model's data(), a paintEvent) keep their exceptions to themselves.

An exception escaping such a method reaches PySide, which hands it to sys.excepthook in the middle of
Qt's painting; a dialog opened from there can crash the app, and the next frame fails the same way
again. A shielded method logs what went wrong, once, and gives Qt a harmless answer instead.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar, cast

log = logging.getLogger(__name__)

P = ParamSpec("P")
R = TypeVar("R")
S = TypeVar("S")

_reported: set[str] = set()  # one traceback per method is enough: a failing paint fails every frame


def shielded(fallback: object) -> Callable[[Callable[Concatenate[S, P], R]], Callable[Concatenate[S, P], R]]:
    """Wrap a method Qt calls so that an exception is logged (once per method) and `fallback` returned:
    an answer Qt takes from that method (None for a paint event or a data role)."""

    def wrap(method: Callable[Concatenate[S, P], R]) -> Callable[Concatenate[S, P], R]:
        name = method.__qualname__

        @functools.wraps(method)
        def guarded(self: S, /, *args: P.args, **kwargs: P.kwargs) -> R:
            try:
                return method(self, *args, **kwargs)
            except Exception:
                report_once(name)
                return cast(R, fallback)

        return guarded

    return wrap


def report_once(name: str) -> None:
    """Log the exception being handled in `name`, with its traceback, the first time only."""
    if name in _reported:
        return
    _reported.add(name)
    log.error("%s failed and was skipped; later failures of it are not logged", name, exc_info=True)
