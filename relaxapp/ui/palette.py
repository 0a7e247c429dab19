"""The app's colours, named for what they mean; the style sheet and the painted views share them."""

from PySide6.QtGui import QColor

from relaxapp.core.routine import PhaseKind

BACKGROUND = QColor("#f3f6f5")
SURFACE = QColor("#ffffff")
INK = QColor("#1f3036")
INK_SOFT = QColor("#4f6166")
ACCENT = QColor("#2f6f6c")

PHASE_COLOURS = {
    PhaseKind.INHALE: QColor("#6fb3ad"),
    PhaseKind.HOLD: QColor("#9d97cc"),
    PhaseKind.EXHALE: QColor("#7ea9d6"),
}
