from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtGui import QAccessible, QAccessibleAnnouncementEvent, QAccessibleEvent

from relaxapp.core import datafile
from relaxapp.core.catalog import Catalog
from relaxapp.core.clock import Clock, FakeClock
from relaxapp.core.patterns import DEFAULT_BREATHS_PER_MINUTE, paced_routine
from relaxapp.core.safety import Checklist, load_checklist
from relaxapp.core.sound import parse_prompts
from relaxapp.core.tips import TipBook, load_tips
from relaxapp.core.welcome import WelcomeQuestion, load_welcome
from relaxapp.logic.use_cases import UseCases
from relaxapp.storage import paths
from relaxapp.storage.history import HistoryStore
from relaxapp.ui import announce
from relaxapp.ui.main_window import MainWindow
from relaxapp.ui.session_runner import SessionRunner
from tests.helpers.stubs import RecordingPlayer

STARTED = datetime(2026, 11, 25, 8, 30, tzinfo=UTC)
TODAY = date(2026, 11, 25)


@pytest.fixture
def store(tmp_path: Path) -> Iterator[HistoryStore]:
    history = HistoryStore.open(tmp_path / "history.sqlite3")
    yield history
    history.close()


@pytest.fixture(scope="session")
def tips(shipped: Catalog) -> TipBook:
    return load_tips(paths.content_dir() / "tips.toml", {routine.id for routine in shipped.routines})


@pytest.fixture(scope="session")
def checklist() -> Checklist:
    return load_checklist(paths.content_dir() / "safety.toml")


@pytest.fixture(scope="session")
def prompts() -> dict[str, str]:
    return datafile.load(paths.content_dir() / "prompts.toml", parse_prompts)


@pytest.fixture(scope="session")
def welcome_question(shipped: Catalog) -> WelcomeQuestion:
    return load_welcome(paths.content_dir() / "welcome.toml", {routine.id for routine in shipped.routines})


@pytest.fixture
def make_window(
    qtbot,
    shipped: Catalog,
    store: HistoryStore,
    tmp_path: Path,
    tips: TipBook,
    checklist: Checklist,
    prompts: dict[str, str],
    welcome_question: WelcomeQuestion,
) -> Callable[..., MainWindow]:
    def make(
        clock: Clock, problems: list[str] | None = None, *, patterns_dir: Path | None = None
    ) -> MainWindow:
        settings = QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat)
        use_cases = UseCases.build(
            store,
            settings,
            shipped.routines,
            now=lambda: STARTED,
            prompts=prompts,
            patterns_dir=patterns_dir,
            welcome=welcome_question,
        )
        runner = SessionRunner(RecordingPlayer(clock), use_cases.sessions, clock)
        window = MainWindow(use_cases, runner, problems or [], tips=tips, checklist=checklist)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        return window

    return make


@pytest.fixture
def window(make_window, fake_clock: FakeClock) -> MainWindow:
    return make_window(fake_clock)


@pytest.fixture
def app_window(make_window, fake_clock: FakeClock, tmp_path: Path) -> MainWindow:
    """The window as the app builds it: it makes patterns of its own and offers paced breathing."""
    window = make_window(fake_clock, patterns_dir=tmp_path / "routines")
    window.home.add_routine(paced_routine(DEFAULT_BREATHS_PER_MINUTE))
    window.home.select("box")
    return window


@dataclass(frozen=True)
class Announcement:
    text: str
    urgent: bool


@pytest.fixture
def announcements(monkeypatch: pytest.MonkeyPatch) -> list[Announcement]:
    """What a screen reader is told to say, in order, in place of the accessibility bridge."""
    heard: list[Announcement] = []

    def hear(event: QAccessibleEvent) -> None:
        if isinstance(event, QAccessibleAnnouncementEvent):
            assertive = event.politeness() == QAccessible.AnnouncementPoliteness.Assertive
            heard.append(Announcement(event.message(), assertive))

    monkeypatch.setattr(announce, "send", hear)
    return heard
