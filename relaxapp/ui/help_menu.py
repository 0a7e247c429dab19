"""Help: the wellbeing notice (once at first start, and on request), the shortcuts and About."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QMenu, QMessageBox, QPushButton, QWidget

from relaxapp import __version__
from relaxapp.logic.preferences import PreferenceStore

if TYPE_CHECKING:
    from relaxapp.core.safety import Answer

SHORTCUTS = (
    "Space: pause or resume a session\n"
    "Esc: stop a session\n"
    "Left and Right arrows: the step before or after (muscle relaxation, imagery, massage)\n"
    "Ctrl+T: log a twitch (on the home page)\n"
    "Ctrl+Enter: start the chosen routine (on the home page)\n"
    "Tab and Shift+Tab: move between controls\n"
    "Enter or Space: press the focused button\n"
    "Ctrl+, (comma): settings\n"
    "F1: this list\n"
    "Ctrl+Q: quit"
)
ABOUT = (
    f"relaxapp {__version__}\n\n"
    "Guided breathing and relaxation for facial spasms and everyday tension. General wellbeing "
    "guidance, not diagnosis. Works offline; your data stays on this computer."
)


class WellbeingNotice(QObject):
    """The plain statement of what relaxapp is and is not; read once, then only when asked for."""

    def __init__(self, window: QWidget, preferences: PreferenceStore) -> None:
        super().__init__(window)
        self._window = window
        self._preferences = preferences
        self.notice: Answer | None = None  # from the safety file, loaded after the first frame
        self.box: QMessageBox | None = None

    def needs_reading(self) -> bool:
        return self.notice is not None and not self._preferences.notice_read

    def show(self, *, only_first_time: bool, then: Callable[[], None] | None = None) -> None:
        """`then` runs once it is read (or at once when it is not shown): a session asked for on the
        command line waits behind it rather than start breathing underneath."""
        notice = self.notice
        if notice is None or self.box is not None or (only_first_time and not self.needs_reading()):
            if then is not None:
                then()
            return
        import html  # noqa: PLC0415 - its table of entities is not needed for the first frame

        box = QMessageBox(self._window)
        box.setIcon(QMessageBox.Icon.Information)
        box.setWindowTitle("relaxapp")
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText(f"<b>{html.escape(notice.title)}</b>")
        box.setInformativeText("".join(f"<p>{html.escape(paragraph)}</p>" for paragraph in notice.paragraphs))
        understood = box.addButton("I understand", QMessageBox.ButtonRole.AcceptRole)
        box.finished.connect(lambda _result: self._closed(box.clickedButton() is understood, then))
        self.box = box
        box.open()

    def _closed(self, understood: bool, then: Callable[[], None] | None) -> None:
        # Only a click on "I understand" counts as read; closing the app over it shows it again next time.
        if understood:
            self._preferences.mark_notice_read()
        if self.box is not None:
            self.box.deleteLater()
        self.box = None
        if understood and then is not None:
            then()


def build_help_menu(button: QPushButton, window: QWidget, notice: WellbeingNotice) -> None:
    # The help menu hangs off the navigation rather than a menu bar holding nothing else.
    menu = QMenu(button)
    button.setMenu(menu)
    menu.addAction("Wellbeing notice", lambda: notice.show(only_first_time=False))
    shortcuts = menu.addAction(
        "Keyboard shortcuts", lambda: QMessageBox.information(window, "Keyboard shortcuts", SHORTCUTS)
    )
    shortcuts.setShortcut(QKeySequence.StandardKey.HelpContents)
    window.addAction(shortcuts)
    menu.addSeparator()
    menu.addAction("About relaxapp", lambda: QMessageBox.about(window, "About relaxapp", ABOUT))
