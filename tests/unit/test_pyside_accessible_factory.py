"""The accessibility factory (ui/accessible_roles.py) hands Qt interfaces made in Python; Qt's cache deletes
them with their widgets. A mistake in who owns them shows as a crash, now or at exit: a Python object
collected while Qt still uses it, or one interface deleted twice. These guard that it stays safe."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QCoreApplication, QEvent
from PySide6.QtGui import QAccessible
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from relaxapp.ui import accessible_roles
from relaxapp.ui.accessible_roles import Heading

CHECKOUT = Path(__file__).resolve().parents[2]


def titled_page(number: int) -> tuple[QWidget, QLabel]:
    page = QWidget()
    title = QLabel()
    title.setObjectName("pageTitle")
    title.setText(f"Page {number}")
    QVBoxLayout(page).addWidget(title)
    return page, title


def test_interfaces_outlive_nothing_they_serve_and_die_with_their_widgets(qtbot):
    accessible_roles.install()
    kept = []
    for number in range(500):
        page, title = titled_page(number)
        interface = QAccessible.queryAccessibleInterface(title)
        assert isinstance(interface, Heading) and interface.text(QAccessible.Text.Name) == f"Page {number}"
        if number % 2:
            page.deleteLater()
            QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
        else:
            del page, title  # Python owns a page without parent: gone at once, with its title
        kept.append(interface)
        if number % 50 == 0:
            gc.collect()
    gc.collect()
    # Qt deleted each interface with its widget; the Python side knows, and refuses to reach freed memory.
    assert not any(shiboken6.isValid(interface) for interface in kept)
    with pytest.raises(RuntimeError, match="already deleted"):
        kept[0].role()


def test_interfaces_no_one_holds_in_python_keep_working(qtbot):
    accessible_roles.install()
    page, title = titled_page(1)
    qtbot.addWidget(page)
    identity = QAccessible.uniqueId(QAccessible.queryAccessibleInterface(title))
    gc.collect()  # the Python object made by the factory must not go with the last Python name for it
    again = QAccessible.accessibleInterface(identity)
    assert again is not None and again.role() is QAccessible.Role.Heading


def test_a_process_that_makes_and_drops_many_headings_exits_cleanly():
    # At exit PySide lets go of every interface it kept, after Qt has deleted most of them: a double
    # delete would abort the process here, where a test in this process could not see it.
    script = textwrap.dedent(
        """
        import gc
        from PySide6.QtCore import QCoreApplication, QEvent
        from PySide6.QtGui import QAccessible
        from PySide6.QtWidgets import QApplication, QLabel, QVBoxLayout, QWidget
        from relaxapp.ui import accessible_roles
        from relaxapp.ui.illustration import Illustration

        app = QApplication([])
        accessible_roles.install()
        QAccessible.setActive(True)  # as with a screen reader: interfaces made early, some replaced
        alive = []
        for number in range(1000):
            page = QWidget()
            layout = QVBoxLayout(page)
            title = QLabel(f"Page {number}")  # named after its text: given a plain interface first
            title.setObjectName("pageTitle")
            layout.addWidget(title)
            layout.addWidget(Illustration())
            accessible_roles.expose_headings(page)
            for child in page.findChildren(QWidget):
                QAccessible.queryAccessibleInterface(child).text(QAccessible.Text.Name)
            if number % 3 == 0:
                alive.append(page)  # still there when the application ends
            elif number % 3 == 1:
                page.deleteLater()
                QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
            del page, layout, title
            gc.collect() if number % 100 == 0 else None
        gc.collect()
        print("made", len(alive), "pages", flush=True)
        """
    )
    # This checkout's relaxapp, not whichever one the interpreter has installed.
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join(filter(None, [str(CHECKOUT), os.environ.get("PYTHONPATH")])),
    }
    done = subprocess.run(
        [sys.executable, "-X", "faulthandler", "-c", script],
        check=False,  # the exit code is the finding
        capture_output=True,
        text=True,
        timeout=120,
        cwd=CHECKOUT,
        env=env,
    )
    assert (done.returncode, done.stdout.strip()) == (0, "made 334 pages"), done.stderr
