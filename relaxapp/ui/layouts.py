"""Layout helpers shared by the pages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QScrollArea, QVBoxLayout, QWidget


def scrolling_content(page: QWidget) -> tuple[QVBoxLayout, QVBoxLayout]:
    """Fill `page` with a frameless scroll area; returns (the page's own layout, the scrolled layout).

    A page scrolls rather than squeezes when the window is short or the text is large; sideways only when
    nothing else helps (very large text in a narrow window), so nothing is ever cut off.
    """
    content = QWidget()
    content.setObjectName("pageContent")
    scroll = scroll_area(content)
    page_layout = QVBoxLayout(page)
    page_layout.setContentsMargins(0, 0, 0, 0)
    page_layout.addWidget(scroll)
    return page_layout, QVBoxLayout(content)


def scroll_area(
    content: QWidget, sideways: Qt.ScrollBarPolicy = Qt.ScrollBarPolicy.ScrollBarAsNeeded
) -> QScrollArea:
    """A frameless scroll area around `content`, a part of a page that holds other controls.

    It stays out of the Tab order: Tab reaches the controls inside, and QScrollArea scrolls each into
    view as it does; the area itself, focused, was only an unnamed "layered pane" to a screen reader.
    """
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(sideways)
    scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    scroll.setWidget(content)
    return scroll


def fit_to_text(window: QWidget, scale: float, *, size: tuple[int, int], least: tuple[int, int]) -> None:
    """Larger text needs a larger window to show it uncut: grow the minimum size and the window itself
    as far as the screen allows; never shrink a window the person made larger."""
    screen = window.screen().availableGeometry() if window.screen() is not None else None

    def within_screen(width: float, height: float) -> tuple[int, int]:
        if screen is None:
            return round(width), round(height)
        return min(round(width), screen.width()), min(round(height), screen.height())

    window.setMinimumSize(*within_screen(least[0] * scale, least[1] * scale))
    wanted_width, _ = within_screen(size[0] * scale, size[1])
    if window.width() < wanted_width and not window.isMaximized():
        window.resize(wanted_width, window.height())


def window_body(nav: QWidget, banner: QWidget, pages: QWidget, sound_bar: QWidget) -> QWidget:
    """The window's content: navigation on the left; the banner, the page and the sound bar beside it."""
    content = QVBoxLayout()
    body = QHBoxLayout()
    for layout in (content, body):
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
    content.addWidget(banner)
    content.addWidget(pages, 1)
    content.addWidget(sound_bar)
    body.addWidget(nav)
    body.addLayout(content, 1)
    central = QWidget()
    central.setObjectName("central")
    central.setLayout(body)
    return central
