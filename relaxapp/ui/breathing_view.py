"""The breathing animation: a circle that fills as you breathe in and empties as you breathe out.

With reduced motion it is a calm bar instead, filling and emptying in place, for people whom a growing
and shrinking shape unsettles.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen, QPixmap, QResizeEvent, QStaticText
from PySide6.QtWidgets import QSizePolicy, QWidget

from relaxapp.core.session import SessionState
from relaxapp.core.wording import countdown_seconds
from relaxapp.ui.shielded import shielded
from relaxapp.ui.theme import LIGHT, Colours

MIN_RADIUS_SHARE = 0.30  # of the largest circle that fits: empty lungs still show a calm shape
STEPS_PER_PIXEL = 4  # changes smaller than a quarter pixel are invisible: no repaint for them
BAR_HEIGHT = 18


class BreathingView(QWidget):
    """Thin: paints what the last SessionState says, nothing else.

    It repaints only when the picture changes, and only the part that changes: while the breath is
    held nothing moves and nothing is drawn, so the animation costs little CPU.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._state: SessionState | None = None
        self._picture: tuple[int, str, int] | None = None
        self._painted_extent = 0.0
        # Opaque: Qt need not paint the parent behind it sixty times a second.
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(220, 220)
        self.setAccessibleName("Breathing guide")
        self._number_font = QFont(self.font())
        self._number_font.setWeight(QFont.Weight.Light)
        self._number = QStaticText()  # laid out once per new number, not once per frame
        self._backdrop: QPixmap | None = None
        self._colours = LIGHT
        self._reduced_motion = False

    @property
    def state(self) -> SessionState | None:
        return self._state

    @property
    def reduced_motion(self) -> bool:
        return self._reduced_motion

    def set_look(self, colours: Colours, *, reduced_motion: bool) -> None:
        self._colours = colours
        self._reduced_motion = reduced_motion
        self._backdrop = None
        self._picture = None
        self.update()

    def show_state(self, state: SessionState) -> None:
        self._state = state
        number = countdown_seconds(state.step_seconds_left)
        extent = self._extent(state)
        picture = (round(extent * STEPS_PER_PIXEL), state.segment.step.kind.value, number)
        if picture == self._picture:
            return
        # The phase, changed once a phase: a countdown in it would send a screen reader an event a second.
        if self.accessibleDescription() != state.segment.step.text:
            self.setAccessibleDescription(state.segment.step.text)
        self._picture = picture
        self.update(self._changing_area(max(extent, self._painted_extent)))

    # -- geometry -------------------------------------------------------------------------------------

    def _largest_radius(self) -> float:
        return min(self.width(), self.height()) / 2 - 8

    def _bar(self) -> QRectF:
        width = min(self.width() * 0.7, 520.0)
        return QRectF((self.width() - width) / 2, self.height() / 2 + 24, width, BAR_HEIGHT)

    def _extent(self, state: SessionState) -> float:
        """How far the picture reaches: the circle's radius, or the filled length of the bar."""
        if self._reduced_motion:
            return self._bar().width() * state.lung_fill
        largest = self._largest_radius()
        smallest = largest * MIN_RADIUS_SHARE
        return smallest + (largest - smallest) * state.lung_fill

    def _changing_area(self, extent: float) -> QRect:
        if self._reduced_motion:
            # The bar and the number above it; nothing else on the view ever changes.
            bar = self._bar()
            top = int(bar.top()) - 90
            return QRect(int(bar.left()) - 2, top, int(bar.width()) + 4, int(bar.height()) + 94)
        reach = extent + 2
        centre = self.rect().center()
        return QRect(int(centre.x() - reach), int(centre.y() - reach), int(2 * reach) + 2, int(2 * reach) + 2)

    # -- painting -------------------------------------------------------------------------------------

    def resizeEvent(self, event: QResizeEvent) -> None:
        self._picture = None  # everything moves: the next state repaints it all
        self._backdrop = None
        self.update()

    def _backdrop_pixmap(self) -> QPixmap:
        """The background with the guide ring (or the bar's empty track), drawn once per size: stroking a
        large anti-aliased ring every frame would cost more than everything else in the frame."""
        if self._backdrop is None or self._backdrop.size() != self.size():
            backdrop = QPixmap(self.size())
            backdrop.fill(QColor(self._colours.background))
            painter = QPainter(backdrop)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            guide = QColor(self._colours.accent)
            guide.setAlpha(70)
            painter.setPen(QPen(guide, 2))
            if self._reduced_motion:
                painter.setBrush(QColor(self._colours.surface))
                painter.drawRoundedRect(self._bar(), BAR_HEIGHT / 2, BAR_HEIGHT / 2)
            else:
                largest = self._largest_radius()
                painter.drawEllipse(QPointF(self.width() / 2, self.height() / 2), largest, largest)
            painter.end()
            self._backdrop = backdrop
        return self._backdrop

    @shielded(None)
    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.drawPixmap(event.rect(), self._backdrop_pixmap(), event.rect())
        state = self._state
        if state is None:
            return
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        extent = self._extent(state)
        self._painted_extent = extent
        # A solid shape: a radial gradient looked softer but tripled the CPU cost of a frame.
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(self._colours.phase(state.segment.step.kind))
        if self._reduced_motion:
            bar = self._bar()
            if extent >= 1:
                painter.drawRoundedRect(QRectF(bar.left(), bar.top(), extent, bar.height()), 9, 9)
            centre = QPointF(bar.center().x(), bar.top() - 46)
        else:
            centre = QPointF(self.width() / 2, self.height() / 2)
            painter.drawEllipse(centre, extent, extent)

        number = str(countdown_seconds(state.step_seconds_left))
        if self._number.text() != number:
            self._number.setText(number)
        self._number_font.setPixelSize(max(int(self._largest_radius() * MIN_RADIUS_SHARE * 0.7), 12))
        painter.setFont(self._number_font)
        painter.setPen(QColor(self._colours.ink))
        size = self._number.size()
        corner = QPointF(centre.x() - size.width() / 2, centre.y() - size.height() / 2)
        painter.drawStaticText(corner, self._number)
