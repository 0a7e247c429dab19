"""What the person picks in the desktop's dialogs (a file to save or open, a folder, one of a list),
behind a protocol, so that tests answer instead."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget


class FileChooser(Protocol):
    """What the person picks in a dialog (a file, a folder, one of a list): the desktop's dialogs in the
    app, a fake in tests."""

    def save_file(self, parent: QWidget, caption: str, suggested: Path, kinds: str) -> Path | None: ...
    def open_file(self, parent: QWidget, caption: str, folder: Path, kinds: str) -> Path | None: ...
    def folder(self, parent: QWidget, caption: str, folder: Path) -> Path | None: ...
    def one_of(self, parent: QWidget, caption: str, question: str, items: list[str]) -> int | None: ...


class DialogFileChooser:
    """QFileDialog's own dialogs; an empty answer is a cancel."""

    def save_file(self, parent: QWidget, caption: str, suggested: Path, kinds: str) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(parent, caption, str(suggested), kinds)
        return Path(name) if name else None

    def open_file(self, parent: QWidget, caption: str, folder: Path, kinds: str) -> Path | None:
        name, _ = QFileDialog.getOpenFileName(parent, caption, str(folder), kinds)
        return Path(name) if name else None

    def folder(self, parent: QWidget, caption: str, folder: Path) -> Path | None:
        name = QFileDialog.getExistingDirectory(parent, caption, str(folder))
        return Path(name) if name else None

    def one_of(self, parent: QWidget, caption: str, question: str, items: list[str]) -> int | None:
        item, chosen = QInputDialog.getItem(parent, caption, question, items, 0, False)
        return items.index(item) if chosen else None
