"""Reminders with a clock moved by hand: at the planned times, in the planned hours, never mid-session."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from PySide6.QtGui import QIcon

from relaxapp.core.reminders import ReminderPlan
from relaxapp.storage import paths
from relaxapp.ui.tray import ReminderScheduler, Tray

PLAN = ReminderPlan(enabled=True, every_minutes=120, from_hour=9, until_hour=18)


class WallClock:
    def __init__(self, start: datetime) -> None:
        self.now = start

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> WallClock:
    return WallClock(datetime(2026, 11, 25, 8, 0))


def fire(scheduler: ReminderScheduler, clock: WallClock) -> None:
    """Move the clock to the timer's moment and let the timer go off."""
    assert scheduler.timer.isActive()
    assert scheduler.next_due is not None
    clock.now = scheduler.next_due
    scheduler.timer.timeout.emit()


def test_reminders_come_at_the_planned_times_within_the_hours(qtbot, clock):
    busy = False
    scheduler = ReminderScheduler(clock, lambda: busy)
    scheduler.set_plan(PLAN)
    with qtbot.waitSignal(scheduler.due):
        fire(scheduler, clock)
    assert clock.now == datetime(2026, 11, 25, 9, 0)
    assert scheduler.next_due == datetime(2026, 11, 25, 11, 0)
    assert scheduler.timer.remainingTime() == pytest.approx(2 * 3600 * 1000, abs=1000)
    clock.now = datetime(2026, 11, 25, 17, 30)
    scheduler.set_plan(PLAN)
    assert scheduler.next_due == datetime(2026, 11, 26, 9, 0)  # quiet until tomorrow morning


def test_no_reminder_during_a_session(qtbot, clock):
    busy = True
    scheduler = ReminderScheduler(clock, lambda: busy)
    scheduler.set_plan(PLAN)
    with qtbot.assertNotEmitted(scheduler.due):
        fire(scheduler, clock)
    assert scheduler.next_due == datetime(2026, 11, 25, 11, 0)  # the next one still comes


def test_pausing_for_today_skips_to_tomorrow_and_resuming_brings_them_back(qtbot, clock):
    clock.now = datetime(2026, 11, 25, 10, 0)
    scheduler = ReminderScheduler(clock, lambda: False)
    scheduler.set_plan(PLAN)
    scheduler.pause_for_today()
    assert scheduler.paused
    assert scheduler.next_due == datetime(2026, 11, 26, 9, 0)
    scheduler.resume()
    assert scheduler.next_due == datetime(2026, 11, 25, 11, 0)
    scheduler.pause_for_today()
    with qtbot.waitSignal(scheduler.pause_ended):
        fire(scheduler, clock)  # 09:00 tomorrow: the pause is over, and says so
    assert not scheduler.paused


def test_reminders_that_are_off_set_no_timer(qtbot, clock):
    scheduler = ReminderScheduler(clock, lambda: False)
    scheduler.set_plan(ReminderPlan(enabled=False))
    assert not scheduler.timer.isActive()
    assert scheduler.next_due is None


def test_a_late_timer_after_sleep_reschedules_without_a_burst(qtbot, clock):
    scheduler = ReminderScheduler(clock, lambda: False)
    scheduler.set_plan(PLAN)
    clock.now = datetime(2026, 11, 25, 8, 30)  # the timer went off early (the clock was changed)
    with qtbot.assertNotEmitted(scheduler.due):
        scheduler.timer.timeout.emit()
    assert scheduler.next_due == datetime(2026, 11, 25, 9, 0)
    clock.now += timedelta(days=1, hours=18)  # woke at 02:30 two days on: the 09:00 one is long gone
    with qtbot.assertNotEmitted(scheduler.due):
        scheduler.timer.timeout.emit()
    assert scheduler.next_due == datetime(2026, 11, 27, 9, 0)


def test_the_tray_offers_a_face_break_and_shows_reminders(qtbot, clock):
    scheduler = ReminderScheduler(clock, lambda: False)
    breaks, opened, quits = [], [], []
    tray = Tray(
        QIcon(str(paths.images_dir() / "relaxapp-256.png")),  # the app's icon, as app.py hands it over
        scheduler,
        face_break=lambda: breaks.append(True),
        open_window=lambda: opened.append(True),
        quit_app=lambda: quits.append(True),
    )
    actions = {action.text(): action for action in tray.icon.contextMenu().actions() if action.text()}
    assert set(actions) == {"Face break (1 minute)", "Open relaxapp", "Pause reminders for today", "Quit"}
    actions["Face break (1 minute)"].trigger()
    tray.icon.messageClicked.emit()
    assert breaks == [True, True]
    scheduler.set_plan(PLAN)
    actions["Pause reminders for today"].trigger()
    assert scheduler.paused
    actions["Open relaxapp"].trigger()
    actions["Quit"].trigger()
    assert (opened, quits) == ([True], [True])


def test_the_tray_shows_a_stock_icon_when_the_apps_icon_is_missing(qtbot, clock):
    tray = Tray(
        QIcon(), ReminderScheduler(clock, lambda: False), face_break=print, open_window=print, quit_app=print
    )
    assert not tray.icon.icon().isNull()  # an empty tray icon would be invisible, and its reminders with it


def test_a_face_break_is_a_minute_of_slow_breathing(qtbot, window):
    window.start_face_break()
    engine = window.runner.engine
    assert engine is not None
    assert engine.timeline.routine.id == "extended_exhale"
    assert engine.timeline.total_seconds == 60.0
