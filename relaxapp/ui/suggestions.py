"""The home page's "Suggested for you" row: the routines suggested for what brings the person here."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from relaxapp.core.preferences import Preferences
from relaxapp.core.routine import Routine
from relaxapp.core.welcome import MAX_SUGGESTED
from relaxapp.core.wording import KIND_NAMES, at_a_glance, spoken_glance
from relaxapp.logic.events import Events
from relaxapp.logic.welcome import FirstRun
from relaxapp.ui.choices import TextCard
from relaxapp.ui.layouts import ColumnsLayout
from relaxapp.ui.listening import follow

SUGGESTED_CARD_HEIGHT = 64  # a title and a line: lower than a routine card, which has a summary too
SUGGESTED_COLUMN_WIDTH = 180  # px: all the cards side by side from three times this, fewer a row below


class SuggestedRow(QWidget):
    """Two or three cards, one a routine; a click chooses it on the page. Hidden while no answer is given
    (the question skipped, or answered "none" in Settings); follows a new answer from Settings."""

    routine_chosen = Signal(str)  # the id of the routine clicked
    cards_changed = Signal()  # new cards, which the page puts in its Tab order

    def __init__(self, first_run: FirstRun, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._first_run = first_run
        self.cards: list[TextCard] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(8)
        self.title = QLabel("Suggested for you")
        self.title.setObjectName("rowTitle")
        self.note = QLabel()
        self.note.setObjectName("pageIntro")
        self.note.setWordWrap(True)
        # Equal columns, every card of a row as tall as the tallest; fewer a row in a narrow window.
        self._row = ColumnsLayout(SUGGESTED_COLUMN_WIDTH, most=MAX_SUGGESTED, spacing=12)
        layout.addWidget(self.title)
        layout.addWidget(self.note)
        layout.addLayout(self._row)
        follow(events.preferences_changed, self, self._on_preferences)
        self.show_suggestions()

    def show_suggestions(self) -> None:
        """The cards for the answer as it now stands; the row hides without one."""
        answer, routines = self._first_run.suggested()
        for card in self.cards:
            self._row.removeWidget(card)
            card.hide()  # at once: deleted on the next turn of the event loop, it would linger till then
            card.deleteLater()
        self.cards = [self._card(routine) for routine in routines]
        for card in self.cards:
            self._row.addWidget(card)
        self.note.setText(answer.note if answer else "")
        self.note.setVisible(bool(answer and answer.note))
        self.setVisible(bool(self.cards))
        self.cards_changed.emit()

    def _card(self, routine: Routine) -> TextCard:
        # The length or rhythm under the title: three cards side by side leave no room beside it.
        card = TextCard(
            routine.title,
            "",
            f"{KIND_NAMES[routine.kind]} · {at_a_glance(routine)}",
            name=f"{routine.title}, {spoken_glance(routine)}",
            description=f"{KIND_NAMES[routine.kind]}. Suggested for you: choose this routine",
            least_height=SUGGESTED_CARD_HEIGHT,
        )
        card.setObjectName("suggestedCard")
        policy = card.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Preferred)  # as tall as its neighbours (a button is not)
        card.setSizePolicy(policy)
        card.clicked.connect(lambda: self.routine_chosen.emit(routine.id))
        return card

    def _on_preferences(self, _chosen: Preferences) -> None:
        self.show_suggestions()
