"""'Should I see a doctor?' through the real window: every one of the four answers, as a person meets it."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QGroupBox, QLabel, QPushButton, QScrollArea, QWidget

from relaxapp.core.urgency import Urgency
from relaxapp.ui.main_window import MainWindow
from tests.helpers.widgets import button, click, labels
from tests.ui.conftest import Announcement


def tick(qtbot, window: MainWindow, ticked: list[str]) -> None:
    click(qtbot, window.nav.signs)
    for question_id in ticked:
        click(qtbot, window.safety_page.boxes[question_id])


def tick_and_assess(qtbot, window: MainWindow, ticked: list[str]) -> QWidget:
    tick(qtbot, window, ticked)
    click(qtbot, window.safety_page.assess_button)
    return window.safety_page.answer_area.widget()


def test_the_list_groups_the_signs_by_how_soon_they_need_help(qtbot, window: MainWindow):
    click(qtbot, window.nav.signs)
    groups = [group.title() for group in window.safety_page.findChildren(QGroupBox)]
    assert groups == [
        "Came on suddenly (even if it has passed)",
        "Needs a doctor today",
        "Built up slowly, over a week or more",
    ]
    assert "BE-FAST" in labels(window.safety_page)[1]


@pytest.mark.parametrize("sign", ["sudden_balance", "sudden_headache", "signs_passed"])
def test_ticking_an_emergency_sign_shows_the_call_at_once(qtbot, window: MainWindow, sign: str):
    tick(qtbot, window, ["persistent", sign])  # no "See what to do" needed
    page = window.safety_page
    assert page.stack.currentIndex() == 1
    assert page.assessment is not None and page.assessment.urgency is Urgency.EMERGENCY
    answer = page.answer_area.widget()
    assert answer.objectName() == "answer_emergency"
    assert labels(answer)[0] == "Call emergency services now"
    assert answer.findChild(QLabel, "answerTitle").hasFocus()
    assert "Whom to see" not in labels(answer)
    assert not any("If a sudden sign appears" in text for text in labels(answer))
    assert [b.text() for b in answer.findChildren(QPushButton)] == ["Back to the list"]


def test_signs_that_have_passed_are_still_an_emergency_and_say_why(qtbot, window: MainWindow):
    tick(qtbot, window, ["signs_passed"])
    shown = " ".join(labels(window.safety_page.answer_area.widget()))
    assert "mini-stroke" in shown
    assert "even when the signs have already passed" in shown


def test_going_back_from_the_call_lets_a_mistaken_tick_be_undone(qtbot, window: MainWindow):
    tick(qtbot, window, ["sudden_double"])
    click(qtbot, button(window.safety_page.answer_area.widget(), "Back to the list"))
    page = window.safety_page
    assert page.stack.currentIndex() == 0
    click(qtbot, page.boxes["sudden_double"])  # unticking shows no answer
    assert page.stack.currentIndex() == 0
    answer = tick_and_assess(qtbot, window, [])
    assert answer.objectName() == "answer_self_care"


def test_a_face_weakening_over_days_gets_a_same_day_answer(qtbot, window: MainWindow, tmp_path: Path):
    answer = tick_and_assess(qtbot, window, ["face_weak_days", "persistent"])
    assert answer.objectName() == "answer_today"
    shown = labels(answer)
    assert shown[0] == "See a doctor today"
    assert any("urgent-care service" in text for text in shown)
    assert any("within three days" in text for text in shown)  # why it cannot wait
    assert shown[-1].startswith("If a sudden sign appears")
    assert "Whom to see" in shown
    assert "Mention as well" in shown
    assert any("more than a few weeks" in text for text in shown)  # the slower sign, for the same visit
    click(qtbot, button(answer, "Save notes for the visit…"))
    report = window.history.report_dialog
    assert report is not None and report.isVisible()
    pdf = tmp_path / "notes.pdf"
    assert report.save(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_lasting_spasms_get_a_visit_with_whom_to_see_and_what_to_note(qtbot, window: MainWindow):
    answer = tick_and_assess(qtbot, window, ["persistent", "eyelid_closes", "daily_life"])
    assert answer.objectName() == "answer_soon"
    shown = labels(answer)
    assert shown[0] == "Please book a visit to a doctor"
    assert any("neurologist" in text for text in shown)
    assert any("ophthalmologist" in text for text in shown)
    assert any("mental-health" in text for text in shown)
    assert any("while you drive" in text for text in shown)
    assert any("medicine" in text for text in shown)  # what to write down
    assert "Mention as well" not in shown


def test_no_ticked_sign_suggests_self_care_without_an_all_clear(qtbot, window: MainWindow):
    answer = tick_and_assess(qtbot, window, [])
    assert answer.objectName() == "answer_self_care"
    shown = labels(answer)
    assert shown[0] == "None of the listed warning signs"
    assert any("Check again" in text for text in shown)
    assert not any("Whom to see" in text for text in shown)
    assert shown[-1].startswith("If a sudden sign appears")  # the last word, whatever the answer
    click(qtbot, button(answer, "Choose a breathing exercise"))
    assert window.pages.currentWidget() is window.home


def test_notes_for_the_visit_become_the_visit_report_with_this_answer(qtbot, window: MainWindow):
    tick_and_assess(qtbot, window, ["persistent"])
    answer = window.safety_page.answer_area.widget()
    click(qtbot, button(answer, "Save notes for the visit…"))
    report = window.history.report_dialog
    assert report is not None and report.isVisible()
    assert window.pages.currentWidget() is window.safety_page  # the answer stays in view behind it
    notes = report.notes
    assert notes is not None and notes.title.endswith("please book a visit to a doctor")
    assert any("more than a few weeks" in sign for sign in notes.noticed)
    assert "A neurologist" in notes.whom
    report.close()


def test_a_screen_reader_hears_the_emergency_answer_at_once_and_first(
    qtbot, window: MainWindow, announcements: list[Announcement]
):
    tick(qtbot, window, ["sudden_speech"])
    [heard] = announcements
    assert heard.urgent  # it interrupts whatever the reader was saying
    assert heard.text.startswith("Call emergency services now. A sudden change in balance")
    title = window.safety_page.answer_area.widget().findChild(QLabel, "answerTitle")
    assert title.hasFocus()
    spoken = QAccessible.queryAccessibleInterface(title)
    assert spoken.text(QAccessible.Text.Name) == "Call emergency services now"
    assert "Every minute counts" in spoken.text(QAccessible.Text.Description)


@pytest.mark.parametrize(
    ("ticked", "title"),
    [
        (["eye_red_painful"], "See a doctor today"),
        (["spreading"], "Please book a visit to a doctor"),
        ([], "None of the listed warning signs"),
    ],
)
def test_every_other_answer_is_heard_politely(
    qtbot, window: MainWindow, announcements: list[Announcement], ticked: list[str], title: str
):
    answer = tick_and_assess(qtbot, window, ticked)
    assert [(heard.text.split(". ")[0], heard.urgent) for heard in announcements] == [(title, False)]
    assert answer.findChild(QLabel, "answerTitle").hasFocus()


def test_the_scroll_areas_are_not_a_stop_on_the_way_through_the_list(qtbot, window: MainWindow):
    click(qtbot, window.nav.signs)
    areas = window.safety_page.findChildren(QScrollArea)
    assert areas and all(area.focusPolicy() == Qt.FocusPolicy.NoFocus for area in areas)
