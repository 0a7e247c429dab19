"""After a session: what was done, and where to go next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from relaxapp.core.durations import duration_text
from relaxapp.core.record import SessionRecord


class SummaryPage(QWidget):
    again_clicked = Signal()
    history_clicked = Signal()
    home_clicked = Signal()
    warning_signs_clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 40, 40, 24)
        layout.setSpacing(14)
        self.heading = QLabel()
        self.heading.setObjectName("pageTitle")
        self.details = QLabel()
        self.details.setObjectName("pageIntro")
        self.details.setWordWrap(True)
        self.saved = QLabel()
        self.saved.setObjectName("note")
        self.saved.setWordWrap(True)
        care = QLabel()  # the words come from safety.toml, with the rest of the warning signs
        care.setObjectName("careNote")
        care.setWordWrap(True)
        care.hide()
        self._care = care
        signs = QPushButton("Check the warning signs ›")
        signs.setObjectName("linkButton")
        signs.clicked.connect(self.warning_signs_clicked)
        self._signs = signs

        again = QPushButton("Breathe again")
        again.setObjectName("primary")
        again.clicked.connect(self.again_clicked)
        history = QPushButton("See history")
        history.clicked.connect(self.history_clicked)
        home = QPushButton("Home")
        home.clicked.connect(self.home_clicked)
        buttons = QHBoxLayout()
        for button in (again, history, home):
            buttons.addWidget(button)
        buttons.addStretch()
        self.again_button = again

        layout.addStretch(1)
        for widget in (self.heading, self.details, self.saved):
            layout.addWidget(widget)
        layout.addLayout(buttons)
        layout.addStretch(2)
        layout.addWidget(care)
        layout.addWidget(signs)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignLeft)

    def show_warning_signs(self, after_session: str | None) -> None:
        """The reminder of when to see a doctor, and the link to the check; hidden if they failed to load."""
        self._care.setText(after_session or "")
        self._care.setVisible(after_session is not None)
        self._signs.setVisible(after_session is not None)

    def show_record(self, record: SessionRecord, saved_note: str) -> None:
        if record.completed:
            self.heading.setText("Well done")
            self.details.setText(
                f"You finished {record.routine_title}: {duration_text(record.actual_seconds)} of calm "
                "breathing. Take a moment before you get up."
            )
        else:
            self.heading.setText("Session ended")
            self.details.setText(
                f"You breathed with {record.routine_title} for {duration_text(record.actual_seconds)} "
                f"of the planned {duration_text(record.planned_seconds)}. Every calm breath counts."
            )
        self.saved.setText(saved_note)
        self.again_button.setFocus()
