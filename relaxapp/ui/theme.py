"""The light and dark themes: every colour the app uses, by what it means, and the style sheet built
from them at the reader's text size."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from pathlib import Path
from string import Template

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from relaxapp.core.preferences import Preferences, ThemeChoice
from relaxapp.core.routine import StepKind
from relaxapp.storage import paths


@dataclass(frozen=True)
class Colours:
    background: str
    surface: str
    ink: str
    ink_soft: str
    accent: str  # buttons, chosen items, links
    on_accent: str  # text on the accent
    accent_hover: str
    focus: str
    focus_strong: str
    border: str
    border_strong: str
    nav_bg: str
    nav_hover: str
    chosen_bg: str
    card_hover_border: str
    alt_row: str
    selection: str
    disabled_bg: str
    disabled_border: str
    disabled_ink: str
    primary_disabled_bg: str
    primary_disabled_ink: str
    note_bg: str
    note_border: str
    note_ink: str
    problem_bg: str
    problem_border: str
    problem_ink: str
    emergency_line_border: str
    emergency_line_ink: str
    emergency_bg: str
    on_emergency: str
    self_care_border: str
    highlight: str  # behind words found by a search
    inhale: str
    hold: str
    exhale: str
    episode_mark: str  # a day with a logged twitch, in the calendar
    # Days of practice in the calendar, by minutes: steps of about 1.25:1 from the surface and from each
    # other, each still 4.5:1 under the ink and the episode mark (tests/ui/history/test_calendar_look.py).
    practice_little: str
    practice_some: str
    practice_much: str

    def phase(self, kind: StepKind) -> QColor:
        return QColor({StepKind.INHALE: self.inhale, StepKind.HOLD: self.hold}.get(kind, self.exhale))


LIGHT = Colours(
    background="#f3f6f5", surface="#ffffff", ink="#1f3036", ink_soft="#4f6166",
    accent="#2f6f6c", on_accent="#ffffff", accent_hover="#285f5c", focus="#1f5c59", focus_strong="#123b39",
    border="#d3e0dd", border_strong="#b9cdc9", nav_bg="#e4eeec", nav_hover="#d6e6e3", chosen_bg="#eef7f5",
    card_hover_border="#6fb3ad", alt_row="#f6faf9", selection="#cfe5e2",
    disabled_bg="#f0f3f2", disabled_border="#dde5e3", disabled_ink="#5a6a6e",
    primary_disabled_bg="#a7c2bf", primary_disabled_ink="#f3f6f5",
    note_bg="#fff8e8", note_border="#ecd9a8", note_ink="#4a3b12",
    problem_bg="#fdecea", problem_border="#efc2bd", problem_ink="#6b1d16",
    emergency_line_border="#e2a39b", emergency_line_ink="#7a1b12",
    emergency_bg="#b3261e", on_emergency="#ffffff",
    self_care_border="#b9dcd6", highlight="#ffe08a",
    inhale="#6fb3ad", hold="#9d97cc", exhale="#7ea9d6", episode_mark="#8c1d18",
    practice_little="#dee8e8", practice_some="#c0d3d3", practice_much="#a3bfbe",
)  # fmt: skip

DARK = Colours(
    background="#111a1c", surface="#1a2528", ink="#e6eef0", ink_soft="#a9babd",
    accent="#5fb8b1", on_accent="#0b1414", accent_hover="#73c8c1", focus="#a3e0da", focus_strong="#e0f5f2",
    border="#2c3b3f", border_strong="#4a5f64", nav_bg="#152023", nav_hover="#213236", chosen_bg="#1d3436",
    card_hover_border="#5fb8b1", alt_row="#1f2b2e", selection="#2a4a4b",
    disabled_bg="#182022", disabled_border="#283235", disabled_ink="#8b9ea1",
    primary_disabled_bg="#2d4a49", primary_disabled_ink="#9fb5b3",
    note_bg="#2a2513", note_border="#5c4f24", note_ink="#f1e2b3",
    problem_bg="#3a1c1a", problem_border="#6d3430", problem_ink="#f6c9c4",
    emergency_line_border="#8d3a33", emergency_line_ink="#ffd9d4",
    emergency_bg="#b3261e", on_emergency="#ffffff",
    self_care_border="#2f5a55", highlight="#6a5610",
    inhale="#3d8c86", hold="#6b65a3", exhale="#4a7aa8", episode_mark="#ffb4ab",
    practice_little="#233839", practice_some="#2a4848", practice_much="#325757",
)  # fmt: skip

# Text sizes in the style sheet, in px at a scale of 1 (a 15 px body, as on most desktops).
SIZES = {
    "small": 13, "smallish": 14, "body": 15, "large": 16, "larger": 20,
    "brand_size": 22, "heading": 24, "title": 28, "huge": 30, "giant": 64,
}  # fmt: skip
LARGER_TEXT = 1.25


def colours_for(choice: ThemeChoice) -> Colours:
    """The theme to use; 'system' follows the desktop's light or dark setting where Qt can tell."""
    if choice is ThemeChoice.SYSTEM:
        scheme = QGuiApplication.styleHints().colorScheme()
        return DARK if scheme == Qt.ColorScheme.Dark else LIGHT
    return DARK if choice is ThemeChoice.DARK else LIGHT


