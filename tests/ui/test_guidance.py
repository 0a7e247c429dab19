"""Tips, the safety check and the wellbeing notice, through the real window."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QUrl
from PySide6.QtWidgets import QApplication, QLabel

from relaxapp import app as relaxapp_app
from relaxapp.core.catalog import Catalog
from relaxapp.core.tips import SECTION_IDS, Tip, TipBook
from relaxapp.storage import paths
from relaxapp.ui.main_window import MainWindow
from tests.helpers.widgets import button, click
from tests.ui.conftest import TODAY


def test_the_home_page_shows_the_tip_of_the_day_and_leads_to_it(qtbot, window: MainWindow, tips: TipBook):
    tip = tips.tip_of_the_day(TODAY)
    assert window.home.tip_title.text() == tip.title
    click(qtbot, button(window.home, "Read more tips ›"))
    assert window.pages.currentWidget() is window.tips_page
    assert window.nav.current() is window.nav.tips
    section = tips.section(tip.section)
    assert window.tips_page.sections.currentItem().text() == section.title
    assert tip.title in window.tips_page.reader.toPlainText()


def test_browse_by_section_and_search_with_highlights(qtbot, window: MainWindow):
    click(qtbot, window.nav.tips)
    page = window.tips_page
    assert page.reader.toPlainText().startswith("What facial spasms are")
    triggers = SECTION_IDS.index("triggers")
    page.sections.setCurrentRow(triggers)
    assert page.reader.toPlainText().startswith("Common triggers")

    qtbot.keyClicks(page.search, "caffeine")
    assert page.results.text().endswith("found.")
    assert page.sections.selectedItems() == []
    qtbot.keyClick(page.search, Qt.Key.Key_Tab)  # on to the list: the results stay
    assert "Caffeine" in page.reader.toPlainText()
    assert page.search.text() == "caffeine"
    html = page.reader.toHtml()
    assert "background-color:#ffe08a" in html
    assert "Caffeine" in page.reader.toPlainText()

    page.search.clear()
    assert page.sections.currentRow() == triggers
    assert page.reader.toPlainText().startswith("Common triggers")
    qtbot.keyClicks(page.search, "qqqzzz")
    assert page.reader.toPlainText().startswith("Nothing found")


def test_try_it_now_starts_the_routine_the_tip_names(
    qtbot, window: MainWindow, tips: TipBook, shipped: Catalog
):
    window.go_tips()

    def starts_at_once(tip: Tip) -> bool:  # a routine with cautions shows them first (the next test)
        routine = shipped.get(tip.try_routine) if tip.try_routine else None
        return routine is not None and not routine.read_first

    linked = next(tip for tip in tips.tips if starts_at_once(tip))
    window.tips_page.show_tip(linked)
    assert f"routine:{linked.try_routine}" in window.tips_page.reader.toHtml()
    window.tips_page.reader.anchorClicked.emit(QUrl(f"routine:{linked.try_routine}"))
    assert window.pages.currentWidget() is window.session
    assert window.runner.engine is not None
    assert window.runner.engine.timeline.routine.id == linked.try_routine


def test_the_twitch_explained_guide_is_a_section_of_its_own(qtbot, window: MainWindow, tips: TipBook):
    click(qtbot, window.nav.tips)
    sections = window.tips_page.sections
    [item] = sections.findItems("Your twitch explained", Qt.MatchFlag.MatchExactly)
    place = sections.visualItemRect(item)
    assert sections.viewport().rect().contains(place)  # listed in full: not clipped, not scrolled away
    qtbot.mouseClick(sections.viewport(), Qt.MouseButton.LeftButton, pos=place.center())
    shown = window.tips_page.reader.toPlainText()
    assert shown.startswith("Your twitch explained")
    assert all(tip.title in shown for tip in tips.in_section("twitch_explained"))


def test_section_titles_fit_their_place_in_the_list_with_larger_text(qtbot, window: MainWindow):
    window.use_cases.preferences.use(replace(window.preferences, larger_text=True))
    window.go_tips()
    sections = window.tips_page.sections
    # The list sizes an item for one line, so a title that wraps inside the item's padding is cut off.
    room = sections.viewport().width() - 2 * 10  # style.qss: #sectionList::item { padding: 8px 10px }
    for row in range(sections.count()):
        title = sections.item(row).text()
        assert sections.fontMetrics().horizontalAdvance(title) <= room, title


def test_searching_botox_finds_the_botulinum_toxin_tip(qtbot, window: MainWindow):
    click(qtbot, window.nav.tips)
    page = window.tips_page
    qtbot.keyClicks(page.search, "botox")
    first_lines = page.reader.toPlainText().splitlines()[:2]
    assert first_lines == ["Your twitch explained", "Botulinum toxin injections"]  # its section, its title
    highlighted = re.findall(r"background-color:#ffe08a;\">([^<]+)<", page.reader.toHtml())
    assert "Botulinum toxin" in highlighted  # the words found in the title, though "botox" was typed
    assert page.results.text().endswith("found.")


def test_try_it_now_shows_a_routines_cautions_before_it_starts(qtbot, window: MainWindow):
    window.go_tips()
    window.tips_page.reader.anchorClicked.emit(QUrl("routine:four_seven_eight"))
    box = window.sessions.cautions_box
    assert box is not None and "Sit down" in box.informativeText()
    assert window.runner.engine is None
    next(b for b in box.buttons() if b.text() == "Not now").click()
    assert window.pages.currentWidget() is window.home  # where the cautions stay on show
    assert window.home.selected_routine().id == "four_seven_eight"
    assert window.runner.engine is None


def test_a_warning_sign_tip_leads_to_the_safety_check(qtbot, window: MainWindow):
    window.go_tips()
    window.tips_page.show_section("warning_signs")
    assert "action:safety_check" in window.tips_page.reader.toHtml()
    window.tips_page.reader.anchorClicked.emit(QUrl("action:safety_check"))
    assert window.pages.currentWidget() is window.safety_page


def test_the_warning_signs_are_one_click_from_the_end_of_a_session(qtbot, window: MainWindow, fake_clock):
    click(qtbot, window.home.start_button)
    fake_clock.advance(15)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    click(qtbot, next(b for b in window.sessions.stop_confirmation.buttons() if b.text() == "Stop session"))
    assert window.pages.currentWidget() is window.summary
    reminder = next(
        label.text() for label in window.summary.findChildren(QLabel) if label.objectName() == "careNote"
    )
    assert "call emergency services now" in reminder
    click(qtbot, button(window.summary, "Check the warning signs ›"))
    assert window.pages.currentWidget() is window.safety_page


def test_the_wellbeing_notice_appears_exactly_once(qtbot, make_window, fake_clock):
    first = make_window(fake_clock)
    first.notice.show(only_first_time=True)
    notice = first.notice.box
    assert notice is not None
    assert notice.text() == "<b>Before you begin</b>"
    assert "does not replace a doctor" in notice.informativeText()
    click(qtbot, button(notice, "I understand"))
    assert first.notice.box is None
    first.notice.show(only_first_time=True)
    assert first.notice.box is None
    first.close()

    again = make_window(fake_clock)
    again.notice.show(only_first_time=True)
    assert again.notice.box is None
    again.notice.show(only_first_time=False)  # Help ▸ Wellbeing notice
    assert again.notice.box is not None and again.notice.box.text() == "<b>Before you begin</b>"


@pytest.mark.allow_logged_errors
def test_a_malformed_tips_file_is_named_and_the_app_still_opens(qtbot, tmp_path: Path, monkeypatch):
    content = tmp_path / "content"
    (content / "routines").mkdir(parents=True)
    for path in (paths.content_dir() / "routines").glob("*.toml"):
        (content / "routines" / path.name).write_text(path.read_text())
    (content / "safety.toml").write_text((paths.content_dir() / "safety.toml").read_text())
    (content / "tips.toml").write_text('[[sections]]\nid = "about"\n')
    monkeypatch.setattr(paths, "content_dir", lambda: content)
    seen: dict[str, object] = {}

    def on_ready(window: MainWindow) -> None:
        seen["problem"] = window.problem.text()
        seen["tips_enabled"] = window.nav.tips.isEnabled()
        seen["routines"] = len(window.home.routines)
        window.close()

    assert relaxapp_app.run(["--data-dir", str(tmp_path / "data")], on_ready=on_ready) == 0
    assert "tips.toml" in str(seen["problem"])
    assert "switched off" in str(seen["problem"])
    assert seen["tips_enabled"] is False
    assert seen["routines"] == len(list((content / "routines").glob("*.toml"))) + 1  # and paced breathing
    QApplication.processEvents()
