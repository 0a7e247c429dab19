"""The PyInstaller bundle: its size, and process start → first frame painted, beside the app run from source.

    python bench/bundle.py [--reuse] [--dist DIR] [--work DIR]

Builds the bundle with packaging/build.py (or, with --reuse, uses the one already in --dist), then
launches the bundle and the source checkout alternately on a private Xvfb screen, as bench/startup.py
does, so both see the same machine load. The last line is one JSON object.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType

from startup import alternate, report
from xvfb import screen_env, virtual_screen

ROOT = Path(__file__).resolve().parent.parent
RUNS = 5


def load_build() -> ModuleType:
    # By path: a package named `packaging` would shadow PyPI's packaging (see packaging/build.py).
    spec = importlib.util.spec_from_file_location("relaxapp_build", ROOT / "packaging" / "build.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def main() -> None:
    parser = argparse.ArgumentParser(description="Bundle size and start-up against the source checkout.")
    parser.add_argument("--reuse", action="store_true", help="measure the bundle already in --dist")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    args = parser.parse_args()
    build = load_build()
    dist = args.dist.resolve()

    app = build.executable(dist)
    if not (args.reuse and app.exists()):
        if not build.pyinstaller_available():
            raise SystemExit(f"bench: PyInstaller is not installed: {build.INSTALL_HINT}")
        app = build.build(dist, args.work.resolve())
    bundle_mb = build.size_mb(build.bundle_dir(dist))

    # As the bundle is: byte-compiled (an editable checkout may not be).
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "relaxapp")], check=True)
    with (
        virtual_screen() as display,
        tempfile.TemporaryDirectory() as bundle_data,
        tempfile.TemporaryDirectory() as source_data,
    ):
        env = screen_env(display)
        first_frame = "--exit-after-first-frame"
        bundle_cmd = [str(app), "--data-dir", bundle_data, first_frame]
        source_cmd = [sys.executable, str(ROOT / "main.py"), "--data-dir", source_data, first_frame]
        bundle_runs, source_runs = alternate(bundle_cmd, source_cmd, env)

    print(f"bundle: {build.bundle_dir(dist)} ({bundle_mb:.1f} MB)")
    bundle_s, source_s, bundle_rss, source_rss = report(("bundle", "source"), bundle_runs, source_runs)
    figures = {
        "bundle_mb": round(bundle_mb, 1),
        "bundle_first_frame_s": round(bundle_s, 3),
        "source_first_frame_s": round(source_s, 3),
        "bundle_vs_source_ratio": round(bundle_s / source_s, 3),
        "bundle_rss_mb": round(bundle_rss, 1),
        "source_rss_mb": round(source_rss, 1),
    }
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
