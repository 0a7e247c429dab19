"""Build the relaxapp bundle with PyInstaller, self-test it offscreen and report its size.

    python packaging/build.py [--dist DIR] [--work DIR] [--clean] [--max-mb N]

Exits non-zero if PyInstaller is missing, the build fails, the built app's --self-test fails or the bundle
is larger than --max-mb (CI holds it to the size promised in the README).
bench/bundle.py uses the functions below. (There is deliberately no packaging/__init__.py: a package
named `packaging` at the repo root would shadow the PyPI `packaging` that PyInstaller and pytest import.)
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SPEC = ROOT / "packaging" / "relaxapp.spec"
NAME = "relaxapp"
INSTALL_HINT = f"{sys.executable} -m pip install -e '.[bundle]'   (or: pip install pyinstaller)"
SELF_TEST_TIMEOUT_S = 120


def pyinstaller_available() -> bool:
    return importlib.util.find_spec("PyInstaller") is not None


def bundle_dir(dist: Path) -> Path:
    """The folder a user gets: relaxapp/ (relaxapp.app on macOS)."""
    return dist / (f"{NAME}.app" if sys.platform == "darwin" else NAME)


def executable(dist: Path) -> Path:
    if sys.platform == "darwin":
        return bundle_dir(dist) / "Contents" / "MacOS" / NAME
    return bundle_dir(dist) / (f"{NAME}.exe" if sys.platform == "win32" else NAME)


def build(dist: Path, work: Path, *, clean: bool = False) -> Path:
    """Run PyInstaller on the spec; return the app's executable. Raises CalledProcessError on failure."""
    # -P: nothing from the current folder on sys.path (./packaging would shadow PyPI's packaging).
    command = [sys.executable, "-P", "-m", "PyInstaller", "--noconfirm", "--log-level", "WARN"]
    command += ["--distpath", str(dist), "--workpath", str(work), *(["--clean"] if clean else []), str(SPEC)]
    quiet = {**os.environ, "PYGAME_HIDE_SUPPORT_PROMPT": "1"}  # PyInstaller imports pygame to analyse it
    subprocess.run(command, cwd=ROOT, env=quiet, check=True)
    return executable(dist)


def offscreen_env() -> dict[str, str]:
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen", "SDL_AUDIODRIVER": "dummy"}


def self_test(app: Path) -> bool:
    """Run the built app's --self-test offscreen; print what it says; True when it passed."""
    try:
        result = subprocess.run(
            [str(app), "--self-test"],
            env=offscreen_env(),
            check=False,
            capture_output=True,
            text=True,
            timeout=SELF_TEST_TIMEOUT_S,
        )
    except (OSError, subprocess.TimeoutExpired) as error:
        print(f"build: self-test could not run: {error}", file=sys.stderr)
        return False
    # A windowed build (Windows) has no stdout: the exit code is the verdict.
    print((result.stdout + result.stderr).strip() or f"(no output; exit code {result.returncode})")
    return result.returncode == 0


def size_mb(folder: Path) -> float:
    """Total size of the files (symlinks counted once, as links), in MiB like `du -sm`."""
    total = sum(path.lstat().st_size for path in folder.rglob("*") if path.is_file() or path.is_symlink())
    return total / 2**20


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Build, self-test and measure the relaxapp bundle.")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist", help="output folder (default: dist/)")
    parser.add_argument("--work", type=Path, default=ROOT / "build", help="PyInstaller's work folder")
    parser.add_argument("--clean", action="store_true", help="empty PyInstaller's cache first")
    parser.add_argument("--max-mb", type=float, help="fail if the bundle is larger than this (MiB)")
    args = parser.parse_args(argv)

    if not pyinstaller_available():
        print(f"build: PyInstaller is not installed. Install it with:\n    {INSTALL_HINT}", file=sys.stderr)
        return 2
    dist = args.dist.resolve()
    try:
        app = build(dist, args.work.resolve(), clean=args.clean)
    except subprocess.CalledProcessError as error:
        print(f"build: PyInstaller failed (exit code {error.returncode})", file=sys.stderr)
        return 1
    megabytes = size_mb(bundle_dir(dist))
    print(f"build: {bundle_dir(dist)}: {megabytes:.1f} MB")
    passed = self_test(app)
    print(f"build: self-test {'passed' if passed else 'FAILED'}")
    if args.max_mb is not None and megabytes > args.max_mb:
        print(
            f"build: the bundle is {megabytes:.1f} MB, more than the {args.max_mb:g} MB allowed",
            file=sys.stderr,
        )
        return 1
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
