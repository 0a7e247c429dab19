"""A method Qt calls while it paints keeps its exception to itself: logged once, and Qt gets an answer."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QPaintEvent
from PySide6.QtWidgets import QWidget

from relaxapp.ui.shielded import shielded


class FailingView(QWidget):
    painted = 0

    @shielded(None)
    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        FailingView.painted += 1
        raise OverflowError("date value out of range")


@pytest.mark.allow_logged_errors
def test_a_failing_paint_is_logged_once_and_never_reaches_qt(qtbot, caplog):
    view = FailingView()
    qtbot.addWidget(view)
    view.show()
    qtbot.waitExposed(view)
    # pytest-qt fails the test if an exception escapes a virtual method while these frames are painted.
    for frame in range(1, 4):
        view.update()
        qtbot.waitUntil(lambda frame=frame: FailingView.painted >= frame)
    failures = [r for r in caplog.records if "FailingView.paintEvent failed" in r.getMessage()]
    assert len(failures) == 1 and failures[0].exc_info is not None
