"""After a session: what was done, how the person feels now, and where to go next."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from relaxapp.core.record import Scale, SessionRecord
from relaxapp.core.wording import change_words, summary_words
from relaxapp.logic.events import Events
from relaxapp.logic.sessions import EndedSession, Kept, SessionFlow
from relaxapp.ui.announce import announce
from relaxapp.ui.layouts import PAGE_MARGIN, scrolling_content
from relaxapp.ui.listening import follow
from relaxapp.ui.ratings import RatingsPanel

# What became of the session shown (a false start has no summary: home is shown instead).
SAVED_NOTES = {
    Kept.SAVED: "Saved in your history.",
    Kept.WAITING: "Not saved yet: see the message at the top.",
    Kept.UNTIL_CLOSE: "Kept until you close relaxapp (the history file could not be used).",
}


CHANGE_NAME = "Change since before the session"


class SummaryPage(QWidget):
    again_clicked = Signal()
    history_clicked = Signal()
    home_clicked = Signal()
    warning_signs_clicked = Signal()

    def __init__(self, flow: SessionFlow, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._flow = flow
        self._said_changes: list[str] = []  # the lines of the rating change a screen reader was told
        # A session that waited to be written may be saved by a retry while its summary is on screen.
        follow(events.history_changed, self, lambda _change: self._show_kept())
        _page, layout = scrolling_content(self)
        layout.setContentsMargins(PAGE_MARGIN, 40, PAGE_MARGIN, 24)
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

        self.ratings = RatingsPanel("How do you feel now? (optional)")
        self.ratings.changed.connect(self._on_rated)
        # Shown under the ratings once one is given, and until then no room kept for it: an empty band
        # in the card. The page is laid out from the top, so the lines push down only what is below them.
        self.change = QLabel()
        self.change.setObjectName("ratingChange")
        self.change.setWordWrap(True)
        self.change.hide()
        card = QFrame()
        card.setObjectName("ratingsCard")
        card_layout = QVBoxLayout(card)
        card_layout.setContentsMargins(14, 14, 14, 14)
        card_layout.setSpacing(10)
        card_layout.addWidget(self.ratings)
        card_layout.addWidget(self.change)

        for widget in (self.heading, self.details, self.saved):
            layout.addWidget(widget)
        layout.addSpacing(6)
        layout.addWidget(card)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        layout.addStretch(1)
        layout.addWidget(care)
        layout.addWidget(signs)
        self.heading.setAlignment(Qt.AlignmentFlag.AlignLeft)

    def show_warning_signs(self, after_session: str | None) -> None:
        """The reminder of when to see a doctor, and the link to the check; hidden if they failed to load."""
        self._care.setText(after_session or "")
        self._care.setVisible(after_session is not None)
        self._signs.setVisible(after_session is not None)

    def show_ended(self, ended: EndedSession) -> None:
        heading, details = summary_words(ended.record, at_bedtime=ended.at_bedtime)
        self.heading.setText(heading)
        self.details.setText(details)
        self.saved.setText(SAVED_NOTES[ended.kept])
        # A summary follows a session that has just ended: its after-questions are still to be asked.
        self.ratings.clear()
        self.change.hide()
        self.change.clear()
        self.change.setAccessibleName("")
        self._said_changes = []
        self.again_button.setFocus()
        # The focus on "Do it again" tells a screen reader only of that button: how the session went is said.
        announce(self, f"{heading}. {details} {SAVED_NOTES[ended.kept]}")

    def _show_kept(self) -> None:
        ended = self._flow.last_ended()
        if ended is not None and self.isVisible():
            self.saved.setText(SAVED_NOTES[ended.kept])

    def show_rated(self, record: SessionRecord) -> None:
        """The change since before the session, as the record now has it; a screen reader is told a line
        as it appears or changes (a rating picked), not the whole again on every pick."""
        self.change.setText("\n".join(filter(None, (change_words(record.ratings, scale) for scale in Scale))))
        self.change.setVisible(self.ratings.touched())
        said = [words for scale in Scale if (words := change_words(record.ratings, scale, spoken=True))]
        self.change.setAccessibleName(f"{CHANGE_NAME}: {'. '.join(said)}" if said else "")
        new = [words for words in said if words not in self._said_changes]
        if new and self.change.isVisible():
            announce(self, ". ".join(new))
        self._said_changes = said

    def _on_rated(self) -> None:
        # On every pick, take-back or Skip: the flow puts the answers on the session's one record.
        rated = self._flow.rate_after(*self.ratings.answers())
        if rated is not None:
            self.show_rated(rated)
