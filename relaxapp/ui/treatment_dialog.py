"""Log a treatment, or change one logged before: an injection, a medicine started or stopped, or another.

Like the twitch dialog it only gathers what the person chooses and checks it with core.journal's rules;
the journal on the application floor saves it and can take it back.
"""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QDateEdit, QFormLayout, QLineEdit, QVBoxLayout, QWidget

from relaxapp.core.journal import (
    DOSE_MAX_CHARS,
    NOTE_MAX_CHARS,
    TREATMENT_NAME_MAX_CHARS,
    Place,
    Side,
    Treatment,
    TreatmentKind,
    treatment_problems,
)
from relaxapp.core.wording import PLACE_NAMES, SIDE_NAMES, TREATMENT_NAMES, treatment_form_words
from relaxapp.logic.journal import Journal
from relaxapp.ui.journal_form import buddy, check_and_save, show_state
from relaxapp.ui.layouts import WrappingDialog
from relaxapp.ui.ratings import ChoiceButtons, ChoiceChecks

# What the name field asks for, and suggests, for each kind of treatment.
NAME_LABELS = {
    TreatmentKind.INJECTION: ("P&roduct", "Optional: Botox, Xeomin, Dysport …"),  # Alt+P is Places
    TreatmentKind.MEDICINE_STARTED: ("&Medicine", "Its name, as on the box"),
    TreatmentKind.MEDICINE_STOPPED: ("&Medicine", "Its name, as on the box"),
    TreatmentKind.OTHER: ("&What", "Surgery, acupuncture, tinted glasses …"),
}
DOSE_HINTS = {
    TreatmentKind.INJECTION: "Optional: as on your treatment record",
    TreatmentKind.MEDICINE_STARTED: "Optional: as on your prescription",
    TreatmentKind.MEDICINE_STOPPED: "Optional: the dose you were taking",
    TreatmentKind.OTHER: "Optional",
}


class TreatmentDialog(WrappingDialog):
    """A treatment on a day. A new one starts from the last injection logged (the same injection, given
    every few months, is then Save), dated today; changing one shows its own answers.

    Where (side and places) is asked of an injection only. Save stays off while core.journal finds
    anything wrong, and the problem is named under the fields by the field's label.
    """

    def __init__(
        self,
        treatment: Treatment | None = None,
        *,
        today: date,
        last: Treatment | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._id = treatment.id if treatment else None
        start = treatment or last
        self.setWindowTitle("Change this treatment" if treatment else "Log a treatment")
        self.setMinimumWidth(620)

        self.kind: ChoiceButtons[TreatmentKind] = ChoiceButtons(
            [(kind, name, f"Treatment: {name.lower()}") for kind, name in TREATMENT_NAMES.items()],
            question="Treatment",
            can_unpick=False,
        )
        self.kind.set_value(start.kind if start else TreatmentKind.INJECTION)
        self.given_on = QDateEdit()
        self.given_on.setCalendarPopup(True)
        self.given_on.setDisplayFormat("ddd d MMM yyyy")
        self.given_on.setAccessibleName("Date")
        # Not in the future; one saved "ahead" (a clock set back) keeps its date.
        latest = max(today, treatment.given_on) if treatment else today
        self.given_on.setMaximumDate(QDate(latest.year, latest.month, latest.day))
        day = treatment.given_on if treatment else today
        self.given_on.setDate(QDate(day.year, day.month, day.day))
        self.name = QLineEdit(start.name if start else "")
        self.name.setMaxLength(TREATMENT_NAME_MAX_CHARS)
        self.side: ChoiceButtons[Side] = ChoiceButtons(
            [(side, name, f"Side: {name.lower()}") for side, name in SIDE_NAMES.items()],
            question="Side",
            can_unpick=True,  # a second click takes it back: not said
        )
        self.side.set_value(start.side if start else None)
        self.places: ChoiceChecks[Place] = ChoiceChecks(
            [(place, name, name) for place, name in PLACE_NAMES.items()], question="Places"
        )
        self.places.set_values(start.places if start else ())
        self.dose = QLineEdit(start.dose if start else "")
        self.dose.setMaxLength(DOSE_MAX_CHARS)
        self.dose.setAccessibleName("Dose")
        self.note = QLineEdit(treatment.note if treatment else "")  # a note belongs to its day
        self.note.setMaxLength(NOTE_MAX_CHARS)
        self.note.setPlaceholderText("Optional: who gave it, how it went")
        self.note.setAccessibleName("Note")

        self.form = QFormLayout()
        self.form.setHorizontalSpacing(16)
        self.form.setVerticalSpacing(12)
        self.name_label = buddy("", self.name)
        self.form.addRow(buddy("&Treatment", self.kind), self.kind)
        self.form.addRow(buddy("&Date", self.given_on), self.given_on)
        self.form.addRow(self.name_label, self.name)
        self.form.addRow(buddy("S&ide", self.side), self.side)
        self.form.addRow(buddy("&Places", self.places), self.places)
        self.form.addRow(buddy("D&ose", self.dose), self.dose)
        self.form.addRow(buddy("&Note", self.note), self.note)
        self.waiting, self.problems, self.buttons, self.save_button = check_and_save(self)

        layout = QVBoxLayout(self)
        layout.setSpacing(12)
        layout.addLayout(self.form)
        layout.addWidget(self.waiting)
        layout.addWidget(self.problems)
        layout.addWidget(self.buttons)

        self.kind.changed.connect(self._show_kind)
        for changed in (self.kind.changed, self.side.changed, self.places.changed):
            changed.connect(self._check)
        self.given_on.dateChanged.connect(self._check)
        for line in (self.name, self.dose, self.note):
            line.textChanged.connect(self._check)
        self._show_kind()
        self._check()
        self.given_on.setFocus()

    @classmethod
    def next_one(cls, journal: Journal, parent: QWidget | None = None) -> TreatmentDialog:
        """A new treatment's dialog, dated today, starting from the last injection logged."""
        return cls(today=journal.today(), last=journal.last_injection(), parent=parent)

    def treatment(self) -> Treatment:
        """The treatment as the fields show it; where (side, places) only for an injection."""
        kind = self.kind.value() or TreatmentKind.INJECTION  # the row cannot be emptied
        injection = kind is TreatmentKind.INJECTION
        shown = self.given_on.date()
        return Treatment(
            given_on=date(shown.year(), shown.month(), shown.day()),
            kind=kind,
            name=self.name.text().strip(),
            side=self.side.value() if injection else None,
            places=self.places.values() if injection else (),
            dose=self.dose.text().strip(),
            note=self.note.text().strip(),
            id=self._id,
        )

    def accept(self) -> None:
        if treatment_problems(self.treatment()):  # Save is off then; this guards Enter too
            return
        super().accept()

    def _show_kind(self) -> None:
        kind = self.kind.value() or TreatmentKind.INJECTION
        label, hint = NAME_LABELS[kind]
        self.name_label.setText(label)
        self.name.setPlaceholderText(hint)
        self.name.setAccessibleName(label.replace("&", ""))
        self.dose.setPlaceholderText(DOSE_HINTS[kind])
        for row in (self.side, self.places):
            self.form.setRowVisible(row, kind is TreatmentKind.INJECTION)
        # The rows of an injection come and go with the kind: the dialog takes the height its rows need.
        # (A fixed size would take their width on one line too: wider than a small screen.)
        self.fit_to_rows()

    def _check(self) -> None:
        name = self.name_label.text().replace("&", "")
        waiting, problems = treatment_form_words(treatment_problems(self.treatment()), name)
        show_state(self.save_button, self.waiting, waiting, self.problems, problems)
