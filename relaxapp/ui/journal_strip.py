"""The journal's row on the home page: log a twitch or check in, see the last one, and undo."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from relaxapp.core.history_wording import when_listed
from relaxapp.core.journal import INTENSITY_MAX, Episode
from relaxapp.core.wording import LOG_TREATMENT, LOG_TREATMENT_TIP, TREATMENT_NAMES, ago_words, where_words
from relaxapp.logic.events import Events
from relaxapp.logic.journal import Journal
from relaxapp.ui.layouts import FlowLayout
from relaxapp.ui.listening import follow

SAVED_SHOWN_MS = 8000  # long enough to reach Undo after reading "Logged", short enough not to linger
LOG_SHORTCUT = "Ctrl+T"
NOTHING_LOGGED = "Nothing logged yet."


class JournalStrip(QFrame):
    """The journal's row on the home page: log a twitch, check in, log a treatment, and what was logged
    last.

    After a save the words and an Undo button stay for a few seconds in place of the last-logged line.
    """

    def __init__(self, journal: Journal, events: Events, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._journal = journal
        self.setObjectName("journalStrip")
        self.log_button = QPushButton("Log a twitch")
        self.log_button.setObjectName("journalLog")
        # A twitch is logged as it happens: one key from anywhere on the home page.
        self.log_button.setShortcut(QKeySequence(LOG_SHORTCUT))
        self.log_button.setToolTip(f"Log a twitch ({LOG_SHORTCUT})")
        self.log_button.setAccessibleName("Log a twitch")
        self.log_button.setAccessibleDescription(f"Shortcut: {LOG_SHORTCUT}")
        self.log_button.clicked.connect(self.log_episode)
        self.check_in_button = QPushButton()
        self.check_in_button.clicked.connect(self.check_in)
        self.treatment_button = QPushButton(LOG_TREATMENT)
        self.treatment_button.setToolTip(LOG_TREATMENT_TIP)
        self.treatment_button.clicked.connect(self.log_treatment)
        self.last = QLabel()
        self.last.setObjectName("journalLast")
        self.saved = QLabel()
        self.saved.setObjectName("savedToast")
        # Words that do not fit the window's width wrap rather than widen the home page past it.
        for label in (self.last, self.saved):
            label.setWordWrap(True)
        self.undo_button = QPushButton("Undo")
        self.undo_button.setObjectName("linkButton")
        self.undo_button.clicked.connect(self._on_undo)
        self._undo: Callable[[], object] | None = None
        self.saved_timer = QTimer(self)
        self.saved_timer.setSingleShot(True)
        self.saved_timer.setInterval(SAVED_SHOWN_MS)
        self.saved_timer.timeout.connect(self._hide_saved)

        # The buttons wrap in a narrow window or with larger text.
        buttons = FlowLayout(spacing=12)
        for button in (self.log_button, self.check_in_button, self.treatment_button):
            buttons.addWidget(button)
        # Under the buttons, the width of the strip: a twitch in several places takes words, which wrap
        # rather than widen the page. One of the two shows at a time: the last-logged line, or the saved
        # words with Undo beside them.
        status = QHBoxLayout()
        status.setSpacing(12)
        status.addWidget(self.last, 1)
        status.addWidget(self.saved)
        status.addWidget(self.undo_button)
        status.addStretch()
        column = QVBoxLayout(self)
        column.setContentsMargins(14, 10, 14, 10)
        column.setSpacing(8)
        column.addLayout(buttons)
        column.addLayout(status)
        self._hide_saved()
        self.last.setText(NOTHING_LOGGED)
        self.show_checked_in(False)
        follow(events.history_changed, self, self._on_history_changed)

    def log_episode(self) -> None:
        """A twitch, in a few clicks: where (remembered from last time), how strong, how long."""
        from relaxapp.ui.journal_view import EpisodeDialog  # noqa: PLC0415 - the dialogs load when first asked for

        side, places = self._journal.last_where()
        dialog = EpisodeDialog(
            now=self._journal.now, last_side=side, last_places=places, parent=self.window()
        )
        episode = dialog.episode() if dialog.exec() else None
        if episode is None:
            return
        logged = self._journal.log_episode(episode)
        if logged.undo is None or logged.episode is None:
            self.show_saved("Kept; not saved yet.")
            return
        saved = logged.episode
        where = where_words(saved.side, saved.places)
        self.show_saved(f"Logged: {where}, {saved.intensity}/{INTENSITY_MAX}.", logged.undo)

    def log_treatment(self) -> None:
        """A treatment, starting from the last injection logged (the same one every few months)."""
        from relaxapp.ui.treatment_dialog import TreatmentDialog  # noqa: PLC0415 - see log_episode

        journal = self._journal
        dialog = TreatmentDialog.next_one(journal, self.window())
        if not dialog.exec():
            return
        logged = journal.log_treatment(dialog.treatment())
        if logged.undo is None or logged.treatment is None:
            self.show_saved("Kept; not saved yet.")
            return
        saved = logged.treatment
        kind = TREATMENT_NAMES[saved.kind].lower()
        self.show_saved(f"Logged: {kind}, {when_listed(saved, journal.today())}.", logged.undo)

    def check_in(self) -> None:
        from relaxapp.ui.journal_view import CheckInDialog  # noqa: PLC0415 - see log_episode

        dialog = CheckInDialog(self._journal.today(), self._journal.check_in_to_change(), self.window())
        if not dialog.exec():
            return
        logged = self._journal.check_in(dialog.check_in())
        if logged.undo is not None:
            self.show_saved("Checked in for today.", logged.undo)

    def _on_history_changed(self, _change: None) -> None:
        # Read when seen: a strip on a hidden page waits for the window to show it again (go_home).
        if self.isVisible():
            self.show_journal()

    def show_journal(self) -> None:
        """The last twitch and today's check-in as the history now has them ('ago' ages: call again
        when the page is shown)."""
        self._show_last(self._journal.last_episode())
        self.show_checked_in(self._journal.checked_in_today())

    def _show_last(self, episode: Episode | None) -> None:
        """'Last logged: left eyelid, 6/10, 2 h ago'."""
        if episode is None:
            self.last.setText(NOTHING_LOGGED)
            return
        self.last.setText(
            f"Last logged: {where_words(episode.side, episode.places)}, "
            f"{episode.intensity}/{INTENSITY_MAX}, {ago_words(episode.occurred_at, self._journal.now())}"
        )

    def show_checked_in(self, done: bool) -> None:
        self.check_in_button.setText("Checked in today ✓" if done else "Daily check-in")
        self.check_in_button.setAccessibleName(
            "Checked in today: change today's check-in" if done else "Daily check-in"
        )

    def show_saved(self, text: str, undo: Callable[[], object] | None = None) -> None:
        """Show `text` ("Logged.") for a few seconds, with an Undo button when `undo` is given."""
        self._undo = undo
        self.saved.setText(text)
        self.saved.show()
        self.undo_button.setVisible(undo is not None)
        self.undo_button.setAccessibleName(f"Undo: {text}")
        self.last.hide()
        self.saved_timer.start()

    def _on_undo(self) -> None:
        undo = self._undo
        self._hide_saved()  # first: an undo is done once, however fast the second click
        if undo is not None:
            undo()

    def _hide_saved(self) -> None:
        self.saved_timer.stop()
        self._undo = None
        self.saved.hide()
        self.undo_button.hide()
        self.last.show()
