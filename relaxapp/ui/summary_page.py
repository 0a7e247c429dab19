"""After a session: what was done, how the person feels now, and where to go next."""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from relaxapp.core.durations import duration_text
from relaxapp.core.record import Scale, SessionRecord
from relaxapp.ui.layouts import scrolling_content
from relaxapp.ui.ratings import RatingsPanel, change_words


class SummaryPage(QWidget):
    again_clicked = Signal()
    history_clicked = Signal()
    home_clicked = Signal()
    warning_signs_clicked = Signal()
    # The shown record with the after-session ratings as they now stand, on every pick, take-back or Skip;
    # a question left alone counts as skipped. The window saves it with HistoryStore.update_session.
    ratings_given = Signal(object)  # SessionRecord

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _page, layout = scrolling_content(self)
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

        again = QPushButton("Do it again")
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

        self._record: SessionRecord | None = None
        self.ratings = RatingsPanel("How do you feel now? (optional)")
        self.ratings.changed.connect(self._on_rated)
        self.change = QLabel()
        self.change.setObjectName("ratingChange")
        self.change.setAccessibleName("Change since before the session")
        self.change.hide()
        card = QFrame()
        card.setObjectName("ratingsCard")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(18, 14, 18, 14)
        card_layout.setSpacing(10)
        card_layout.addWidget(self.ratings)
        card_layout.addWidget(self.change)

        layout.addStretch(1)
        for widget in (self.heading, self.details, self.saved):
            layout.addWidget(widget)
        layout.addSpacing(6)
        layout.addWidget(card)
        layout.addSpacing(6)
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
                f"You finished {record.routine_title}: {duration_text(record.actual_seconds)} just for "
                "you. Take a moment before you get up."
            )
        else:
            self.heading.setText("Session ended")
            self.details.setText(
                f"You spent {duration_text(record.actual_seconds)} with {record.routine_title}, of the "
                f"planned {duration_text(record.planned_seconds)}. Every calm minute counts."
            )
        self.saved.setText(saved_note)
        # A summary follows a session that has just ended: its after-questions are still to be asked.
        self._record = record
        self.ratings.clear()
        self.change.hide()
        self.again_button.setFocus()

    def _on_rated(self) -> None:
        if self._record is None:
            return
        record = dataclasses.replace(self._record, ratings=self.ratings.as_after(self._record.ratings))
        self._record = record
        self.change.setText("\n".join(filter(None, (change_words(record.ratings, scale) for scale in Scale))))
        self.change.setVisible(self.ratings.touched())
        self.ratings_given.emit(record)
