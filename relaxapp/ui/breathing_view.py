"""The breathing animation: a circle that fills as you breathe in and empties as you breathe out."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen, QRadialGradient
from PySide6.QtWidgets import QSizePolicy, QWidget

from relaxapp.core.durations import countdown_seconds
from relaxapp.core.session import SessionState
from relaxapp.ui import palette

MIN_RADIUS_SHARE = 0.30  # of the largest circle that fits: empty lungs still show a calm shape


class BreathingView(QWidget):
    """Thin: paints what the last SessionState says, nothing else."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state: SessionState | None = None
        # Opaque: Qt need not paint the parent behind it sixty times a second.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(220, 220)
        self.setAccessibleName("Breathing guide")
        self._number_font = QFont(self.font())
        self._number_font.setWeight(QFont.Weight.Light)

    @property
    def state(self) -> SessionState | None:
        return self._state

    def show_state(self, state: SessionState) -> None:
        self._state = state
        self.setAccessibleDescription(
            f"{state.segment.phase.text}, {countdown_seconds(state.phase_seconds_left)}"
        )
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(event.rect(), palette.BACKGROUND)
        state = self._state
        if state is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        centre = QPointF(self.width() / 2, self.height() / 2)
        largest = min(self.width(), self.height()) / 2 - 8
        smallest = largest * MIN_RADIUS_SHARE
        radius = smallest + (largest - smallest) * state.lung_fill
        colour = palette.PHASE_COLOURS.get(state.segment.phase.kind, palette.ACCENT)

        guide = QColor(colour)
        guide.setAlpha(90)
        painter.setPen(QPen(guide, 2))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawEllipse(centre, largest, largest)

        glow = QRadialGradient(centre, radius)
        glow.setColorAt(0.0, colour.lighter(135))
        glow.setColorAt(1.0, colour)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(glow)
        painter.drawEllipse(centre, radius, radius)

        self._number_font.setPixelSize(max(int(smallest * 0.7), 12))
        painter.setFont(self._number_font)
        painter.setPen(palette.INK)
        box = QRectF(centre.x() - smallest, centre.y() - smallest, 2 * smallest, 2 * smallest)
        painter.drawText(box, Qt.AlignmentFlag.AlignCenter, str(countdown_seconds(state.phase_seconds_left)))
