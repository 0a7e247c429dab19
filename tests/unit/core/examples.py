"""The entries the wording tests put in words: a rated session, the same stopped early, and a twitch."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime

from relaxapp.core.journal import Episode, EpisodeDuration, Place, Side
from relaxapp.core.record import Ratings, SessionRecord
from relaxapp.core.routine import RoutineKind

NOW = datetime(2026, 11, 25, 14, 30, 12, tzinfo=UTC)
TODAY = date(2026, 11, 25)
SESSION = SessionRecord(
    "box", RoutineKind.BREATHING, "Box breathing", NOW, 300, 300, True, ratings=Ratings(7, 5)
)
STOPPED = replace(SESSION, actual_seconds=176, completed=False)
EPISODE = Episode(NOW, Side.LEFT, (Place.EYELID,), 4, EpisodeDuration.MINUTES, "after\n  typing", id=3)
