"""Build relaxapp_<version>_<arch>.deb from the PyInstaller bundle (packaging/build.py makes it).

    python packaging/linux/build_deb.py --bundle dist/relaxapp [--out dist]

The package puts the bundle in /opt/relaxapp, links /usr/bin/relaxapp to it, and installs the desktop
entry, the icons, the AppStream metadata, a manual page, the copyright file and the changelog where
Debian keeps them. It depends on the system libraries the bundle links to but does not carry, found by
reading every ELF file of the bundle. Needs dpkg-deb (with --root-owner-group: no fakeroot needed).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import xml.etree.ElementTree as ET
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
HERE = ROOT / "packaging" / "linux"
APP_ID = "io.github.relaxapp"
PACKAGE = "relaxapp"
MAINTAINER = "relaxapp developers <relaxapp@users.noreply.github.com>"

# Libraries the bundle links to and leaves to the system (PyInstaller never bundles the C library, the
# GL/EGL drivers' front ends, libxcb or Wayland's client libraries) → the Debian package that has them.
SYSTEM_PACKAGES = {
    "libc.so.6": "libc6",
    "libm.so.6": "libc6",
    "libdl.so.2": "libc6",
    "libpthread.so.0": "libc6",
    "librt.so.1": "libc6",
    "libresolv.so.2": "libc6",
    "libutil.so.1": "libc6",
    "ld-linux-x86-64.so.2": "libc6",
    "ld-linux-aarch64.so.1": "libc6",
    "libEGL.so.1": "libegl1",
    "libGL.so.1": "libgl1",
    "libOpenGL.so.0": "libopengl0",
    "libGLX.so.0": "libglx0",
    "libxcb.so.1": "libxcb1",
    "libwayland-client.so.0": "libwayland-client0",
    "libwayland-cursor.so.0": "libwayland-cursor0",
    "libwayland-egl.so.1": "libwayland-egl1",
}
# Needed but invisible in the ELF files: the bundled fontconfig reads the system's /etc/fonts (which
# brings a font with it); without it Qt finds no font and draws no text.
EXTRA_DEPENDS = ["fontconfig-config"]

DESCRIPTION = """\
calm companion for facial spasms and everyday tension
 relaxapp guides you through breathing that follows a circle, progressive
 muscle relaxation, guided imagery and facial self-massage, each spoken aloud
 and shown on screen. Every session lands in a history that stays on your
 computer, with charts, a spasm journal, tips, and a check of the warning
 signs that mean it is time to see a doctor.
 .
 It offers general wellbeing guidance, not diagnosis, and never uses the
 network. This package holds a self-contained build (Python, Qt and SDL
 inside /opt/relaxapp)."""


def version() -> str:
    text = (ROOT / "relaxapp" / "__init__.py").read_text(encoding="utf-8")
    found = re.search(r'__version__ = "(.+?)"', text)
    if found is None:
        raise SystemExit("build_deb: no __version__ in relaxapp/__init__.py")
    return found[1]


def architecture() -> str:
    return subprocess.run(
        ["dpkg", "--print-architecture"], check=True, capture_output=True, text=True
    ).stdout.strip()


def elf_files(folder: Path) -> list[Path]:
    def is_elf(path: Path) -> bool:
        with path.open("rb") as file:
            return file.read(4) == b"\x7fELF"

    return [
        path
        for path in sorted(folder.rglob("*"))
        if path.is_file() and not path.is_symlink() and is_elf(path)
    ]


def depends(bundle: Path) -> str:
    """Depends: for what the bundle's ELF files link to and the bundle does not carry."""
    carried = {path.name for path in bundle.rglob("*")}
    needed: set[str] = set()
    glibc = (2, 0)
    for path in elf_files(bundle):
        dynamic = subprocess.run(
            ["readelf", "-d", "-V", "-W", str(path)], check=True, capture_output=True, text=True
        ).stdout
        needed.update(re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]", dynamic))
        for major, minor in re.findall(r"Name: GLIBC_(\d+)\.(\d+)", dynamic):
            glibc = max(glibc, (int(major), int(minor)))
    missing = needed - carried
    unknown = sorted(missing - SYSTEM_PACKAGES.keys())
    if unknown:
        raise SystemExit(
            f"build_deb: which Debian package has {', '.join(unknown)}? Add it to SYSTEM_PACKAGES."
        )
    packages = {SYSTEM_PACKAGES[name] for name in missing} | set(EXTRA_DEPENDS)
    versioned = {"libc6": f"libc6 (>= {glibc[0]}.{glibc[1]})"}
    return ", ".join(versioned.get(name, name) for name in sorted(packages))


def changelog(release_version: str) -> bytes:
    """Debian's changelog, written from the AppStream releases (one source for both), gzipped as lintian
    wants it: -9, without a name or a time in the header, so the package builds the same twice."""
    metainfo = ET.parse(HERE / f"{APP_ID}.metainfo.xml").getroot()
    releases = metainfo.findall("releases/release")
    if not releases or releases[0].get("version") != release_version:
        raise SystemExit(f"build_deb: the metainfo's newest release is not {release_version}; add it first")
    entries = []
    for release in releases:
        day = datetime.strptime(release.get("date", ""), "%Y-%m-%d").replace(tzinfo=UTC)
        notes = " ".join(
            word for p in release.findall("description/p") for word in "".join(p.itertext()).split()
        )
        item = textwrap.fill(notes, width=78, initial_indent="  * ", subsequent_indent="    ")
        entries.append(
            f"{PACKAGE} ({release.get('version')}) unstable; urgency=medium\n\n{item}\n\n"
            f" -- {MAINTAINER}  {format_datetime(day)}\n"
        )
    return gzip.compress("\n".join(entries).encode(), compresslevel=9, mtime=0)


