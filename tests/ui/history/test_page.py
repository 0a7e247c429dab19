"""The history page as a whole: its figures, the calendar and insights tabs, the theme, and how it follows
changes to the history made anywhere."""

from __future__ import annotations

import logging
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path

import pytest
from PySide6.QtCharts import QAbstractBarSeries, QChartView, QScatterSeries
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QCalendarWidget

from relaxapp.core.journal import CheckIn, Place, Side, Treatment, TreatmentKind
from relaxapp.core.record import Ratings
from relaxapp.core.routine import RoutineKind
from relaxapp.storage.history import HistoryStore
from relaxapp.ui.backups import BackupKeeper
from relaxapp.ui.history.calendar import shade
from relaxapp.ui.history.dates import qt_date
from relaxapp.ui.history.page import HistoryPage
from relaxapp.ui.history.timeline_model import Column
from relaxapp.ui.theme import DARK, LIGHT
from tests.ui.history.conftest import TODAY, MakeFloor, MakePage, episode, filled, session, shown
from tests.ui.test_accessibility import unnamed_controls


def test_calendar_marks_practice_and_episode_days_and_the_figures_show_the_streaks(
    store, make_page: MakePage
):
    days = [TODAY - timedelta(days=n) for n in (0, 1, 2, 6, 7, 8, 9)]
    store.merge(
        [session(day, minutes=25 if day == TODAY else 5) for day in days],
        [episode(TODAY - timedelta(days=4)), episode(TODAY - timedelta(days=4), 18)],
        [CheckIn(TODAY - timedelta(days=4), sleep_hours=5.5, caffeine_drinks=4)],
    )
    page = make_page(store)
    assert page.findChildren(QCalendarWidget) == []  # not built for the first frame
    assert page.current_streak.value.text() == "3 days"
    assert page.longest_streak.value.text() == "4 days"
    assert page.this_week.value.text() == "35 min"  # Monday 16th to Wednesday 18th

    page.tabs.setCurrentIndex(1)
    view = page.calendar
    calendar = view.calendar
    today = calendar.dateTextFormat(qt_date(TODAY))
    assert today.background().color() == shade(LIGHT, 25)
    assert calendar.dateTextFormat(qt_date(days[1])).background().color() == shade(LIGHT, 5)
    assert shade(LIGHT, 25) != shade(LIGHT, 5)
    marked = calendar.dateTextFormat(qt_date(TODAY - timedelta(days=4)))
    assert marked.foreground().color() == QColor(LIGHT.episode_mark) and marked.fontUnderline()
    assert "2 twitches" in marked.toolTip() and "slept 5.5 h, 4 caffeine drinks" in marked.toolTip()
    assert (
        calendar.dateTextFormat(qt_date(TODAY - timedelta(days=3))).background().style()
        == Qt.BrushStyle.NoBrush
    )
    assert view.month.text().startswith("March 2026: 7 days of practice, 55 min in all; 2 twitches")
    assert view.chosen.text() == "Wed 18 March: 25 min of practice."


def test_the_calendar_reads_only_the_month_it_shows(store: HistoryStore, make_page: MakePage, monkeypatch):
    store.merge([session(TODAY - timedelta(days=35))], [], [])
    page = make_page(store)
    asked: list[tuple[date, date]] = []
    day_facts = store.day_facts

    def recording(first: date, last: date):
        asked.append((first, last))
        return day_facts(first, last)

    monkeypatch.setattr(store, "day_facts", recording)  # a spy at the storage boundary
    page.tabs.setCurrentIndex(1)
    page.calendar.calendar.showPreviousMonth()
    assert all((last - first).days < 7 * 8 for first, last in asked)
    february = asked[-1]
    assert february[0] <= date(2026, 2, 1) and february[1] >= date(2026, 2, 28)
    assert page.calendar.facts(TODAY - timedelta(days=35)) is not None
    assert page.calendar.month.text().startswith("February 2026: 1 day of practice")


