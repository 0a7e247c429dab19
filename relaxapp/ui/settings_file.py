"""The settings file as the app opens it: checked first, so that Qt never reads what could end the app."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QSettings

from relaxapp.logic.preferences import SettingsFile, SettingsInMemory
from relaxapp.storage.settings_check import check_settings_file


@dataclass(frozen=True)
class OpenedSettings:
    settings: SettingsFile
    problem: str | None  # for the banner: what was wrong with the file and what was done about it


def open_settings(path: Path) -> OpenedSettings:
    """QSettings on `path` once it is safe to read; settings in memory when it cannot be used."""
    check = check_settings_file(path)
    settings = QSettings(str(path), QSettings.Format.IniFormat) if check.usable else SettingsInMemory()
    return OpenedSettings(settings, check.problem)
