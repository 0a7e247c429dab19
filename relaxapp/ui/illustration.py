"""Illustrations from assets/images, drawn from SVG at whatever size the window gives them."""

from __future__ import annotations

import logging
from functools import cache

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QAccessible, QPainter, QPaintEvent
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QSizePolicy, QWidget

from relaxapp.storage import paths
from relaxapp.ui.shielded import shielded

log = logging.getLogger(__name__)


@cache
def renderer(image_id: str) -> QSvgRenderer | None:
    """The drawing, loaded once; None (and a line in the log) when the file is missing or damaged."""
    path = paths.images_dir() / f"{image_id}.svg"
    drawing = QSvgRenderer(str(path))
    if not drawing.isValid():
        log.warning("illustration %s is missing or cannot be drawn", path)
        return None
    drawing.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
    return drawing


class Illustration(QWidget):
    """Shows one illustration, as large as fits, keeping its shape; nothing when there is none."""

    # A picture of what the step's title already says: a graphic with no name of its own, its description
    # (set by the step view) saying what it shows for a person who wants to know (see accessible_roles).
    accessible_role = QAccessible.Role.Graphic

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image_id = ""
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(120, 160)

    @property
    def image_id(self) -> str:
        return self._image_id

    def show_image(self, image_id: str) -> None:
        if image_id != self._image_id:
            self._image_id = image_id
            self.update()

    def sizeHint(self) -> QSize:
        return QSize(300, 400)

    @shielded(None)
    def paintEvent(self, event: QPaintEvent) -> None:
        drawing = renderer(self._image_id) if self._image_id else None
        if drawing is None:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        drawing.render(painter, QRectF(self.rect()))
        painter.end()
