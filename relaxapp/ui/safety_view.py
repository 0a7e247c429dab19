"""'Should I see a doctor?': a calm checklist of warning signs and one clear answer.

An emergency sign shows its answer the moment it is ticked: nothing else on the list could change it,
and nobody should have to find a button first.
"""

from __future__ import annotations

import html
import logging
from collections.abc import Callable, Sequence
from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from relaxapp.core.safety import (
    SIGN_LEVELS,
    Assessment,
    Checklist,
    Professional,
    VisitNotes,
    visit_notes,
)
from relaxapp.core.urgency import Urgency
from relaxapp.ui.announce import announce
from relaxapp.ui.layouts import PAGE_MARGIN, FlowLayout

log = logging.getLogger(__name__)


def _label(text: str, name: str = "", *, rich: bool = False) -> QLabel:
    label = QLabel()
    # Named before it has words: a running screen reader makes its interface (a heading, for a title)
    # as soon as the text is set.
    label.setObjectName(name)
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText if rich else Qt.TextFormat.PlainText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    label.setText(text)
    return label


class SafetyPage(QWidget):
    breathe_requested = Signal()
    visit_report_requested = Signal(VisitNotes)

    def __init__(
        self,
        checklist: Checklist,
        *,
        today: Callable[[], date],
        keep_answer: Callable[[Urgency, tuple[str, ...]], object] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._today = today
        self._keep_answer = keep_answer  # the journal keeps each answer shown (Journal.keep_safety_answer)
        self._checklist = checklist
        layout = QVBoxLayout(self)
        layout.setContentsMargins(PAGE_MARGIN, 28, PAGE_MARGIN, 20)
        layout.setSpacing(10)
        layout.addWidget(_label("Should I see a doctor?", "pageTitle"))
        layout.addWidget(_label(checklist.page.emergency_line, "emergencyLine"))
        self.stack = QStackedWidget()
        self.stack.addWidget(self._build_checklist())
        self.answer_area = _scrolling(None)
        self.stack.addWidget(self.answer_area)
        layout.addWidget(self.stack, 1)
        self.assessment: Assessment | None = None

    def _build_checklist(self) -> QWidget:
        """The signs scroll; the buttons below them stay in view, whatever the window or text size."""
        page = QWidget()
        page.setObjectName("pageContent")
        layout = QVBoxLayout(page)
        layout.setContentsMargins(0, 6, 0, 0)
        layout.setSpacing(12)
        page_text = self._checklist.page
        layout.addWidget(_label(page_text.intro, "pageIntro"))
        self.boxes: dict[str, QCheckBox] = {}
        for urgency in SIGN_LEVELS:
            group = QGroupBox(page_text.group_title(urgency))
            group.setObjectName(f"{urgency}Group")
            inner = QVBoxLayout(group)
            inner.setSpacing(8)
            for question in self._checklist.questions:
                if question.urgency is urgency:
                    row = _CheckRow(question.text)
                    self.boxes[question.id] = row.box
                    if urgency is Urgency.EMERGENCY:
                        row.box.toggled.connect(self._on_emergency_toggled)
                    inner.addWidget(row)
            layout.addWidget(group)
        layout.addStretch()
        checklist = QWidget()
        outer = QVBoxLayout(checklist)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(_scrolling(page), 1)
        buttons = QHBoxLayout()
        self.assess_button = QPushButton("See what to do")
        self.assess_button.setObjectName("primary")
        self.assess_button.clicked.connect(self.assess)
        clear = QPushButton("Clear")
        clear.clicked.connect(self.reset)
        buttons.addWidget(self.assess_button)
        buttons.addWidget(clear)
        buttons.addStretch()
        outer.addLayout(buttons)
        return checklist

    def _on_emergency_toggled(self, ticked: bool) -> None:
        if ticked:
            self.assess()

    def reset(self) -> None:
        answered = self.assessment is not None
        for box in self.boxes.values():
            box.setChecked(False)
        self.assessment = None
        self.stack.setCurrentIndex(0)
        if answered and self._keep_answer is not None:  # cleared after an answer: no sign is kept today
            self._keep_answer(self._checklist.assess(set()).urgency, ())

    def assess(self) -> None:
        ticked = {question_id for question_id, box in self.boxes.items() if box.isChecked()}
        self.assessment = self._checklist.assess(ticked)
        if self._keep_answer is not None:
            signs = tuple(question.id for question in self._checklist.questions if question.id in ticked)
            self._keep_answer(self.assessment.urgency, signs)
        view, title = self._answer_view(self.assessment)
        self.answer_area.setWidget(view)
        self.stack.setCurrentIndex(1)
        # Keyboard and screen-reader users land on the answer's title, which carries its first lines as
        # its description; the announcement reads them out even where a reader ignores focus changes.
        # An emergency interrupts whatever the reader is saying.
        title.setFocus(Qt.FocusReason.OtherFocusReason)
        answer = self.assessment.answer
        urgent = self.assessment.urgency is Urgency.EMERGENCY
        announce(title, f"{answer.title}. {answer.paragraphs[0]}", urgent=urgent)

    def ask_for_visit_report(self) -> None:
        """The visit report, with this answer in it: its signs, whom to see and what to write down."""
        assert self.assessment is not None
        self.visit_report_requested.emit(visit_notes(self.assessment, self._today()))

    def _answer_view(self, assessment: Assessment) -> tuple[QWidget, QLabel]:
        """The answer, and its title: where focus lands."""
        view = QFrame()
        view.setObjectName(f"answer_{assessment.urgency}")
        layout = QVBoxLayout(view)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.setSpacing(10)
        answer = assessment.answer
        title = _label(answer.title, "answerTitle")
        title.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        title.setIndent(0)  # its focus border would otherwise indent the words by half an "x"
        title.setAccessibleName(answer.title)
        title.setAccessibleDescription(answer.paragraphs[0])
        layout.addWidget(title)
        for paragraph in answer.paragraphs:
            layout.addWidget(_label(paragraph, "answerBody"))
        for advice in assessment.advice:
            layout.addWidget(_label(advice, "answerAdvice"))
        if assessment.professionals:
            _add_list(
                layout, "Whom to see", [_professional_entry(p) for p in assessment.professionals], rich=True
            )
        if assessment.also_noticed:
            _add_list(layout, "Mention as well", [question.text for question in assessment.also_noticed])
        if answer.notes:
            _add_list(layout, "What to write down before the visit", answer.notes)
        if assessment.urgency is not Urgency.EMERGENCY:
            layout.addSpacing(6)
            layout.addWidget(_label(self._checklist.page.if_sudden, "answerAdvice"))
        buttons = self._answer_buttons = FlowLayout()  # they wrap in a narrow window or with larger text
        if assessment.professionals:
            save = QPushButton("Save notes for the visit…")
            save.setObjectName("primary")
            save.clicked.connect(self.ask_for_visit_report)
            buttons.addWidget(save)
        if assessment.urgency is Urgency.SELF_CARE:
            breathe = QPushButton("Choose a breathing exercise")
            breathe.setObjectName("primary")
            breathe.clicked.connect(self.breathe_requested)
            buttons.addWidget(breathe)
        # An emergency answer offers nothing to do but the call: the only way on is back to the list.
        back = QPushButton("Back to the list" if assessment.urgency is Urgency.EMERGENCY else "Check again")
        back.clicked.connect(lambda: self.stack.setCurrentIndex(0))
        buttons.addWidget(back)
        for button in (back, *view.findChildren(QPushButton)):
            button.setAutoDefault(True)  # Enter presses it, as Space does
        layout.addLayout(buttons)
        layout.addStretch()
        view.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        return view, title


def _professional_entry(professional: Professional) -> str:
    return f"<b>{html.escape(professional.name)}</b>: {html.escape(professional.why)}"


def _add_list(layout: QVBoxLayout, heading: str, entries: Sequence[str], *, rich: bool = False) -> None:
    layout.addSpacing(6)
    layout.addWidget(_label(heading, "answerHeading"))
    for entry in entries:
        layout.addWidget(_label(entry if rich else f"•  {entry}", "answerBody", rich=rich))


def _scrolling(content: QWidget | None) -> QScrollArea:
    area = QScrollArea()
    area.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # only a frame: Tab goes to what it holds
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    if content is not None:
        area.setWidget(content)
    return area


class _CheckRow(QWidget):
    """A check box whose words wrap (a QCheckBox's own text never does); clicking the words ticks it."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.box = QCheckBox()
        self.box.setAccessibleName(text)
        words = QLabel(text)
        words.setWordWrap(True)
        words.setCursor(Qt.CursorShape.PointingHandCursor)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 2)
        layout.setSpacing(10)
        layout.addWidget(self.box, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(words, 1)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        # The box takes its own clicks; a click anywhere else on the row (its words) lands here.
        self.box.toggle()
        event.accept()
