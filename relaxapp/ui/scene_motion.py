"""The slow movement over a guided-imagery scene: a light that drifts, a shimmer on water, light rain.

Drawn over the scene's cached picture a few times a second, in the drawing's own units (every scene is
drawn 1600 by 900), so that the shimmer stays on the water and the light in the sky whatever the window's
shape. Each movement says which part of the picture it can touch: only that part is painted again.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPen, QRadialGradient

SCENE_WIDTH, SCENE_HEIGHT = 1600.0, 900.0
MOTION_FPS = 15  # slow and subtle: enough to look alive, little enough to cost next to nothing

# Where each movement lives, in scene units: the light in the upper half, glints on the water just below
# the horizon (the sea of the beach, the lake under the mountains), rain everywhere.
_LIGHT_REACH = 320.0  # the glow's radius
_LIGHT_PATH = QRectF(560, 200, 480, 120)  # where its centre wanders
_WATER_BAND = QRectF(0, 548, SCENE_WIDTH, 100)
_GLINTS = 18
_DROPS = 70


def _spread(index: int, factor: float) -> float:
    """A fixed, evenly spread number from 0 to 1 for the `index`th glint or drop (no randomness: the
    same scene looks the same every time)."""
    return (index * factor) % 1.0


def motion_area(motion: str, target: QRectF) -> QRectF:
    """The part of the widget `motion` may paint, for a scene drawn into `target`."""
    if motion == "light":
        reach = _LIGHT_PATH.adjusted(-_LIGHT_REACH, -_LIGHT_REACH, _LIGHT_REACH, _LIGHT_REACH)
        return _on_widget(reach, target)
    if motion == "water":
        return _on_widget(_WATER_BAND.adjusted(-20, -4, 20, 4), target)
    return QRectF(target)


def paint_motion(painter: QPainter, motion: str, seconds: float, target: QRectF) -> None:
    """Draw `motion` as it is `seconds` into the session, over a scene drawn into `target`."""
    painter.save()
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.translate(target.topLeft())
    painter.scale(target.width() / SCENE_WIDTH, target.height() / SCENE_HEIGHT)
    {"light": _light, "water": _water, "rain": _rain}[motion](painter, seconds)
    painter.restore()


def _on_widget(area: QRectF, target: QRectF) -> QRectF:
    x_scale, y_scale = target.width() / SCENE_WIDTH, target.height() / SCENE_HEIGHT
    return QRectF(
        target.left() + area.left() * x_scale,
        target.top() + area.top() * y_scale,
        area.width() * x_scale,
        area.height() * y_scale,
    )


def _light(painter: QPainter, seconds: float) -> None:
    # A soft warm glow drifting on a slow figure of eight: periods of about 40 and 60 seconds.
    centre = QPointF(
        _LIGHT_PATH.center().x() + _LIGHT_PATH.width() / 2 * math.sin(2 * math.pi * seconds / 41),
        _LIGHT_PATH.center().y() + _LIGHT_PATH.height() / 2 * math.sin(2 * math.pi * seconds / 59),
    )
    glow = QRadialGradient(centre, _LIGHT_REACH)
    glow.setColorAt(0.0, QColor(255, 238, 205, 70))
    glow.setColorAt(0.5, QColor(255, 232, 190, 28))
    glow.setColorAt(1.0, QColor(255, 232, 190, 0))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(glow)
    painter.drawEllipse(centre, _LIGHT_REACH, _LIGHT_REACH)


def _water(painter: QPainter, seconds: float) -> None:
    # Short glints that brighten and fade each at its own slow pace, swaying a little along the water.
    for index in range(_GLINTS):
        period = 4.0 + 3.0 * _spread(index, 0.371)
        shine = 0.5 + 0.5 * math.sin(2 * math.pi * seconds / period + index)
        sway = 14 * math.sin(2 * math.pi * seconds / 11 + index * 1.7)
        x = _spread(index, 0.618) * SCENE_WIDTH + sway
        y = _WATER_BAND.top() + _spread(index, 0.437) * _WATER_BAND.height()
        length = 40 + 60 * _spread(index, 0.283)
        pen = QPen(QColor(255, 244, 230, round(90 * shine)), 3)
        pen.setCapStyle(Qt.PenCapStyle.RoundCap)
        painter.setPen(pen)
        painter.drawLine(QPointF(x, y), QPointF(x + length, y))


def _rain(painter: QPainter, seconds: float) -> None:
    # Fine, faint streaks falling at a gentle slant, each at its own speed, round and round the scene.
    pen = QPen(QColor(220, 232, 240, 60), 2)
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    painter.setPen(pen)
    span = SCENE_HEIGHT + 60
    for index in range(_DROPS):
        speed = 240 + 140 * _spread(index, 0.311)
        y = (_spread(index, 0.773) * span + speed * seconds) % span - 30
        x = _spread(index, 0.618) * (SCENE_WIDTH + 80) - 40 - 0.2 * y
        painter.drawLine(QPointF(x, y), QPointF(x - 6, y + 28))
