"""The one place that knows where things live: the user's folders and the app's own files.

Bundled files are found the same way from a checkout, an installed wheel and a PyInstaller bundle
(PyInstaller documents sys.frozen and sys._MEIPASS for this).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "relaxapp"
_SOURCE_ROOT = Path(__file__).resolve().parents[2]  # the folder that holds the relaxapp package


@dataclass(frozen=True)
class UserPaths:
    data_dir: Path
    config_dir: Path
    log_dir: Path
    cache_dir: Path  # what can be made again from other files, kept only to save time

    @classmethod
    def default(cls) -> UserPaths:
        return cls(
            Path(platformdirs.user_data_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_config_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_log_dir(APP_NAME, appauthor=False)),
            Path(platformdirs.user_cache_dir(APP_NAME, appauthor=False)),
        )

    @classmethod
    def portable(cls, root: Path) -> UserPaths:
        """Everything under one folder (--data-dir): for a USB stick, and for tests."""
        root = root.resolve()
        return cls(root, root / "config", root / "logs", root / "cache")

    @property
    def history_db(self) -> Path:
        return self.data_dir / "history.sqlite3"

    @property
    def backups_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def user_routines_dir(self) -> Path:
        return self.data_dir / "routines"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.ini"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "relaxapp.log"

    @property
    def catalog_cache(self) -> Path:
        return self.cache_dir / "routines.pickle"


def bundle_root() -> Path:
    """Where the read-only files of the app are: the bundle's folder when frozen, else the package's."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_root:
        return Path(frozen_root)
    return _SOURCE_ROOT


def package_file(*parts: str) -> Path:
    """A file shipped inside the relaxapp package, e.g. package_file("ui", "style.qss")."""
    return bundle_root().joinpath("relaxapp", *parts)


def content_dir() -> Path:
    return package_file("content")


def assets_dir() -> Path:
    """relaxapp/assets in an installed wheel or a bundle; in a checkout, assets/ beside the package."""
    installed = package_file("assets")
    return installed if installed.is_dir() else _SOURCE_ROOT / "assets"


def audio_dir() -> Path:
    return assets_dir() / "audio"


def images_dir() -> Path:
    return assets_dir() / "images"


def image_ids() -> frozenset[str]:
    """Every illustration a routine may name, e.g. 'pmr/right-hand' for assets/images/pmr/right-hand.svg."""
    root = images_dir()
    return frozenset(path.relative_to(root).with_suffix("").as_posix() for path in root.rglob("*.svg"))
