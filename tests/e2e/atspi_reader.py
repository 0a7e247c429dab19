"""Read relaxapp as a screen reader does, over AT-SPI, and print what it found as JSON.

Run by tests/e2e/test_screen_reader.py with the system's Python (Debian's python3-pyatspi), inside a
private D-Bus session on a virtual screen:

    xvfb-run -a dbus-run-session -- /usr/bin/python3 tests/e2e/atspi_reader.py APP_COMMAND...

It starts the app, reads the tree of the home page (the controls a person can reach, with their roles
and names), opens the warning signs, ticks a sudden sign and listens for what the app announces.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pyatspi
from gi.repository import GLib

CONTROLS = {"push button", "toggle button", "check box", "radio button", "page tab", "spin button", "slider"}
SUDDEN_SIGN = "I suddenly see double."
ANSWER_TITLE = "Call emergency services now"


def pump(seconds: float) -> None:
    """Let AT-SPI events arrive for a while."""
    context = GLib.MainContext.default()
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        while context.pending():
            context.iteration(False)
        time.sleep(0.02)


def find_app(name: str, timeout: float) -> pyatspi.Accessible:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name == name:
                return app
        pump(0.2)
    raise SystemExit(f"{name} never appeared on the accessibility bus")


def nodes(root: pyatspi.Accessible) -> list[pyatspi.Accessible]:
    found = [root]
    for child in root:
        if child is not None:
            found += nodes(child)
    return found


def showing(node: pyatspi.Accessible) -> bool:
    return node.getState().contains(pyatspi.STATE_SHOWING)


def find(app: pyatspi.Accessible, role: str, name: str, timeout: float = 5) -> pyatspi.Accessible:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for node in nodes(app):
            if node.getRoleName() == role and node.name == name and showing(node):
                return node
        pump(0.2)
    raise SystemExit(f"no {role} named {name!r} on screen")


def press(node: pyatspi.Accessible) -> None:
    """What a screen reader's 'activate' does: the control's own press (or toggle) action."""
    action = node.queryAction()
    names = [action.getName(index) for index in range(action.nActions)]
    action.doAction(names.index("Press") if "Press" in names else names.index("Toggle"))


def main() -> None:
    announced: list[dict[str, str]] = []

    def hear(event: pyatspi.event.Event) -> None:
        announced.append({"source": event.source.getRoleName(), "text": str(event.any_data)})

    pyatspi.Registry.registerEventListener(hear, "object:announcement")
    env = {**os.environ, "QT_LINUX_ACCESSIBILITY_ALWAYS_ON": "1", "QT_QPA_PLATFORM": "xcb"}
    app_process = subprocess.Popen(sys.argv[1:], env=env)
    try:
        app = find_app("relaxapp", timeout=30)
        # A person tabbing through the home page meets these: each needs a role and a name to be heard.
        find(app, "push button", "Start session", timeout=15)
        home = [
            {"role": node.getRoleName(), "name": node.name}
            for node in nodes(app)
            if node.getRoleName() in CONTROLS and showing(node)
        ]
        headings = [node.name for node in nodes(app) if node.getRoleName() == "heading" and showing(node)]
        press(find(app, next(n["role"] for n in home if n["name"] == "Warning signs"), "Warning signs"))
        announced.clear()
        press(find(app, "check box", SUDDEN_SIGN))
        pump(2)
        answer = [node.getRoleName() for node in nodes(app) if node.name == ANSWER_TITLE and showing(node)]
        result = {"home": home, "headings": headings, "announced": announced, "answer_title_roles": answer}
        print(json.dumps(result))
    finally:
        app_process.terminate()
        app_process.wait(timeout=10)


if __name__ == "__main__":
    main()
