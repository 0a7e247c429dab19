"""Layout helpers shared by the pages."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget


def scrolling_content(page: QWidget) -> tuple[QVBoxLayout, QVBoxLayout]:
    """Fill `page` with a frameless scroll area; returns (the page's own layout, the scrolled layout).

    A page scrolls rather than squeezes when the window is short or the text is large; sideways only when
    nothing else helps (very large text in a narrow window), so nothing is ever cut off.
    """
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
    content = QWidget()
    content.setObjectName("pageContent")
    scroll.setWidget(content)
    page_layout = QVBoxLayout(page)
    page_layout.setContentsMargins(0, 0, 0, 0)
    page_layout.addWidget(scroll)
    return page_layout, QVBoxLayout(content)
