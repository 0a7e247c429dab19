"""The wheel and the sdist carry every file the app reads: routines, tips, prompts, style, sounds, pictures.

Builds both with `python -m build` (the sdist first, then the wheel from the unpacked sdist, as pip and
pipx do), offline: the dev extra brings `build` and a setuptools new enough for pyproject.toml.
.ci/run then installs the wheel alone into a clean venv and runs its --self-test.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path

import pytest

from relaxapp import __version__

ROOT = Path(__file__).resolve().parents[2]
LEFT_BEHIND = (".git", ".venv", "build", "dist", "*.egg-info", "__pycache__", ".*_cache")


def checkout_files(folder: str) -> set[str]:
    """The files of the checkout under `folder`, relative to ROOT, without Python's caches."""
    return {
        path.relative_to(ROOT).as_posix()
        for path in (ROOT / folder).rglob("*")
        if path.is_file() and "__pycache__" not in path.parts
    }


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    # From a copy: setuptools reuses an earlier build's file list (relaxapp.egg-info/SOURCES.txt), which
    # would hide a file that is no longer package data.
    source = tmp_path_factory.mktemp("source") / "relaxapp"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*LEFT_BEHIND))
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        check=True,
        capture_output=True,
    )
    return out


def test_the_wheel_holds_the_code_the_content_and_the_assets_inside_the_package(built: Path):
    with zipfile.ZipFile(built / f"relaxapp-{__version__}-py3-none-any.whl") as wheel:
        inside = set(wheel.namelist())
        entry_points = wheel.read(f"relaxapp-{__version__}.dist-info/entry_points.txt").decode()
    needed = checkout_files("relaxapp") | {f"relaxapp/{name}" for name in checkout_files("assets")}
    assert sorted(needed - inside) == []
    assert any(name.startswith("relaxapp/content/routines/") for name in inside)
    assert "relaxapp = relaxapp.launch:main" in entry_points


def test_the_sdist_holds_what_the_wheel_is_built_from(built: Path):
    prefix = f"relaxapp-{__version__}/"
    with tarfile.open(built / f"relaxapp-{__version__}.tar.gz") as sdist:
        inside = {name.removeprefix(prefix) for name in sdist.getnames()}
    needed = (
        checkout_files("relaxapp") | checkout_files("assets") | {"pyproject.toml", "setup.py", "README.md"}
    )
    assert sorted(needed - inside) == []
