"""Home: choose a kind of routine, a routine and (for breathing) a length, then start."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QHideEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSlider,
    QWidget,
)

from relaxapp.core.patterns import (
    DEFAULT_BREATHS_PER_MINUTE,
    MAX_BREATHS_PER_MINUTE,
    MIN_BREATHS_PER_MINUTE,
    PACED_ID,
    is_custom,
)
from relaxapp.core.routine import (
    ONCE,
    Routine,
    RoutineKind,
    SessionLength,
    chosen_or_default,
)
from relaxapp.core.routine import length_problem as routine_length_problem
from relaxapp.core.session import SessionOptions
from relaxapp.core.wording import (
    CAUTIONS_DUE,
    CAUTIONS_HIDDEN,
    KIND_INTROS,
    KIND_NAMES,
    duration_text,
    plan_text,
    spoken,
)
from relaxapp.ui.choices import OneChoice, RoutineCard
from relaxapp.ui.journal_strip import JournalStrip
from relaxapp.ui.layouts import PAGE_MARGIN, ColumnsLayout, FlowLayout, scrolling_content, tab_order
from relaxapp.ui.length_choice import LengthChoice
from relaxapp.ui.listening import follow
from relaxapp.ui.ratings import RatingsPanel
from relaxapp.ui.suggestions import SuggestedRow
from relaxapp.ui.theme import colours_for

if TYPE_CHECKING:
    from relaxapp.core.tips import Tip
    from relaxapp.logic.use_cases import UseCases


CARD_COLUMN_WIDTH = 300  # px: two cards side by side from twice this, one under the other below
START_KEYS = "Ctrl+Enter"


class HomePage(QWidget):
    start_requested = Signal(object, object, object)  # Routine, SessionLength, SessionOptions
    tip_requested = Signal(object)  # Tip

    def __init__(self, use_cases: UseCases, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # The page's own list of what its cards show, kept in step with the book's events and the pace.
        self._routines = routines = list(use_cases.routines.routines)
        self._book = use_cases.routines
        page, outer = scrolling_content(self)
        self._content = outer.parentWidget()
        outer.setContentsMargins(PAGE_MARGIN, 28, PAGE_MARGIN, 20)
        outer.setSpacing(12)

        heading = QLabel("What would help right now?")
        heading.setObjectName("pageTitle")
        heading.setWordWrap(True)
        self._intro = QLabel()
        self._intro.setObjectName("pageIntro")
        self._intro.setWordWrap(True)
        outer.addWidget(heading)
        # What became of a session that went nowhere (stopped in its first seconds): said, then shown here.
        self.note = QLabel()
        self.note.setObjectName("note")
        self.note.setWordWrap(True)
        self.note.hide()
        outer.addWidget(self.note)
        # A twitch is logged in a few clicks from here, before anything else on the page.
        self.journal = JournalStrip(use_cases.journal, use_cases.events)
        outer.addWidget(self.journal)
        # What brings the person here (asked at first start, changed in Settings) suggests where to begin.
        self.suggestions = SuggestedRow(use_cases.first_run, use_cases.events)
        self.suggestions.routine_chosen.connect(self.select)
        self.suggestions.cards_changed.connect(self._order_tab_stops)
        outer.addWidget(self.suggestions)
        # Asked before the choice, so that from the chosen routine Start is a press or three away.
        self.before = RatingsPanel("Before you start (optional)")
        outer.addWidget(self.before)
        self.eyes_closed = QCheckBox("Eyes closed: the voice guides every step")
        self.eyes_closed.setAccessibleName("Eyes-closed mode")
        self.eyes_closed.setToolTip(
            "For when watching the screen is hard, for example when your eyelids twitch"
        )
        outer.addWidget(self.eyes_closed)

        kinds_row = self._kinds_row = FlowLayout()
        self._kinds = OneChoice(self)
        self._kind_chips: dict[RoutineKind, QPushButton] = {}
        present = {routine.kind for routine in routines}
        for kind, name in KIND_NAMES.items():
            if kind not in present:
                continue
            chip = QPushButton(name)
            chip.setObjectName("kindChip")
            chip.setAccessibleName(f"{name} routines")  # a radio button among the kinds
            self._kinds.add(chip)
            self._kind_chips[kind] = chip
            kinds_row.addWidget(chip)
        outer.addLayout(kinds_row)
        outer.addWidget(self._intro)

        # The tools of the list of rhythms above it, so that they do not stand between a card and Start.
        self._library = QWidget()
        library = FlowLayout(self._library)
        self.new_pattern = QPushButton("New pattern…")
        self.new_pattern.setAccessibleName("Make a breathing pattern of your own")
        self.new_pattern.clicked.connect(lambda: self._edit_pattern(None))
        self.edit_pattern = QPushButton("Edit pattern…")
        self.edit_pattern.clicked.connect(self._edit_selected)
        self.delete_pattern = QPushButton("Delete pattern")
        self.delete_pattern.clicked.connect(self._delete_pattern)
        self.pace_label = QLabel()
        self.pace_label.setObjectName("rowTitle")
        self.pace = QSlider(Qt.Orientation.Horizontal)
        self.pace.setRange(int(MIN_BREATHS_PER_MINUTE), int(MAX_BREATHS_PER_MINUTE))
        self.pace.setValue(int(DEFAULT_BREATHS_PER_MINUTE))
        self.pace.setFixedWidth(180)
        self.pace.setAccessibleName("Breaths per minute")
        self.pace.valueChanged.connect(self._on_pace)
        for widget in (self.new_pattern, self.edit_pattern, self.delete_pattern, self.pace_label, self.pace):
            library.addWidget(widget)
        self._library.setVisible(False)
        outer.addWidget(self._library)

        self._cards = OneChoice(self)
        # Two columns where two cards fit side by side, else one under the other.
        self._card_grid = ColumnsLayout(CARD_COLUMN_WIDTH, spacing=4)  # the cards' margins hold their ring
        self._card_list: list[RoutineCard] = []
        for routine in routines:
            card = self._new_card(routine)
            self._cards.add(card)
            self._card_list.append(card)
        outer.addLayout(self._card_grid)
        self.new_pattern.setVisible(use_cases.routines.makes_patterns)
        follow(use_cases.events.routine_saved, self, self._on_routine_saved)
        follow(use_cases.events.routine_deleted, self, self.remove_routine)

        self.guidance = QLabel()
        self.guidance.setObjectName("guidance")
        self.guidance.setWordWrap(True)
        outer.addWidget(self.guidance)
        # A routine's cautions are shown in full before it starts, in one place only: here, a word on when.
        self.cautions_note = QLabel()
        self.cautions_note.setObjectName("cautionsNote")
        self.cautions_note.setWordWrap(True)
        self.show_cautions = QPushButton("Show them again")
        self.show_cautions.setObjectName("linkButton")
        self.show_cautions.setCursor(Qt.CursorShape.PointingHandCursor)
        self.show_cautions.setAccessibleName("Show this routine's cautions before each start again")
        self.show_cautions.clicked.connect(self._show_cautions_again)
        cautions_row = QHBoxLayout()
        cautions_row.setSpacing(12)
        cautions_row.addWidget(self.cautions_note, 1)
        cautions_row.addWidget(self.show_cautions)
        outer.addLayout(cautions_row)
        follow(use_cases.events.cautions_changed, self, self._on_cautions_changed)

        self.lengths = LengthChoice(self)
        self.length_title, self.breaths = self.lengths.title, self.lengths.breaths
        outer.addWidget(self.length_title)
        outer.addLayout(self.lengths.row)

        self.with_compress = QCheckBox()
        self.with_ambience = QCheckBox()
        self.with_ambience.setChecked(True)
        self.with_compress.setChecked(True)
        options_row = self._options_row = FlowLayout(spacing=20)
        for box in (self.with_compress, self.with_ambience):
            options_row.addWidget(box)
        outer.addLayout(options_row)

        start_row = QHBoxLayout()
        self.plan = QLabel()
        self.plan.setObjectName("plan")
        self.plan.setWordWrap(True)
        self.start_button = QPushButton("Start")
        self.start_button.setObjectName("primary")
        self.start_button.setAccessibleName("Start session")
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self._on_start)
        self.start_button.setToolTip(f"Start ({START_KEYS})")
        self.start_button.setAccessibleDescription(f"Shortcut: {START_KEYS}")
        for keys in ("Ctrl+Return", "Ctrl+Enter"):  # the main Enter key, and the one on the number pad
            shortcut = QShortcut(QKeySequence(keys), self, self.start_button.animateClick)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        start_row.addWidget(self.plan, 1)
        start_row.addWidget(self.start_button)
        # Start stays in view below the scrolling choices, however long the page grows.
        start_bar = QFrame()
        start_bar.setObjectName("startBar")
        start_bar.setLayout(start_row)
        start_row.setContentsMargins(PAGE_MARGIN, 10, PAGE_MARGIN, 10)
        page.addWidget(start_bar)
        outer.addStretch()
        self._outer = outer
        self._tip_more: QPushButton | None = None
        self._order_tab_stops()

        # Connected after the groups' own handlers, so the choice is already made when these run.
        self._kinds.chosen.connect(self._on_kind_chosen)
        self._cards.chosen.connect(self._on_routine_chosen)
        self.with_compress.toggled.connect(self._refresh_plan)
        self.lengths.chosen.connect(self._refresh_plan)

        self._preferences = use_cases.preferences
        follow(use_cases.events.preferences_changed, self, lambda _chosen: self.show_starting_choice())
        self.show_starting_choice()

    def show_starting_choice(self) -> None:
        """The routine and length set in Settings, or else the ones used last; eyes closed as set."""
        known = {routine.id for routine in self._routines}
        self.select(*self._preferences.starting_choice(known))
        self.eyes_closed.setChecked(self._preferences.current.eyes_closed)

    def show_tip_of_the_day(self, tip: Tip) -> None:
        """Added once the tips are loaded, after the first frame: the page does not wait for them (nor for
        the card's module and the tips' own, some 2.5 ms of start-up)."""
        from relaxapp.ui.tip_card import TipCard  # noqa: PLC0415 - see above

        card = TipCard(tip)
        card.more_requested.connect(self.tip_requested)
        self.tip_title, self._tip_more = card.title, card.more
        self._outer.addWidget(card)
        self._order_tab_stops()

    def _order_tab_stops(self) -> None:
        """Tab in reading order, top to bottom: from the chosen card, Start is at most three presses on
        (a length, the count of breaths, an option of the routine or the tip of the day between)."""
        stops: list[QWidget] = [self.journal, self.suggestions, self.before, self.eyes_closed]
        stops += self._kind_chips.values()
        stops += [self.new_pattern, self.edit_pattern, self.delete_pattern, self.pace, *self._card_list]
        stops += [self.show_cautions, *self.lengths.minute_chips.values(), self.lengths.breaths_chip]
        stops += [self.breaths]
        stops += [self.with_compress, self.with_ambience]
        tab_order([*stops, *([self._tip_more] if self._tip_more else []), self.start_button])

    def select(self, routine_id: str, length: SessionLength | None = None) -> None:
        """Choose a routine (and a length; its default when None), as a person would by clicking."""
        index = next((i for i, r in enumerate(self._routines) if r.id == routine_id), 0)
        if not self._routines:
            return
        routine = self._routines[index]
        self._show_kind(routine.kind)
        self._cards.choose(self._cards.buttons[index])
        self._on_routine_chosen()
        if routine.repeats:
            self.lengths.show(chosen_or_default(routine, length))
        self._refresh_plan()

    @property
    def routines(self) -> tuple[Routine, ...]:
        """The routines the page offers, in their order."""
        return tuple(self._routines)

    def selected_routine(self) -> Routine | None:
        index = self._cards.chosen_index()
        return self._routines[index] if index >= 0 else None

    def selected_length(self) -> SessionLength | None:
        routine = self.selected_routine()
        if routine is not None and not routine.repeats:
            return ONCE
        return self.lengths.selected()

    def _new_card(self, routine: Routine) -> RoutineCard:
        """A routine's card, with the others in the Tab order, after the kinds: a card parented only once
        laid out (when its kind is shown) would come last, after Start."""
        card = RoutineCard(routine, self._content)
        if self._card_list:
            QWidget.setTabOrder(self._card_list[-1], card)
        return card

    def _on_routine_saved(self, routine: Routine) -> None:
        if any(known.id == routine.id for known in self._routines):
            self.replace_routine(routine)
        else:
            self.add_routine(routine)

    def add_routine(self, routine: Routine) -> None:
        """A pattern just saved: its card joins the others and is chosen."""
        self._routines.append(routine)
        card = self._new_card(routine)
        self._cards.add(card)
        self._card_list.append(card)
        self.select(routine.id)

    def replace_routine(self, routine: Routine) -> None:
        """A pattern edited, or a new pace: the card of the same id shows the new version."""
        index = next(i for i, r in enumerate(self._routines) if r.id == routine.id)
        old = self._card_list[index]
        card = self._new_card(routine)
        self._routines[index] = routine
        self._card_list[index] = card
        self._cards.replace(old, card)
        self._card_grid.removeWidget(old)
        old.hide()
        old.deleteLater()
        self.select(routine.id, self.selected_length())  # a new pace keeps the length chosen

    def remove_routine(self, routine_id: str) -> None:
        index = next(i for i, r in enumerate(self._routines) if r.id == routine_id)
        card = self._card_list.pop(index)
        del self._routines[index]
        self._cards.remove(card)
        self._card_grid.removeWidget(card)
        card.hide()
        card.deleteLater()
        self.select(self._routines[0].id if self._routines else "")

    def _edit_pattern(self, routine: Routine | None) -> None:
        """A new pattern (None) or a change to the chosen one; the book tells this page when it is saved."""
        if self._book.makes_patterns:
            from relaxapp.ui.pattern_dialog import edit_pattern  # noqa: PLC0415 - rarely used: not at start-up

            look = self._preferences.current
            edit_pattern(self, self._book, routine, colours_for(look.theme), look.reduced_motion)

    def _edit_selected(self) -> None:
        routine = self.selected_routine()
        if routine is not None:  # the button shows only for a pattern made here, but be sure
            self._edit_pattern(routine)

    def _delete_pattern(self) -> None:
        routine = self.selected_routine()
        if routine is not None:
            from relaxapp.ui.pattern_dialog import delete_pattern  # noqa: PLC0415 - see _edit_pattern

            delete_pattern(self, self._book, routine)

    def _on_pace(self, value: int) -> None:
        self.pace_label.setText(f"Pace: {value} a minute")
        current = self.selected_routine()
        if current is not None and current.id == PACED_ID:
            self.replace_routine(self._book.set_pace(value))

    def selected_options(self) -> SessionOptions:
        return SessionOptions(
            eyes_closed=self.eyes_closed.isChecked(),
            with_optional=self.with_compress.isChecked(),
            ambience=self.with_ambience.isChecked(),
        )

    def _show_kind(self, kind: RoutineKind) -> None:
        """Only the routines of one kind are on the page at a time: seventeen cards would be a wall."""
        chip = self._kind_chips.get(kind)
        if chip is not None:
            self._kinds.choose(chip)
        self._intro.setText(KIND_INTROS[kind])
        for card in self._card_list:
            self._card_grid.removeWidget(card)
            card.hide()
        shown = [card for card in self._card_list if card.routine.kind is kind]
        for card in shown:
            self._card_grid.addWidget(card)
            card.show()

    def _on_kind_chosen(self) -> None:
        kind = next(k for k, chip in self._kind_chips.items() if chip.isChecked())
        self._show_kind(kind)
        current = self.selected_routine()
        if current is None or current.kind is not kind:
            first = next(card for card in self._card_list if card.routine.kind is kind)
            self.select(first.routine.id)

    def _on_routine_chosen(self) -> None:
        routine = self.selected_routine()
        if routine is None:
            return
        # Cautions to read first are shown before the start (or were chosen away): not twice, not here.
        self.guidance.setText("" if routine.read_first else routine.guidance)
        self.guidance.setVisible(bool(routine.guidance) and not routine.read_first)
        self._show_cautions_note(routine)
        self._library.setVisible(routine.repeats)
        for button in (self.edit_pattern, self.delete_pattern):
            button.setVisible(is_custom(routine))
        paced = routine.id == PACED_ID
        self.pace_label.setVisible(paced)
        self.pace.setVisible(paced)
        self.pace_label.setText(f"Pace: {self.pace.value()} a minute")
        optional = routine.optional_steps
        self.with_compress.setVisible(bool(optional))
        if optional:
            first = optional[0]
            self.with_compress.setText(
                f"Begin with: {first.title or first.kind} ({duration_text(first.seconds)})"
            )
        self.with_ambience.setVisible(bool(routine.ambience))
        if routine.ambience:
            self.with_ambience.setText(f"Background sound: {routine.ambience}")
        chosen = self.selected_length()  # before the new maximum clamps the count of breaths
        self.lengths.offer(routine)
        length = chosen_or_default(routine, chosen)
        if routine.repeats and length != chosen:
            self.lengths.show(length)
        self._refresh_plan()

    def _show_cautions_note(self, routine: Routine) -> None:
        due = self._preferences.cautions_due(routine)
        self.cautions_note.setText(CAUTIONS_DUE if due else CAUTIONS_HIDDEN)
        self.cautions_note.setVisible(routine.read_first)
        self.show_cautions.setVisible(routine.read_first and not due)

    def _on_cautions_changed(self, routine_id: str) -> None:
        routine = self.selected_routine()
        if routine is not None and routine.id == routine_id:
            self._show_cautions_note(routine)

    def _show_cautions_again(self) -> None:
        routine = self.selected_routine()
        if routine is not None:
            self._preferences.show_cautions_again(routine)

    def _refresh_plan(self) -> None:
        routine, length = self.selected_routine(), self.selected_length()
        if routine is None or length is None:
            text, startable = "Choose a rhythm and a length.", False
        else:
            problem = routine_length_problem(routine, length)
            startable = not problem
            text = problem or plan_text(routine, length, with_optional=self.with_compress.isChecked())
        self.lengths.settle_focus()
        self.plan.setText(text)
        self.plan.setAccessibleName(spoken(text))  # "3 min, 9 breaths": a pause, not "middle dot"
        self.start_button.setEnabled(startable)

    def tell(self, text: str) -> None:
        """A calm word under the heading (empty: none), about what just happened: gone once the person
        leaves the page (a session started, another page opened)."""
        self.note.setText(text)
        self.note.setVisible(bool(text))

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        if not event.spontaneous():  # not when the window is minimised: the person has not moved on
            self.tell("")

    def _on_start(self) -> None:
        routine, length = self.selected_routine(), self.selected_length()
        if routine is not None and length is not None:
            self.start_requested.emit(routine, length, self.selected_options())
