"""Widgets listening to the application floor's events, for as long as they live."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject

from relaxapp.logic.events import Event

T = TypeVar("T")


def follow(event: Event[T], receiver: QObject, slot: Callable[[T], object]) -> Callable[[], None]:
    """Call `slot` on every `event` until `receiver` is destroyed; returns the call that stops it sooner.

    An event outlives the widgets that listen to it: without this, a closed page would still be called,
    and a call into a deleted Qt object raises RuntimeError.
    """
    unsubscribe = event.subscribe(slot)
    # The lambda holds nothing of the receiver: by the time `destroyed` is emitted its Python side may
    # be half gone.
    receiver.destroyed.connect(lambda *_: unsubscribe())
    return unsubscribe
