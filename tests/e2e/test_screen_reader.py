"""relaxapp through a real screen reader's eyes: AT-SPI on a virtual screen, as Orca would read it.

Needs Xvfb, D-Bus, the AT-SPI core and Debian's python3-pyatspi (.ci/run installs them). Without them the
test is skipped on a developer's machine, but it fails in CI, where it must run.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.e2e.test_app import has_read_the_notice

ROOT = Path(__file__).resolve().parents[2]
SYSTEM_PYTHON = "/usr/bin/python3"


def missing_tools() -> list[str]:
    missing = [tool for tool in ("xvfb-run", "dbus-run-session") if shutil.which(tool) is None]
    has_pyatspi = Path(SYSTEM_PYTHON).exists() and (
        subprocess.run([SYSTEM_PYTHON, "-c", "import pyatspi"], capture_output=True, check=False).returncode
        == 0
    )
    return missing if has_pyatspi else [*missing, "python3-pyatspi"]


@pytest.fixture(scope="module")
def read_aloud(tmp_path_factory: pytest.TempPathFactory) -> dict[str, list]:
    missing = missing_tools()
    if missing:
        reason = f"a screen reader's view needs {', '.join(missing)}"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    data_dir = has_read_the_notice(tmp_path_factory.mktemp("data"))
    env = {**os.environ, "SDL_AUDIODRIVER": "dummy"}
    env.pop("QT_QPA_PLATFORM", None)
    reader = subprocess.run(
        [
            "xvfb-run", "-a", "-s", "-screen 0 1280x900x24",
            "dbus-run-session", "--",
            SYSTEM_PYTHON, str(ROOT / "tests" / "e2e" / "atspi_reader.py"),
            sys.executable, str(ROOT / "main.py"), "--data-dir", str(data_dir),
        ],
        env=env, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip
    assert reader.returncode == 0, reader.stderr[-3000:]
    return json.loads(reader.stdout.strip().splitlines()[-1])


def test_every_control_on_the_home_page_is_heard_with_a_name(read_aloud: dict[str, list]):
    home = read_aloud["home"]
    assert len(home) > 20  # the whole page was read, not an empty window
    assert [control for control in home if not control["name"].strip()] == []
    names = {control["name"] for control in home}
    assert {"Start session", "Log a twitch", "Warning signs"} <= names
    assert "What would help right now?" in read_aloud["headings"]  # the page title, to jump to


def test_the_emergency_answer_is_spoken_as_soon_as_a_sudden_sign_is_ticked(read_aloud: dict[str, list]):
    spoken = [heard["text"] for heard in read_aloud["announced"]]
    assert spoken, "nothing was announced"
    assert spoken[0].startswith("Call emergency services now. A sudden change in balance")
    assert read_aloud["answer_title_roles"] == ["heading"]