def manual(app: Path) -> bytes:
    """relaxapp(1), made from the app's own --help, so the two cannot disagree."""
    usage = subprocess.run([str(app), "--help"], check=True, capture_output=True, text=True).stdout
    escaped = "\n".join(line.replace("\\", "\\e").replace("-", "\\-") for line in usage.rstrip().splitlines())
    page = f""".TH RELAXAPP 1 "" "relaxapp {version()}" "User Commands"
.SH NAME
relaxapp \\- guided breathing and relaxation for facial spasms and everyday tension
.SH SYNOPSIS
.B relaxapp
.RI [ options ]
.SH DESCRIPTION
A desktop companion that guides breathing, muscle relaxation, guided imagery and face massage,
spoken aloud and shown on screen, and keeps a history of your sessions.
.SH OPTIONS
.nf
{escaped}
.fi
.SH FILES
.TP
.I ~/.local/share/relaxapp
history (history.sqlite3), its backups and your own routines
.TP
.I ~/.config/relaxapp
settings
.SH NOTES
Removing the package leaves these folders alone.
"""
    return gzip.compress(page.encode(), compresslevel=9, mtime=0)


def stage(bundle: Path, root: Path) -> None:
    """Lay the installed files out under `root`, with the permissions Debian expects."""
    shutil.copytree(bundle, root / "opt" / PACKAGE, symlinks=True)
    share = root / "usr" / "share"
    files = {
        share / "applications" / f"{APP_ID}.desktop": HERE / f"{APP_ID}.desktop",
        share / "metainfo" / f"{APP_ID}.metainfo.xml": HERE / f"{APP_ID}.metainfo.xml",
        share / "doc" / PACKAGE / "copyright": HERE / "copyright",
        share / "lintian" / "overrides" / PACKAGE: HERE / "lintian-overrides",
        share / "icons" / "hicolor" / "scalable" / "apps" / f"{PACKAGE}.svg": ROOT
        / "assets"
        / "images"
        / "relaxapp.svg",
    }
    for icon in sorted((ROOT / "packaging" / "icons" / "hicolor").glob("*/apps/*.png")):
        files[share / "icons" / "hicolor" / icon.relative_to(icon.parents[2])] = icon
    for target, source in files.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target)
    (share / "doc" / PACKAGE / "changelog.gz").write_bytes(changelog(version()))
    (share / "man" / "man1").mkdir(parents=True)
    (share / "man" / "man1" / f"{PACKAGE}.1.gz").write_bytes(manual(bundle / PACKAGE))
    (root / "usr" / "bin").mkdir(parents=True)
    # Absolute: Debian links across top-level folders absolutely. The bundle finds its files through
    # the real path of its executable, so the link is all a launcher needs to be.
    (root / "usr" / "bin" / PACKAGE).symlink_to(f"/opt/{PACKAGE}/{PACKAGE}")

    for path in [root, *root.rglob("*")]:
        if path.is_symlink():
            continue
        executable = path.is_dir() or path == root / "opt" / PACKAGE / PACKAGE
        path.chmod(0o755 if executable else 0o644)


def control(bundle: Path, root: Path) -> str:
    installed_kib = sum(-(-path.lstat().st_size // 1024) for path in root.rglob("*") if not path.is_dir())
    return (
        f"Package: {PACKAGE}\n"
        f"Version: {version()}\n"
        f"Architecture: {architecture()}\n"
        f"Maintainer: {MAINTAINER}\n"
        f"Installed-Size: {installed_kib}\n"
        f"Depends: {depends(bundle)}\n"
        "Section: utils\n"
        "Priority: optional\n"
        f"Description: {DESCRIPTION}\n"
    )


def md5sums(root: Path) -> str:
    lines = []
    for path in sorted(root.rglob("*")):
        if path.is_file() and not path.is_symlink():
            digest = hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()
            lines.append(f"{digest}  {path.relative_to(root).as_posix()}\n")
    return "".join(lines)


def build(bundle: Path, out: Path) -> Path:
    """Stage, describe and pack the bundle; return the .deb's path."""
    if not (bundle / PACKAGE).is_file():
        raise SystemExit(f"build_deb: no bundle in {bundle} (build it with packaging/build.py)")
    out.mkdir(parents=True, exist_ok=True)
    deb = out / f"{PACKAGE}_{version()}_{architecture()}.deb"
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch) / "root"
        stage(bundle, root)
        (root / "DEBIAN").mkdir(mode=0o755)
        (root / "DEBIAN" / "md5sums").write_text(md5sums(root))
        (root / "DEBIAN" / "control").write_text(control(bundle, root))
        for path in (root / "DEBIAN").iterdir():
            path.chmod(0o644)
        subprocess.run(["dpkg-deb", "--root-owner-group", "--build", str(root), str(deb)], check=True)
    return deb


def main() -> int:
    parser = argparse.ArgumentParser(description="Build the Debian package from the PyInstaller bundle.")
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / PACKAGE, help="the bundle's folder")
    parser.add_argument("--out", type=Path, default=ROOT / "dist", help="where the .deb goes")
    args = parser.parse_args()
    if shutil.which("dpkg-deb") is None:
        print("build_deb: dpkg-deb is missing (Debian: apt-get install dpkg)", file=sys.stderr)
        return 2
    deb = build(args.bundle.resolve(), args.out.resolve())
    print(f"build_deb: {deb} ({deb.stat().st_size / 2**20:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