def bar_values(view: QChartView) -> dict[str, list[float]]:
    [series] = view.chart().series()
    assert isinstance(series, QAbstractBarSeries)
    return {bars.label(): [bars.at(i) for i in range(bars.count())] for bars in series.barSets()}


def test_insights_draw_the_charts_and_say_what_the_data_support(store: HistoryStore, make_page: MakePage):
    days = [TODAY - timedelta(days=n) for n in range(20)]
    coffee_days = days[:10]  # 4 drinks and 3 episodes a day, against 1 drink and 1 episode
    store.merge(
        [
            *(session(TODAY, hour, ratings=Ratings(8, 5, 4, 4)) for hour in (7, 8, 9)),
            *(
                session(
                    TODAY - timedelta(days=7),
                    hour,
                    kind=RoutineKind.PMR,
                    title="Face",
                    minutes=10,
                    ratings=Ratings(6, 5, 4, 5),
                )
                for hour in (7, 8, 9)
            ),
            # One massage rated: too few to say anything of massage; not drawn, and the note says so.
            session(
                TODAY - timedelta(days=1),
                kind=RoutineKind.MASSAGE,
                title="Massage",
                ratings=Ratings(9, 9, 1, 1),
            ),
        ],
        [episode(day, 9 + n) for day in days for n in range(3 if day in coffee_days else 1)],
        [CheckIn(day, sleep_hours=7.0, caffeine_drinks=4 if day in coffee_days else 1) for day in days],
    )
    page = make_page(store)
    assert page.findChildren(QChartView) == []  # QtCharts is not even loaded for the first frame
    page.tabs.setCurrentIndex(2)
    view = page.insights
    assert len(view.findChildren(QChartView)) == 6

    minutes = bar_values(view.minutes_chart)["Minutes"]
    assert len(minutes) == 12 and minutes[-1] == 20.0 and minutes[-2] == 30.0 and sum(minutes) == 50.0
    assert view.minutes_card.note.text() == "Based on 7 sessions in the last 12 weeks."
    change = bar_values(view.change_chart)
    # Lying bars list their categories bottom-up: muscle relaxation first, then breathing.
    assert change == {"Tension": [-2.0, -4.0], "Twitching": [0.0, -1.0]}
    assert view.change_card.note.text() == ("Based on 6 rated sessions. Too few yet to draw: face massage 1.")
    assert view.findings.text().startswith("<p><b>Based on 20 days with a check-in.")
    # Only caffeine has enough days on each side to compare: sleep was always 7 h, the eye triggers never
    # asked; bars of their nothing would read as days without episodes.
    assert bar_values(view.episodes_chart) == {"Days with it": [3.0], "Other days": [1.0]}
    text = view.findings.text()
    assert "On days with 3 or more caffeine drinks you logged about three times as many twitches" in text
    assert "Not enough data yet about sleep" in text


def test_insights_say_when_there_is_not_enough_data_yet(store: HistoryStore, make_page: MakePage):
    store.merge([session(TODAY)], [episode(TODAY)], [CheckIn(TODAY - timedelta(days=n)) for n in range(4)])
    page = make_page(store)
    page.tabs.setCurrentIndex(2)
    text = page.insights.findings.text()
    assert "Not enough data yet" in text and "4 so far, 10 more to go" in text
    assert not page.insights.episodes_chart.isVisible()


def test_the_charts_and_the_calendar_wear_the_theme(store: HistoryStore, make_page: MakePage):
    store.merge([session(TODAY)], [], [])
    page = make_page(store)
    page.tabs.setCurrentIndex(2)
    chart = page.insights.minutes_chart.chart()
    assert chart.backgroundBrush().color() == QColor(LIGHT.surface)
    page.set_look(DARK)
    assert chart.backgroundBrush().color() == QColor(DARK.surface)
    assert chart.titleBrush().color() == QColor(DARK.ink)
    page.tabs.setCurrentIndex(1)
    assert page.calendar.calendar.dateTextFormat(qt_date(TODAY)).background().color() == shade(DARK, 5)


