"""The runtime twin of the import-linter contracts in pyproject.toml."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def loaded_by(package: str) -> set[str]:
    """The top-level packages among PySide6, pygame and sqlite3 that importing every module of `package`
    (in a fresh interpreter) brings in."""
    code = (
        "import sys, pkgutil, importlib\n"
        f"package = importlib.import_module({package!r})\n"
        "for m in pkgutil.walk_packages(package.__path__, package.__name__ + '.'):\n"
        "    importlib.import_module(m.name)\n"
        "print(' '.join(sorted({n.split('.')[0] for n in sys.modules} & {'PySide6', 'pygame', 'sqlite3'})))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(result.stdout.split())


def test_the_core_loads_without_qt_pygame_or_sqlite():
    assert loaded_by("relaxapp.core") == set()


def test_the_application_floor_and_storage_load_without_qt_or_pygame():
    assert loaded_by("relaxapp.logic") == {"sqlite3"}  # through storage, its only way to the disk
    assert loaded_by("relaxapp.storage") == {"sqlite3"}


# Loaded when first needed, after the first frame: pygame (~100 ms), and what only later pages, a session or
# a rescue use (the statistics, export and import, SVG drawing, the hashes that name voice recordings).
NOT_AT_START = (
    "pygame",
    "statistics",
    "hashlib",
    "csv",
    "relaxapp.core.stats",
    "relaxapp.logic.progress",
    "relaxapp.storage.exchange",
    "relaxapp.ui.illustration",
    "PySide6.QtSvg",
    "PySide6.QtCharts",
    "tomllib",  # routines from their cache (kept by the start before), the prompts after the first frame
    "relaxapp.core.tips",  # the tip of the day's card is added after the first frame
    "relaxapp.core.visit_report",  # the visit report's numbers: only the history page offers it
    "relaxapp.core.safety",  # the warning signs, loaded with the tips; a kept answer needs only its urgency
    "relaxapp.storage.history.merging",  # an import, a restore or a recovery
    "relaxapp.storage.history.restoring",  # a backup brought back
    "html",  # its table of entities, for the notice and the insights
)


def test_the_first_frame_comes_without_what_it_does_not_show(tmp_path: Path):
    code = (
        "import sys\n"
        "from relaxapp.app import run\n"
        f"run(['--data-dir', {str(tmp_path)!r}, '--exit-after-first-frame'])\n"
        f"print(' '.join(name for name in {NOT_AT_START!r} if name in sys.modules))\n"
    )
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SDL_AUDIODRIVER": "dummy"}
    subprocess.run([sys.executable, "-c", code], capture_output=True, check=True, env=env)  # keeps the cache
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env)
    assert result.stdout.splitlines()[-1].split() == []
