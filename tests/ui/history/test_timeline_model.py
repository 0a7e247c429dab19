"""The timeline never fails Qt while it paints: rows kept from before the diary's span was checked are left
out, and an entry that still cannot be put in words is listed as unreadable."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from datetime import UTC, date, datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt

from relaxapp.core.journal import Episode, EpisodeDuration, Place, Side
from relaxapp.storage.exchange import ImportRefusedError, parse_document
from relaxapp.storage.history import EVERYTHING, HistoryStore, TimelineEntry, TimelineFilter
from relaxapp.ui.history.timeline_model import UNREADABLE, UNREADABLE_TIP, Column, TimelineModel
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
    entry = Episode(moment, Side.LEFT, (Place.EYELID,), 3, EpisodeDuration.SECONDS, id=7)
    model = TimelineModel(OneEntry(entry), lambda: date(2026, 3, 18))  # type: ignore[arg-type]
    model.reload()
    cells = [model.index(0, column).data() for column in Column]
    assert cells == [None, UNREADABLE, None, None, None, None]
    assert "cannot be shown" in model.index(0, Column.WHAT).data(Qt.ItemDataRole.ToolTipRole)
    assert model.index(0, Column.AMOUNT).data() is None
    unreadable = [r for r in caplog.records if "history row 7 (Episode) is unreadable" in r.getMessage()]
    assert len(unreadable) == 1  # once, however often the view asks again


# Moments from a little before 1970 to a little after 2100, and from anywhere in Python's calendar, with any
# offset a file may give, and any length up to a day: whatever an import accepts, the timeline puts in words
# in every time zone.
OFFSETS = st.sampled_from(
    [timezone(timedelta(minutes=minutes)) for minutes in (-1439, -720, -300, 0, 60, 330, 840, 1439)]
)
EDGES = [
    datetime(*moment)
    for moment in (
        (1, 1, 1), (1, 1, 1, 12), (1970, 1, 1), (1970, 1, 2), (2100, 12, 30, 23), (2100, 12, 31),
        (9999, 12, 31, 12), (9999, 12, 31, 23, 59),
    )
]  # fmt: skip
FILE_MOMENTS = (
    st.datetimes(min_value=datetime(1969, 12, 30), max_value=datetime(2101, 1, 2), timezones=OFFSETS)
    | st.datetimes(timezones=OFFSETS)
    | st.builds(lambda moment, offset: moment.replace(tzinfo=offset), st.sampled_from(EDGES), OFFSETS)
)
ZONES = ["UTC", "Pacific/Kiritimati", "Etc/GMT+12", "America/New_York", "Asia/Tokyo", "Australia/Lord_Howe"]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    moment=FILE_MOMENTS,
    seconds=st.floats(min_value=0, max_value=86400),
    zone=st.sampled_from(ZONES),
    note=st.text(max_size=30),
)
def test_whatever_an_import_accepts_the_timeline_puts_in_words(
    qtbot, caplog, moment: datetime, seconds: float, zone: str, note: str
):
    document = {
        "format": "relaxapp-history",
        "version": 2,
        "sessions": [
            {"started_at": moment.isoformat(), "routine_id": "box", "routine_kind": "breathing",
             "routine_title": "Box breathing", "planned_seconds": max(seconds, 1), "actual_seconds": seconds,
             "completed": False, "tension_before": 7, "tension_after": "skipped"}
        ],
        "episodes": [
            {"occurred_at": moment.isoformat(), "side": "both", "place": "mouth", "intensity": 10,
             "duration": "hours", "note": note}
        ],
    }  # fmt: skip
    try:
        sessions, episodes, *_ = parse_document(Path("edge.json"), document)
    except ImportRefusedError:
        assume(False)  # outside the span: refused by name, as the import tests check
        return
    caplog.clear()
    with local_time(zone):
        for entry in [*sessions, *episodes]:
            model = TimelineModel(OneEntry(entry), lambda: date(2026, 3, 18))  # type: ignore[arg-type]
            model.reload()
            shown = [model.index(0, column).data() for column in Column]
            tips = [model.index(0, column).data(Qt.ItemDataRole.ToolTipRole) for column in Column]
            assert UNREADABLE not in shown and UNREADABLE_TIP not in tips
            assert all(isinstance(text, str) and text for text in shown[:3])
    assert not [r for r in caplog.records if "unreadable" in r.getMessage()]


@contextmanager
def local_time(zone: str) -> Iterator[None]:
    """Local time is `zone` for Python and the C library, for one example of many."""
    before = os.environ.get("TZ")
    os.environ["TZ"] = zone
    time.tzset()
    try:
        yield
    finally:
        if before is None:
            del os.environ["TZ"]
        else:
            os.environ["TZ"] = before
        time.tzset()
