"""The column on the left: the pages, Settings and Help."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

NAV_WIDTH = 196
BUTTON_PADDING = 2 * (12 + 2)  # a navigation button's padding and focus border on either side (style.qss)
CURRENT = "Current page"  # what a screen reader says after the open page's button


class Navigation(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("nav")
        # A QWidget subclass paints its style sheet background only when asked to.
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        layout = self._layout = QVBoxLayout(self)
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
        self.relax = QPushButton("Relax")
        self.history = QPushButton("History")
        self.tips = QPushButton("Tips and advice")
        self.signs = QPushButton("Warning signs")
        self.signs.setToolTip("Should I see a doctor?")
        self.tabs = (self.relax, self.history, self.tips, self.signs)
        self._current: QPushButton | None = None
        for tab in self.tabs:
            layout.addWidget(tab)
        layout.addStretch()
        self.settings = QPushButton("Settings")
        self.help = QPushButton("Help")
        layout.addWidget(self.settings)
        layout.addWidget(self.help)
        for button in (*self.tabs, self.settings, self.help):
            button.setObjectName("navButton")
            # Reached by Tab, not focused by a click: a page opened by the mouse keeps no ring here, and
            # one opened from the keyboard is told apart (MainWindow moves the focus on to the page).
            button.setFocusPolicy(Qt.FocusPolicy.TabFocus)

    def fit(self) -> None:
        """As wide as its longest page name needs (wider with larger text), so none is cut; never
        narrower than NAV_WIDTH. Called once the style sheet has set the text size."""
        bold = QFont(self.relax.font())
        bold.setWeight(QFont.Weight.DemiBold)  # the current page's name is bold, and so wider
        words = max(QFontMetrics(bold).horizontalAdvance(button.text()) for button in self.tabs)
        margins = self._layout.contentsMargins()
        needed = words + BUTTON_PADDING + margins.left() + margins.right()
        self.setFixedWidth(max(NAV_WIDTH, needed, self._layout.sizeHint().width()))

    def mark(self, tab: QPushButton | None) -> None:
        """Show which page is open (none during a session or on its summary).

        The buttons are plain push buttons that say "current page": a checkable button reads as a check
        box to a screen reader, and these go to a page rather than tick anything. The style sheet shows
        the current one by the `current` property.
        """
        self._current = tab
        for button in self.tabs:
            is_current = button is tab
            button.setProperty("current", is_current)
            said = [CURRENT, button.toolTip()] if is_current else []
            # Left empty, a screen reader hears the tooltip instead (Qt's fallback for a description).
            button.setAccessibleDescription(". ".join(part for part in said if part))
            # A property the style sheet reads is seen only once the button is polished again; one not
            # polished yet (the window not shown) reads it when it is (polishing twice costs start-up time).
            if button.testAttribute(Qt.WidgetAttribute.WA_WState_Polished):
                button.style().unpolish(button)
                button.style().polish(button)

    def current(self) -> QPushButton | None:
        """The button of the page that is open, if one is."""
        return self._current
