"""Treatments and daily check-ins in the timeline: shown, filtered, logged, edited, deleted and undone."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import QDate, Qt

from relaxapp.core.journal import CheckIn, Place, Side, Treatment, TreatmentKind
from relaxapp.storage.history import HistoryStore
from relaxapp.ui.history.dates import qt_date
from relaxapp.ui.history.timeline_model import Column
from relaxapp.ui.journal_view import CheckInDialog
from relaxapp.ui.treatment_dialog import TreatmentDialog
from tests.helpers.widgets import click
from tests.ui.history.conftest import TODAY, MakePage, episode, session, shown

INJECTION = Treatment(
    TODAY - timedelta(days=2),
    TreatmentKind.INJECTION,
    "Botox",
    Side.BOTH,
    (Place.EYELID, Place.BROW),
    "25 units",
)


def test_treatments_and_check_ins_are_listed_on_their_day_and_filtered(
    store: HistoryStore, make_page: MakePage
):
    store.merge(
        [session(TODAY, 8)],
        [episode(TODAY - timedelta(days=1))],
        [CheckIn(TODAY - timedelta(days=1), sleep_hours=6.5, water_glasses=5, note="tired")],
        treatments=[INJECTION],
    )
    page = make_page(store)
    timeline = page.timeline
    assert timeline.count_label.text() == "4 entries"
    assert shown(page, Column.WHAT) == [
        "Box breathing",
        "Twitch: left eyelid",
        "Daily check-in",
        "Injection: Botox, eyelid and brow, both sides",
    ]
    assert shown(page, Column.WHEN)[2:] == ["17 Mar", "16 Mar"]  # a day, without a time of day
    assert shown(page, Column.AMOUNT)[3] == "25 units"
    assert shown(page, Column.NOTE)[2] == "slept 6.5 h, 5 glasses of water; tired"
    for choice, what in (
        ("Twitches only", ["Twitch: left eyelid"]),
        ("Treatments only", ["Injection: Botox, eyelid and brow, both sides"]),
        ("Check-ins only", ["Daily check-in"]),
    ):
        timeline.shown.setCurrentText(choice)
        assert shown(page, Column.WHAT) == what


def test_a_treatment_logged_from_the_history_page_is_undone_like_any_change(
    qtbot, store: HistoryStore, make_page: MakePage
):
    store.add_treatment(INJECTION)
    page = make_page(store)
    timeline = page.timeline
    click(qtbot, timeline.treatment_button)
    dialog = timeline.edit_dialog
    assert isinstance(dialog, TreatmentDialog)
    assert dialog.treatment().name == "Botox" and dialog.given_on.date() == QDate(2026, 3, 18)
    dialog.dose.setText("30 units")
    click(qtbot, dialog.save_button)
    assert [t.dose for t in store.all_treatments()] == ["25 units", "30 units"]
    assert shown(page, Column.AMOUNT) == ["30 units", "25 units"]
    assert timeline.undo_note.text().startswith("Logged Injection: Botox")
    click(qtbot, timeline.undo_button)
    assert [t.dose for t in store.all_treatments()] == ["25 units"]
    assert shown(page, Column.AMOUNT) == ["25 units"]


def test_a_treatment_and_a_check_in_are_edited_and_deleted_from_the_timeline(
    qtbot, store: HistoryStore, make_page: MakePage
):
    store.add_treatment(INJECTION)
    store.save_check_in(CheckIn(TODAY, water_glasses=3))
    page = make_page(store)
    timeline = page.timeline
    timeline.table.setFocus()
    timeline.table.selectRow(0)  # today's check-in
    qtbot.keyClick(timeline.table, Qt.Key.Key_Return)
    check_in = timeline.edit_dialog
    assert isinstance(check_in, CheckInDialog)
    check_in.water.setValue(8)
    check_in.accept()
    assert store.check_in(TODAY) == CheckIn(TODAY, water_glasses=8)
    assert shown(page, Column.NOTE)[0] == "8 glasses of water"

    timeline.table.selectRow(1)
    click(qtbot, timeline.edit_button)
    treatment = timeline.edit_dialog
    assert isinstance(treatment, TreatmentDialog) and treatment.windowTitle() == "Change this treatment"
    click(qtbot, treatment.places.buttons[Place.BROW])  # the brow after all was not injected
    treatment.accept()
    assert [t.places for t in store.all_treatments()] == [(Place.EYELID,)]
    assert shown(page, Column.WHAT)[1] == "Injection: Botox, both eyelids"

    timeline.table.setFocus()
    timeline.table.selectRow(0)
    qtbot.keyClick(timeline.table, Qt.Key.Key_Delete)
    assert store.check_in(TODAY) is None
    assert timeline.undo_note.text().startswith("Deleted Daily check-in (18 Mar)")
    qtbot.keyClick(timeline.table, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert store.check_in(TODAY) == CheckIn(TODAY, water_glasses=8)
    assert shown(page, Column.WHAT)[0] == "Daily check-in"


def test_the_calendar_marks_a_treatment_day_and_names_it_and_the_water(
    store: HistoryStore, make_page: MakePage
):
    store.merge([], [], [CheckIn(TODAY - timedelta(days=1), water_glasses=7)], treatments=[INJECTION])
    page = make_page(store)
    page.tabs.setCurrentIndex(1)
    calendar = page.calendar.calendar
    given = calendar.dateTextFormat(qt_date(INJECTION.given_on))
    assert given.fontOverline() and not given.fontUnderline()
    assert given.toolTip() == "Mon 16 March: no practice, injection: Botox, eyelid and brow, both sides."
    checked_in = calendar.dateTextFormat(qt_date(TODAY - timedelta(days=1)))
    assert checked_in.toolTip() == "Tue 17 March: no practice; 7 glasses of water."
    assert not checked_in.fontOverline()


def test_a_wide_window_gives_its_spare_width_to_what_each_entry_was(
    qtbot, store: HistoryStore, make_page: MakePage
):
    store.merge([], [], [], treatments=[INJECTION])
    page = make_page(store)
    table = page.timeline.table
    name = "Injection: Botox, eyelid and brow, both sides"
    needed = table.fontMetrics().horizontalAdvance(name)
    header = table.horizontalHeader()
    page.resize(page.minimumSizeHint().width(), 700)
    qtbot.waitUntil(lambda: header.sectionSize(Column.WHAT) < needed)  # cut short, whole in its tooltip
    narrow = header.sectionSize(Column.WHAT)
    page.resize(1600, 700)
    qtbot.waitUntil(lambda: header.sectionSize(Column.WHAT) > needed)  # whole
    assert header.sectionSize(Column.WHAT) > header.sectionSize(Column.NOTE) > narrow / 2
