"""The tray icon and the reminders it brings: a short break, offered, never imposed."""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from datetime import datetime, timedelta

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QIcon
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QSystemTrayIcon

from relaxapp.core.reminders import ReminderPlan

log = logging.getLogger(__name__)

BREAK_TITLE = "Time for a short break"
BREAK_TEXT = "A minute of slow breathing can soften the face and shoulders. Click here to start."
STALE_AFTER = timedelta(minutes=10)
MAX_TIMER_MS = 6 * 60 * 60 * 1000  # look again at least every 6 hours: the clock may jump (sleep, travel)


class ReminderScheduler(QObject):
    """Fires `due` at each time the plan names, unless a session is running or reminders are paused."""

    due = Signal()
    pause_ended = Signal()  # the day of a "pause for today" is over

    def __init__(
        self, now: Callable[[], datetime], busy: Callable[[], bool], parent: QObject | None = None
    ) -> None:
        super().__init__(parent)
        self._now = now
        self._busy = busy
        self._plan = ReminderPlan()
        self._paused_until: datetime | None = None
        self.next_due: datetime | None = None
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setTimerType(Qt.TimerType.VeryCoarseTimer)  # to the second is plenty, and cheap
        self.timer.timeout.connect(self._on_timer)

    @property
    def paused(self) -> bool:
        return self._paused_until is not None and self._now() < self._paused_until

    def set_plan(self, plan: ReminderPlan) -> None:
        self._plan = plan
        self._schedule()

    def pause_for_today(self) -> None:
        tomorrow = self._now().replace(hour=0, minute=0, second=0, microsecond=0) + timedelta(days=1)
        self._paused_until = tomorrow
        self._schedule()

    def resume(self) -> None:
        self._paused_until = None
        self._schedule()

    def _schedule(self) -> None:
        now = self._now()
        if self._paused_until is not None and now >= self._paused_until:
            self._paused_until = None
            self.pause_ended.emit()
        after = now
        if self._paused_until is not None and self._paused_until > now:
            after = self._paused_until - timedelta(microseconds=1)  # a reminder right at the end counts
        self.next_due = self._plan.next_after(after)
        if self.next_due is None:
            self.timer.stop()
            return
        wait_ms = math.ceil((self.next_due - now).total_seconds() * 1000)
        self.timer.start(min(max(wait_ms, 0), MAX_TIMER_MS))

    def _on_timer(self) -> None:
        due = self.next_due
        now = self._now()
        if due is not None and now >= due:
            if now - due > STALE_AFTER:
                # The computer slept through it: a reminder at 3 a.m. for 5 p.m. helps nobody.
                log.info("reminder at %s skipped: it is %s now", due, now)
            elif self._busy():
                log.info("reminder at %s skipped: a session is running", due)
            elif not self.paused:
                self.due.emit()
        self._schedule()


class Tray(QObject):
    """The icon in the system tray (where the desktop has one) with its menu and reminder messages."""

    def __init__(
        self,
        icon: QIcon,
        scheduler: ReminderScheduler,
        *,
        face_break: Callable[[], None],
        open_window: Callable[[], None],
        quit_app: Callable[[], object],
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._scheduler = scheduler
        if icon.isNull():
            # The app's icon file is missing (already logged): an icon-less tray entry would be invisible,
            # and with it every reminder. A stock icon keeps them reachable.
            icon = QApplication.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        self.icon = QSystemTrayIcon(icon, self)
        self.icon.setToolTip("relaxapp")
        menu = QMenu()
        menu.addAction("Face break (1 minute)", face_break)
        menu.addAction("Open relaxapp", open_window)
        self.pause_action = QAction("Pause reminders for today", menu)
        self.pause_action.setCheckable(True)
        self.pause_action.toggled.connect(self._on_pause_toggled)
        menu.addAction(self.pause_action)
        menu.addSeparator()
        menu.addAction("Quit", quit_app)
        self._menu = menu  # the icon does not own its menu
        self.icon.setContextMenu(menu)
        self.icon.activated.connect(
            lambda reason: open_window() if reason == QSystemTrayIcon.ActivationReason.Trigger else None
        )
        # A click on the reminder starts the break; ignoring it does nothing, and it never takes focus.
        self.icon.messageClicked.connect(face_break)
        scheduler.due.connect(self.remind)
        scheduler.pause_ended.connect(lambda: self.pause_action.setChecked(False))
        self.icon.show()

    def remind(self) -> None:
        self.icon.showMessage(BREAK_TITLE, BREAK_TEXT, QSystemTrayIcon.MessageIcon.Information, 15_000)

    def _on_pause_toggled(self, paused: bool) -> None:
        if paused:
            self._scheduler.pause_for_today()
        else:
            self._scheduler.resume()
