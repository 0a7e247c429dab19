"""The main window: a shell that shows the pages and hands what the person does to the floor below."""

from __future__ import annotations

from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QPushButton, QStackedWidget, QWidget

from relaxapp.core.preferences import Preferences, ThemeChoice
from relaxapp.core.routine import Minutes, Routine
from relaxapp.core.session import SessionOptions
from relaxapp.core.timeline import Timeline
from relaxapp.core.wording import FALSE_START
from relaxapp.logic.sessions import EndedSession
from relaxapp.logic.use_cases import UseCases
from relaxapp.ui import accessible_roles
from relaxapp.ui.announce import announce
from relaxapp.ui.audio_bar import AudioBar
from relaxapp.ui.backups import BackupKeeper
from relaxapp.ui.banner import MessageBanner
from relaxapp.ui.help_menu import WellbeingNotice, build_help_menu
from relaxapp.ui.home_page import HomePage
from relaxapp.ui.layouts import FocusInView, focus_first, tab_order, window_body
from relaxapp.ui.listening import follow
from relaxapp.ui.navigation import Navigation
from relaxapp.ui.questions import ask_before_losing
from relaxapp.ui.session_control import SessionControl
from relaxapp.ui.session_runner import SessionRunner
from relaxapp.ui.sound_control import SoundControl
from relaxapp.ui.theme import apply_to_application

if TYPE_CHECKING:
    from relaxapp.core.safety import Checklist
    from relaxapp.core.tips import Tip, TipBook
    from relaxapp.storage.backup import Backup
    from relaxapp.ui.history.page import HistoryPage
    from relaxapp.ui.safety_view import SafetyPage
    from relaxapp.ui.session_page import SessionPage
    from relaxapp.ui.settings_dialog import SettingsDialog
    from relaxapp.ui.summary_page import SummaryPage
    from relaxapp.ui.tips_panel import TipsPage

RETRY_UNSAVED_MS = 30_000
DEFAULT_SIZE = (1040, 700)
# Every page reflows down to this size at either text size, and it fits a 1366×768 laptop's screen with a
# title bar and a panel: larger text never makes the window larger.
MINIMUM_SIZE = (800, 600)


