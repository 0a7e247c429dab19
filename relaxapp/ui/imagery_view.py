"""Guided imagery: a calm scene filling the window, and the passage being spoken over it."""

from __future__ import annotations

from PySide6.QtCore import QElapsedTimer, QRectF, QSize, Qt, QTimer
from PySide6.QtGui import QColor, QHideEvent, QPainter, QPaintEvent, QPixmap, QResizeEvent, QShowEvent
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from relaxapp.core.session import SessionState
from relaxapp.core.wording import STAGE_NAMES
from relaxapp.ui.illustration import renderer
from relaxapp.ui.labels import set_text_if_changed
from relaxapp.ui.scene_motion import MOTION_FPS, motion_area, paint_motion
from relaxapp.ui.shielded import shielded

# A frame held up longer than this (a busy machine) moves the scene on by this much only: no leaps.
LONGEST_STEP_SECONDS = 0.25


class ImageryView(QWidget):
    """The scene is drawn once per size into a pixmap: re-rendering the SVG on every repaint would cost
    for nothing. Over it, the routine's slow movement (scene_motion) is painted a few times a second, in
    the part of the picture it touches, while the session runs: paused, it holds still, and with reduced
    motion it is not drawn at all."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(320, 240)
        self.setAccessibleName("Guided imagery scene")
        self._image_id = ""
        self._scene: QPixmap | None = None
        self._target = QRectF()  # where the scene's drawing lies on the widget (it covers, cropped)
        self.motion: str | None = None
        self._running = False
        self._still = False  # reduced motion
        self.motion_seconds = 0.0  # how far the movement has gone: it stops while the session is paused
        self._since_step = QElapsedTimer()
        self._motion_timer = QTimer(self)
        self._motion_timer.setInterval(1000 // MOTION_FPS)
        self._motion_timer.timeout.connect(self._on_motion_timer)
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

    def set_motion(self, motion: str | None) -> None:
        """The routine's movement (None: a still scene), from the start of its session."""
        self.motion = motion
        self.motion_seconds = 0.0
        self._schedule()
        self.update()

    def set_running(self, running: bool) -> None:
        """The scene moves only while the session runs."""
        self._running = running
        self._schedule()

    def set_still(self, still: bool) -> None:
        """Reduced motion: the scene as drawn, without its movement."""
        self._still = still
        self._schedule()
        self.update()

    @property
    def moving(self) -> bool:
        return self._motion_timer.isActive()

    @property
    def scene_target(self) -> QRectF:
        """Where the scene's drawing lies on the view, as last painted."""
        return QRectF(self._target)

    def advance_motion(self, seconds: float) -> None:
        """Move the scene on by `seconds` and repaint the part that moves."""
        if self.motion is None or self._still:
            return
        before = self.motion_seconds
        self.motion_seconds += min(max(seconds, 0.0), LONGEST_STEP_SECONDS)
        if self.motion_seconds != before:
            self.update(motion_area(self.motion, self._target).toAlignedRect().adjusted(-2, -2, 2, 2))

    def _on_motion_timer(self) -> None:
        self.advance_motion(self._since_step.restart() / 1000)

    def _schedule(self) -> None:
        wanted = self.motion is not None and self._running and not self._still and self.isVisible()
        if wanted and not self._motion_timer.isActive():
            self._since_step.start()
            self._motion_timer.start()
        elif not wanted:
            self._motion_timer.stop()

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._schedule()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self._schedule()

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
        if self.motion is not None and not self._still:
            paint_motion(painter, self.motion, self.motion_seconds, self._target)
        painter.end()

    def _render_scene(self) -> QPixmap:
        ratio = self.devicePixelRatioF()
        pixmap = QPixmap(self.size() * ratio)
        pixmap.setDevicePixelRatio(ratio)
        pixmap.fill(QColor("#1d2b33"))
        drawing = renderer(self._image_id) if self._image_id else None
        self._target = QRectF(self.rect())
        if drawing is not None:
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            # Cover the whole area, cropping the edges, as a wallpaper does.
            natural = drawing.defaultSize()
            scale = max(self.width() / max(natural.width(), 1), self.height() / max(natural.height(), 1))
            width, height = natural.width() * scale, natural.height() * scale
            target = self._target = QRectF(
                (self.width() - width) / 2, (self.height() - height) / 2, width, height
            )
            drawing.setAspectRatioMode(Qt.AspectRatioMode.IgnoreAspectRatio)
            drawing.render(painter, target)
            drawing.setAspectRatioMode(Qt.AspectRatioMode.KeepAspectRatio)
            painter.end()
        return pixmap
