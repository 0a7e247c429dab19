"""The main window: navigation between home, session, summary and history."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, date, datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QSystemTrayIcon,
    QVBoxLayout,
    QWidget,
)

from relaxapp import __version__
from relaxapp.audio.player import AudioPlayer
from relaxapp.core import timeline
from relaxapp.core.journal import Episode
from relaxapp.core.patterns import CustomPattern, is_custom, pattern_of, routine_id_for
from relaxapp.core.preferences import (
    Preferences,
    ThemeChoice,
    flag_from_text,
    length_from_text,
    length_to_text,
)
from relaxapp.core.record import NOT_ASKED, Ratings, SessionRecord, asks_before_stopping
from relaxapp.core.routine import Minutes, Routine, SessionLength
from relaxapp.core.session import SessionOptions, Status
from relaxapp.core.sound import SoundChannel
from relaxapp.storage.backup import Backup
from relaxapp.storage.history import HistoryError, HistoryWriteError, TimelineFilter
from relaxapp.storage.user_routines import UserRoutineError, delete_pattern, save_pattern
from relaxapp.ui.audio_bar import AudioBar
from relaxapp.ui.backups import BackupKeeper
from relaxapp.ui.home_page import HomePage
from relaxapp.ui.journal_view import CheckInDialog, EpisodeDialog, where_words
from relaxapp.ui.questions import ask
from relaxapp.ui.session_runner import SessionRunner
from relaxapp.ui.theme import colours_for, palette, style_sheet, text_scale

if TYPE_CHECKING:
    from relaxapp.core.safety import Checklist
    from relaxapp.core.tips import Tip, TipBook
    from relaxapp.ui.history_view import HistoryPage
    from relaxapp.ui.safety_view import SafetyPage
    from relaxapp.ui.session_page import SessionPage
    from relaxapp.ui.settings_dialog import SettingsDialog
    from relaxapp.ui.summary_page import SummaryPage
    from relaxapp.ui.tips_panel import TipsPage

log = logging.getLogger(__name__)


FACE_BREAK_ROUTINE = "extended_exhale"
SAMPLE_WORDS = "Breathe in"  # a sentence every copy of relaxapp has recorded
SAMPLE_AMBIENCE_MS = 4000
RETRY_UNSAVED_MS = 30_000
NAV_WIDTH = 196
DEFAULT_SIZE = (1000, 760)
MINIMUM_SIZE = (900, 600)


class MainWindow(QMainWindow):
    preferences_changed = Signal(object)  # Preferences, after the settings dialog

    def __init__(
        self,
        routines: list[Routine],
        runner: SessionRunner,
        settings: QSettings,
        problems: list[str],
        *,
        tips: TipBook | None = None,
        checklist: Checklist | None = None,
        today: date | None = None,
        patterns_dir: Path | None = None,
        backups: BackupKeeper | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("relaxapp")
        self.resize(*DEFAULT_SIZE)
        self.setMinimumSize(*MINIMUM_SIZE)
        self.runner = runner
        self._settings = settings
        self._routine: Routine | None = None
        self._length: SessionLength | None = None
        self._options = SessionOptions()
        self._summary_record: SessionRecord | None = None  # the session the summary page shows
        self._closing_anyway = False  # the person chose to close with entries still unsaved
        self._resume_after_confirm = False
        self.stop_confirmation: QMessageBox | None = None
        self.notice_box: QMessageBox | None = None
        self.cautions_box: QMessageBox | None = None
        # One list, the window's own, shared with the home page: patterns saved or deleted there are
        # known here too (a new pattern's id must not take one already used).
        self._routines = list(routines)
        self._tips: TipBook | None = None
        self._checklist: Checklist | None = None
        self.preferences = Preferences.from_settings(settings.value)
        # Before any widget exists: setting a style sheet afterwards would polish every widget twice.
        self._set_application_look()

        self.home = HomePage(self._routines)
        self._patterns_dir = patterns_dir
        self.backups = backups
        self.home.new_pattern.setVisible(patterns_dir is not None)
        self.home.eyes_closed.setChecked(self.preferences.eyes_closed)
        self.pages = QStackedWidget()
        self.pages.addWidget(self.home)

        self.problem = QWidget()
        self.problem.setObjectName("problem")
        self.problem.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.problem_text = QLabel()
        self.problem_text.setObjectName("problemText")
        self.problem_text.setWordWrap(True)
        self.problem_text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        dismiss = QPushButton("Dismiss")
        dismiss.setAccessibleName("Dismiss the messages")
        dismiss.clicked.connect(self._dismiss_problems)
        banner = QHBoxLayout(self.problem)
        banner.setContentsMargins(16, 8, 12, 8)
        banner.addWidget(self.problem_text, 1)
        banner.addWidget(dismiss, 0, Qt.AlignmentFlag.AlignTop)
        self.problem.hide()

        self.audio_bar = AudioBar(self.preferences.cue_volume, self.preferences.muted)
        self._apply_sound(runner.player)

        self.nav = self._build_nav()
        content = QVBoxLayout()
        content.setContentsMargins(0, 0, 0, 0)
        content.setSpacing(0)
        content.addWidget(self.problem)
        content.addWidget(self.pages, 1)
        content.addWidget(self.audio_bar)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.nav)
        body.addLayout(content, 1)
        central = QWidget()
        central.setObjectName("central")
        central.setLayout(body)
        self.setCentralWidget(central)
        self._build_menu()

        self._connect()
        # What a failed write kept in memory (a full disk, a busy file) is tried again now and then.
        self._retry_timer = QTimer(self)
        self._retry_timer.setInterval(RETRY_UNSAVED_MS)
        self._retry_timer.timeout.connect(self._retry_unsaved)
        self._retry_timer.start()
        self.settings_dialog: SettingsDialog | None = None
        self._fit_to_text()
        # 'Follow the system': switch along with the desktop's light or dark mode.
        QGuiApplication.styleHints().colorSchemeChanged.connect(self._on_system_scheme)
        for text in problems:
            self.show_problem(text)
        self._select_starting_choice(routines)
        self.go_home()
        if tips is not None or checklist is not None:
            self.use_guidance(tips, checklist, today or date.today())

    def prepare_session_pages(self) -> None:
        """Build the session and summary pages ahead, once the window is up: then Start shows the session
        at once, and the summary is there the moment a session ends, not a frame or two later."""
        _ = self.session, self.summary

    def use_guidance(self, tips: TipBook | None, checklist: Checklist | None, today: date) -> None:
        """Tips and the safety check, loaded after the first frame; a part that failed is switched off."""
        self._tips, self._checklist = tips, checklist
        self.tips_tab.setEnabled(tips is not None)
        self.signs_tab.setEnabled(checklist is not None)
        if tips is not None:
            self.home.show_tip_of_the_day(tips.tip_of_the_day(today))
        if "summary" in self.__dict__:
            self.summary.show_warning_signs(checklist.page.after_session if checklist else None)

    # -- navigation ---------------------------------------------------------------------------------

    def _build_nav(self) -> QWidget:
        nav = QWidget()
        nav.setObjectName("nav")
        nav.setFixedWidth(NAV_WIDTH)
        layout = QVBoxLayout(nav)
        layout.setContentsMargins(16, 24, 16, 16)
        layout.setSpacing(6)
        brand = QLabel("relaxapp")
        brand.setObjectName("brand")
        tagline = QLabel("Breathe, soften, unwind.")
        tagline.setObjectName("tagline")
        tagline.setWordWrap(True)
        layout.addWidget(brand)
        layout.addWidget(tagline)
        layout.addSpacing(18)
        self.breathe_tab = QPushButton("Relax")
        self.history_tab = QPushButton("History")
        self.tips_tab = QPushButton("Tips and advice")
        self.signs_tab = QPushButton("Warning signs")
        self.signs_tab.setToolTip("Should I see a doctor?")
        self.nav_tabs = (self.breathe_tab, self.history_tab, self.tips_tab, self.signs_tab)
        for button in self.nav_tabs:
            button.setObjectName("navButton")
            button.setCheckable(True)
            layout.addWidget(button)
        layout.addStretch()
        self.settings_button = QPushButton("Settings")
        self.settings_button.setObjectName("navButton")
        self.settings_button.clicked.connect(self.open_settings)
        layout.addWidget(self.settings_button)
        self.help_button = QPushButton("Help")
        self.help_button.setObjectName("navButton")
        layout.addWidget(self.help_button)
        return nav

    def _build_menu(self) -> None:
        # The help menu hangs off the navigation rather than a menu bar holding nothing else.
        help_menu = QMenu(self.help_button)
        self.help_button.setMenu(help_menu)
        help_menu.addAction("Wellbeing notice", lambda: self.show_notice(only_first_time=False))
        shortcuts = help_menu.addAction("Keyboard shortcuts", self._show_shortcuts)
        shortcuts.setShortcut(QKeySequence.StandardKey.HelpContents)
        self.addAction(shortcuts)
        help_menu.addSeparator()
        help_menu.addAction("About relaxapp", self._show_about)
        quit_action = QAction("Quit", self)
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)
        self.addAction(quit_action)

    def needs_notice(self) -> bool:
        return self._checklist is not None and not flag_from_text(
            self._settings.value("notice/acknowledged", "false")
        )

    def show_notice(self, *, only_first_time: bool, then: Callable[[], None] | None = None) -> None:
        """The plain statement of what relaxapp is and is not: once at first start, and from Help.

        `then` runs once it is read (or at once when it is not shown): a session asked for on the
        command line waits behind it rather than start breathing underneath.
        """
        if (
            self._checklist is None
            or self.notice_box is not None
            or (only_first_time and not self.needs_notice())
        ):
            if then is not None:
                then()
            return
        notice = self._checklist.notice
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("relaxapp")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(f"<b>{html.escape(notice.title)}</b>")
        box.setInformativeText("".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in notice.paragraphs))
        understood = box.addButton("I understand", QMessageBox.ButtonRole.AcceptRole)
        box.finished.connect(lambda _result: self._on_notice_closed(box.clickedButton() is understood, then))
        self.notice_box = box
        box.open()

    def _on_notice_closed(self, understood: bool, then: Callable[[], None] | None) -> None:
        # Only a click on "I understand" counts as read; closing the app over it shows it again next time.
        if understood:
            self._settings.setValue("notice/acknowledged", "true")
            self._settings.sync()
        if self.notice_box is not None:
            self.notice_box.deleteLater()
        self.notice_box = None
        if understood and then is not None:
            then()

    def _show_shortcuts(self) -> None:
        QMessageBox.information(
            self,
            "Keyboard shortcuts",
            "Space: pause or resume a session\n"
            "Esc: stop a session\n"
            "Left and Right arrows: the step before or after (muscle relaxation, imagery, massage)\n"
            "Ctrl+T: log a twitch (on the home page)\n"
            "Tab and Shift+Tab: move between controls\n"
            "Enter or Space: press the focused button\n"
            "Ctrl+, (comma): settings\n"
            "F1: this list\n"
            "Ctrl+Q: quit",
        )

    def _show_about(self) -> None:
        QMessageBox.about(
            self,
            "About relaxapp",
            f"relaxapp {__version__}\n\n"
            "Guided breathing and relaxation for facial spasms and everyday tension. General wellbeing "
            "guidance, not diagnosis. Works offline; your data stays on this computer.",
        )

    def _connect(self) -> None:
        self.breathe_tab.clicked.connect(self.go_home)
        self.history_tab.clicked.connect(self.go_history)
        self.tips_tab.clicked.connect(self.go_tips)
        self.signs_tab.clicked.connect(self.go_safety_check)
        self.home.start_requested.connect(self._start_from_home)
        self.home.journal.log_requested.connect(self.log_episode)
        self.home.journal.check_in_requested.connect(self.check_in)
        self.home.tip_requested.connect(self.show_tip)
        self.home.new_pattern_requested.connect(lambda: self.edit_pattern(None))
        self.home.edit_pattern_requested.connect(self.edit_pattern)
        self.home.delete_pattern_requested.connect(self.delete_pattern)
        self.runner.ended.connect(self._on_ended)
        self.runner.save_failed.connect(self.show_problem)
        self.audio_bar.volume_changed.connect(self._on_volume)
        self.audio_bar.muted_changed.connect(self._on_muted)
        self.audio_bar.test_clicked.connect(lambda: self.runner.player.play_cue("inhale"))
        self.pause_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Space), self, self._on_space)
        self.stop_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Escape), self, self._on_escape)
        self.back_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Left), self, lambda: self._on_arrow(False))
        self.next_shortcut = QShortcut(QKeySequence(Qt.Key.Key_Right), self, lambda: self._on_arrow(True))
        # Spelled out: QKeySequence.StandardKey.Preferences has no binding on most Linux desktops.
        QShortcut(QKeySequence("Ctrl+,"), self, self.open_settings)

    # The other pages are built (and their modules loaded) on first use: only home is on the first frame.

    @cached_property
    def session(self) -> SessionPage:
        from relaxapp.ui.session_page import SessionPage  # noqa: PLC0415 - see above

        page = SessionPage()
        page.pause_clicked.connect(self.runner.toggle_pause)
        page.stop_clicked.connect(self.request_stop)
        page.skip_clicked.connect(self.runner.skip)
        self.runner.frame.connect(page.show_state)
        self.runner.status_changed.connect(page.show_status)
        page.breathing.set_look(self.colours, reduced_motion=self.preferences.reduced_motion)
        self.pages.addWidget(page)
        return page

    @cached_property
    def summary(self) -> SummaryPage:
        from relaxapp.ui.summary_page import SummaryPage  # noqa: PLC0415 - see above

        page = SummaryPage()
        page.again_clicked.connect(self._again)
        page.history_clicked.connect(self.go_history)
        page.home_clicked.connect(self.go_home)
        page.warning_signs_clicked.connect(self.go_safety_check)
        page.ratings_given.connect(self._save_ratings)
        page.show_warning_signs(self._checklist.page.after_session if self._checklist else None)
        self.pages.addWidget(page)
        return page

    @cached_property
    def tips_page(self) -> TipsPage:
        from relaxapp.ui.tips_panel import TipsPage  # noqa: PLC0415 - see above

        assert self._tips is not None
        titles = {routine.id: routine.title for routine in self._routines}
        page = TipsPage(self._tips, titles, safety_check=self._checklist is not None)
        page.routine_requested.connect(self._try_routine)
        page.safety_check_requested.connect(self.go_safety_check)
        page.set_look(self.colours, self.text_scale)
        self.pages.addWidget(page)
        return page

    @cached_property
    def safety_page(self) -> SafetyPage:
        from relaxapp.ui.safety_view import SafetyPage  # noqa: PLC0415 - see above

        assert self._checklist is not None
        page = SafetyPage(self._checklist)
        page.breathe_requested.connect(self.go_home)
        self.pages.addWidget(page)
        return page

    @cached_property
    def history(self) -> HistoryPage:
        from relaxapp.ui.history_view import HistoryPage  # noqa: PLC0415 - see above

        page = HistoryPage(self.runner.history, backups=self.backups)
        page.set_look(self.colours)
        page.changed.connect(self._show_journal)
        self.pages.addWidget(page)
        return page

    def _show_page(self, page: QWidget, tab: QPushButton | None) -> None:
        """The one way pages change: marks the matching tab and arms Space/Esc only for a session."""
        for button in self.nav_tabs:
            button.setChecked(button is tab)
        for button in page.findChildren(QPushButton):
            button.setAutoDefault(True)  # Enter presses the focused button, as Space does
        self.pages.setCurrentWidget(page)
        in_session = page is self.__dict__.get("session")
        # As window-wide shortcuts elsewhere they would swallow Space on every focused button.
        for shortcut in (self.pause_shortcut, self.stop_shortcut, self.back_shortcut, self.next_shortcut):
            shortcut.setEnabled(in_session)
        self.nav.setVisible(not in_session)  # a session has the whole window
        # Messages wait for the session to end: a long list must not squeeze the guide off the screen.
        self.problem.setVisible(bool(self.problem_text.text()) and not in_session)

    def start_face_break(self) -> None:
        """The one-minute break that reminders and the tray offer: slow breathing with a long out-breath."""
        self.bring_forward()
        routine = next((r for r in self._routines if r.id == FACE_BREAK_ROUTINE), None)
        asking = (self.notice_box, self.cautions_box, self.settings_dialog)
        if routine is None or self.runner.is_active or any(box is not None for box in asking):
            return
        self.start_session(routine, Minutes(1))

    def bring_forward(self) -> None:
        """Another launch of relaxapp asked for this window."""
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    def go_home(self) -> None:
        if self.runner.is_active:
            return
        self._show_journal()
        self._show_page(self.home, self.breathe_tab)

    def go_history(self) -> None:
        if self.runner.is_active:
            return
        self.history.refresh()
        self._show_page(self.history, self.history_tab)

    def go_tips(self) -> None:
        if self.runner.is_active or self._tips is None:
            return
        self._show_page(self.tips_page, self.tips_tab)

    def show_tip(self, tip: Tip) -> None:
        self.go_tips()
        self.tips_page.show_tip(tip)

    def go_safety_check(self) -> None:
        if self.runner.is_active or self._checklist is None:
            return
        self.safety_page.reset()
        self._show_page(self.safety_page, self.signs_tab)

    def _try_routine(self, routine_id: str) -> None:
        """'Try it now' from a tip: start the routine (one with cautions shows them first)."""
        routine = next((r for r in self._routines if r.id == routine_id), None)
        if routine is None:
            log.warning("a tip links to the unknown routine %r", routine_id)
            return
        self.start_session(routine, routine.default_length)

    def show_problem(self, text: str) -> None:
        """A calm banner above the page; it stays until dismissed, one line per problem."""
        text = text[:1].upper() + text[1:]
        shown = self.problem_text.text()
        if text in shown.split("\n"):
            return
        self.problem_text.setText(f"{shown}\n{text}" if shown else text)
        self.problem.setVisible(self.pages.currentWidget() is not self.__dict__.get("session"))

    def _dismiss_problems(self) -> None:
        self.problem_text.clear()
        self.problem.hide()

    # -- sessions -----------------------------------------------------------------------------------

    def _start_from_home(self, routine: Routine, length: SessionLength, options: SessionOptions) -> None:
        self.start_session(routine, length, options, self.home.before.as_before())

    def start_session(
        self,
        routine: Routine,
        length: SessionLength,
        options: SessionOptions | None = None,
        before: Ratings = NOT_ASKED,
        *,
        cautions_read: bool = False,
    ) -> None:
        """Start a session; a routine whose guidance holds cautions shows them to confirm first, every
        time, wherever the start came from (home, a tip, the command line)."""
        if self.runner.is_active:
            return
        options = options or SessionOptions(eyes_closed=self.preferences.eyes_closed)
        if routine.read_first and not cautions_read:
            self._confirm_cautions(
                routine, lambda: self.start_session(routine, length, options, before, cautions_read=True)
            )
            return
        chosen = routine if options.with_optional else routine.without_optional()
        lead_in = self.runner.prompts.get("eyes_closed_start") if options.eyes_closed else None
        try:
            plan = timeline.build(chosen, length, lead_in)
        except timeline.TimelineError as error:
            self.show_problem(str(error))
            return
        self._routine, self._length, self._options = routine, length, options
        self._remember(routine, length)
        self.session.begin(plan, options)
        self._show_page(self.session, None)
        self.runner.start(plan, options, before)
        self.home.before.clear()  # the next session asks afresh
        self.session.setFocus()

    def _confirm_cautions(self, routine: Routine, start: Callable[[], None]) -> None:
        def answered(chosen: bool) -> None:
            self.cautions_box = None
            self.activateWindow()  # Space, Esc and the arrows belong to the window the session is in
            if chosen:
                start()
            else:
                self.home.select(routine.id)
                self.go_home()

        self.cautions_box, self.cautions_start = ask(
            self,
            icon=QMessageBox.Icon.Information,
            title="Before you start",
            text=f"Before you start {routine.title}, please read this:",
            detail=routine.guidance,
            act=("I have read this, start", QMessageBox.ButtonRole.AcceptRole),
            stay="Not now",
            answered=answered,
            act_by_default=True,
        )

    def request_stop(self) -> None:
        """Esc or the Stop button: a short session just stops; a longer one asks first."""
        engine = self.runner.engine
        if engine is None or not self.runner.is_active:
            return
        # A session that ran out since the last frame ends as finished; a false start needs no question.
        if engine.status is Status.FINISHED or not asks_before_stopping(engine.practised()):
            self.runner.stop()
            return
        self._resume_after_confirm = engine.status is Status.RUNNING
        if self._resume_after_confirm:
            self.runner.toggle_pause(announce=False)
        self.stop_confirmation, self._stop_button = ask(
            self,
            icon=QMessageBox.Icon.Question,
            title="Stop the session?",
            text="Stop this session now?",
            detail="The time you have practised so far is saved in your history.",
            act=("Stop session", QMessageBox.ButtonRole.DestructiveRole),
            stay="Keep going",
            answered=self._on_stop_answer,
        )

    def _on_stop_answer(self, stop: bool) -> None:
        self.stop_confirmation = None
        if stop:
            self.runner.stop()
        elif self._resume_after_confirm and self.runner.is_active:
            self.runner.toggle_pause(announce=False)

    def _on_space(self) -> None:
        if self.stop_confirmation is None:
            self.runner.toggle_pause()

    def _on_arrow(self, forward: bool) -> None:
        if self.stop_confirmation is None:
            self.runner.skip(forward)

    def _on_escape(self) -> None:
        if self.stop_confirmation is None:
            self.request_stop()

    def _on_ended(self, record: SessionRecord) -> None:
        if not record.worth_keeping():
            self.go_home()
            return
        history = self.runner.history
        if record in history.unsaved:
            note = "Not saved yet: see the message at the top."
        elif not history.is_persistent:
            note = "Kept until you close relaxapp (the history file could not be used)."
        else:
            note = "Saved in your history."
        self._summary_record = record
        self.summary.show_record(record, note)
        self._show_page(self.summary, None)

    def _save_ratings(self, rated: SessionRecord) -> None:
        """The after-ratings of the session on the summary, saved onto that one session."""
        history = self.runner.history
        shown = self._summary_record
        if rated.id is None and shown is not None:
            # Its first save failed. Still waiting in memory: rate that copy. Saved since by a retry:
            # find it, by when it started and what it was, and rate the saved one.
            saved = history.saved_session(shown)
            rated = replace(rated, id=saved.id) if saved is not None else rated
        self._summary_record = rated
        try:
            if rated.id is not None:
                history.update_session(rated)
            else:
                if shown is not None:
                    history.delete_session(shown)  # forgets the waiting copy, exactly that one
                self._summary_record = history.add_session(rated)  # saved now, with its id
        except HistoryWriteError as error:
            self.show_problem(str(error))
        self._refresh_history()

    def _again(self) -> None:
        if self._routine is not None and self._length is not None:
            self.start_session(self._routine, self._length, self._options)

    # -- the spasm journal --------------------------------------------------------------------------

    def log_episode(self) -> None:
        """A twitch, in a few clicks: where (remembered from last time), how strong, how long."""
        history = self.runner.history
        last = self._last_episode()
        side, place = (last.side, last.place) if last else (None, None)
        dialog = EpisodeDialog(now=self._now, last_side=side, last_place=place, parent=self)
        episode = dialog.episode() if dialog.exec() else None
        if episode is None:
            return
        try:
            saved = history.add_episode(episode)
        except HistoryWriteError as error:
            self.show_problem(str(error))
            self.home.journal.show_saved("Kept; not saved yet.")
            return
        self.home.journal.show_saved(
            f"Logged: {where_words(saved.side, saved.place)}, {saved.intensity}/10.",
            lambda: self._undo(lambda: history.delete_episode(saved)),
        )
        self._show_journal()
        self._refresh_history()

    def check_in(self) -> None:
        history = self.runner.history
        today = self._now().astimezone().date()
        dialog = CheckInDialog(today, history.check_in(today) or history.latest_check_in_before(today), self)
        if not dialog.exec():
            return
        try:
            replaced = history.save_check_in(dialog.check_in())
        except HistoryWriteError as error:
            self.show_problem(str(error))
            return

        def undo() -> None:
            if replaced is not None:
                history.save_check_in(replaced)
            else:
                history.delete_check_in(today)

        self.home.journal.show_saved("Checked in for today.", lambda: self._undo(undo))
        self._show_journal()
        self._refresh_history()

    def _undo(self, change: Callable[[], object]) -> None:
        try:
            change()
        except HistoryWriteError as error:
            self.show_problem(str(error))
        self._show_journal()
        self._refresh_history()

    def _last_episode(self) -> Episode | None:
        latest = self.runner.history.timeline(1, only=TimelineFilter(sessions=False))
        return latest[0] if latest and isinstance(latest[0], Episode) else None

    def _show_journal(self) -> None:
        """The strip's 'last logged' and 'checked in' lines as the store now has them."""
        now = self._now()
        self.home.journal.show_last(self._last_episode(), now)
        self.home.journal.show_checked_in(self.runner.history.check_in(now.astimezone().date()) is not None)

    def _refresh_history(self) -> None:
        if "history" in self.__dict__:
            self.history.refresh()

    @staticmethod
    def _now() -> datetime:
        return datetime.now(UTC)

    # -- the history's safety -----------------------------------------------------------------------

    def _ask_before_losing(self, waiting: int) -> None:
        def answered(close: bool) -> None:
            if close:
                self._closing_anyway = True
                self.close()

        self.losing_box, self.close_anyway_button = ask(
            self,
            icon=QMessageBox.Icon.Warning,
            title="Not saved yet",
            text=f"{waiting} of your entries could not be saved yet and would be lost if relaxapp closes.",
            detail="Free some space on the disk or check that the data folder can be written, then keep "
            "relaxapp open a little longer: it tries again every half minute.",
            act=("Close anyway", QMessageBox.ButtonRole.DestructiveRole),
            stay="Keep relaxapp open",
            answered=answered,
        )

    def _retry_unsaved(self) -> None:
        history = self.runner.history
        if history.unsaved and history.retry_unsaved():
            self.show_problem("Everything you entered has now been saved.")
            self._show_journal()
            self._refresh_history()

    def offer_backup(self, backup: Backup) -> None:
        """After a damaged history was set aside: bring back the latest backup, if the person wants it."""
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Bring back your backup?")
        box.setText("Your history file was damaged, so relaxapp started a new one.")
        box.setInformativeText(
            f"A backup from {backup.taken_at.astimezone():%A %d %B %Y at %H:%M} can bring back what you had "
            "entered up to then. Anything you have entered since stays as well."
        )
        restore = box.addButton("Bring it back", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Not now", QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(restore)
        box.exec()
        if box.clickedButton() is not restore:
            return
        try:
            report = self.runner.history.restore_backup(backup.path, datetime.now(UTC))
        except HistoryError as error:
            self.show_problem(str(error))
            return
        self._dismiss_problems()
        self.show_problem(
            report.problem
            or f"Your history is back as it was on {backup.taken_at.astimezone():%d %B %Y}. "
            f"The file that was in use is kept as {report.moved_aside.name}."
        )
        if "history" in self.__dict__:
            self.history.undo_stack.clear()
        self._refresh_history()

    # -- the person's own breathing patterns ---------------------------------------------------------

    def edit_pattern(self, routine: Routine | None) -> None:
        """A new pattern (None) or a change to one; saved as a routine file in the data folder."""
        from relaxapp.ui.pattern_dialog import PatternDialog  # noqa: PLC0415 - rarely used

        folder = self._patterns_dir
        if folder is None:
            return
        # An edited pattern keeps its id, so its sessions in the history stay linked to it.
        routine_id = routine.id if routine else ""
        existing = pattern_of(routine) if routine else None

        def save(pattern: CustomPattern) -> None:
            nonlocal routine_id
            if routine is None:
                # Files that did not load (a mistake in them) keep their names too: never overwritten.
                taken = [r.id for r in self._routines] + [path.stem for path in folder.glob("*.toml")]
                routine_id = routine_id_for(pattern.name, taken)
            save_pattern(folder, routine_id, pattern)

        dialog = PatternDialog(
            existing,
            save=save,
            colours=self.colours,
            reduced_motion=self.preferences.reduced_motion,
            parent=self,
        )
        if not dialog.exec():
            return
        saved = dialog.pattern().to_routine(routine_id)
        if routine is None:
            self.home.add_routine(saved)
        else:
            self.home.replace_routine(saved)

    def delete_pattern(self, routine: Routine) -> None:
        folder = self._patterns_dir
        if folder is None or not is_custom(routine):
            return
        answer = QMessageBox.question(
            self,
            "Delete pattern?",
            f"Delete your pattern “{routine.title}”? Sessions you did with it stay in your history.",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        if answer is not QMessageBox.StandardButton.Yes:
            return
        try:
            delete_pattern(folder, routine.id)
        except UserRoutineError as error:
            self.show_problem(error.message)
            return
        self.home.remove_routine(routine.id)

    # -- settings -----------------------------------------------------------------------------------

    def _on_volume(self, level: float) -> None:
        self.preferences = replace(self.preferences, cue_volume=level)
        self._settings.setValue("audio/volume", f"{level:g}")
        self._apply_sound(self.runner.player)

    def _on_muted(self, muted: bool) -> None:
        self.preferences = replace(self.preferences, muted=muted)
        self._settings.setValue("audio/muted", "true" if muted else "false")
        self._apply_sound(self.runner.player)

    def _apply_sound(self, player: AudioPlayer) -> None:
        for channel in SoundChannel:
            player.set_volume(self.preferences.volume(channel), channel)
            if channel is not SoundChannel.VOICE:  # the runner knows when the voice must speak anyway
                player.set_muted(self.preferences.channel_muted(channel), channel)
        self.runner.set_voice_muted(self.preferences.channel_muted(SoundChannel.VOICE))

    def _play_sample(self, channel: SoundChannel) -> None:
        """The Test button beside each volume in Settings."""
        player = self.runner.player
        if channel is SoundChannel.CUES:
            player.play_cue("inhale")
        elif channel is SoundChannel.VOICE:
            if not self.runner.say(SAMPLE_WORDS):
                self.show_problem(
                    "There is no recorded voice to play (or no sound device); captions still show."
                )
        elif not self.runner.is_active:
            player.start_ambience("waves", 0.5)
            # Not past a session started meanwhile: its own background sound must go on.
            QTimer.singleShot(
                SAMPLE_AMBIENCE_MS, lambda: None if self.runner.is_active else player.stop_ambience(1.0)
            )

    def use_player(self, player: AudioPlayer, notice: str | None) -> None:
        """Swap in the real player once it has loaded (after the window is already on screen)."""
        self.runner.player = player
        self._apply_sound(player)
        if notice:
            self.audio_bar.show_notice(notice)

    def _remember(self, routine: Routine, length: SessionLength) -> None:
        self._settings.setValue("session/routine", routine.id)
        self._settings.setValue("session/length", length_to_text(length))

    def _select_starting_choice(self, routines: list[Routine]) -> None:
        """The routine and length set in Settings, or else the ones used last."""
        if not routines:
            return
        last_routine = str(self._settings.value("session/routine", routines[0].id))
        last_length = length_from_text(self._settings.value("session/length", ""))
        self.home.select(
            *self.preferences.starting_choice({r.id for r in routines}, last_routine, last_length)
        )

    # -- look and settings --------------------------------------------------------------------------

    def apply_look(self) -> None:
        """Theme, text size and motion as the preferences (and, for 'system', the desktop) say."""
        self._set_application_look()
        self._fit_to_text()
        if "session" in self.__dict__:
            self.session.breathing.set_look(self.colours, reduced_motion=self.preferences.reduced_motion)
        if "tips_page" in self.__dict__:
            self.tips_page.set_look(self.colours, self.text_scale)
        if "history" in self.__dict__:
            self.history.set_look(self.colours)

    def _set_application_look(self) -> None:
        self.colours = colours_for(self.preferences.theme)
        self.text_scale = text_scale(self.preferences.larger_text)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.setPalette(palette(self.colours))
            app.setStyleSheet(style_sheet(self.colours, self.text_scale))

    def _fit_to_text(self) -> None:
        """Larger text needs a larger window to show it uncut: grow the navigation, the minimum size and
        the window itself as far as the screen allows; never shrink a window the person made larger."""
        scale = self.text_scale
        self.nav.setFixedWidth(round(NAV_WIDTH * scale))
        screen = self.screen().availableGeometry() if self.screen() is not None else None

        def within_screen(width: float, height: float) -> tuple[int, int]:
            if screen is None:
                return round(width), round(height)
            return min(round(width), screen.width()), min(round(height), screen.height())

        self.setMinimumSize(*within_screen(MINIMUM_SIZE[0] * scale, MINIMUM_SIZE[1] * scale))
        wanted_width, _ = within_screen(DEFAULT_SIZE[0] * scale, DEFAULT_SIZE[1])
        if self.width() < wanted_width and not self.isMaximized():
            self.resize(wanted_width, self.height())

    def _on_system_scheme(self) -> None:
        if self.preferences.theme is ThemeChoice.SYSTEM:
            self.apply_look()

    def open_settings(self) -> None:
        if self.runner.is_active:
            return
        from relaxapp.ui.settings_dialog import SettingsDialog  # noqa: PLC0415 - not needed to start

        dialog = SettingsDialog(
            self.preferences,
            self._routines,
            reminders_possible=QSystemTrayIcon.isSystemTrayAvailable(),
            routines_dir=self._patterns_dir,
            parent=self,
        )
        dialog.accepted.connect(lambda: self.use_preferences(dialog.chosen()))
        dialog.test_requested.connect(self._play_sample)
        dialog.finished.connect(self._on_settings_closed)
        self.settings_dialog = dialog
        dialog.open()

    def _on_settings_closed(self) -> None:
        # Forget it before it is deleted: a later reminder must not ask a dead dialog if it is open.
        if self.settings_dialog is not None:
            self.settings_dialog.deleteLater()
        self.settings_dialog = None

    def use_preferences(self, preferences: Preferences) -> None:
        self.preferences = preferences
        for key, value in preferences.to_settings().items():
            self._settings.setValue(key, value)
        self._settings.sync()
        self._select_starting_choice(self._routines)  # a new default routine or length shows at once
        self.audio_bar.show_levels(preferences.cue_volume, preferences.muted)
        self.home.eyes_closed.setChecked(preferences.eyes_closed)
        self._apply_sound(self.runner.player)
        self.apply_look()
        self.preferences_changed.emit(preferences)

    def closeEvent(self, event: QCloseEvent) -> None:
        # Closing mid-session keeps what was practised: stop() saves the partial session.
        if self.stop_confirmation is not None:
            self.stop_confirmation.done(0)
        self.runner.stop()
        if not self.runner.history.retry_unsaved() and not self._closing_anyway:
            # What could not be written lives only in memory: closing now would lose it. Ask first.
            event.ignore()
            self._ask_before_losing(len(self.runner.history.unsaved))
            return
        if self.backups is not None:
            self.backups.wait()  # a backup under way reads the history file, which closes next
        self._settings.sync()
        event.accept()
