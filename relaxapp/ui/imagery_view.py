"""Guided imagery: a calm scene filling the window, and the passage being spoken over it."""

from __future__ import annotations

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPixmap, QResizeEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from relaxapp.core.session import SessionState
from relaxapp.core.wording import STAGE_NAMES
from relaxapp.ui.illustration import renderer
from relaxapp.ui.labels import set_text_if_changed
from relaxapp.ui.shielded import shielded


class ImageryView(QWidget):
    """The scene is drawn once per size into a pixmap: a passage lasts half a minute, the picture never
    moves, and re-rendering the SVG on every repaint would cost for nothing."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self.setAccessibleName("Guided imagery scene")
        self._image_id = ""
        self._scene: QPixmap | None = None
        self.stage = QLabel()
        self.stage.setObjectName("imageryStage")
        self.passage = QLabel()
        self.passage.setObjectName("imageryPassage")
        self.passage.setWordWrap(True)
        self.passage.setAlignment(Qt.AlignmentFlag.AlignCenter)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(40, 24, 40, 28)
        layout.addWidget(self.stage, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch()
        layout.addWidget(self.passage)

    def show_state(self, state: SessionState, words: str) -> None:
        step = state.segment.step
        if step.image != self._image_id:
            self._image_id = step.image
            self._scene = None
            self.update()
        set_text_if_changed(self.stage, STAGE_NAMES.get(step.stage, "") if step.stage else "")
        set_text_if_changed(self.passage, words)

    def sizeHint(self) -> QSize:
        return QSize(800, 450)

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._scene = None
        super().resizeEvent(event)

    @shielded(None)
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        if self._scene is None:
            self._scene = self._render_scene()
        painter.drawPixmap(0, 0, self._scene)
        painter.end()

    def _render_scene(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QColor("#1d2b33"))
        drawing = renderer(self._image_id) if self._image_id else None
        if drawing is not None:
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            # Cover the whole area, cropping the edges, as a wallpaper does.
            natural = drawing.defaultSize()
            scale = max(self.width() / max(natural.width(), 1), self.height() / max(natural.height(), 1))
            width, height = natural.width() * scale, natural.height() * scale
            target = QRectF((self.width() - width) / 2, (self.height() - height) / 2, width, height)
            drawing.setAspectRatioMode(Qt.AspectRatioMode.IgnoreAspectRatio)
            drawing.render(painter, target)
            drawing.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
            painter.end()
        return pixmap
