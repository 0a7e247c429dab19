"""The runtime twin of the import-linter contracts in pyproject.toml."""

from __future__ import annotations

import subprocess
import sys


def test_the_core_loads_without_qt_or_pygame():
    code = (
        "import sys, pkgutil, importlib, relaxapp.core as core\n"
        "for m in pkgutil.iter_modules(core.__path__): importlib.import_module('relaxapp.core.' + m.name)\n"
        "print(sorted(n for n in sys.modules if n.split('.')[0] in ('PySide6', 'pygame', 'sqlite3')))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_window_starts_without_pygame():
    """pygame loads only after the first frame, so it costs no start-up time."""
    code = "import sys, relaxapp.app\nprint('pygame' in sys.modules)\n"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"
