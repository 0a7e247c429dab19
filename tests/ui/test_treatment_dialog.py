"""The treatment dialog: what it asks of each kind, what it starts from, and what it refuses, by name."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QDate, QPoint, Qt
from PySide6.QtWidgets import QDialog, QLabel

from relaxapp.core.journal import Place, Side, Treatment, TreatmentKind
from relaxapp.ui.treatment_dialog import TreatmentDialog
from tests.helpers.fit import cut_off
from tests.helpers.widgets import click, shown

TODAY = date(2026, 11, 25)
LAST = Treatment(
    date(2026, 8, 20), TreatmentKind.INJECTION, "Botox", Side.BOTH, (Place.EYELID, Place.BROW), "25 units",
    "went well", id=4,
)  # fmt: skip


def test_the_next_injection_is_the_last_one_again_dated_today(qtbot):
    dialog = shown(qtbot, TreatmentDialog(today=TODAY, last=LAST))
    assert dialog.windowTitle() == "Log a treatment"
    assert dialog.given_on.date() == QDate(2026, 11, 25)
    click(qtbot, dialog.save_button)
    assert dialog.result() == QDialog.DialogCode.Accepted
    # Its note was about that day, not this one; the id is the new entry's to get.
    assert dialog.treatment() == Treatment(
        TODAY, TreatmentKind.INJECTION, "Botox", Side.BOTH, (Place.EYELID, Place.BROW), "25 units"
    )


def test_a_medicine_is_asked_its_name_and_not_where(qtbot):
    dialog = shown(qtbot, TreatmentDialog(today=TODAY))
    assert dialog.kind.value() is TreatmentKind.INJECTION and dialog.save_button.isEnabled()
    tall = dialog.height()
    click(qtbot, dialog.kind.buttons[TreatmentKind.MEDICINE_STARTED])
    qtbot.waitUntil(lambda: dialog.height() < tall)  # no empty room where the rows of where were
    assert dialog.name_label.text() == "&Medicine" and dialog.name.accessibleName() == "Medicine"
    assert dialog.side.isHidden() and dialog.places.isHidden()
    assert dialog.waiting.text() == "Still to fill in: medicine."
    assert not dialog.save_button.isEnabled()
    assert "Still to fill in: medicine." in dialog.save_button.accessibleDescription()
    dialog.name.setText("Clonazepam")
    dialog.dose.setText("0.5 mg at night")
    dialog.given_on.setDate(QDate(2026, 11, 20))
    assert dialog.save_button.isEnabled()
    click(qtbot, dialog.save_button)
    assert dialog.treatment() == Treatment(
        date(2026, 11, 20), TreatmentKind.MEDICINE_STARTED, "Clonazepam", dose="0.5 mg at night"
    )


@pytest.mark.parametrize("kind", list(TreatmentKind))
def test_the_dose_hint_never_reads_like_a_suggested_dose(qtbot, kind: TreatmentKind):
    dialog = shown(qtbot, TreatmentDialog(today=TODAY))
    click(qtbot, dialog.kind.buttons[kind])
    hint = dialog.dose.placeholderText()
    assert hint.startswith("Optional")
    assert not any(character.isdigit() for character in hint)  # a number there looks like advice


def test_an_injection_ticks_several_places_and_a_side_that_can_be_taken_back(qtbot):
    dialog = shown(qtbot, TreatmentDialog(today=TODAY))
    assert not dialog.side.isHidden() and not dialog.places.isHidden()
    for place in (Place.EYELID, Place.CHEEK, Place.NECK):
        click(qtbot, dialog.places.buttons[place])
    click(qtbot, dialog.side.buttons[Side.LEFT])
    click(qtbot, dialog.side.buttons[Side.LEFT])  # not sure after all: no side
    treatment = dialog.treatment()
    assert (treatment.side, treatment.places) == (None, (Place.EYELID, Place.CHEEK, Place.NECK))


def test_what_is_wrong_is_named_by_the_fields_label(qtbot):
    dialog = shown(qtbot, TreatmentDialog(today=TODAY))
    click(qtbot, dialog.kind.buttons[TreatmentKind.OTHER])
    assert dialog.name_label.text() == "&What" and dialog.waiting.text() == "Still to fill in: what."
    dialog.name.setText("Tinted glasses")
    assert dialog.save_button.isEnabled()
    # Past the field's own limit only by a program: core's rule still names the field as labelled.
    dialog.dose.setMaxLength(500)
    dialog.dose.setText("x" * 101)
    assert dialog.problems.text() == "Dose: 101 characters is longer than 100"
    assert not dialog.save_button.isEnabled()


def test_a_treatment_is_changed_with_its_own_answers(qtbot):
    dialog = shown(qtbot, TreatmentDialog(LAST, today=TODAY))
    assert dialog.windowTitle() == "Change this treatment"
    assert dialog.note.text() == "went well" and dialog.given_on.date() == QDate(2026, 8, 20)
    dialog.dose.setText("30 units")
    assert dialog.treatment() == Treatment(
        LAST.given_on, LAST.kind, "Botox", Side.BOTH, (Place.EYELID, Place.BROW), "30 units", "went well", 4
    )
    assert dialog.given_on.maximumDate() == QDate(2026, 11, 25)  # not in the future


def test_the_fields_are_checked_from_the_start_not_only_after_a_change(qtbot):
    unnamed = Treatment(date(2026, 11, 1), TreatmentKind.MEDICINE_STOPPED, id=9)
    dialog = shown(qtbot, TreatmentDialog(unnamed, today=TODAY))
    assert not dialog.save_button.isEnabled()
    assert dialog.waiting.text() == "Still to fill in: medicine."
    assert dialog.problems.isHidden()


@pytest.mark.parametrize("kind", list(TreatmentKind))
def test_each_shown_field_has_its_own_underlined_letter_that_reaches_it(qtbot, kind: TreatmentKind):
    dialog = shown(qtbot, TreatmentDialog(today=TODAY))
    with qtbot.waitActive(dialog):  # the underlined letters are shortcuts, which only an active window hears
        dialog.activateWindow()
    click(qtbot, dialog.kind.buttons[kind])
    labels = [
        label for label in dialog.findChildren(QLabel) if label.buddy() is not None and label.isVisible()
    ]
    letters = [label.text()[label.text().index("&") + 1].lower() for label in labels]
    assert len(letters) == len(set(letters)), letters
    for label, letter in zip(labels, letters, strict=True):
        qtbot.keyClick(dialog.focusWidget(), letter, Qt.KeyboardModifier.AltModifier)
        buddy = label.buddy()
        assert buddy is not None
        assert dialog.focusWidget() in (buddy, buddy.focusProxy()), label.text()


def test_the_dialog_narrows_to_a_small_screen_and_its_rows_wrap(qtbot):
    dialog = shown(qtbot, TreatmentDialog(today=TODAY, last=LAST))
    dialog.resize(640, dialog.height())  # a small screen's width, or a person narrowing it
    qtbot.waitUntil(lambda: dialog.width() == 640)
    qtbot.waitUntil(lambda: not cut_off(dialog))  # the places wrap onto a second line, the dialog grows
    save = dialog.save_button.mapTo(dialog, QPoint(0, 0)).y()
    assert dialog.places.y() + dialog.places.height() <= save <= dialog.height() - dialog.save_button.height()
