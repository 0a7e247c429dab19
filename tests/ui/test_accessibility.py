"""Every control a person can reach has a name a screen reader can say."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSlider,
    QAbstractSpinBox,
    QLineEdit,
    QTextEdit,
    QWidget,
)

from relaxapp.ui.main_window import MainWindow

INTERACTIVE = (QAbstractButton, QAbstractSlider, QAbstractSpinBox, QLineEdit, QAbstractItemView, QTextEdit)


def unnamed_controls(root: QWidget) -> list[str]:
    missing = []
    for widget in root.findChildren(QWidget):
        reachable = bool(widget.focusPolicy() & Qt.FocusPolicy.TabFocus)
        qt_internal = widget.objectName().startswith("qt_")  # e.g. the spin box's own line edit
        if (
            not isinstance(widget, INTERACTIVE)
            or not widget.isVisibleTo(root)
            or not reachable
            or qt_internal
        ):
            continue
        # A button's own words are its name; everything else needs an accessible name.
        spoken = widget.accessibleName() or (widget.text() if isinstance(widget, QAbstractButton) else "")
        if not spoken.strip():
            missing.append(
                f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}"
            )
    return missing


def test_every_control_on_every_page_has_a_name(qtbot, window: MainWindow, fake_clock):
    seen = {"home": unnamed_controls(window)}
    window.go_history()
    seen["history"] = unnamed_controls(window)
    window.go_tips()
    seen["tips"] = unnamed_controls(window)
    window.go_safety_check()
    seen["safety"] = unnamed_controls(window)
    window.safety_page.assess()
    seen["safety answer"] = unnamed_controls(window)
    window.go_home()
    window.sessions.start_routine(window.home.selected_routine(), window.home.selected_length())
    seen["session"] = unnamed_controls(window)
    fake_clock.advance(20)
    window.runner.stop()
    seen["summary"] = unnamed_controls(window)
    assert {page: names for page, names in seen.items() if names} == {}


def test_the_check_notices_a_control_without_a_name(qtbot, window: MainWindow):
    window.home.breaths.setAccessibleName("")
    assert unnamed_controls(window) == ["QSpinBox '' in QWidget"]
