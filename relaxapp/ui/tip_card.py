"""The tip of the day, as the home page shows it: the whole tip, and a way on to the others."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QLabel, QPushButton, QVBoxLayout, QWidget

from relaxapp.core.tips import Tip


class TipCard(QFrame):
    more_requested = Signal(object)  # Tip: "Read more tips" was pressed

    def __init__(self, tip: Tip, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("tipCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(16, 12, 16, 10)
        layout.setSpacing(4)
        label = QLabel("Tip of the day")
        label.setObjectName("tipLabel")
        self.title = QLabel(tip.title)
        self.title.setObjectName("tipTitle")
        self.title.setWordWrap(True)
        # The whole tip: a first paragraph alone could drop its caution ("never hot", "ask first").
        body = QLabel("\n\n".join(tip.paragraphs))
        body.setObjectName("tipBody")
        body.setWordWrap(True)
        self.more = QPushButton("Read more tips ›")
        self.more.setObjectName("linkButton")
        self.more.setCursor(Qt.CursorShape.PointingHandCursor)
        self.more.clicked.connect(lambda: self.more_requested.emit(tip))
        for widget in (label, self.title, body):
            layout.addWidget(widget)
        layout.addWidget(self.more, 0, Qt.AlignmentFlag.AlignLeft)  # its focus ring round its words only
