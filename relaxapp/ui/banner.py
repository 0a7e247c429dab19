"""The calm banner above the pages: what went wrong (or right again), one line each, until dismissed."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget


class MessageBanner(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("problem")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.label = QLabel()
        self.label.setObjectName("problemText")
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dismiss = QPushButton("Dismiss")
        dismiss.setAccessibleName("Dismiss the messages")
        dismiss.clicked.connect(self.dismiss)
        row = QHBoxLayout(self)
        row.setContentsMargins(16, 8, 12, 8)
        row.addWidget(self.label, 1)
        row.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def text(self) -> str:
        return self.label.text()

    def add(self, text: str) -> None:
        """One more line (a sentence, capitalised), unless the banner says it already."""
        text = text[:1].upper() + text[1:]
        shown = self.label.text()
        if text not in shown.split("\n"):
            self.label.setText(f"{shown}\n{text}" if shown else text)

    def dismiss(self) -> None:
        self.label.clear()
        self.hide()
