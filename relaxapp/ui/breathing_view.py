"""The breathing animation: a circle that fills as you breathe in and empties as you breathe out."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen, QPixmap, QResizeEvent, QStaticText
from PySide6.QtWidgets import QSizePolicy, QWidget

from relaxapp.core.durations import countdown_seconds
from relaxapp.core.session import SessionState
from relaxapp.ui import palette

MIN_RADIUS_SHARE = 0.30  # of the largest circle that fits: empty lungs still show a calm shape
STEPS_PER_PIXEL = 4  # radius changes smaller than a quarter pixel are invisible: no repaint for them


class BreathingView(QWidget):
    """Thin: paints what the last SessionState says, nothing else.

    It repaints only when the picture changes, and only the square around the circle: while the
    breath is held nothing moves and nothing is drawn, so the animation costs little CPU.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state: SessionState | None = None
        self._picture: tuple[int, str, int] | None = None
        self._painted_radius = 0.0
        # Opaque: Qt need not paint the parent behind it sixty times a second.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(220, 220)
        self.setAccessibleName("Breathing guide")
        self._number_font = QFont(self.font())
        self._number_font.setWeight(QFont.Weight.Light)
        self._number = QStaticText()  # laid out once per new number, not once per frame
        self._backdrop: QPixmap | None = None

    @property
    def state(self) -> SessionState | None:
        return self._state

    def show_state(self, state: SessionState) -> None:
        self._state = state
        number = countdown_seconds(state.phase_seconds_left)
        picture = (round(self._radius(state) * STEPS_PER_PIXEL), state.segment.phase.kind.value, number)
        if picture == self._picture:
            return
        if self._picture is None or number != self._picture[2]:
            self.setAccessibleDescription(f"{state.segment.phase.text}, {number}")
        self._picture = picture
        reach = max(self._radius(state), self._painted_radius) + 2
        centre = self.rect().center()
        self.update(
            QRect(int(centre.x() - reach), int(centre.y() - reach), int(2 * reach) + 2, int(2 * reach) + 2)
        )

    def _largest_radius(self) -> float:
        return min(self.width(), self.height()) / 2 - 8

    def _radius(self, state: SessionState) -> float:
        largest = self._largest_radius()
        smallest = largest * MIN_RADIUS_SHARE
        return smallest + (largest - smallest) * state.lung_fill

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._picture = None  # everything moves: the next state repaints it all
        self._backdrop = None
        self.update()

    def _backdrop_pixmap(self) -> QPixmap:
        """The background and the guide ring, drawn once per size: stroking a large anti-aliased ring
        every frame would cost more than everything else in the frame together."""
        if self._backdrop is None or self._backdrop.size() != self.size():
            backdrop = QPixmap(self.size())
            backdrop.fill(palette.BACKGROUND)
            painter = QPainter(backdrop)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            guide = QColor(palette.ACCENT)
            guide.setAlpha(70)
            painter.setPen(QPen(guide, 2))
            largest = self._largest_radius()
            painter.drawEllipse(QPointF(self.width() / 2, self.height() / 2), largest, largest)
            painter.end()
            self._backdrop = backdrop
        return self._backdrop

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawPixmap(event.rect(), self._backdrop_pixmap(), event.rect())
        state = self._state
        if state is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(self.width() / 2, self.height() / 2)
        radius = self._radius(state)
        self._painted_radius = radius
        # A solid disc: a radial gradient looked softer but tripled the CPU cost of a frame.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(palette.PHASE_COLOURS.get(state.segment.phase.kind, palette.ACCENT))
        painter.drawEllipse(centre, radius, radius)

        number = str(countdown_seconds(state.phase_seconds_left))
        if self._number.text() != number:
            self._number.setText(number)
        self._number_font.setPixelSize(max(int(self._largest_radius() * MIN_RADIUS_SHARE * 0.7), 12))
        painter.setFont(self._number_font)
        painter.setPen(palette.INK)
        size = self._number.size()
        corner = QPointF(centre.x() - size.width() / 2, centre.y() - size.height() / 2)
        painter.drawStaticText(corner, self._number)
