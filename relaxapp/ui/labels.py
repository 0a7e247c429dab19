"""Small helpers for the labels of a running session."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel


def set_text_if_changed(label: QLabel, text: str) -> bool:
    """Show `text`; whether it changed (so that a name that carries it is updated only then)."""
    # Most frames leave every word as it was: setText would relayout the page sixty times a second.
    if label.text() == text:
        return False
    label.setText(text)
    return True
