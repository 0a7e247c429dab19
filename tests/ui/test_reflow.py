"""Every page fits the window, from its smallest size to a laptop's screen, with either text size and
either theme: nothing cut off by its parent, no words cut short, no sideways scrolling."""

from __future__ import annotations

import contextlib
import random

import pytest
from PySide6.QtWidgets import QAbstractScrollArea, QApplication, QWidget

from relaxapp.storage.history import HistoryStore
from relaxapp.ui.choices import RoutineCard
from relaxapp.ui.main_window import MINIMUM_SIZE, MainWindow
from tests.helpers.fit import cut_off
from tests.helpers.pages import SIZES, TOUR, close_stop, history_tab, home_with, look, twitch_charts
from tests.ui.conftest import TODAY
from tools.make_sample_history import sample

SETTLE_MS = 2000  # a layout that wraps may take a few passes of the event loop to settle
STILL_MS = 100  # and once it has, it stays so: not a moment between two passes that happened to fit


@pytest.fixture
def window(app_window: MainWindow, store: HistoryStore) -> MainWindow:
    """The app's window over three months of practice: full timeline, marked calendar, drawn charts."""
    sample(90, TODAY, random.Random(3)).merge_into(store)
    return app_window


def problems_at(qtbot, window: MainWindow) -> dict[str, list[str]]:
    """The tour of every page; what is cut off on each, once its layout has settled."""
    found = {}
    for name, visit in TOUR:
        stop = visit(window) or window
        with contextlib.suppress(qtbot.TimeoutError):
            qtbot.waitUntil(lambda: not cut_off(stop), timeout=SETTLE_MS)  # noqa: B023 - waited for here
        qtbot.wait(STILL_MS)
        if problems := cut_off(stop):
            found[name] = problems
        close_stop(stop)
    window.runner.stop()
    return found


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("larger_text", [False, True], ids=["normal-text", "larger-text"])
@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_every_page_fits_the_window(qtbot, window: MainWindow, size, larger_text, dark):
    look(window, dark=dark, larger_text=larger_text)
    window.resize(*size)
    qtbot.waitUntil(lambda: (window.width(), window.height()) == size, timeout=SETTLE_MS)
    assert problems_at(qtbot, window) == {}


@pytest.mark.parametrize("larger_text", [False, True], ids=["normal-text", "larger-text"])
def test_the_window_may_be_as_small_as_a_laptop_allows(window: MainWindow, larger_text):
    look(window, dark=False, larger_text=larger_text)
    least = window.minimumSize()
    assert (least.width(), least.height()) == MINIMUM_SIZE
    # With a title bar and a panel, a 1366×768 screen leaves about 1366×700 for a window.
    assert least.width() <= 1366 and least.height() <= 700


def test_larger_text_never_resizes_the_window(window: MainWindow):
    window.resize(900, 640)
    look(window, dark=False, larger_text=True)
    QApplication.processEvents()
    assert (window.width(), window.height()) == (900, 640)


def cards_side_by_side(window: MainWindow) -> bool:
    cards = [card for card in window.home.findChildren(RoutineCard) if card.isVisible()]
    return len({card.y() for card in cards}) < len(cards)


def test_routine_cards_drop_to_one_column_when_two_do_not_fit(qtbot, window: MainWindow):
    home_with("box")(window)
    window.resize(1366, 768)
    qtbot.waitUntil(lambda: cards_side_by_side(window))
    look(window, dark=False, larger_text=True)
    window.resize(*MINIMUM_SIZE)
    qtbot.waitUntil(lambda: not cards_side_by_side(window))
    cards = [card for card in window.home.findChildren(RoutineCard) if card.isVisible()]
    assert len({card.x() for card in cards}) == 1


def test_cards_side_by_side_share_their_row_top_and_height(qtbot, window: MainWindow):
    # The muscle relaxation cards have summaries of different lengths: the row is as tall as the longer.
    home_with("pmr_face_neck")(window)
    window.resize(1040, 700)
    qtbot.waitUntil(lambda: cards_side_by_side(window))
    cards = [card for card in window.home.findChildren(RoutineCard) if card.isVisible()]
    by_top: dict[int, list[RoutineCard]] = {}
    for card in sorted(cards, key=lambda card: (card.y(), card.x())):
        by_top.setdefault(card.y(), []).append(card)
    assert len(by_top) == -(-len(cards) // 2)  # two a row: each row's cards start at the same height
    assert all(len({card.height() for card in row}) == 1 for row in by_top.values())
    assert len({card.height() for card in cards}) > 1  # and the rows themselves differ: a real check


def scrolling(root: QWidget) -> list[QAbstractScrollArea]:
    """The areas of `root` that show an up-and-down scroll bar."""
    return [
        area
        for area in root.findChildren(QAbstractScrollArea)
        if area.isVisible() and area.verticalScrollBar().isVisible()
    ]


def test_the_insights_scroll_with_the_page_under_one_scroll_bar(qtbot, window: MainWindow):
    look(window, dark=False, larger_text=True)
    window.resize(*MINIMUM_SIZE)
    twitch_charts(window)  # the page scrolled down to the last row but one of the charts
    card = window.history.insights.since_injection_card
    qtbot.waitUntil(lambda: card.visibleRegion().boundingRect().height() == card.height())
    [page] = scrolling(window.history)
    assert page.isAncestorOf(window.history.tabs)


@pytest.mark.parametrize("larger_text", [False, True], ids=["normal-text", "larger-text"])
def test_the_calendar_takes_its_own_height_and_shows_whole_day_names(qtbot, window, larger_text):
    look(window, dark=False, larger_text=larger_text)
    window.resize(*MINIMUM_SIZE)
    history_tab(2)(window)  # the insights first: the tallest tab, which the calendar must not take after
    history_tab(1)(window)
    calendar = window.history.calendar.calendar
    # The month at its own height, not the insights' (which would need the page to scroll).
    qtbot.waitUntil(lambda: calendar.height() < MINIMUM_SIZE[1], timeout=SETTLE_MS)
    qtbot.wait(STILL_MS)
    areas = scrolling(window.history)
    assert len(areas) <= 1 and all(area.isAncestorOf(window.history.tabs) for area in areas)
    # Seven columns, each wide enough for the widest short name of a day, padding and all: Qt cut "Wed"
    # to "W…" in a cell as wide as the name and a guess at the margins.
    assert cut_off(calendar) == []


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
@pytest.mark.parametrize("larger_text", [False, True], ids=["normal-text", "larger-text"])
def test_the_calendar_rows_keep_a_sensible_height(qtbot, window: MainWindow, size, larger_text):
    # Stretched to the page's height, the month's rows were some 4.4 lines of text tall at 800x600 and the
    # month looked sparse; the room left goes below the month now.
    look(window, dark=False, larger_text=larger_text)
    window.resize(*size)
    history_tab(1)(window)
    view = window.history.calendar
    days = view.days()
    qtbot.waitUntil(lambda: not cut_off(view), timeout=SETTLE_MS)
    qtbot.wait(STILL_MS)
    assert cut_off(view) == []
    line = days.fontMetrics().lineSpacing()
    weeks = [days.rowHeight(row) for row in range(1, 7)]
    assert max(weeks) <= 3 * line, f"rows {weeks} px for lines of {line} px"
