"""The warning signs' answer is kept in the history for the visit report: the day's latest, with its signs."""

from __future__ import annotations

from relaxapp.core.safety import Checklist
from relaxapp.core.urgency import Urgency
from relaxapp.storage.history import HistoryStore
from relaxapp.ui.main_window import MainWindow
from tests.helpers.widgets import button, click
from tests.ui.conftest import STARTED


def test_each_answer_shown_is_kept_the_latest_of_the_day_replacing_the_earlier(
    qtbot, window: MainWindow, store: HistoryStore, checklist: Checklist
):
    day = STARTED.astimezone().date()
    click(qtbot, window.nav.signs)
    page = window.safety_page
    click(qtbot, page.assess_button)  # nothing ticked: an answer, but nothing to keep
    assert store.safety_checks_between(day, day) == []
    click(qtbot, button(page.answer_area.widget(), "Check again"))
    for sign in ("persistent", "face_weak_days"):
        click(qtbot, page.boxes[sign])
    click(qtbot, page.assess_button)
    [kept] = store.safety_checks_between(day, day)
    assert (kept.urgency, kept.checked_at) == (Urgency.TODAY, STARTED)
    assert set(kept.signs) == {"persistent", "face_weak_days"}
    # Ticked in any order, the signs are kept in the checklist's.
    assert list(kept.signs) == [q.id for q in checklist.questions if q.id in kept.signs]
    click(qtbot, button(page.answer_area.widget(), "Check again"))
    click(qtbot, page.boxes["sudden_double"])  # an emergency answers at once
    [latest] = store.safety_checks_between(day, day)
    assert latest.urgency is Urgency.EMERGENCY and "sudden_double" in latest.signs and latest.id == kept.id


def kept_rows(store: HistoryStore) -> list[tuple[object, ...]]:
    return store._db.execute("SELECT day, urgency, signs FROM safety_checks").fetchall()


def test_a_mistaken_emergency_tick_taken_back_leaves_no_answer_kept(
    qtbot, window: MainWindow, store: HistoryStore
):
    click(qtbot, window.nav.signs)
    page = window.safety_page
    click(qtbot, page.boxes["sudden_double"])  # kept the moment it is ticked
    assert [urgency for _, urgency, _ in kept_rows(store)] == ["emergency"]
    click(qtbot, button(page.answer_area.widget(), "Back to the list"))
    click(qtbot, page.boxes["sudden_double"])
    click(qtbot, page.assess_button)
    assert page.assessment is not None and page.assessment.urgency is Urgency.SELF_CARE  # still answered
    assert kept_rows(store) == []


def test_clearing_the_list_after_an_answer_takes_that_answer_back(
    qtbot, window: MainWindow, store: HistoryStore
):
    day = STARTED.astimezone().date()
    click(qtbot, window.nav.signs)
    page = window.safety_page
    click(qtbot, button(page, "Clear"))  # nothing answered yet on this visit: nothing to take back
    click(qtbot, page.boxes["persistent"])
    click(qtbot, page.assess_button)
    assert [check.signs for check in store.safety_checks_between(day, day)] == [("persistent",)]
    click(qtbot, button(page.answer_area.widget(), "Check again"))
    click(qtbot, button(page, "Clear"))
    assert kept_rows(store) == []
    assert not any(box.isChecked() for box in page.boxes.values())