def text_scale(larger_text: bool) -> float:
    """The reader's text size against our 15 px design: follows the system font, then 'larger text'."""
    font = QGuiApplication.font()
    system_px = font.pixelSize() if font.pixelSize() > 0 else font.pointSizeF() * 96 / 72
    scale = max(system_px / SIZES["body"], 1.0)
    return scale * (LARGER_TEXT if larger_text else 1.0)


def palette(colours: Colours) -> QPalette:
    """The theme as a Qt palette, for what the Fusion style draws itself (inputs, check marks, menus)."""
    roles = {
        QPalette.ColorRole.Window: colours.background,
        QPalette.ColorRole.WindowText: colours.ink,
        QPalette.ColorRole.Base: colours.surface,
        QPalette.ColorRole.AlternateBase: colours.alt_row,
        QPalette.ColorRole.Text: colours.ink,
        QPalette.ColorRole.PlaceholderText: colours.ink_soft,
        QPalette.ColorRole.Button: colours.surface,
        QPalette.ColorRole.ButtonText: colours.ink,
        QPalette.ColorRole.Highlight: colours.accent,
        QPalette.ColorRole.HighlightedText: colours.on_accent,
        QPalette.ColorRole.ToolTipBase: colours.surface,
        QPalette.ColorRole.ToolTipText: colours.ink,
        QPalette.ColorRole.Link: colours.accent,
        QPalette.ColorRole.Light: colours.surface,
        QPalette.ColorRole.Midlight: colours.border,
        QPalette.ColorRole.Mid: colours.border_strong,
        QPalette.ColorRole.Dark: colours.border_strong,
        QPalette.ColorRole.Shadow: colours.background,
    }
    result = QPalette()
    for role, colour in roles.items():
        result.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.WindowText, QPalette.ColorRole.ButtonText):
        result.setColor(QPalette.ColorGroup.Disabled, role, QColor(colours.disabled_ink))
    return result


def tick_image(colours: Colours) -> Path:
    """The tick drawn in a ticked check box, in the colour that stands on the accent."""
    return paths.images_dir() / "ui" / f"tick-{colours.on_accent.removeprefix('#')}.svg"


def style_sheet(colours: Colours, scale: float) -> str:
    template = Template(paths.package_file("ui", "style.qss").read_text(encoding="utf-8"))
    sizes = {name: f"{round(px * scale)}px" for name, px in SIZES.items()}
    return template.substitute(asdict(colours), tick=tick_image(colours).as_posix(), **sizes)


def apply_to_application(preferences: Preferences) -> tuple[Colours, float]:
    """Set the whole application's palette and style sheet; returns the colours and text scale used."""
    colours, scale = colours_for(preferences.theme), text_scale(preferences.larger_text)
    app = QApplication.instance()
    if isinstance(app, QApplication):
        app.setPalette(palette(colours))
        app.setStyleSheet(style_sheet(colours, scale))
    return colours, scale
