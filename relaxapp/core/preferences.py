"""Settings as text (how QSettings stores them) to values the app can trust, and back.

A settings file can be edited by hand or damaged: every reading falls back to the default rather than
stop the app from starting.
"""

from __future__ import annotations

import math

from relaxapp.core.routine import Cycles, Minutes, SessionLength

DEFAULT_VOLUME = 0.8


def volume_from_text(raw: object) -> float:
    """A volume from 0 to 1; anything else (words, NaN, 7) gives the default."""
    try:
        volume = float(str(raw))
    except ValueError:
        return DEFAULT_VOLUME
    return volume if math.isfinite(volume) and 0.0 <= volume <= 1.0 else DEFAULT_VOLUME


def flag_from_text(raw: object, default: bool = False) -> bool:
    text = str(raw).strip().lower()
    if text in ("true", "1", "yes"):
        return True
    if text in ("false", "0", "no"):
        return False
    return default


def length_to_text(length: SessionLength) -> str:
    unit = "cycles" if isinstance(length, Cycles) else "minutes"
    return f"{length.value:g} {unit}"


def length_from_text(raw: object) -> SessionLength | None:
    """'3 minutes' → Minutes(3), '4 cycles' → Cycles(4); None for anything else."""
    value, _, unit = str(raw).partition(" ")
    try:
        number = float(value)
    except ValueError:
        return None
    if not math.isfinite(number) or number <= 0:
        return None
    if unit == "cycles" and number.is_integer():
        return Cycles(int(number))
    return Minutes(number) if unit == "minutes" else None