def test_a_change_made_on_the_timeline_reaches_the_other_tabs(store: HistoryStore, make_page: MakePage):
    store.merge([session(TODAY, minutes=20)], [], [])
    page = make_page(store)
    page.tabs.setCurrentIndex(1)
    assert page.calendar.calendar.dateTextFormat(qt_date(TODAY)).background().style() != Qt.BrushStyle.NoBrush
    page.tabs.setCurrentIndex(0)
    page.timeline.table.selectRow(0)
    page.timeline.delete_button.click()
    page.tabs.setCurrentIndex(1)
    assert page.calendar.calendar.dateTextFormat(qt_date(TODAY)).background().style() == Qt.BrushStyle.NoBrush


def test_a_change_made_elsewhere_shows_at_once_or_when_the_page_is_next_shown(
    store: HistoryStore, make_floor: MakeFloor, make_page: MakePage
):
    floor = make_floor(store)
    page = make_page(floor)
    floor.journal.log_episode(episode(TODAY, 9))  # as the journal strip on the home page does
    assert shown(page, Column.WHAT) == ["Twitch: left eyelid"]

    page.hide()
    store.add_session(replace(session(TODAY, 10), routine_title="Cyclic sigh"))
    floor.events.history_changed.emit(None)  # as the session flow announces a saved session
    assert shown(page, Column.WHAT) == ["Twitch: left eyelid"]  # hidden: nothing read until shown
    page.show()
    assert shown(page, Column.WHAT) == ["Cyclic sigh", "Twitch: left eyelid"]
    assert page.sessions_total.value.text() == "1"


# The errors are checked in the test itself, so that a listener left behind fails it plainly.
@pytest.mark.allow_logged_errors
def test_a_page_closed_stops_listening(
    qtbot, caplog: pytest.LogCaptureFixture, store: HistoryStore, make_floor: MakeFloor, tmp_path: Path
):
    floor = make_floor(store)
    assert floor.history_files.backups_dir is not None
    # Not given to qtbot, which closes its widgets after the test: this one is deleted here.
    page = HistoryPage(floor, backups=BackupKeeper(floor.history, floor.history_files.backups_dir, floor.now))
    page.show()
    gone: list[bool] = []
    page.destroyed.connect(lambda: gone.append(True))
    page.deleteLater()
    qtbot.waitUntil(lambda: gone == [True])
    # Every event the page and its timeline follow. A listener left behind would be called into the deleted
    # page, which raises, and the floor would log "a listener of ... failed".
    logged = floor.journal.log_episode(episode(TODAY))
    assert logged.episode is not None
    floor.history_edits.delete(logged.episode)  # "entry changed", "history changed", the undo stack's change
    floor.history_edits.undo_stack.undo()
    errors = [record.getMessage() for record in caplog.get_records("call") if record.levelno >= logging.ERROR]
    assert errors == []
    assert store.count_timeline() == 1


def test_every_control_on_every_tab_has_a_name(store: HistoryStore, make_page: MakePage):
    page = make_page(filled(store))
    missing = {}
    for index in range(page.tabs.count()):
        page.tabs.setCurrentIndex(index)
        missing[page.tabs.tabText(index)] = unnamed_controls(page)
    page.tabs.setCurrentIndex(0)
    page.timeline.period.setCurrentText("Between dates")
    missing["dates"] = unnamed_controls(page)
    assert {tab: names for tab, names in missing.items() if names} == {}


def test_one_short_session_is_not_drawn_as_a_change_and_the_page_says_why(
    store: HistoryStore, make_page: MakePage
):
    # Issue 15: a single 12-second session was drawn as "the change after a session" of its kind.
    store.merge([session(TODAY, minutes=0.2, ratings=Ratings(8, 6, 2, 1))], [], [])
    page = make_page(store)
    page.tabs.setCurrentIndex(2)
    view = page.insights
    assert not view.change_chart.isVisible()
    assert view.change_card.note.text() == (
        "Not drawn yet: a kind of routine is drawn once 3 of its sessions are rated before and after "
        "(so far: breathing 1)."
    )
    assert view.minutes_card.note.text() == "Based on 1 session in the last 12 weeks."


