"""A history page alone, over a real SQLite file, built from the application floor as the window builds it."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox, QWidget

from relaxapp.core.catalog import Catalog
from relaxapp.core.journal import CheckIn, Episode, EpisodeDuration, Place, Side
from relaxapp.core.record import Ratings, SessionRecord
from relaxapp.core.routine import RoutineKind
from relaxapp.logic.use_cases import UseCases
from relaxapp.storage.history import HistoryStore
from relaxapp.ui.backups import BackupKeeper
from relaxapp.ui.history.page import HistoryPage
from relaxapp.ui.history.timeline_model import Column
from tests.helpers.stubs import DictSettings

TODAY = date(2026, 3, 18)  # a Wednesday
NOW = datetime.combine(TODAY, time(12, 0)).astimezone().astimezone(UTC)


def at(day: date, hour: float) -> datetime:
    """A moment on the person's wall clock, stored as UTC, as the app stores it."""
    return (datetime.combine(day, time()) + timedelta(hours=hour)).astimezone().astimezone(UTC)


def session(
    day: date,
    hour: float = 8.0,
    *,
    kind: RoutineKind = RoutineKind.BREATHING,
    title: str = "Box breathing",
    minutes: float = 5.0,
    ratings: Ratings = Ratings(7, 4, 3, 2),  # noqa: B008 - frozen
) -> SessionRecord:
    seconds = minutes * 60
    return SessionRecord(
        title.lower().replace(" ", "_"), kind, title, at(day, hour), seconds, seconds, True, ratings=ratings
    )


def episode(day: date, hour: float = 15.0, intensity: int = 5, note: str = "") -> Episode:
    return Episode(at(day, hour), Side.LEFT, (Place.EYELID,), intensity, EpisodeDuration.SECONDS, note)


def filled(store: HistoryStore) -> HistoryStore:
    store.merge(
        [session(TODAY), session(TODAY - timedelta(days=1), kind=RoutineKind.MASSAGE, title="Face massage")],
        [episode(TODAY, note="after coffee")],
        [CheckIn(TODAY, sleep_hours=6.5, caffeine_drinks=2, stress=4)],
    )
    return store


class FakeFiles:
    """Answers the page's file questions with what the test chose; records what was asked."""

    def __init__(self, path: Path | None) -> None:
        self.path = path
        self.asked: list[str] = []
        self.offered: list[str] = []

    def save_file(self, parent: QWidget, caption: str, suggested: Path, kinds: str) -> Path | None:
        self.asked.append(caption)
        return self.path

    def open_file(self, parent: QWidget, caption: str, folder: Path, kinds: str) -> Path | None:
        self.asked.append(caption)
        return self.path

    def folder(self, parent: QWidget, caption: str, folder: Path) -> Path | None:
        self.asked.append(caption)
        return self.path

    def one_of(self, parent: QWidget, caption: str, question: str, items: list[str]) -> int | None:
        self.asked.append(caption)
        self.offered = items
        return 0 if self.path is not None else None


MakeFloor = Callable[[HistoryStore], UseCases]
MakePage = Callable[..., HistoryPage]


@pytest.fixture
def make_floor(tmp_path: Path, shipped: Catalog) -> MakeFloor:
    def make(store: HistoryStore) -> UseCases:
        return UseCases.build(
            store, DictSettings(), shipped.routines, now=lambda: NOW, backups_dir=tmp_path / "backups"
        )

    return make


@pytest.fixture
def make_page(qtbot, make_floor: MakeFloor) -> MakePage:
    def make(history: HistoryStore | UseCases, files: FakeFiles | None = None) -> HistoryPage:
        use_cases = history if isinstance(history, UseCases) else make_floor(history)
        assert use_cases.history_files.backups_dir is not None
        keeper = BackupKeeper(use_cases.history, use_cases.history_files.backups_dir, use_cases.now)
        page = HistoryPage(use_cases, backups=keeper, files=files)
        qtbot.addWidget(page)
        page.resize(1000, 700)
        with qtbot.waitActive(page):  # keys go to the focused widget of the active window, as on a desktop
            page.show()
            page.activateWindow()
        return page

    return make


def shown(page: HistoryPage, column: Column) -> list[str]:
    """The texts of one column, top to bottom, as the table shows them."""
    model = page.timeline.table.model()
    return [model.index(row, column).data() for row in range(model.rowCount())]


def message(page: HistoryPage) -> QMessageBox:
    """The message the page shows now."""
    [box] = [box for box in page.findChildren(QMessageBox) if box.isVisible()]
    return box
