"""The timeline never fails Qt while it paints: rows kept from before the diary's span was checked are left
out, and an entry that still cannot be put in words is listed as unreadable."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import Qt

from relaxapp.core.journal import Episode, EpisodeDuration, Place, Side
from relaxapp.storage.history import EVERYTHING, HistoryStore, TimelineEntry, TimelineFilter
from relaxapp.ui.history.timeline_model import UNREADABLE, Column, TimelineModel
from tests.ui.history.conftest import TODAY, MakePage, episode, session, shown


@pytest.fixture(params=["Asia/Tokyo", "America/New_York"])
def far_from_utc(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    """Local time hours away from UTC, either way: year 9999 or year 1 falls off Python's calendar there."""
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def test_a_history_holding_rows_from_year_1_and_9999_still_shows_every_tab(
    far_from_utc: str, store: HistoryStore, make_page: MakePage
):
    store.merge([session(TODAY), session(TODAY - timedelta(days=1))], [episode(TODAY)], [])
    with closing(sqlite3.connect(store.location)) as db:  # as an import of an earlier version kept them
        db.executemany(
            "INSERT INTO sessions (routine_id, routine_kind, routine_title, started_at, planned_seconds,"
            " actual_seconds, completed) VALUES ('box', 'breathing', 'Odd', ?, 300, ?, 1)",
            [
                ("9999-12-31T23:59:00.000+00:00", 300.0),
                ("0001-01-01T00:00:00.000+00:00", 300.0),
                (f"{TODAY.isoformat()}T05:00:00.000+00:00", 1e308),
                (f"{TODAY.isoformat()}T06:00:00.000+00:00", 1e308),
            ],
        )
        db.execute(
            "INSERT INTO episodes (occurred_at, side, place, intensity, duration)"
            " VALUES ('0001-01-01T00:00:00.000+00:00', 'left', 'eyelid', 3, 'seconds')"
        )
        db.commit()
    page = make_page(store)
    assert shown(page, Column.WHAT) == ["Twitch: left eyelid", "Box breathing", "Box breathing"]
    assert page.timeline.count_label.text() == "3 entries"
    assert page.sessions_total.value.text() == "2"
    for tab in range(page.tabs.count()):  # the calendar and the insights sum the minutes
        page.tabs.setCurrentIndex(tab)
        page.repaint()
    assert page.this_week.value.text() == "10 min"


class OneEntry:
    """A history reader that holds one entry, whatever it is: what no store would hand out today."""

    def __init__(self, entry: TimelineEntry) -> None:
        self.entry = entry

    def count_timeline(self, only: TimelineFilter = EVERYTHING) -> int:
        return 1

    def timeline(self, limit: int, after: TimelineEntry | None = None, **_: object) -> list[TimelineEntry]:
        return [] if after is not None else [self.entry]


def test_an_entry_that_cannot_be_put_in_words_is_listed_as_unreadable(qtbot, far_from_utc: str, caplog):
    moment = (
        datetime(1, 1, 1, tzinfo=UTC)
        if far_from_utc == "America/New_York"
        else datetime.max.replace(tzinfo=UTC)
    )
    entry = Episode(moment, Side.LEFT, Place.EYELID, 3, EpisodeDuration.SECONDS, id=7)
    model = TimelineModel(OneEntry(entry), lambda: date(2026, 3, 18))  # type: ignore[arg-type]
    model.reload()
    cells = [model.index(0, column).data() for column in Column]
    assert cells == [None, UNREADABLE, None, None, None, None]
    assert "cannot be shown" in model.index(0, Column.WHAT).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, Column.AMOUNT).data() is None
    unreadable = [r for r in caplog.records if "history row 7 (Episode) is unreadable" in r.getMessage()]
    assert len(unreadable) == 1  # once, however often the view asks again