class MainWindow(QMainWindow):
    def __init__(
        self,
        use_cases: UseCases,
        runner: SessionRunner,
        problems: list[str],
        *,
        tips: TipBook | None = None,
        checklist: Checklist | None = None,
        backups: BackupKeeper | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        accessible_roles.install()  # before the pages are built: their titles are headings from the start
        self.setWindowTitle("relaxapp")
        self.setMinimumSize(*MINIMUM_SIZE)
        self._open_at_default_size()
        self.use_cases = use_cases
        self.runner = runner
        self.backups = backups
        self._closing_anyway = False  # the person chose to close with entries still unsaved
        self._tips: TipBook | None = None
        self._checklist: Checklist | None = None
        self.settings_dialog: SettingsDialog | None = None
        # Before any widget exists: setting a style sheet afterwards would polish every widget twice.
        self.colours, self.text_scale = apply_to_application(self.preferences)

        self.pages = QStackedWidget()
        self.problem = MessageBanner()
        self.audio_bar = AudioBar(self.preferences.cue_volume, self.preferences.muted)
        self.sound = SoundControl(runner, use_cases.preferences, self.audio_bar, self.show_problem)
        self.sessions = SessionControl(self, runner, use_cases)
        self.notice = WellbeingNotice(self, use_cases.preferences)

        self.nav = Navigation()
        build_help_menu(self.nav.help, self, self.notice)
        self.setCentralWidget(window_body(self.nav, self.problem, self.pages, self.audio_bar))
        # Built in its place: a page made apart and then moved into the window has its style worked out
        # again for every widget it holds (some 13 ms). Its Tab order among the window's is set when shown.
        self.home = HomePage(use_cases, self.pages)
        self.pages.addWidget(self.home)
        self.focus_in_view = FocusInView(self)
        self._connect()
        # What a failed write kept in memory (a full disk, a busy file) is tried again now and then.
        retry = QTimer(self, interval=RETRY_UNSAVED_MS)
        retry.timeout.connect(use_cases.unsaved.retry)
        retry.start()
        for text in problems:
            self.show_problem(text)
        # The current page marked before the column is measured: measuring polishes its buttons, and marking
        # a polished one polishes it again (its first look-up of the style costs some 5 ms of start-up).
        self.go_home()
        self.nav.fit()
        # On the page, not on a control: it opens at its top, and Tab starts from the navigation.
        self.home.setFocus(Qt.FocusReason.OtherFocusReason)
        if tips is not None or checklist is not None:
            self.use_guidance(tips, checklist)

    @property
    def preferences(self) -> Preferences:
        return self.use_cases.preferences.current

    def prepare_session_pages(self) -> None:
        """Build the session and summary pages ahead, once the window is up: then Start shows the session
        at once, and the summary is there the moment a session ends, not a frame or two later."""
        _ = self.session, self.summary

    def use_guidance(self, tips: TipBook | None, checklist: Checklist | None) -> None:
        """Tips and the safety check, loaded after the first frame; a part that failed is switched off."""
        self._tips, self._checklist = tips, checklist
        self.notice.notice = checklist.notice if checklist else None
        self.nav.tips.setEnabled(tips is not None)
        self.nav.signs.setEnabled(checklist is not None)
        if tips is not None:
            self.home.show_tip_of_the_day(tips.tip_of_the_day(self.use_cases.journal.today()))
        if "summary" in self.__dict__:
            self.summary.show_warning_signs(checklist.page.after_session if checklist else None)
        if "history" in self.__dict__:
            self.history.checklist = checklist

    def _connect(self) -> None:
        events = self.use_cases.events
        follow(events.message, self, self.show_problem)
        follow(events.preferences_changed, self, self._on_preferences)
        for tab, go in (
            (self.nav.relax, self.go_home),
            (self.nav.history, self.go_history),
            (self.nav.tips, self.go_tips),
            (self.nav.signs, self.go_safety_check),
        ):
            tab.clicked.connect(lambda _checked=False, tab=tab, go=go: self._go_from_nav(tab, go))
        self.nav.settings.clicked.connect(self.open_settings)
        self.home.start_requested.connect(
            lambda routine, length, options: self.sessions.start_routine(
                routine, length, options, self.home.before.as_before()
            )
        )
        self.home.tip_requested.connect(self.show_tip)
        self.runner.started.connect(self._on_started)
        self.runner.ended.connect(self.show_ended)
        # Said on behalf of the window, which stays on screen whichever page shows (a false start's word
        # comes as the session page gives way to home).
        self.runner.announcement.connect(lambda words: announce(self, words))
        self.sessions.problem.connect(self.show_problem)
        self.sessions.declined.connect(self._on_declined)
        self.sessions.bind_keys(self)
        # Spelled out: QKeySequence.StandardKey.Preferences has no binding on most Linux desktops.
        QShortcut(QKeySequence("Ctrl+,"), self, self.open_settings)
        quit_action = QAction("Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)
        # 'Follow the system': switch along with the desktop's light or dark mode.
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme)

    # The other pages are built (and their modules loaded) on first use: only home is on the first frame.

    @cached_property
    def session(self) -> SessionPage:
        from relaxapp.ui.session_page import SessionPage  # noqa: PLC0415 - see above

        page = SessionPage()
        page.pause_clicked.connect(self.runner.toggle_pause)
        page.stop_clicked.connect(self.sessions.request_stop)
        page.skip_clicked.connect(self.runner.skip)
        page.follow(self.runner)
        page.set_look(self.colours, reduced_motion=self.preferences.reduced_motion)
        self.pages.addWidget(page)
        return page

    @cached_property
    def summary(self) -> SummaryPage:
        from relaxapp.ui.summary_page import SummaryPage  # noqa: PLC0415 - see above

        page = SummaryPage(self.use_cases.sessions, self.use_cases.events)
        page.again_clicked.connect(self.sessions.again)
        page.history_clicked.connect(self.go_history)
        page.home_clicked.connect(self.go_home)
        page.warning_signs_clicked.connect(self.go_safety_check)
        page.show_warning_signs(self._checklist.page.after_session if self._checklist else None)
        self.pages.addWidget(page)
        return page

    @cached_property
    def tips_page(self) -> TipsPage:
        from relaxapp.ui.tips_panel import TipsPage  # noqa: PLC0415 - see above

        assert self._tips is not None
        titles = {routine.id: routine.title for routine in self.use_cases.routines.routines}
        page = TipsPage(self._tips, titles, safety_check=self._checklist is not None)
        page.routine_requested.connect(self.sessions.try_routine)
        page.safety_check_requested.connect(self.go_safety_check)
        page.set_look(self.colours, self.text_scale)
        self.pages.addWidget(page)
        return page

    @cached_property
    def safety_page(self) -> SafetyPage:
        from relaxapp.ui.safety_view import SafetyPage  # noqa: PLC0415 - see above

        assert self._checklist is not None
        journal = self.use_cases.journal
        page = SafetyPage(self._checklist, today=journal.today, keep_answer=journal.keep_safety_answer)
        page.breathe_requested.connect(self.go_home)
        page.visit_report_requested.connect(self.history.open_visit_report)
        self.pages.addWidget(page)
        return page

    @cached_property
    def history(self) -> HistoryPage:
        from relaxapp.ui.history.page import HistoryPage  # noqa: PLC0415 - see above

        page = HistoryPage(self.use_cases, backups=self.backups)
        page.checklist = self._checklist
        page.set_look(self.colours)
        self.pages.addWidget(page)
        return page

    def _show_page(self, page: QWidget, tab: QPushButton | None) -> None:
        """The one way pages change: marks the matching tab and arms Space/Esc only for a session."""
        self.nav.mark(tab)
        accessible_roles.expose_headings(page)
        for button in page.findChildren(QPushButton):
            button.setAutoDefault(True)  # Enter presses the focused button, as Space does
        # The focus in the page going away would pass to whatever comes next in the Tab order, perhaps at
        # the foot of the new page, which would then scroll down to it: it goes to the new page itself
        # instead (no ring; Tab starts again from the navigation).
        focus = QApplication.focusWidget()
        leaving = self.pages.currentWidget()
        focus_leaves = focus is not None and leaving not in (None, page) and leaving.isAncestorOf(focus)
        self.pages.setCurrentWidget(page)
        if focus_leaves:
            page.setFocus(Qt.FocusReason.OtherFocusReason)
        # Tab in reading order: the navigation column, then the page, then the sound bar under it (a page
        # built later would otherwise come after the sound bar).
        tab_order([self.nav.help, page, *self.audio_bar.controls])
        in_session = page is self.__dict__.get("session")
        self.sessions.arm_keys(in_session)
        self.nav.setVisible(not in_session)  # a session has the whole window
        # Messages wait for the session to end: a long list must not squeeze the guide off the screen.
        self.problem.setVisible(bool(self.problem.text()) and not in_session)

    def _go_from_nav(self, tab: QPushButton, go: Callable[[], None]) -> None:
        """Open a page from the navigation; pressed from the keyboard, the focus goes on to the page's
        first control, not down the column to Settings and Help."""
        by_keyboard = tab.hasFocus()  # a click does not focus a navigation button (Navigation)
        go()
        page = self.pages.currentWidget()
        if by_keyboard and self.nav.current() is tab and page is not None:
            focus_first(page)

    def go_home(self) -> None:
        if not self.runner.is_active:
            self.home.journal.show_journal()  # "2 h ago" has aged since the page was last shown
            self._show_page(self.home, self.nav.relax)

    def go_history(self) -> None:
        if not self.runner.is_active:
            # Read afresh before it shows (as "today" may have moved on), so it is drawn once, as it is.
            self.history.refresh()
            self._show_page(self.history, self.nav.history)

    def go_tips(self) -> None:
        if not self.runner.is_active and self._tips is not None:
            self._show_page(self.tips_page, self.nav.tips)

    def show_tip(self, tip: Tip) -> None:
        self.go_tips()
        self.tips_page.show_tip(tip)

    def go_safety_check(self) -> None:
        if not self.runner.is_active and self._checklist is not None:
            self.safety_page.reset()
            self._show_page(self.safety_page, self.nav.signs)

    def show_problem(self, text: str) -> None:
        """A calm banner above the page; it stays until dismissed, one line per problem."""
        self.problem.add(text)
        self.problem.setVisible(self.pages.currentWidget() is not self.__dict__.get("session"))

    def offer_backup(self, backup: Backup) -> None:
        """The history was damaged and set aside: offer to bring its latest backup back."""
        from relaxapp.ui.backup_offer import offer_backup  # noqa: PLC0415 - rarely needed

        offer_backup(self, self.use_cases.history_files, backup, self.show_problem, self.problem.dismiss)

    def bring_forward(self) -> None:
        """Another launch of relaxapp asked for this window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # -- sessions -----------------------------------------------------------------------------------

    def start_face_break(self) -> None:
        """The one-minute break that reminders and the tray offer: slow breathing with a long out-breath."""
        self.bring_forward()
        routine = self.use_cases.routines.face_break
        asking = self.sessions.asking or self.notice.box is not None or self.settings_dialog is not None
        if routine is None or asking:
            return
        self.sessions.start_routine(routine, Minutes(1))

    def _on_started(self, plan: Timeline, options: SessionOptions) -> None:
        self.session.begin(plan, options)
        self._show_page(self.session, None)
        self.home.before.clear()  # the next session asks afresh
        # Off the Start button, now hidden, to a control of the session: a screen reader says where the
        # person is, and Space still pauses (the window's shortcut takes it before the button would).
        self.session.pause_button.setFocus()

    def _on_declined(self, routine: Routine) -> None:
        self.home.select(routine.id)
        self.go_home()

    def show_ended(self, ended: EndedSession) -> None:
        """The summary of a session kept in the history; home again after a false start."""
        if not ended.is_practice:
            self.go_home()
            self.home.tell(FALSE_START)  # the screen reader hears it from the runner's announcement
            return
        # Shown first, then filled: the summary announces itself, from a page on screen.
        self._show_page(self.summary, None)
        self.summary.show_ended(ended)

    # -- settings and look -------------------------------------------------------------------------

    def open_settings(self) -> None:
        if not self.runner.is_active:
            from relaxapp.ui.settings_dialog import open_settings  # noqa: PLC0415 - not needed to start

            self.settings_dialog = open_settings(
                self, self.use_cases, self.sound.play_sample, self._on_settings_closed
            )

    def _on_settings_closed(self) -> None:
        # Forget it before it is deleted: a later reminder must not ask a dead dialog if it is open.
        if self.settings_dialog is not None:
            self.settings_dialog.deleteLater()
        self.settings_dialog = None

    def _on_preferences(self, _preferences: Preferences) -> None:
        self.sound.apply()
        self.apply_look()

    def apply_look(self) -> None:
        """Theme, text size and motion as the preferences (and, for 'system', the desktop) say."""
        self.colours, self.text_scale = apply_to_application(self.preferences)
        self.nav.fit()
        if "session" in self.__dict__:
            self.session.set_look(self.colours, reduced_motion=self.preferences.reduced_motion)
        if "tips_page" in self.__dict__:
            self.tips_page.set_look(self.colours, self.text_scale)
        if "history" in self.__dict__:
            self.history.set_look(self.colours)

    def _open_at_default_size(self) -> None:
        """The default size, or the screen's room for a window where that is smaller."""
        screen = self.screen().availableGeometry() if self.screen() is not None else None
        width, height = DEFAULT_SIZE
        if screen is not None:
            width, height = min(width, screen.width()), min(height, screen.height())
        self.resize(max(width, MINIMUM_SIZE[0]), max(height, MINIMUM_SIZE[1]))

    def _on_system_scheme(self) -> None:
        if self.preferences.theme is ThemeChoice.SYSTEM:
            self.apply_look()

    # -- closing ------------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing mid-session keeps what was practised: stopping saves the partial session.
        self.sessions.stop_now()
        if not self.use_cases.unsaved.all_saved() and not self._closing_anyway:
            # What could not be written lives only in memory: closing now would lose it. Ask first.
            event.ignore()
            self.losing_box, self.close_anyway_button = ask_before_losing(
                self, self.use_cases.unsaved.count, self._close_anyway
            )
            return
        if self.backups is not None:
            self.backups.wait()  # a backup under way reads the history file, which closes next
        self.use_cases.preferences.save()
        event.accept()

    def _close_anyway(self, close: bool) -> None:
        if close:
            self._closing_anyway = True
            self.close()
