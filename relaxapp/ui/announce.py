"""Telling a screen reader what matters as it happens: an answer that appears, a session's next step.

Qt sends the announcement to the platform's accessibility bridge (AT-SPI on Linux, UI Automation on
Windows, NSAccessibility on macOS); a screen reader speaks it without moving the person's focus.
"""

from __future__ import annotations

from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent
from PySide6.QtWidgets import QWidget

from relaxapp.core.sound import spoken_form


def announce(source: QWidget, text: str, *, urgent: bool = False) -> None:
    """Have a screen reader say `text` on behalf of `source`; an urgent one interrupts what it is saying."""
    event = QAccessibleAnnouncementEvent(source, spoken_form(text))
    politeness = QAccessible.AnnouncementPoliteness
    event.setPoliteness(politeness.Assertive if urgent else politeness.Polite)
    send(event)


def send(event: QAccessibleEvent) -> None:
    """The one door to the accessibility bridge, so that tests can hear what a screen reader would."""
    QAccessible.updateAccessibility(event)
