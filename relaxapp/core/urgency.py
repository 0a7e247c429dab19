"""How soon the warning signs a person ticked call for care: the answer of the safety check, kept in the
journal with the day it was given."""

from __future__ import annotations

from enum import StrEnum


class Urgency(StrEnum):
    EMERGENCY = "emergency"  # call emergency services now
    TODAY = "today"  # same-day care: an urgent appointment, urgent care or a health phone line
    SOON = "soon"  # book a doctor's visit
    SELF_CARE = "self_care"  # none of the listed signs: look after yourself, check again if anything changes
