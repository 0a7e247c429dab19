"""The runtime twin of the import-linter contracts in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys


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


def test_the_window_starts_without_pygame():
    """pygame loads only after the first frame, so it costs no start-up time."""
    code = "import sys, relaxapp.app\nprint('pygame' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
