"""First start: the wellbeing notice, then one optional question (what brings you here) that picks
where to begin; skipped, it changes nothing."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QFontInfo
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from relaxapp.core.welcome import WelcomeQuestion
from relaxapp.logic.welcome import FirstRun
from relaxapp.ui.choices import OneChoice, TextCard
from relaxapp.ui.help_menu import WellbeingNotice
from relaxapp.ui.layouts import WrappingDialog

ANSWER_CARD_HEIGHT = 64  # a label and a line under it
# As wide as 37 letters of its words are high: with larger text it widens, so that its wrapped answers
# still fit on an 800×600 screen (tests/ui/test_reflow.py), rather than run taller than the screen.
WIDTH_IN_EMS = 37
LEAST_WIDTH = 520  # px, with the smallest text


class WelcomeDialog(WrappingDialog):
    """The question and its answers as a radio group (one Tab stop, the arrows move within); Continue
    takes the answer chosen, Skip (or Esc) none."""

    def __init__(self, question: WelcomeQuestion, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Welcome to relaxapp")
        title = QLabel(question.question)
        title.setObjectName("dialogTitle")
        intro = QLabel(question.intro)
        intro.setObjectName("pageIntro")
        intro.setWordWrap(True)
        self._choice = OneChoice(self)
        self.cards: dict[str, TextCard] = {}
        layout = QVBoxLayout(self)
        layout.setContentsMargins(28, 24, 28, 20)
        layout.setSpacing(10)
        layout.addWidget(title)
        layout.addWidget(intro)
        layout.addSpacing(4)
        for answer in question.answers:
            card = TextCard(
                answer.label,
                "",
                answer.detail,
                name=answer.label,
                description=answer.detail,
                least_height=ANSWER_CARD_HEIGHT,
            )
            card.setObjectName("answerCard")
            card.setAutoDefault(False)  # Enter is for Continue
            self._choice.add(card)
            self.cards[answer.id] = card
            layout.addWidget(card)
        self.skip_button = QPushButton("Skip")
        self.skip_button.setAccessibleName("Skip the question")
        self.skip_button.setAutoDefault(False)
        self.skip_button.clicked.connect(self.reject)
        self.continue_button = QPushButton("Continue")
        self.continue_button.setObjectName("primary")
        self.continue_button.setDefault(True)
        self.continue_button.setEnabled(False)
        self.continue_button.clicked.connect(self.accept)
        self._choice.chosen.connect(lambda: self.continue_button.setEnabled(self.chosen() is not None))
        buttons = QHBoxLayout()
        buttons.addStretch()
        buttons.addWidget(self.skip_button)
        buttons.addWidget(self.continue_button)
        layout.addSpacing(6)
        layout.addLayout(buttons)
        intro.ensurePolished()  # the style sheet's text size
        self.setMinimumWidth(max(LEAST_WIDTH, WIDTH_IN_EMS * QFontInfo(intro.font()).pixelSize()))

    def chosen(self) -> str | None:
        """The id of the answer chosen; None while none is."""
        index = self._choice.chosen_index()
        return list(self.cards)[index] if index >= 0 else None


def welcome(parent: QWidget, notice: WellbeingNotice, first_run: FirstRun, then: Callable[[], None]) -> None:
    """The notice at first start, then the question; `then` runs once both are done with (at once when
    neither is due). Closing the question counts as skipping it: it is never in the way twice."""
    if not first_run.due():
        notice.show(only_first_time=True, then=then)
        return
    notice.show(only_first_time=True, then=lambda: _ask(parent, first_run, then))


def _ask(parent: QWidget, first_run: FirstRun, then: Callable[[], None]) -> None:
    assert first_run.question is not None  # due() says so
    dialog = WelcomeDialog(first_run.question, parent)

    def finished(result: int) -> None:
        chosen = dialog.chosen()
        if result == QDialog.DialogCode.Accepted.value and chosen is not None:
            first_run.answer(chosen)
        else:
            first_run.skip()
        dialog.deleteLater()
        then()

    dialog.finished.connect(finished)
    dialog.open()
