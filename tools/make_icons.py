"""Render the app icon (assets/images/relaxapp.svg) to the PNG sizes desktops ask for.

Uses Qt's own SVG renderer, so it needs nothing beyond the app's dependencies:
    python tools/make_icons.py
writes packaging/icons/hicolor/<size>x<size>/apps/relaxapp.png (the freedesktop icon theme layout)
and assets/images/relaxapp-256.png (the window icon).
"""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "assets" / "images" / "relaxapp.svg"
SIZES = (16, 24, 32, 48, 64, 128, 256, 512)


def render(renderer: QSvgRenderer, size: int, target: Path) -> None:
    image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    target.parent.mkdir(parents=True, exist_ok=True)
    if not image.save(str(target)):
        raise SystemExit(f"could not write {target}")
    print(f"wrote {target.relative_to(ROOT)}")


def main() -> int:
    app = QGuiApplication(sys.argv[:1])  # noqa: F841 - QPainter needs an application object
    renderer = QSvgRenderer(str(SOURCE))
    if not renderer.isValid():
        print(f"{SOURCE} is not a valid SVG", file=sys.stderr)
        return 1
    for size in SIZES:
        render(
            renderer,
            size,
            ROOT / "packaging" / "icons" / "hicolor" / f"{size}x{size}" / "apps" / "relaxapp.png",
        )
    render(renderer, 256, ROOT / "assets" / "images" / "relaxapp-256.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())