def test_value_labels_show_only_where_they_cannot_overlap(qtbot, store: HistoryStore, make_page: MakePage):
    # Twelve weeks of long practice: four-digit minutes under bars a few pixels wide would run together.
    store.merge(
        [session(TODAY - timedelta(days=n), minutes=600 + n) for n in range(0, 84, 3)],
        [],
        [],
    )
    page = make_page(store)
    page.tabs.setCurrentIndex(2)
    [series] = page.insights.minutes_chart.chart().series()
    page.resize(700, 700)
    qtbot.waitUntil(lambda: not series.isLabelsVisible())
    page.resize(2400, 900)
    qtbot.waitUntil(series.isLabelsVisible)


def test_the_places_chart_counts_a_twitch_in_each_of_its_places_by_side(
    store: HistoryStore, make_page: MakePage
):
    left_eye = episode(TODAY)
    spread = replace(episode(TODAY, 16), places=(Place.EYELID, Place.CHEEK), side=Side.RIGHT)
    store.merge([], [left_eye, spread, episode(TODAY - timedelta(days=400))], [])  # the last: too old
    page = make_page(store)
    page.tabs.setCurrentIndex(2)
    view = page.insights
    # Lying bars list their categories bottom-up: the cheek first, then the eyelid (most twitches, on top).
    assert bar_values(view.places_chart) == {"Left": [0.0, 1.0], "Right": [1.0, 1.0], "Both": [0.0, 0.0]}
    assert view.places_card.note.text() == (
        "Based on 2 twitches in the last 12 months; one felt in several places counts in each."
    )
    assert view.places_chart.accessibleDescription() == "Eyelid: 2 (1 left, 1 right); Cheek: 1 (1 right)"


def test_twitches_a_week_mark_the_injections_and_the_weeks_since_one_say_what_they_can(
    store: HistoryStore, make_page: MakePage
):
    for given in (date(2026, 1, 5), date(2026, 2, 9)):  # Mondays, five weeks apart
        store.add_treatment(Treatment(given, TreatmentKind.INJECTION, "Botox", Side.LEFT, (Place.EYELID,)))
    store.merge([], [episode(date(2026, 1, 14)), episode(date(2026, 3, 3)), episode(date(2026, 3, 4))], [])
    page = make_page(store)
    page.tabs.setCurrentIndex(2)
    view = page.insights
    bars, marks = view.twitch_weeks_card.view.chart().series()
    assert isinstance(marks, QScatterSeries) and marks.name() == "Injection"
    weeks = [bars.barSets()[0].at(i) for i in range(bars.barSets()[0].count())]
    assert len(weeks) == 26 and sum(weeks) == 3 and weeks[-3] == 2  # the week of 2 March
    # This week is the 26th (index 25): 5 January is 10 weeks back, 9 February 5.
    assert [point.x() for point in marks.points()] == [15.0, 20.0]
    assert view.twitch_weeks_card.note.text() == (
        "Based on 3 twitches in the last 26 weeks; a red mark is a week with an injection (2)."
    )
    # The diary's first full week is that of 19 January (the first twitch was on Wednesday 14th): eight
    # weeks after an injection to 9 March, enough to draw, not to tell (none is 9 or more weeks after one).
    assert not view.since_injection_card.view.isHidden(), view.since_injection_card.note.text()
    assert view.since_injection_card.note.text() == (
        "Based on 8 weeks after 2 injections. Too early to tell whether your twitches change after an "
        "injection: that takes at least 2 injections, and 4 weeks both within 8 weeks of one and later "
        "(so far: 2 injections, 7 and 0 weeks)."
    )


def test_without_an_injection_the_chart_by_weeks_since_one_waits_and_says_so(
    store: HistoryStore, make_page: MakePage
):
    store.merge([], [episode(TODAY)], [])
    page = make_page(store)
    page.tabs.setCurrentIndex(2)
    card = page.insights.since_injection_card
    assert card.view.isHidden()
    assert card.note.text().startswith("No injection logged yet")
